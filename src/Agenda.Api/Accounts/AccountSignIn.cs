using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Agenda.Api.Accounts;

/// <summary>
/// Identity's sign-in, into the console's own session cookie (<see cref="ConsoleSession.Scheme"/>) rather than Identity's
/// default one. A deactivated account cannot sign in by any means (password, passkey, single sign-on); an account whose
/// address is not confirmed cannot either while the service sends e-mail (<see cref="AccountMailer.Available"/>), since the
/// confirmation link is how the address is proven.
/// </summary>
internal sealed class AccountSignIn : SignInManager<Account>
{
    private readonly AccountMailer mailer;

    public AccountSignIn(
        UserManager<Account> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<Account> claimsFactory,
        IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<Account>> logger, IAuthenticationSchemeProvider schemes,
        IUserConfirmation<Account> confirmation, AccountMailer mailer)
        : base(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
    {
        this.mailer = mailer;
        AuthenticationScheme = ConsoleSession.Scheme;
    }

    public override async Task<bool> CanSignInAsync(Account user) =>
        user.IsActive && (user.EmailConfirmed || !mailer.Available) && await base.CanSignInAsync(user);

    /// <summary>
    /// Two-factor here is the authenticator app: on when the account turned it on and has the app's key. Identity's own
    /// test asks every registered token provider, the phone's among them, which this store does not keep.
    /// </summary>
    public override async Task<bool> IsTwoFactorEnabledAsync(Account user) =>
        user.TwoFactorEnabled && await UserManager.GetAuthenticatorKeyAsync(user) is not null;
}

/// <summary>The console session's claims for an account: Identity's (id, name, security stamp), its owner, and whether it administers.</summary>
internal sealed class AccountClaims(UserManager<Account> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<Account>(users, options)
{
    public const string AdministratorClaim = "agenda:administrator";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ConsoleSession.OwnerClaim, user.OwnerId));
        if (user.IsAdministrator)
        {
            identity.AddClaim(new Claim(AdministratorClaim, "true"));
        }

        return identity;
    }
}
