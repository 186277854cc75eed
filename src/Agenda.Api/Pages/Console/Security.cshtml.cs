using Agenda.Api.Accounts;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The signed-in account's sign-in and security: change (or set) the password, sign out everywhere, the passkeys and
/// two-factor pages, and the recent sign-in record. A session made with an API key has no account, and the page says so.
/// </summary>
internal sealed class SecurityModel(AccountService accounts, SignInRecord record, IAccountStore store, AccountOptions options) : ConsolePage
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public StoredAccount? Account { get; private set; }

    public IReadOnlyList<AccountEvent> Events { get; private set; } = [];

    public int MinimumPasswordLength => options.MinimumPasswordLength;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (User.AccountId() is not { } id)
        {
            return NotFound();
        }

        var problems = await accounts.ChangePasswordAsync(id, CurrentPassword, NewPassword, cancellationToken);
        if (problems.Count == 0)
        {
            return Done("PasswordChanged");
        }

        Errors.AddRange(problems.Select(AccountTexts.Get));
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        if (User.AccountId() is not { } id)
        {
            return NotFound();
        }

        await accounts.SignOutEverywhereAsync(id, cancellationToken);
        return Redirect(ConsoleSession.SignInPath);
    }

    /// <summary>How a line of the record reads: what happened, and how (the sign-in's method).</summary>
    public static string Describe(AccountEvent e) =>
        (AccountTexts.Has($"Event.{e.Kind}") ? AccountTexts.Get($"Event.{e.Kind}") : e.Kind)
        + (e.Detail is { } detail && AccountTexts.Has($"Method.{detail}") ? $" ({AccountTexts.Get($"Method.{detail}")})" : "");

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (User.AccountId() is { } id)
        {
            Account = await store.FindAccountAsync(id, cancellationToken);
            Events = await record.ListAsync(id, cancellationToken);
        }
    }
}
