namespace Agenda.Api.Accounts;

/// <summary>
/// Single sign-on through one OpenID Connect provider (docs/accounts-sso.md). <c>Accounts:Oidc:Authority</c>: the
/// provider's issuer address, such as <c>https://login.example.com/realms/staff</c>; unset, there is no single sign-on
/// (no scheme, no button). <c>Accounts:Oidc:ClientId</c> (required with an authority) and <c>Accounts:Oidc:ClientSecret</c>
/// (optional: a public client relies on PKCE alone): the service as the provider knows it, whose redirect URI is
/// <c>{PublicBaseUrl}console/signin-oidc</c>. <c>Accounts:Oidc:DisplayName</c> (default "single sign-on"): the provider's
/// name on the button, "Sign in with …". <c>Accounts:Oidc:RequireHttpsMetadata</c> (default true): whether the
/// authority must be https; only tests and a provider on the same machine set it false.
/// </summary>
internal sealed record SingleSignOnOptions(string Authority, string ClientId, string? ClientSecret, string DisplayName, bool RequireHttpsMetadata)
{
    /// <summary>The authentication scheme, also the provider's name in the account's linked sign-ins (account_logins).</summary>
    public const string Scheme = "oidc";

    /// <summary>Where the provider sends the person back (the redirect URI registered with it, under the console's cookie path).</summary>
    public const string CallbackPath = "/console/signin-oidc";

    public const string DefaultDisplayName = "single sign-on";

    /// <summary>The settings, or null when no authority is set; a setting that cannot work stops the start with one sentence.</summary>
    public static SingleSignOnOptions? From(IConfiguration configuration)
    {
        var authority = configuration["Accounts:Oidc:Authority"]?.Trim();
        if (string.IsNullOrEmpty(authority))
        {
            return null;
        }

        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new InvalidOperationException($"Accounts:Oidc:Authority is '{authority}'; it must be the provider's absolute http(s) address, such as https://login.example.com/, without a query.");
        }

        var configured = configuration["Accounts:Oidc:RequireHttpsMetadata"]?.Trim();
        var requireHttps = true;
        if (!string.IsNullOrEmpty(configured) && !bool.TryParse(configured, out requireHttps))
        {
            throw new InvalidOperationException($"Accounts:Oidc:RequireHttpsMetadata is '{configured}'; it must be 'true' or 'false'.");
        }

        if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"Accounts:Oidc:Authority is '{authority}', which is not https; use the provider's https address (only a test may set Accounts:Oidc:RequireHttpsMetadata to false).");
        }

        var clientId = configuration["Accounts:Oidc:ClientId"]?.Trim();
        if (string.IsNullOrEmpty(clientId))
        {
            throw new InvalidOperationException("Accounts:Oidc:Authority is set but Accounts:Oidc:ClientId is not; set the client id the provider gave this service.");
        }

        var secret = configuration["Accounts:Oidc:ClientSecret"];
        var displayName = configuration["Accounts:Oidc:DisplayName"]?.Trim();
        if (displayName is { Length: > 60 })
        {
            throw new InvalidOperationException($"Accounts:Oidc:DisplayName has {displayName.Length} characters; it is shown on a button and may have at most 60.");
        }

        return new SingleSignOnOptions(
            authority, clientId, string.IsNullOrEmpty(secret) ? null : secret, string.IsNullOrEmpty(displayName) ? DefaultDisplayName : displayName, requireHttps);
    }
}
