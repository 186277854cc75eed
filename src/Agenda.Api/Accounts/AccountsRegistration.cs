using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Agenda.Api.Accounts;

internal static class AccountsRegistration
{
    public const int DefaultSessionMinutes = 8 * 60;

    /// <summary>
    /// Accounts with ASP.NET Core Identity over <see cref="AccountUserStore"/>: passwords (the framework's hasher, a length
    /// rule and nothing else, as NIST SP 800-63B advises), lockout after 5 failures for 15 minutes, tokens for the
    /// confirmation and reset links (a day), passkeys, an authenticator app, and the console's session cookie
    /// (<see cref="ConsoleSession"/>) with Identity's short-lived cookies beside it (the second step of a sign-in, a
    /// passkey ceremony, single sign-on). <c>Console:SessionMinutes</c> (default 480) is how long a session lasts
    /// without use; each request within its second half renews it.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var options = AccountOptions.From(configuration);
        services.AddSingleton(options);
        var minutes = configuration.GetValue("Console:SessionMinutes", DefaultSessionMinutes);
        if (minutes is < 1 or > 7 * 24 * 60)
        {
            throw new InvalidOperationException($"Console:SessionMinutes is {minutes}; it must be from 1 to {7 * 24 * 60} (a week).");
        }

        var publicBaseUrl = BookingLinks.ReadPublicBaseUrl(configuration);
        services.AddSingleton(s => new AccountMailer(
            s.GetRequiredService<IAccountMailStore>(), s.GetRequiredService<IDataProtectionProvider>(), publicBaseUrl, s.GetService<EmailSender>(),
            s.GetRequiredService<TimeProvider>()));
        services.AddHostedService<AccountMailDispatcher>();
        services.AddSingleton<AccountUserStore>();
        services.AddScoped<SignInRecord>();
        services.AddScoped<Invitations>();
        services.AddScoped<Administration>();
        services.AddScoped<AccountPasskeys>();
        services.AddScoped<AccountTwoFactor>();
        services.AddScoped<AccountService>();
        services.AddHttpContextAccessor();

        services.AddIdentityCore<Account>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.User.AllowedUserNameCharacters = "";
                identity.Password.RequiredLength = options.MinimumPasswordLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddUserStore<AccountUserStore>()
            .AddSignInManager<AccountSignIn>()
            .AddClaimsPrincipalFactory<AccountClaims>()
            .AddDefaultTokenProviders();
        // Every request checks the account's security stamp, so a new password or "sign out everywhere" ends other sessions at once.
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.Zero);
        services.Configure<IdentityPasskeyOptions>(passkeys => passkeys.ValidateOrigin = context => AccountPasskeys.IsThisServicesOrigin(context, publicBaseUrl));

        var authentication = services.AddAuthentication();
        authentication.AddCookie(ConsoleSession.Scheme, cookie =>
        {
            cookie.Cookie = ConsoleCookie.Session();
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(minutes);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = ConsoleSession.SignInPath;
            cookie.AccessDeniedPath = ConsoleSession.SignInPath;
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events = new CookieAuthenticationEvents { OnValidatePrincipal = ConsoleSession.ValidateAsync };
        });
        // A sign-in's second step and a passkey ceremony keep their state here for 5 minutes; single sign-on's answer for 5 too.
        authentication.AddCookie(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie = ConsoleCookie.Session("agenda_step");
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        authentication.AddCookie(IdentityConstants.TwoFactorRememberMeScheme, cookie => cookie.Cookie = ConsoleCookie.Session("agenda_remember"));
        authentication.AddCookie(IdentityConstants.ExternalScheme, cookie =>
        {
            cookie.Cookie = ConsoleCookie.Session("agenda_external", SameSiteMode.Lax);
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        authentication.AddSingleSignOn(configuration);
        return services;
    }
}
