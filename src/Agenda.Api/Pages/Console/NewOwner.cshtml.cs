using Agenda.Api.Accounts;
using Agenda.Api.Owners;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Wire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// Open mode only (development on one's own machine, no keys): creates an owner from the browser, as
/// <c>POST /v1/owners</c> does (<see cref="OwnerProfile.CreateAsync"/>), and signs in as them. With keys there is no such
/// page (404): owners are created by an administrator.
/// </summary>
internal sealed class NewOwnerModel(AuthOptions auth, OwnerProfile profile) : PageModel
{
    [BindProperty]
    public string? NewId { get; set; }

    [BindProperty]
    public string? NewName { get; set; }

    /// <summary>An IANA time zone; empty for UTC.</summary>
    [BindProperty]
    public string? NewZone { get; set; }

    /// <summary>Why the owner could not be created.</summary>
    public List<string> Errors { get; } = [];

    public IActionResult OnGet() => auth.Mode == AuthMode.Open ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (auth.Mode != AuthMode.Open)
        {
            return NotFound();
        }

        var request = new CreateOwnerRequest(NewId?.Trim(), Blank(NewName), Blank(NewZone));
        switch (await profile.CreateAsync(request, cancellationToken))
        {
            case Outcome<CreatedOwner>.Done { Value: var created }:
                await ConsoleSession.SignInAsync(HttpContext, created.Id, keyId: null);
                return LocalRedirect("/console?notice=OwnerCreated");
            case Outcome<CreatedOwner>.Refused:
                Errors.Add(ConsoleTexts.Get("OwnerExists"));
                break;
            case var invalid:
                Errors.AddRange(invalid.Messages);
                break;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
