using System.Security.Claims;
using Agenda.Api.Platform.Access;
using Agenda.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Agenda.Api.Accounts;

/// <summary>
/// The owner console's session: a cookie, separate from the API's bearer keys, made when someone signs in to their
/// account (<see cref="AccountSignIn"/>), or, where <c>Console:KeySignIn</c> allows it, with one of the owner's API keys.
/// Every request checks the session again: an account's security stamp (changed by a new password, "sign out
/// everywhere", a reset two-factor or a deactivation), or the key (revoking it ends the session at once). In
/// <see cref="AuthMode.Open"/> a session may name an owner without a key, and such a session ends as soon as the service
/// runs in <see cref="AuthMode.ApiKey"/>.
/// </summary>
internal static class ConsoleSession
{
    public const string Scheme = "AgendaConsole";
    public const string Policy = "ConsoleOwner";
    public const string SignInPath = "/console/sign-in";
    public const string CookieName = "agenda_console";

    public const string OwnerClaim = "agenda:owner";
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

    /// <summary>Ends the session, and any half-done two-factor or single sign-on step of this browser.</summary>
    public static async Task SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(Scheme);
        await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    /// <summary>Where to go after signing in: the console page that sent the person here, never another site or outside the console.</summary>
    public static string Destination(Microsoft.AspNetCore.Mvc.IUrlHelper url, string? returnUrl) =>
        returnUrl is { } local && url.IsLocalUrl(local) && local.StartsWith("/console", StringComparison.OrdinalIgnoreCase) ? local : "/console";

    /// <summary>Whether the session is an account's (rather than a key's or Open mode's).</summary>
    public static bool IsAccountSession(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == SecurityStampClaim);

    /// <summary>Whether the session's account administers the installation.</summary>
    public static bool IsAdministrator(this ClaimsPrincipal user) => user.HasClaim(AccountClaims.AdministratorClaim, "true");

    /// <summary>The account of the session, or null for a key's or Open mode's.</summary>
    public static string? AccountId(this ClaimsPrincipal user) => user.IsAccountSession() ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    private static readonly string SecurityStampClaim = new ClaimsIdentityOptions().SecurityStampClaimType;

    /// <summary>Runs on every request that reads the cookie: a session whose key was revoked, or that no longer fits the mode, ends.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Principal?.IsAccountSession() == true)
        {
            // Identity's validator, every request (its interval is zero): a changed security stamp ends the session.
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            return;
        }

        var owner = context.Principal?.FindFirstValue(OwnerClaim);
        var keyId = context.Principal?.FindFirstValue(KeyClaim);
        var valid = owner is not null && (keyId is null
            ? services.GetRequiredService<AuthOptions>().Mode == AuthMode.Open
            : services.GetRequiredService<AccountOptions>().KeySignIn && await services.GetRequiredService<IApiKeyStore>().FindApiKeyAsync(keyId, context.HttpContext.RequestAborted) is { IsActive: true } key
                && key.OwnerId == owner);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
