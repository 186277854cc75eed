using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using NodaTime;
using static Agenda.Api.Calendars.Sources.CalDavXml;

namespace Agenda.Api.Calendars.Sources;

/// <summary>
/// A small CalDAV client (RFC 4791, with the getctag and sync-token markers of CalendarServer and RFC 6578): find the
/// calendars of an account, tell whether one changed, read its events in a period, and write or delete one event.
/// Recurring events come back unexpanded, as stored; <see cref="Busy.IcsBusyTimes"/> expands them. Limits, the private
/// address guard and typed failures are the same as for <see cref="IcsFeedClient"/>; credentials go only to the origin a
/// request was made for, never to another one it redirects to.
/// </summary>
internal sealed class CalDavClient(HttpClient http, CalDavCredentials credentials, CalendarSourceLimits? limits = null)
{
    private static readonly HttpMethod PropFindMethod = new("PROPFIND");
    private static readonly HttpMethod ReportMethod = new("REPORT");

    /// <summary>Principal, home and calendar: following more links than that means the server is going in circles.</summary>
    private const int MaxDiscoverySteps = 3;

    private readonly CalendarSourceLimits limits = limits ?? CalendarSourceLimits.Default;
    private readonly AuthenticationHeaderValue authorization = new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.UserName}:{credentials.Password}")));

    /// <summary>
    /// The calendars at <paramref name="url"/>: the address of a calendar home (the collection holding an account's calendars),
    /// of one calendar, or of a principal or server root, from which calendar-home-set or current-user-principal lead on.
    /// Empty when nothing there leads to a calendar.
    /// </summary>
    public async Task<IReadOnlyList<CalDavCalendar>> ListCalendarsAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var current = CalendarHttp.Normalize(url);
        var visited = new HashSet<Uri>();
        for (var step = 0; step < MaxDiscoverySteps && visited.Add(current); step++)
        {
            var responses = await PropFindAsync(current, "1", cancellationToken,
                Dav + "resourcetype", Dav + "displayname", CalDav + "supported-calendar-component-set", CalendarServer + "getctag", Dav + "sync-token",
                CalDav + "calendar-home-set", Dav + "current-user-principal");
            var calendars = responses.Where(IsCalendar).Select(ToCalendar).ToList();
            if (calendars.Count > 0)
            {
                return calendars;
            }

            // The address's own links first: its calendar home, then the principal it belongs to; links found on children last.
            var own = responses.Where(r => SamePath(r.Href, current)).ToList();
            var children = responses.Except(own).ToList();
            var next = own.Select(r => r.Link(CalDav + "calendar-home-set"))
                .Concat(own.Select(r => r.Link(Dav + "current-user-principal")))
                .Concat(children.Select(r => r.Link(CalDav + "calendar-home-set")))
                .Concat(children.Select(r => r.Link(Dav + "current-user-principal")))
                .OfType<Uri>()
                .Select(CalendarHttp.Normalize)
                .FirstOrDefault(u => !visited.Contains(u));
            if (next is null)
            {
                break;
            }

            current = next;
        }

        return [];
    }

    /// <summary>The calendar's change markers, with one small request (PROPFIND, Depth 0).</summary>
    public async Task<CalDavCalendarState> GetCtagAsync(Uri calendar, CancellationToken cancellationToken = default)
    {
        var url = CalendarHttp.Normalize(calendar);
        var responses = await PropFindAsync(url, "0", cancellationToken, CalendarServer + "getctag", Dav + "sync-token");
        var self = responses.FirstOrDefault(r => SamePath(r.Href, url)) ?? responses.FirstOrDefault();
        return new CalDavCalendarState(self?.Text(CalendarServer + "getctag"), self?.Text(Dav + "sync-token"));
    }

    /// <summary>
    /// The events of the calendar that overlap [<paramref name="from"/>, <paramref name="to"/>) by the server's judgement
    /// (calendar-query with a time-range filter), each as stored: a recurring event comes with its rule and overrides.
    /// </summary>
    public async Task<IReadOnlyList<CalDavEvent>> QueryEventsAsync(Uri calendar, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The period ends after it starts.");
        }

        var url = CalendarHttp.Normalize(calendar);
        var body = EventsBetween(UtcText(from), UtcText(to));
        var responses = await MultiStatusAsync(url, ReportMethod, "1", body, cancellationToken);
        return responses
            .Where(r => r.Text(CalDav + "calendar-data") is not null)
            .Select(r => new CalDavEvent(r.Href, r.Text(Dav + "getetag"), r.Property(CalDav + "calendar-data")!.Value))
            .ToList();
    }

    /// <summary>
    /// Writes one event as <c>{calendar}/{uid}.ics</c>. Without <paramref name="ifMatchEtag"/> it creates (If-None-Match: *),
    /// so an existing event is never overwritten by accident; with it, it updates only the version read.
    /// </summary>
    /// <exception cref="CalendarSourceException"><see cref="CalendarSourceFailure.Conflict"/> when the event changed since, or already exists.</exception>
    public async Task<CalDavWrite> PutEventAsync(Uri calendar, string uid, string icsText, string? ifMatchEtag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        ArgumentNullException.ThrowIfNull(icsText);
        var href = new Uri(AsCollection(CalendarHttp.Normalize(calendar)), Uri.EscapeDataString(uid) + ".ics");
        var etag = await SendAsync(href, hop =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, hop) { Content = new StringContent(icsText, new UTF8Encoding(false), "text/calendar") };
            request.Headers.TryAddWithoutValidation(ifMatchEtag is null ? "If-None-Match" : "If-Match", ifMatchEtag ?? "*");
            return request;
        }, (response, _) => Task.FromResult(response.Headers.ETag?.ToString()), cancellationToken);

        // Servers may leave out the ETag when they changed the data on the way in (RFC 4791 §5.3.4); ask for it then.
        if (etag is null)
        {
            var responses = await PropFindAsync(href, "0", cancellationToken, Dav + "getetag");
            etag = responses.Select(r => r.Text(Dav + "getetag")).FirstOrDefault(e => e is not null);
        }

        return new CalDavWrite(href, etag);
    }

    /// <summary>Deletes one event, only the version read when <paramref name="etag"/> is given. An event already gone counts as deleted.</summary>
    public async Task DeleteEventAsync(Uri eventHref, string? etag, CancellationToken cancellationToken = default)
    {
        var url = CalendarHttp.Normalize(eventHref);
        try
        {
            await SendAsync(url, hop =>
            {
                var request = new HttpRequestMessage(HttpMethod.Delete, hop);
                if (etag is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", etag);
                }

                return request;
            }, (_, _) => Task.FromResult(true), cancellationToken);
        }
        catch (CalendarSourceException e) when (e.Kind == CalendarSourceFailure.NotFound)
        {
            // Deleting is about the end state: nothing at the address.
        }
    }

    private Task<IReadOnlyList<DavResponse>> PropFindAsync(Uri url, string depth, CancellationToken cancellationToken, params XName[] properties) =>
        MultiStatusAsync(url, PropFindMethod, depth, PropFind(properties), cancellationToken);

    private Task<IReadOnlyList<DavResponse>> MultiStatusAsync(Uri url, HttpMethod method, string depth, string body, CancellationToken cancellationToken) =>
        SendAsync(url, hop =>
        {
            var request = new HttpRequestMessage(method, hop) { Content = new StringContent(body, new UTF8Encoding(false), "application/xml") };
            request.Headers.TryAddWithoutValidation("Depth", depth);
            return request;
        }, async (response, token) =>
        {
            if (response.StatusCode != HttpStatusCode.MultiStatus)
            {
                throw new CalendarSourceException(CalendarSourceFailure.Malformed,
                    $"{CalendarHttp.Origin(url)} answered {(int)response.StatusCode} instead of a WebDAV multistatus; is this a CalDAV address?", (int)response.StatusCode);
            }

            var text = await CalendarHttp.ReadTextAsync(response, url, limits, token);
            return Responses(text, response.RequestMessage?.RequestUri ?? url);
        }, cancellationToken);

    /// <summary>One exchange: the request for each hop (with credentials on the original origin only), a failure for an unsuccessful status, and <paramref name="read"/> for a successful answer.</summary>
    private Task<T> SendAsync<T>(Uri url, Func<Uri, HttpRequestMessage> create, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        CalendarHttp.RunAsync(url, limits, async token =>
        {
            var (response, finalUrl) = await CalendarHttp.SendAsync(http, url, hop =>
            {
                var request = create(hop);
                if (CalendarHttp.SameOrigin(hop, url))
                {
                    request.Headers.Authorization = authorization;
                }

                return request;
            }, limits, token);
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw CalendarHttp.Failure(response, finalUrl);
                }

                return await read(response, token);
            }
        }, cancellationToken);

    private static bool IsCalendar(DavResponse response) => response.Property(Dav + "resourcetype")?.Element(CalDav + "calendar") is not null;

    /// <summary>A calendar without supported-calendar-component-set accepts every component type (RFC 4791 §5.2.3).</summary>
    private static CalDavCalendar ToCalendar(DavResponse response)
    {
        var components = response.Property(CalDav + "supported-calendar-component-set");
        var holdsEvents = components is null
            || components.Elements(CalDav + "comp").Any(c => string.Equals((string?)c.Attribute("name"), "VEVENT", StringComparison.OrdinalIgnoreCase));
        return new CalDavCalendar(AsCollection(response.Href), response.Text(Dav + "displayname"), holdsEvents,
            response.Text(CalendarServer + "getctag"), response.Text(Dav + "sync-token"));
    }

    private static bool SamePath(Uri a, Uri b) => string.Equals(a.AbsolutePath.TrimEnd('/'), b.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);

    private static Uri AsCollection(Uri url) => url.AbsolutePath.EndsWith('/') ? url : new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;

    private static string UtcText(Instant instant) => instant.ToString("uuuuMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
