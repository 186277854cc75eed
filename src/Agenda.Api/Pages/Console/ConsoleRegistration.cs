using Agenda.Api.Accounts;

namespace Agenda.Api.Pages.Console;

internal static class ConsoleRegistration
{
    /// <summary>
    /// The console's policy (the session of <see cref="ConsoleSession"/>, made by <c>AddAccounts</c>), which every page
    /// under Pages/Console requires except those that sign in or make an account.
    /// </summary>
    public static IServiceCollection AddOwnerConsole(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(ConsoleSession.Policy, policy => policy
            .AddAuthenticationSchemes(ConsoleSession.Scheme)
            .RequireAuthenticatedUser());
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Console", ConsoleSession.Policy);
            options.Conventions.AllowAnonymousToPage("/Console/SignIn");
            options.Conventions.AllowAnonymousToPage("/Console/NewOwner");
            options.Conventions.AllowAnonymousToFolder("/Console/Account");
        });
        return services;
    }
}
