using Agenda.Api.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console.Account;

/// <summary>
/// Single sign-on's two ends (docs/accounts-sso.md). The sign-in page's button posts here, and this page moves on to the
/// provider: the sign-in page lets its forms go only to this site (form-action 'self'), and a browser holds the redirects
/// that follow a form to that too, so the challenge's redirect becomes a page with a refresh. The provider's answer
/// (checked by the OpenID Connect handler at /console/signin-oidc) comes back here, and <see cref="SingleSignOn"/> signs
/// in, or says why not. The console's session cookie is SameSite=Strict, and this page is reached through a chain of
/// redirects that began at the provider's site, so a browser would not send the new cookie on one more redirect: the page
/// itself is the stop, and moves on to the console with a refresh (same-site; no script needed), or a link.
/// </summary>
internal sealed class ExternalSignInModel(AccountSignIn signIn, SingleSignOn singleSignOn, IAuthenticationSchemeProvider schemes, ILogger<ExternalSignInModel> logger)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Where to go on, once signed in (the console, or its second step).</summary>
    public string? Continue { get; private set; }

    /// <summary>Whether <see cref="Continue"/> is the account's second step.</summary>
    public bool SecondStep { get; private set; }

    /// <summary>The provider's sign-in address, on the way there.</summary>
    public string? ToProvider { get; private set; }

    /// <summary>The provider's name, on the way there.</summary>
    public string? ProviderName { get; private set; }

    /// <summary>What went wrong, as text to show.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await schemes.GetSchemeAsync(SingleSignOnOptions.Scheme) is null)
        {
            return NotFound();
        }

        var destination = ConsoleSession.Destination(Url, ReturnUrl);
        switch (await singleSignOn.CompleteAsync(cancellationToken))
        {
            case SingleSignOnAnswer.SignedIn signedIn:
                Continue = signedIn.First ? "/console/setup" : destination;
                break;
            case SingleSignOnAnswer.NeedsSecondFactor:
                Continue = $"/console/two-factor?returnUrl={Uri.EscapeDataString(destination)}";
                SecondStep = true;
                break;
            case SingleSignOnAnswer.Refused refused:
                Refusal = AccountTexts.Format(refused.Reason, refused.Email);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
        }

        Response.Headers["Refresh"] = $"0;url={Continue}";
        return Page();
    }

    /// <summary>The button: off to the provider, which sends the person back to this page (with where they were going).</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await schemes.GetSchemeAsync(SingleSignOnOptions.Scheme) is null)
        {
            return NotFound();
        }

        var back = Url.Page("/Console/Account/ExternalSignIn", new { returnUrl = ConsoleSession.Destination(Url, ReturnUrl) })!;
        var properties = signIn.ConfigureExternalAuthenticationProperties(SingleSignOnOptions.Scheme, back);
        try
        {
            await HttpContext.ChallengeAsync(SingleSignOnOptions.Scheme, properties);
        }
        catch (InvalidOperationException e) when (e.InnerException is not null || e.Message.StartsWith("IDX", StringComparison.Ordinal))
        {
            // The provider's configuration could not be read (it is down, or the authority is wrong): say so, not a 500.
            logger.LogWarning(e, "Single sign-on could not start: the provider's configuration could not be read.");
            Refusal = AccountTexts.Get("SingleSignOnUnavailable");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        // The sign-in page lets its forms go only to this site (form-action 'self'), and a browser holds the redirects
        // that follow a form to that too: so the challenge's redirect to the provider becomes this page, which moves on
        // with a refresh (or its link).
        if (Response.StatusCode == StatusCodes.Status302Found && Response.Headers.Location is [{ } provider])
        {
            Response.StatusCode = StatusCodes.Status200OK;
            Response.Headers.Remove("Location");
            Response.Headers["Refresh"] = $"0;url={provider}";
            ToProvider = provider;
            ProviderName = (await schemes.GetSchemeAsync(SingleSignOnOptions.Scheme))?.DisplayName;
            return Page();
        }

        return new EmptyResult();
    }
}
