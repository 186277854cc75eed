using Agenda.Api.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The signed-in account's passkeys (<see cref="AccountPasskeys"/>): listed with their names and dates, added by the
/// browser's ceremony (the page's script asks for the options, then posts the browser's answer with the form), renamed
/// and removed. A session made with an API key has no account, and the page says so.
/// </summary>
internal sealed class SecurityPasskeysModel(AccountPasskeys passkeys) : ConsolePage
{

    public IReadOnlyList<PasskeyListing> Passkeys { get; private set; } = [];

    public bool HasAccount => User.AccountId() is not null;

    /// <summary>The passkey just added, whose name field takes the focus so it can be named at once.</summary>
    [BindProperty(SupportsGet = true, Name = "added")]
    public string? Added { get; set; }

    public int MaximumNameLength => AccountPasskeys.MaximumNameLength;

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>The options for <c>navigator.credentials.create</c> (JSON), asked for by the page's script with the antiforgery token.</summary>
    public async Task<IActionResult> OnPostOptionsAsync() =>
        User.AccountId() is { } id && await passkeys.CreationOptionsAsync(id, Owner.DisplayName) is { } options
            ? Content(options, "application/json")
            : NotFound();

    public async Task<IActionResult> OnPostAddAsync(string? credential, string? name, CancellationToken cancellationToken)
    {
        if (User.AccountId() is not { } id)
        {
            return NotFound();
        }

        return await passkeys.AddAsync(id, credential, name, Request.Headers.UserAgent.ToString(), cancellationToken) switch
        {
            PasskeyAddition.Added added => RedirectToPage(new { notice = "PasskeyAdded", added = added.Id }),
            PasskeyAddition.Refused refused => await ProblemAsync(refused.Reason),
            _ => throw new InvalidOperationException("A passkey was neither added nor refused."),
        };
    }

    public async Task<IActionResult> OnPostRenameAsync(string? passkey, string? name)
    {
        if (User.AccountId() is not { } id)
        {
            return NotFound();
        }

        return await passkeys.RenameAsync(id, passkey, name) is { } problem ? await ProblemAsync(problem) : Done("PasskeyRenamed");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? passkey, CancellationToken cancellationToken)
    {
        if (User.AccountId() is not { } id)
        {
            return NotFound();
        }

        return await passkeys.RemoveAsync(id, passkey, cancellationToken) is { } problem ? await ProblemAsync(problem) : Done("PasskeyRemoved");
    }

    private async Task<PageResult> ProblemAsync(string problem)
    {
        Errors.Add(AccountTexts.Get(problem));
        Response.StatusCode = problem == "PasskeyMissing" ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        if (User.AccountId() is { } id)
        {
            Passkeys = await passkeys.ListAsync(id);
        }
    }
}
