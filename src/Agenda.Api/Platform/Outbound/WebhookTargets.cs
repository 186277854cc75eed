using System.Net;
using System.Net.Sockets;

namespace Agenda.Api.Platform.Outbound;

/// <summary>
/// Where webhooks may be sent. An owner names the URL, so without a check any owner could make the service call into
/// its own network (SSRF). The check runs on the address actually connected to, after name resolution, so a name that
/// resolves to a private address later (DNS rebinding) is refused too. <c>Webhooks:AllowPrivateTargets</c> lifts it
/// (for tests, or receivers on the same private network).
/// </summary>
internal sealed class WebhookTargets(bool allowPrivate)
{
    public bool AllowPrivate => allowPrivate;

    /// <summary>
    /// The absolute URL a webhook may be sent to, from what an owner gave as <paramref name="field"/>: https (http too
    /// while private targets are allowed), no credentials, and not a literal private address (names are checked on every
    /// connection); null, with the reason in <paramref name="errors"/>, otherwise.
    /// </summary>
    public string? ReadUrl(Wire.RequestErrors errors, string field, string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            errors.Add(field, "AbsoluteUrl", field, 2000, "https://example.com/hooks/agenda");
        }
        else if (uri.Scheme != Uri.UriSchemeHttps && !(allowPrivate && uri.Scheme == Uri.UriSchemeHttp))
        {
            errors.Add(field, "Https", field);
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add(field, "WebhookUrlWithCredentials", field);
        }
        else if (!allowPrivate && IPAddress.TryParse(uri.IdnHost, out var address) && !IsPublic(address))
        {
            errors.Add(field, "WebhookUrlPrivate", field);
        }
        else
        {
            return uri.AbsoluteUri;
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="address"/> is globally reachable, as the IANA IPv4 and IPv6 special-purpose address
    /// registries say. IPv4: everything but 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24,
    /// 192.0.2/24, 192.88.99/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, multicast and 240/4 (broadcast
    /// included). IPv6: only global unicast (2000::/3) outside 2001::/23 (IETF protocol assignments, Teredo included),
    /// 2001:db8::/32 and 3fff::/20 (documentation); an address that embeds an IPv4 one (IPv4-mapped ::ffff:0:0/96,
    /// NAT64 64:ff9b::/96, 6to4 2002::/16) is judged by the IPv4 address it carries. Everything else (loopback,
    /// unspecified, IPv4-compatible ::/96, discard 100::/64, local NAT64 64:ff9b:1::/48, unique-local, link-local,
    /// site-local, multicast, SRv6 5f00::/16) is refused. A few rare global blocks inside 2001::/23 are refused too:
    /// refusing too much is the safe side of this check.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4().GetAddressBytes());
        }

        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(b);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        // NAT64's well-known prefix 64:ff9b::/96 reaches the IPv4 address in its last four bytes.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..16]);
        }

        // 6to4 2002:V4ADDR::/48 reaches the IPv4 address in bytes 2 to 5.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]);
        }

        var globalUnicast = (b[0] & 0xe0) == 0x20;
        var ietfProtocols = b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02;
        var documentation = (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) || (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xf0) == 0);
        return globalUnicast && !ietfProtocols && !documentation;
    }

    private static bool IsPublicV4(byte[] b) =>
        !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
          || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
          || (b[0] == 169 && b[1] == 254)
          || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
          || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))
          || (b[0] == 192 && b[1] == 88 && b[2] == 99)
          || (b[0] == 192 && b[1] == 168)
          || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
          || (b[0] == 198 && b[1] == 51 && b[2] == 100)
          || (b[0] == 203 && b[1] == 0 && b[2] == 113));

    /// <summary>Connects to the first allowed address of the host; refuses when none is allowed.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new WebhookTargetRefusedException($"{context.DnsEndPoint.Host} resolves only to private, loopback or other addresses that are not globally reachable, which webhooks may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

internal sealed class WebhookTargetRefusedException(string message) : Exception(message);
