using System.Text.RegularExpressions;
using Agenda.Api.Bookings;
using Agenda.Api.Notifications;

namespace Agenda.Api.Platform.Access;

/// <summary>
/// Removes secrets from text meant for logs: booking tokens (<c>bkt_…</c>), API keys (<c>agk_…</c>), feed secrets
/// (<c>fdt_…</c>), hold tokens (<c>hld_…</c>), webhook secrets (<c>whsec_…</c>), invitations (<c>inv_…</c>), single-use links (<c>sul_…</c>), links that answer a request (<c>apr_…</c>), the value of any
/// <c>token=</c> query parameter and of a <c>code</c> one (an account's confirmation and reset links, single sign-on's answer), what follows
/// <c>Bearer</c>, and the configured administrator key, wherever they appear. Each becomes its prefix and
/// <see cref="Mark"/>, so a log still says which kind of secret a request carried.
/// </summary>
internal sealed partial class SecretRedactor
{
    public const string Mark = "[redacted]";

    /// <summary>An administrator key shorter than this is refused at start-up anyway, and redacting it would garble logs.</summary>
    private const int MinimumAdminKeyLength = 8;

    private readonly string[] adminKeyForms;

    /// <param name="adminKey">The configured <c>Auth:AdminKey</c>, redacted as it is and as it looks URL-encoded.</param>
    public SecretRedactor(string? adminKey) =>
        adminKeyForms = adminKey is { Length: >= MinimumAdminKeyLength }
            ? new[] { adminKey, Uri.EscapeDataString(adminKey) }.Distinct().ToArray()
            : [];

    /// <returns><paramref name="text"/> without secrets; the same instance when it holds none.</returns>
    public string Redact(string text)
    {
        var redacted = text;
        foreach (var key in adminKeyForms)
        {
            redacted = redacted.Replace(key, Mark, StringComparison.Ordinal);
        }

        return Secret().Replace(redacted, "${prefix}" + Mark) is var result && result == text ? text : result;
    }

    /// <summary>Whether <paramref name="text"/> holds a secret; when it does, <paramref name="redacted"/> is the text without it.</summary>
    public bool TryRedact(string? text, out string redacted)
    {
        redacted = text is null ? "" : Redact(text);
        return !ReferenceEquals(redacted, text) && text is not null;
    }

    // A secret's prefix, then its characters (base64url); a query parameter named token or ending in _token, or named code;
    // a bearer credential up to the next separator.
    [GeneratedRegex(
        "(?<prefix>" + BookingAccess.TokenPrefix + "|" + OwnerKeys.Prefix + "|" + FeedsApi.TokenPrefix + "|" + Bookings.SlotHolder.TokenPrefix + "|" + Accounts.Invitations.TokenPrefix + "|" + MeetingTypes.SingleUseLinks.TokenPrefix + "|" + BookingLinks.AnswerTokenPrefix + "|whsec_)[A-Za-z0-9_-]+" +
        "|(?<prefix>token=|[?&]code=)[^&\\s\"'#]+" +
        "|(?<prefix>Bearer\\s+)[^\\s,;\"']+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Secret();
}
