using Agenda.Api.Platform.Access;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// Exchanges one of the owner's API keys for a console session. The administrator key is refused: it is no owner's.
/// In <see cref="AuthMode.Open"/>, which has no keys, the owner is named by id (the page says so, loudly).
/// </summary>
internal sealed class SignInModel(AuthOptions auth, OwnerKeys keys, IOwnerStore owners) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public string? OwnerId { get; set; }

    public string? Error { get; private set; }

    public bool OpenMode => auth.Mode == AuthMode.Open;

    public bool NeedsHttps => ConsoleCookie.MustBeSecure(Request) && !Request.IsHttps;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (OpenMode)
        {
            if (await owners.FindOwnerAsync(OwnerId?.Trim() ?? "", cancellationToken) is not { } owner)
            {
                return Refused("UnknownOwner");
            }

            await ConsoleSession.SignInAsync(HttpContext, owner.Id, keyId: null);
            return LocalRedirect(Destination());
        }

        var presented = Key?.Trim() ?? "";
        if (keys.IsAdminKey(presented))
        {
            return Refused("AdminKeyRefused");
        }

        if (await keys.FindActiveKeyAsync(presented, cancellationToken) is not { } key)
        {
            return Refused("WrongKey");
        }

        await ConsoleSession.SignInAsync(HttpContext, key.OwnerId, key.Id);
        return LocalRedirect(Destination());
    }

    private PageResult Refused(string textKey)
    {
        Error = ConsoleTexts.Get(textKey);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    /// <summary>Back to the console page that sent the person here, never to another site or outside the console.</summary>
    private string Destination() =>
        ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/console", StringComparison.OrdinalIgnoreCase) ? url : "/console";
}
