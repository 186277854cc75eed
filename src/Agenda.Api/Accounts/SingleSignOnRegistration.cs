using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Agenda.Api.Accounts;

internal static class SingleSignOnRegistration
{
    /// <summary>
    /// Single sign-on (<see cref="SingleSignOnOptions"/>), when an authority is set: the OpenID Connect scheme
    /// <see cref="SingleSignOnOptions.Scheme"/>, authorization code with PKCE, its answer kept for five minutes in Identity's
    /// external cookie (agenda_external) until <see cref="SingleSignOn"/> turns it into a console session. The code comes
    /// back in the query (a top-level GET), so the correlation and nonce cookies need only SameSite=Lax. A refused, forged
    /// or replayed answer, or one the person cancelled, leads back to the sign-in page with a notice, never to an error.
    /// </summary>
    public static AuthenticationBuilder AddSingleSignOn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        // The use case is always there (the callback page asks it); without settings it finds no answer to turn into a session.
        authentication.Services.AddScoped<SingleSignOn>();
        if (SingleSignOnOptions.From(configuration) is not { } settings)
        {
            return authentication;
        }

        authentication.Services.AddSingleton(settings);
        return authentication.AddOpenIdConnect(SingleSignOnOptions.Scheme, settings.DisplayName, oidc =>
        {
            oidc.SignInScheme = IdentityConstants.ExternalScheme;
            oidc.Authority = settings.Authority;
            oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.CallbackPath = SingleSignOnOptions.CallbackPath;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.UsePkce = true;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("email");
            oidc.Scope.Add("profile");
            oidc.GetClaimsFromUserInfoEndpoint = true;
            oidc.SaveTokens = false;
            oidc.MapInboundClaims = false;
            // Whether the provider vouches for the address decides whether it may link or make an account.
            oidc.ClaimActions.MapUniqueJsonKey(SingleSignOn.EmailVerifiedClaim, SingleSignOn.EmailVerifiedClaim);
            oidc.CorrelationCookie.Name = "agenda_oidc_correlation.";
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.Name = "agenda_oidc_nonce.";
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.Events = new OpenIdConnectEvents
            {
                OnRemoteFailure = context =>
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
                        .LogWarning("A single sign-on answer was refused: {Reason}", context.Failure?.Message);
                    context.Response.Redirect($"{ConsoleSession.SignInPath}?notice={SingleSignOn.FailedNotice}");
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
                OnAccessDenied = context =>
                {
                    context.Response.Redirect($"{ConsoleSession.SignInPath}?notice={SingleSignOn.CancelledNotice}");
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
    }
}
