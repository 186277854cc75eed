using Agenda.Api.Accounts;
using Agenda.Api.Platform.Access;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// Signing in to the console: with an account's address and password (then its second step, when it has two-factor
/// on), or a passkey (the page's script), or through single sign-on. Where <c>Console:KeySignIn</c> allows it, one of
/// the owner's API keys too (the administrator key is refused: it is no owner's). In <see cref="AuthMode.Open"/> an
/// owner may also be named by id (the page says so, loudly). With no account yet, the page leads to making the first.
/// </summary>
internal sealed class SignInModel(AuthOptions auth, AccountOptions options, OwnerKeys keys, IOwnerStore owners, AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public string? OwnerId { get; set; }

    /// <summary>What went wrong, as text to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Which form the error is about: password, key or owner.</summary>
    public string? ErrorFor { get; private set; }

    public bool OpenMode => auth.Mode == AuthMode.Open;

    public bool KeySignIn => options.KeySignIn && !OpenMode;

    public bool NeedsHttps => ConsoleCookie.MustBeSecure(Request) && !Request.IsHttps;

    /// <summary>Whether the page offers to make an account (the first, or any when sign-up is open).</summary>
    public SignUpState SignUp { get; private set; } = new(false, false, null);

    /// <summary>A notice after a redirect: the address confirmed, the password set.</summary>
    [BindProperty(SupportsGet = true, Name = "notice")]
    public string? NoticeKey { get; set; }

    public string? Notice => NoticeKey is { } key && key is "Confirmed" or "PasswordReset" or "ConfirmLinkInvalid" ? AccountTexts.Get(key) : null;

    public async Task OnGetAsync(CancellationToken cancellationToken) => SignUp = await accounts.SignUpStateAsync(null, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await accounts.PasswordSignInAsync(Email, Password, cancellationToken))
        {
            case PasswordSignIn.SignedIn:
                return LocalRedirect(Destination());
            case PasswordSignIn.FirstSignIn:
                return LocalRedirect("/console/setup");
            case PasswordSignIn.NeedsSecondFactor:
                return Redirect($"/console/two-factor?returnUrl={Uri.EscapeDataString(Destination())}");
            case var refused:
                return await RefusedAsync("password", AccountTexts.Get(refused switch
                {
                    PasswordSignIn.LockedOut => "LockedOut",
                    PasswordSignIn.Unconfirmed => "Unconfirmed",
                    _ => "WrongPassword",
                }), cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostKeyAsync(CancellationToken cancellationToken)
    {
        if (!KeySignIn)
        {
            return NotFound();
        }

        var presented = Key?.Trim() ?? "";
        if (keys.IsAdminKey(presented))
        {
            return await RefusedAsync("key", ConsoleTexts.Get("AdminKeyRefused"), cancellationToken);
        }

        // An agent's token opens /mcp only, never the console.
        if (await keys.FindActiveKeyAsync(presented, cancellationToken) is not { Scope: KeyScope.Full } key)
        {
            return await RefusedAsync("key", ConsoleTexts.Get("WrongKey"), cancellationToken);
        }

        await ConsoleSession.SignInAsync(HttpContext, key.OwnerId, key.Id);
        return LocalRedirect(Destination());
    }

    public async Task<IActionResult> OnPostOwnerAsync(CancellationToken cancellationToken)
    {
        if (!OpenMode)
        {
            return NotFound();
        }

        if (await owners.FindOwnerAsync(OwnerId?.Trim() ?? "", cancellationToken) is not { } owner)
        {
            return await RefusedAsync("owner", ConsoleTexts.Get("UnknownOwner"), cancellationToken);
        }

        await ConsoleSession.SignInAsync(HttpContext, owner.Id, keyId: null);
        return LocalRedirect(Destination());
    }

    private async Task<PageResult> RefusedAsync(string form, string error, CancellationToken cancellationToken)
    {
        Error = error;
        ErrorFor = form;
        SignUp = await accounts.SignUpStateAsync(null, cancellationToken);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    /// <summary>Back to the console page that sent the person here, never to another site or outside the console.</summary>
    private string Destination() => ConsoleSession.Destination(Url, ReturnUrl);
}
