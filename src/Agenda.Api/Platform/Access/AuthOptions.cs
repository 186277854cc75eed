namespace Agenda.Api.Platform.Access;

internal enum AuthMode
{
    /// <summary>Owners' routes need the owner's API key (or the administrator key).</summary>
    ApiKey,

    /// <summary>No keys at all, as the original document had it: for trying the service on one's own machine.</summary>
    Open,
}

/// <summary>
/// <c>Auth:Mode</c> (default <c>ApiKey</c>, except <c>Open</c> in the Development environment) and
/// <c>Auth:AdminKey</c>, the administrator's key, which may create owners and act for any owner.
/// </summary>
internal sealed record AuthOptions(AuthMode Mode, string? AdminKey)
{
    public static AuthOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Auth:Mode"];
        AuthMode mode;
        if (string.IsNullOrWhiteSpace(configured))
        {
            mode = environment.IsDevelopment() ? AuthMode.Open : AuthMode.ApiKey;
        }
        else if (!Enum.TryParse(configured, ignoreCase: true, out mode) || !Enum.IsDefined(mode))
        {
            throw new InvalidOperationException($"Auth:Mode is '{configured}'; it must be 'ApiKey' or 'Open'.");
        }

        var adminKey = configuration["Auth:AdminKey"];
        if (adminKey is { Length: > 0 and < 32 })
        {
            throw new InvalidOperationException("Auth:AdminKey must be at least 32 characters of random text (128 bits or more); generate one with: openssl rand -base64 32");
        }

        return new AuthOptions(mode, string.IsNullOrEmpty(adminKey) ? null : adminKey);
    }
}
