using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Agenda.Api.Calendars.Sync;

/// <summary>Where and how to reach a connected calendar: its URL (a feed's URL is itself a secret) and credentials.</summary>
internal sealed record ConnectionSecret(string Url, string? UserName, string? Password);

/// <summary>
/// Seals connection secrets with AES-GCM under <c>Calendars:EncryptionKey</c> (32 random bytes, base64), so the database
/// holds no calendar URL or password in the clear. Each box is: version byte, 12-byte nonce, 16-byte tag, ciphertext.
/// Without a key the service cannot connect calendars, and says so.
/// </summary>
internal sealed class CalendarSecrets
{
    private const byte Version = 1;
    private readonly byte[]? key;

    public CalendarSecrets(string? base64Key)
    {
        if (string.IsNullOrWhiteSpace(base64Key))
        {
            return;
        }

        try
        {
            key = Convert.FromBase64String(base64Key);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Calendars:EncryptionKey is not base64; make one with: openssl rand -base64 32");
        }

        if (key.Length != 32)
        {
            throw new InvalidOperationException($"Calendars:EncryptionKey is {key.Length} bytes; it must be 32 (openssl rand -base64 32).");
        }
    }

    /// <summary>What the owner is told when a connection's box cannot be opened (another key, or a damaged box).</summary>
    public const string CannotOpen =
        "The connection's credentials cannot be opened: the service's Calendars:EncryptionKey is not the one it was connected with. Connect the calendar again.";

    public bool Available => key is not null;

    /// <summary>The secret, or null when there is no key or the box was not sealed with it.</summary>
    public ConnectionSecret? TryOpen(byte[] box)
    {
        if (!Available)
        {
            return null;
        }

        try
        {
            return Open(box);
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }

    public byte[] Seal(ConnectionSecret secret)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(secret);
        var box = new byte[1 + 12 + 16 + plain.Length];
        box[0] = Version;
        var nonce = box.AsSpan(1, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Key, 16);
        aes.Encrypt(nonce, plain, box.AsSpan(29), box.AsSpan(13, 16), Encoding.ASCII.GetBytes("agenda-calendar"));
        return box;
    }

    public ConnectionSecret Open(byte[] box)
    {
        if (box.Length < 29 || box[0] != Version)
        {
            throw new CryptographicException("The stored calendar secret is not in a known form.");
        }

        var plain = new byte[box.Length - 29];
        using var aes = new AesGcm(Key, 16);
        aes.Decrypt(box.AsSpan(1, 12), box.AsSpan(29), box.AsSpan(13, 16), plain, Encoding.ASCII.GetBytes("agenda-calendar"));
        return JsonSerializer.Deserialize<ConnectionSecret>(plain) ?? throw new CryptographicException("The stored calendar secret is empty.");
    }

    private byte[] Key => key ?? throw new InvalidOperationException("Calendars:EncryptionKey is not set.");
}
