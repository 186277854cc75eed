using Agenda.Api.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// Two-factor sign-in with an authenticator app for the signed-in account (<see cref="AccountTwoFactor"/>). Off: a
/// button starts the set-up, which shows a new key (as a QR code and as text) and asks for a code from the app; the
/// right code turns it on and shows the ten recovery codes, once. On: new recovery codes (shown once), or turn it off
/// with a current code or the password. Secrets are in the answer to a post only, never in an address.
/// </summary>
internal sealed class SecurityTwoFactorModel(AccountTwoFactor twoFactor) : ConsolePage
{

    public TwoFactorState? State { get; private set; }

    /// <summary>The key being set up, shown until the app's code confirms it.</summary>
    public AuthenticatorSetup? Setup { get; private set; }

    /// <summary>Recovery codes just made, shown in this answer only.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (User.AccountId() is not { } id)
        {
            return NotFound();
        }

        Setup = await twoFactor.StartAsync(id);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTurnOnAsync(string? code, CancellationToken cancellationToken)
    {
        if (User.AccountId() is not { } id)
        {
            return NotFound();
        }

        RecoveryCodes = await twoFactor.TurnOnAsync(id, code, cancellationToken);
        if (RecoveryCodes is null)
        {
            Errors.Add(AccountTexts.Get("TwoFactorCodeWrong"));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Setup = await twoFactor.PendingAsync(id);
        }
        else
        {
            Notice = AccountTexts.Get("TwoFactorTurnedOn");
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        if (User.AccountId() is not { } id)
        {
            return NotFound();
        }

        RecoveryCodes = await twoFactor.NewRecoveryCodesAsync(id, cancellationToken);
        if (RecoveryCodes is not null)
        {
            Notice = AccountTexts.Get("RecoveryCodesMade");
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTurnOffAsync(string? proof, CancellationToken cancellationToken)
    {
        if (User.AccountId() is not { } id)
        {
            return NotFound();
        }

        if (await twoFactor.TurnOffAsync(id, proof, cancellationToken) is not { } problem)
        {
            return Done("TwoFactorTurnedOff");
        }

        Errors.Add(AccountTexts.Get(problem));
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        if (User.AccountId() is { } id)
        {
            State = await twoFactor.StateAsync(id);
        }
    }
}
