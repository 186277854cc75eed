using Agenda.Api.Accounts;
using Agenda.Api.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The owner's audit log: every change made to their data, by them (in the console or with a key), by the
/// administrator, or tried by another owner's key; newest first, 50 a page, as the API's <c>/v1/owners/{o}/audit</c>;
/// and everything held about the owner to download, as the API's <c>/v1/owners/{o}/personal-data</c>.
/// </summary>
internal sealed class ActivityModel(AuditLog log, Privacy.PersonalData personalData) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<AuditEntryResponse> Entries { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        switch (await log.PageAsync(OwnerId, 50, Cursor, cancellationToken))
        {
            case Platform.Wire.Outcome<AuditPageResponse>.Done page:
                Entries = page.Value.Entries;
                NextCursor = page.Value.NextCursor;
                break;
            default:
                Errors.Add(ConsoleTexts.Get("ActivityCursorInvalid"));
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        return Page();
    }

    /// <summary>Everything held about the owner, as the API's export answers it, as a JSON file.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken) =>
        await personalData.ExportOwnerAsync(OwnerId, cancellationToken) is Platform.Wire.Outcome<System.Text.Json.Nodes.JsonObject>.Done done
            ? File(System.Text.Encoding.UTF8.GetBytes(done.Value.ToJsonString()), "application/json", "my-data.json")
            : NotFoundPage();

    /// <summary>Who acted, as the owner reads it: you, the administrator, or another owner by id.</summary>
    public string Who(AuditEntryResponse entry) => entry.Actor switch
    {
        "administrator" => ConsoleTexts.Get("ActorAdministrator"),
        "open" => ConsoleTexts.Get("ActorOpen"),
        "service" => ConsoleTexts.Get("ActorService"),
        var actor when actor == $"owner:{OwnerId}" || (actor.StartsWith("account:", StringComparison.Ordinal) && actor == $"account:{User.AccountId()}") => ConsoleTexts.Get("ActorYou"),
        var actor when actor.StartsWith("account:", StringComparison.Ordinal) => ConsoleTexts.Get("ActorAccount"),
        var actor => actor.StartsWith("owner:", StringComparison.Ordinal) ? actor["owner:".Length..] : actor,
    };
}
