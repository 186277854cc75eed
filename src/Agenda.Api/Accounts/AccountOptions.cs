namespace Agenda.Api.Accounts;

/// <summary>Who may make an account.</summary>
internal enum SignUpPolicy
{
    /// <summary>Anyone who reaches the service.</summary>
    Open,

    /// <summary>Only someone an administrator invited (the default).</summary>
    Invite,

    /// <summary>Nobody; administrators still invite.</summary>
    Closed,
}

/// <summary>
/// <c>Accounts:SignUp</c> (<c>Open</c>, <c>Invite</c> (default) or <c>Closed</c>): who may make an account once the
/// installation has one; the first account can always be made, and becomes administrator. <c>Accounts:Administrator</c>:
/// an e-mail address whose account becomes administrator when made (besides the first). <c>Accounts:MinimumPasswordLength</c>
/// (default 10, at least 8). <c>Console:KeySignIn</c> (default false): whether an owner may still sign in to the console
/// with an API key.
/// </summary>
internal sealed record AccountOptions(SignUpPolicy SignUp, string? Administrator, int MinimumPasswordLength, bool KeySignIn)
{
    public const int MaximumPasswordLength = 256;

    public static AccountOptions From(IConfiguration configuration)
    {
        var configured = configuration["Accounts:SignUp"];
        var policy = SignUpPolicy.Invite;
        if (!string.IsNullOrWhiteSpace(configured) && (!Enum.TryParse(configured, ignoreCase: true, out policy) || !Enum.IsDefined(policy)))
        {
            throw new InvalidOperationException($"Accounts:SignUp is '{configured}'; it must be 'Open', 'Invite' or 'Closed'.");
        }

        var administrator = configuration["Accounts:Administrator"];
        if (!string.IsNullOrWhiteSpace(administrator) && !MimeKit.MailboxAddress.TryParse(administrator, out _))
        {
            throw new InvalidOperationException($"Accounts:Administrator is '{administrator}'; it must be an e-mail address.");
        }

        var length = configuration.GetValue("Accounts:MinimumPasswordLength", 10);
        if (length is < 8 or > 128)
        {
            throw new InvalidOperationException($"Accounts:MinimumPasswordLength is {length}; it must be from 8 to 128.");
        }

        return new AccountOptions(policy, string.IsNullOrWhiteSpace(administrator) ? null : administrator.Trim(), length, configuration.GetValue("Console:KeySignIn", false));
    }
}
