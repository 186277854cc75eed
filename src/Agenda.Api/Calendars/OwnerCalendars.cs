using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Calendars.Sources;
using Agenda.Api.Calendars.Sync;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Observability;
using Agenda.Api.Platform.Outbound;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Calendars;

/// <summary>
/// An owner's own calendars (CalDAV, or read-only iCalendar feeds), as the API (<c>/v1/owners/{o}/calendars</c>) and the
/// console's calendar pages connect, read, change and remove them: a connection is read before it is stored, its
/// settings are checked here once, and credentials never leave this class except sealed.
/// </summary>
internal sealed class OwnerCalendars(
    ICalendarConnectionStore store, IDeliveryLogStore deliveries, CalendarSecrets secrets, CalendarSync sync, CalendarOptions options,
    LimitMetrics limits, IHttpClientFactory http, TimeProvider time)
{
    /// <summary>How long connecting or "sync now" waits for the first read before answering with the state so far.</summary>
    private static readonly TimeSpan FirstReadWait = TimeSpan.FromSeconds(12);

    /// <summary>Whether the service can keep calendar credentials (<c>Calendars:EncryptionKey</c> is set).</summary>
    public bool Available => secrets.Available;

    public Instant Now => time.GetCurrentInstant();

    /// <summary>Reads the calendar, and connects it only if that read succeeded.</summary>
    public async Task<Outcome<StoredConnection>> ConnectAsync(string ownerId, ConnectCalendarRequest? body, CancellationToken cancellationToken)
    {
        if (!secrets.Available)
        {
            return CalendarsOff();
        }

        var errors = new RequestErrors();
        var kind = body?.Kind;
        if (kind is not (ConnectionKinds.CalDav or ConnectionKinds.Ics))
        {
            errors.Add("kind", "CalendarKind", "kind");
        }

        var url = SourceUrl(errors, "url", body?.Url, allowWebcal: kind == ConnectionKinds.Ics);
        if (kind == ConnectionKinds.CalDav && (string.IsNullOrEmpty(body?.Username) || string.IsNullOrEmpty(body.Password)))
        {
            errors.Add("password", "CalDavCredentials", "username", "password");
        }

        var settings = Settings(errors, body?.BusyCalendars, body?.WriteCalendar, body?.WhenUnreachable, kind, url);
        if (errors.Any || url is null || kind is null)
        {
            return errors;
        }

        var now = time.GetCurrentInstant();
        var connection = new StoredConnection(
            "cal_" + Guid.NewGuid().ToString("N"), ownerId, kind, secrets.Seal(new ConnectionSecret(url.AbsoluteUri, body!.Username, body.Password)),
            url.GetLeftPart(UriPartial.Authority), settings, ConnectionStates.Pending, null, null, null, now, null, now)
        { ReadTicket = 1 };
        // Read before storing: a wrong password, a wrong address or something that is not a calendar is said now, and
        // never becomes a connection that (with when_unreachable block) takes the owner's whole page offline.
        if (await sync.VerifyAsync(connection, cancellationToken) is not { } verified)
        {
            return Refusal.UnknownOwner(ownerId);
        }

        if (verified.Record.Error is { } error)
        {
            return Unreadable(error, verified.Failure, verified.ServerStatus);
        }

        switch (await store.AddConnectionAsync(connection, cancellationToken))
        {
            case OwnerWrite.Written:
                await store.RecordSyncAsync(verified.Record, cancellationToken);
                await sync.RefreshOwnersAsync(cancellationToken);
                return await store.FindConnectionAsync(ownerId, connection.Id, cancellationToken) ?? connection;
            case OwnerWrite.LimitReached reached:
                return OwnerLimitRefusals.Refusal(reached, limits);
            default:
                return Refusal.UnknownOwner(ownerId);
        }
    }

    /// <summary>The owner's connections; null for an unknown owner.</summary>
    public Task<IReadOnlyList<StoredConnection>?> ListAsync(string ownerId, CancellationToken cancellationToken) =>
        store.ListConnectionsAsync(ownerId, cancellationToken);

    public async Task<Outcome<StoredConnection>> FindAsync(string ownerId, string connectionId, CancellationToken cancellationToken) =>
        await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is { } connection ? connection : UnknownConnection(ownerId, connectionId);

    /// <summary>Changes which calendars count as busy, where bookings are written and what happens when unreadable; then reads them.</summary>
    public async Task<Outcome<StoredConnection>> UpdateAsync(string ownerId, string connectionId, CalendarSettingsRequest? body, CancellationToken cancellationToken)
    {
        if (await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is not { } connection)
        {
            return UnknownConnection(ownerId, connectionId);
        }

        if (!secrets.Available)
        {
            return CalendarsOff();
        }

        if (secrets.TryOpen(connection.SecretBox) is not { } secret)
        {
            return Unopenable();
        }

        var errors = new RequestErrors();
        var settings = Settings(errors, body?.BusyCalendars, body?.WriteCalendar, body?.WhenUnreachable, connection.Kind, new Uri(secret.Url));
        if (errors.Any)
        {
            return errors;
        }

        if (!await store.UpdateConnectionAsync(ownerId, connectionId, settings, cancellationToken))
        {
            return UnknownConnection(ownerId, connectionId);
        }

        // Other calendars may count now: read them before answering.
        await sync.SyncOwnerAsync(ownerId, FirstReadWait, cancellationToken);
        return await FindAsync(ownerId, connectionId, cancellationToken);
    }

    /// <summary>Disconnects; its busy times stop counting at once. False when the owner has no such connection.</summary>
    public async Task<bool> DeleteAsync(string ownerId, string connectionId, CancellationToken cancellationToken)
    {
        if (!await store.DeleteConnectionAsync(ownerId, connectionId, cancellationToken))
        {
            return false;
        }

        await sync.RefreshOwnersAsync(cancellationToken);
        return true;
    }

    /// <summary>Reads the owner's calendars now, and answers with this connection's state after that read.</summary>
    public async Task<Outcome<StoredConnection>> SyncAsync(string ownerId, string connectionId, CancellationToken cancellationToken)
    {
        if (await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is null)
        {
            return UnknownConnection(ownerId, connectionId);
        }

        await sync.SyncOwnerAsync(ownerId, FirstReadWait, cancellationToken);
        return await FindAsync(ownerId, connectionId, cancellationToken);
    }

    /// <summary>The 50 newest write-backs into the connection's write calendar, newest first.</summary>
    public async Task<Outcome<IReadOnlyList<DeliveryLog>>> DeliveriesAsync(string ownerId, string connectionId, CancellationToken cancellationToken) =>
        await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is null
            ? UnknownConnection(ownerId, connectionId)
            : new Outcome<IReadOnlyList<DeliveryLog>>.Done(await deliveries.ListConnectionDeliveriesAsync(ownerId, connectionId, 50, cancellationToken));

    /// <summary>For a CalDAV connection: the calendars on its server, and whether each counts as busy or receives bookings.</summary>
    public async Task<Outcome<IReadOnlyList<CalendarCollectionResponse>>> CollectionsAsync(string ownerId, string connectionId, CancellationToken cancellationToken)
    {
        if (await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is not { } connection)
        {
            return UnknownConnection(ownerId, connectionId);
        }

        if (connection.Kind != ConnectionKinds.CalDav)
        {
            return Refusal.NotFound(new("FeedHasOneCalendar", connectionId));
        }

        if (!secrets.Available)
        {
            return CalendarsOff();
        }

        if (secrets.TryOpen(connection.SecretBox) is not { } secret)
        {
            return Unopenable();
        }

        try
        {
            var client = new CalDavClient(http.CreateClient(CalendarReader.ClientName), new CalDavCredentials(secret.UserName ?? "", secret.Password ?? ""));
            var found = await client.ListCalendarsAsync(new Uri(secret.Url), cancellationToken);
            return new Outcome<IReadOnlyList<CalendarCollectionResponse>>.Done([.. found.Select(c => new CalendarCollectionResponse(
                c.Href.AbsoluteUri, c.DisplayName, c.HoldsEvents,
                c.HoldsEvents && (connection.Settings.BusyCalendars?.Contains(c.Href.AbsoluteUri) ?? true),
                connection.Settings.WriteCalendar == c.Href.AbsoluteUri))]);
        }
        catch (CalendarSourceException e)
        {
            return new Refusal(StatusCodes.Status502BadGateway, "The calendar server could not be read", Message.AsGiven(e.Message));
        }
    }

    private static ConnectionSettings Settings(RequestErrors errors, IReadOnlyList<string>? busy, string? write, string? whenUnreachable, string? kind, Uri? url)
    {
        var when = whenUnreachable ?? WhenUnreachable.Block;
        if (when is not (WhenUnreachable.Block or WhenUnreachable.Offer))
        {
            errors.Add("when_unreachable", "WhenUnreachable", "when_unreachable");
        }

        if (kind != ConnectionKinds.CalDav && (busy is not null || write is not null))
        {
            errors.Add("write_calendar", "CalDavOnly", "busy_calendars", "write_calendar");
            return new ConnectionSettings(null, null, when);
        }

        // Credentials go only where they were given: every calendar named must be on the connection's own server.
        List<string>? calendars = null;
        if (busy is not null)
        {
            calendars = [];
            foreach (var item in busy.Take(51))
            {
                if (SameServer(item, url) is { } same)
                {
                    calendars.Add(same);
                }
                else
                {
                    errors.Add("busy_calendars", "EachOnSameServer", "busy_calendars");
                    break;
                }
            }

            if (busy.Count > 50)
            {
                errors.Add("busy_calendars", "TooManyCalendars", "busy_calendars", 50);
            }
        }

        string? writeTo = null;
        if (write is not null && (writeTo = SameServer(write, url)) is null)
        {
            errors.Add("write_calendar", "OnSameServer", "write_calendar");
        }

        return new ConnectionSettings(calendars, writeTo, when);
    }

    private static string? SameServer(string? candidate, Uri? server) =>
        server is not null && candidate is { Length: <= 2000 } && Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
        && uri.GetLeftPart(UriPartial.Authority) == server.GetLeftPart(UriPartial.Authority) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.AbsoluteUri
            : null;

    private Uri? SourceUrl(RequestErrors errors, string field, string? value, bool allowWebcal)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2000 || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            errors.Add(field, "AbsoluteUrl", field, 2000, "https://calendar.example.com/dav/calendars/ana/");
            return null;
        }

        if (!(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || (allowWebcal && uri.Scheme == "webcal")))
        {
            errors.Add(field, allowWebcal ? "HttpOrWebcal" : "Http", field);
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add(field, "CalendarUrlWithCredentials", field, "username", "password");
            return null;
        }

        if (!options.AllowPrivateTargets && System.Net.IPAddress.TryParse(uri.IdnHost, out var address) && !WebhookTargets.IsPublic(address))
        {
            errors.Add(field, "CalendarUrlPrivate", field);
            return null;
        }

        return uri;
    }

    private static Refusal CalendarsOff() => Refusal.Conflict("Calendars are off", new("CalendarsOff"), "calendars_off");

    /// <summary>The connection's sealed credentials, which the service cannot open: <see cref="CalendarSecrets.CannotOpen"/>, worded for the reader.</summary>
    private static Refusal Unopenable() => Refusal.Conflict("The calendar's credentials cannot be opened", new("CalendarCredentialsUnreadable"), "credentials_unreadable");

    /// <summary>The calendar could not be read when connecting it: what the server answered, in words without secrets.</summary>
    private static Refusal Unreadable(string error, CalendarSourceFailure? failure, int? serverStatus)
    {
        var extensions = new Dictionary<string, object?>();
        if (failure is { } kind)
        {
            extensions["failure"] = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
        }

        if (serverStatus is { } status)
        {
            extensions["server_status"] = status;
        }

        return new Refusal(
            StatusCodes.Status422UnprocessableEntity,
            "The calendar could not be read",
            new("CalendarUnreadable", error),
            "calendar_unreadable",
            extensions);
    }

    internal static Refusal UnknownConnection(string ownerId, string connectionId) =>
        Refusal.NotFound(new("UnknownConnection", ownerId, connectionId));
}
