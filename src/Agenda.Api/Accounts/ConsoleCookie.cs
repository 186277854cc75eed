using Agenda.Api.Platform.Access;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Agenda.Api.Accounts;

/// <summary>
/// The console's cookies are Secure whenever the request came over HTTPS or names a host other than loopback, so a
/// session never travels in clear text to another machine, while http://localhost still works on one's own machine.
/// A browser refuses a Secure cookie from a plain-HTTP page that is not loopback: the console then needs HTTPS.
/// </summary>
internal sealed class ConsoleCookie : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = MustBeSecure(context.Request);
        return options;
    }

    public static bool MustBeSecure(HttpRequest request) =>
        request.IsHttps || !OpenModeGuard.IsLoopback($"http://{request.Host.Host}");

    /// <summary>The session cookie: only for /console, never readable by script, never sent from another site.</summary>
    public static ConsoleCookie Session() => Session(ConsoleSession.CookieName);

    /// <summary>Another cookie of the console's (a sign-in step, single sign-on's answer), with the session's protections.</summary>
    public static ConsoleCookie Session(string name, SameSiteMode sameSite = SameSiteMode.Strict) => new()
    {
        Name = name,
        Path = "/console",
        HttpOnly = true,
        SameSite = sameSite,
        IsEssential = true,
    };
}
