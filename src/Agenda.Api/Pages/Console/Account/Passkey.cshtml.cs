using Agenda.Api.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console.Account;

/// <summary>
/// Signing in with a passkey (<see cref="AccountPasskeys.SignInAsync"/>): the sign-in page's script asks here for the
/// options, lets the browser find a passkey of this service, and posts its answer with the form. A refusal is shown on
/// this page, with the button to try again.
/// </summary>
internal sealed class PasskeyModel(AccountPasskeys passkeys) : PageModel
{

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Credential { get; set; }

    /// <summary>Why the passkey did not sign in, as text to show.</summary>
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>The options for <c>navigator.credentials.get</c> (JSON), asked for by the script with the antiforgery token.</summary>
    public async Task<IActionResult> OnPostOptionsAsync() => Content(await passkeys.RequestOptionsAsync(), "application/json");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await passkeys.SignInAsync(Credential, cancellationToken);
        if (outcome == PasskeySignIn.SignedIn)
        {
            return LocalRedirect(ConsoleSession.Destination(Url, ReturnUrl));
        }

        Error = AccountTexts.Get(outcome switch
        {
            PasskeySignIn.TooSlow => "PasskeyTooSlow",
            PasskeySignIn.LockedOut => "LockedOut",
            PasskeySignIn.NotAllowed => "PasskeyNotAllowed",
            _ => "PasskeyUnknown",
        });
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
