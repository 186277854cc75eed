using Agenda.Api.Platform.Outbound;

namespace Agenda.Api.Calendars.Sources;

/// <summary>
/// The HTTP handler for clients that call owners' calendar servers. An owner names the address, so the same guard as for
/// webhooks applies (<see cref="WebhookTargets"/>): every connection, including one made for a redirect, goes only to
/// addresses that are public unless private ones are allowed. Redirects are followed by the clients themselves, so each
/// hop is checked and counted; cookies are not kept.
/// </summary>
internal static class CalendarSourceHandler
{
    public static SocketsHttpHandler Create(WebhookTargets targets) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = targets.ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    };
}
