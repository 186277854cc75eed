using System.Security.Claims;
using Agenda.Api.Platform.Access;
using Agenda.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The owner console's session: a cookie, separate from the API's bearer keys, made when an owner signs in with one of
/// their API keys. The cookie names the owner and the key; every request checks that key again, so revoking it ends
/// the session at once. In <see cref="AuthMode.Open"/> a session may name an owner without a key, and such a session
/// ends as soon as the service runs in <see cref="AuthMode.ApiKey"/>.
/// </summary>
internal static class ConsoleSession
{
    public const string Scheme = "AgendaConsole";
    public const string Policy = "ConsoleOwner";
    public const string SignInPath = "/console/sign-in";
    public const string CookieName = "agenda_console";

    private const string OwnerClaim = "agenda:owner";
    private const string KeyClaim = "agenda:key";

    /// <summary>The owner this session acts for; only ever read on pages that require <see cref="Policy"/>.</summary>
    public static string ConsoleOwnerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(OwnerClaim) ?? throw new InvalidOperationException("This page needs a console session.");

    /// <summary>The id of the key the session was made from, or null for a session of <see cref="AuthMode.Open"/>.</summary>
    public static string? ConsoleKeyId(this ClaimsPrincipal user) => user.FindFirstValue(KeyClaim);

    public static Task SignInAsync(HttpContext http, string ownerId, string? keyId)
    {
        var claims = new List<Claim> { new(OwnerClaim, ownerId) };
        if (keyId is not null)
        {
            claims.Add(new Claim(KeyClaim, keyId));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, OwnerClaim, null));
        return http.SignInAsync(Scheme, principal, new AuthenticationProperties { IsPersistent = false });
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>Runs on every request that reads the cookie: a session whose key was revoked, or that no longer fits the mode, ends.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var owner = context.Principal?.FindFirstValue(OwnerClaim);
        var keyId = context.Principal?.FindFirstValue(KeyClaim);
        var valid = owner is not null && (keyId is null
            ? services.GetRequiredService<AuthOptions>().Mode == AuthMode.Open
            : await services.GetRequiredService<IApiKeyStore>().FindApiKeyAsync(keyId, context.HttpContext.RequestAborted) is { IsActive: true } key
                && key.OwnerId == owner);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
