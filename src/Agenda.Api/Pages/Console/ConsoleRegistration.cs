using Microsoft.AspNetCore.Authentication.Cookies;

namespace Agenda.Api.Pages.Console;

internal static class ConsoleRegistration
{
    public const int DefaultSessionMinutes = 8 * 60;

    /// <summary>
    /// The console's cookie scheme (not the default scheme: the API never reads the cookie) and its policy, which every
    /// page under Pages/Console requires except the sign-in page. <c>Console:SessionMinutes</c> (default 480) is how long
    /// a session lasts without use; each request within the second half of it renews it.
    /// </summary>
    public static IServiceCollection AddOwnerConsole(this IServiceCollection services, IConfiguration configuration)
    {
        var minutes = configuration.GetValue("Console:SessionMinutes", DefaultSessionMinutes);
        if (minutes is < 1 or > 7 * 24 * 60)
        {
            throw new InvalidOperationException($"Console:SessionMinutes is {minutes}; it must be from 1 to {7 * 24 * 60} (a week).");
        }

        services.AddAuthentication().AddCookie(ConsoleSession.Scheme, options =>
        {
            options.Cookie = ConsoleCookie.Session();
            options.ExpireTimeSpan = TimeSpan.FromMinutes(minutes);
            options.SlidingExpiration = true;
            options.LoginPath = ConsoleSession.SignInPath;
            options.AccessDeniedPath = ConsoleSession.SignInPath;
            options.ReturnUrlParameter = "returnUrl";
            options.Events = new CookieAuthenticationEvents { OnValidatePrincipal = ConsoleSession.ValidateAsync };
        });
        services.AddAuthorizationBuilder().AddPolicy(ConsoleSession.Policy, policy => policy
            .AddAuthenticationSchemes(ConsoleSession.Scheme)
            .RequireAuthenticatedUser());
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Console", ConsoleSession.Policy);
            options.Conventions.AllowAnonymousToPage("/Console/SignIn");
            options.Conventions.AllowAnonymousToPage("/Console/NewOwner");
        });
        return services;
    }
}
