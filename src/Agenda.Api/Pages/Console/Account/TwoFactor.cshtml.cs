using Agenda.Api.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console.Account;

/// <summary>
/// The second step of a password sign-in for an account with two-factor on (<see cref="AccountTwoFactor.SecondStepAsync"/>):
/// a code from the authenticator app, or one of the recovery codes. Which account is waiting is in Identity's
/// short-lived step cookie, set by the password; without it (none, or older than 5 minutes) the page leads back to
/// the sign-in.
/// </summary>
internal sealed class TwoFactorModel(AccountTwoFactor twoFactor) : PageModel
{

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Whether a sign-in waits for its second step in this browser.</summary>
    public bool Waiting { get; private set; }

    /// <summary>What went wrong, as text to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Which form the error is about: code or recovery.</summary>
    public string? ErrorFor { get; private set; }

    public async Task OnGetAsync() => Waiting = await twoFactor.WaitingAsync() is not null;

    public Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken) => StepAsync(code, recoveryCode: false, cancellationToken);

    public Task<IActionResult> OnPostRecoveryAsync(string? recoveryCode, CancellationToken cancellationToken) => StepAsync(recoveryCode, recoveryCode: true, cancellationToken);

    private async Task<IActionResult> StepAsync(string? code, bool recoveryCode, CancellationToken cancellationToken)
    {
        var outcome = await twoFactor.SecondStepAsync(code, recoveryCode, cancellationToken);
        if (outcome == SecondStep.SignedIn)
        {
            return LocalRedirect(ConsoleSession.Destination(Url, ReturnUrl));
        }

        Waiting = outcome is SecondStep.Wrong;
        ErrorFor = recoveryCode ? "recovery" : "code";
        Error = AccountTexts.Get(outcome switch
        {
            SecondStep.TooSlow => "TwoFactorTooSlow",
            SecondStep.LockedOut => "LockedOut",
            SecondStep.NotAllowed => "PasskeyNotAllowed",
            _ => recoveryCode ? "RecoveryCodeWrong" : "TwoFactorCodeWrong",
        });
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
