using System.Security.Cryptography;
using System.Text;

namespace Agenda.Api.Notifications;

/// <summary>
/// Standard Webhooks signatures: <c>v1,</c> and the base64 HMAC-SHA256 of <c>id.timestamp.body</c>, keyed with the
/// bytes a <c>whsec_</c> secret encodes. During a secret's rotation both secrets sign, space-separated, so a receiver
/// that knows either accepts the message.
/// </summary>
internal static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 256 random bits.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string messageId, long timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(
            HMACSHA256.HashData(Convert.FromBase64String(secret[SecretPrefix.Length..]), Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}")))));
}
