using System.Net;
using System.Net.Sockets;

namespace Agenda.Api.Notifications;

/// <summary>
/// Where webhooks may be sent. An owner names the URL, so without a check any owner could make the service call into
/// its own network (SSRF). The check runs on the address actually connected to, after name resolution, so a name that
/// resolves to a private address later (DNS rebinding) is refused too. <c>Webhooks:AllowPrivateTargets</c> lifts it
/// (for tests, or receivers on the same private network).
/// </summary>
public sealed class WebhookTargets(bool allowPrivate)
{
    public bool AllowPrivate => allowPrivate;

    /// <summary>Whether <paramref name="address"/> lies outside loopback, private, link-local, unique-local, multicast and unspecified ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] == 127 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224);
    }

    /// <summary>Connects to the first allowed address of the host; refuses when none is allowed.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new WebhookTargetRefusedException($"{context.DnsEndPoint.Host} resolves only to private or loopback addresses, which webhooks may not reach.");
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

public sealed class WebhookTargetRefusedException(string message) : Exception(message);
