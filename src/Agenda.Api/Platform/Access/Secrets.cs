using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Agenda.Api.Platform.Access;

/// <summary>
/// Bearer secrets: 256 random bits, shown once, stored only as a SHA-256 hash. A fast hash is enough because
/// the secrets are random and long, not chosen by people; comparison is in constant time.
/// </summary>
internal static class Secrets
{
    public static string NewSecret(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string? presented, string? storedHash)
    {
        if (presented is null || storedHash is null || storedHash.Length != SHA256.HashSizeInBytes * 2)
        {
            return false;
        }

        var expected = Convert.FromHexString(storedHash);
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>The secret of <c>Authorization: Bearer &lt;secret&gt;</c>, or of the query parameter <c>token</c> (for links).</summary>
    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Query.TryGetValue("token", out var token) ? token.ToString() : null;
    }
}
