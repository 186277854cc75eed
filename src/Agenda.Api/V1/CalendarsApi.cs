using Agenda.Api.Access;
using Agenda.Api.Calendars.Sources;
using Agenda.Api.Calendars.Sync;
using Agenda.Api.Hosting;
using Agenda.Api.Limits;
using Agenda.Api.Notifications;
using Agenda.Api.Observability;
using Agenda.Api.OpenApi;
using Agenda.Api.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.V1;

/// <summary>
/// /v1/owners/{ownerId}/calendars: the owner's own calendars (CalDAV, or read-only iCalendar feeds), whose busy times are
/// never offered. URLs and credentials are kept encrypted and never shown again: an answer names the server's host only.
/// </summary>
public static class CalendarsApi
{
    /// <summary>How long connecting or "sync now" waits for the first read before answering with the state so far.</summary>
    private static readonly TimeSpan FirstReadWait = TimeSpan.FromSeconds(12);

    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners/{ownerId}/calendars").WithTags("Calendars").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", ConnectAsync).WithName("ConnectCalendar").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Connect a CalDAV calendar or an iCalendar feed; it is read at once, connected only if that read succeeds, and then kept fresh")
            .WithDescription("kind: caldav (url of the calendar or of the account's calendar home, username, password or app token) or ics (the feed's secret address; webcal:// is read as https). when_unreachable: block (default: offer nothing while the calendar is too long unreadable) or offer. For caldav, busy_calendars (default: every calendar with events) and write_calendar (where bookings are written; default none) are calendar URLs on the same server. The calendar is read before it is connected: when that read fails (wrong password, nothing at the address, not a calendar, unreachable, too slow) the answer is a 422 with reason calendar_unreadable, failure (unauthorized, not_found, malformed, unreachable, timeout, too_large, refused, server_error), server_status (the server's HTTP status, when it answered) and the server's answer in words; nothing is stored. A 409 with reason calendars_off when the service has no Calendars:EncryptionKey; with reason limit_reached past Limits:MaxCalendarConnectionsPerOwner.");
        group.MapGet("/", ListAsync).WithName("ListCalendars").WithSummary("The owner's connected calendars, each with its state and last error (never its URL path or credentials)");
        group.MapGet("/{connectionId}", GetAsync).WithName("GetCalendar").WithSummary("One connected calendar, with its state, last error and when it was last read");
        group.MapPut("/{connectionId}", UpdateAsync).WithName("UpdateCalendar").ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Change which calendars count as busy, where bookings are written, and what happens when it cannot be read");
        group.MapDelete("/{connectionId}", DeleteAsync).WithName("DisconnectCalendar").WithSummary("Disconnect a calendar; its busy times stop counting at once");
        group.MapPost("/{connectionId}/sync", SyncAsync).WithName("SyncCalendar")
            .WithSummary("Read the owner's calendars now (again, even while another read is in flight) and answer with this one's state after that read");
        group.MapGet("/{connectionId}/deliveries", DeliveriesAsync).WithName("ListCalendarDeliveries")
            .WithSummary("The 50 newest write-backs of bookings into this connection's write_calendar, newest first, each with its attempts");
        group.MapGet("/{connectionId}/calendars", CalendarsOfAsync).WithName("ListCalendarCollections").ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("For a CalDAV connection: the calendars on the server, and whether each counts as busy or receives bookings");
        return routes;
    }

    public static async Task<Results<Created<CalendarConnectionResponse>, ValidationProblem, ProblemHttpResult>> ConnectAsync(
        string ownerId, ConnectCalendarRequest? body, ICalendarConnectionStore store, CalendarSecrets secrets, CalendarSync sync, CalendarOptions options,
        LimitMetrics limits, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!secrets.Available)
        {
            return CalendarsOff();
        }

        var errors = new RequestErrors();
        var kind = body?.Kind;
        if (kind is not (ConnectionKinds.CalDav or ConnectionKinds.Ics))
        {
            errors.Add("kind", "'kind' must be caldav (a CalDAV calendar or account) or ics (an iCalendar feed's address).");
        }

        var url = SourceUrl(errors, "url", body?.Url, options, allowWebcal: kind == ConnectionKinds.Ics);
        if (kind == ConnectionKinds.CalDav && (string.IsNullOrEmpty(body?.Username) || string.IsNullOrEmpty(body.Password)))
        {
            errors.Add("password", "A CalDAV calendar needs 'username' and 'password' (or an app token as the password).");
        }

        var settings = Settings(errors, body?.BusyCalendars, body?.WriteCalendar, body?.WhenUnreachable, kind, url);
        if (errors.Any || url is null || kind is null)
        {
            return errors.Problem();
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
            return V1Mapping.UnknownOwner(ownerId);
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
                var read = await store.FindConnectionAsync(ownerId, connection.Id, cancellationToken) ?? connection;
                return TypedResults.Created($"/v1/owners/{Uri.EscapeDataString(ownerId)}/calendars/{connection.Id}", read.ToResponse(time.GetCurrentInstant()));
            case OwnerWrite.LimitReached reached:
                return OwnerLimitRefusals.ToProblem(reached, limits);
            default:
                return V1Mapping.UnknownOwner(ownerId);
        }
    }

    public static async Task<Results<Ok<CalendarConnectionsResponse>, ProblemHttpResult>> ListAsync(
        string ownerId, ICalendarConnectionStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.ListConnectionsAsync(ownerId, cancellationToken) is { } connections
            ? TypedResults.Ok(new CalendarConnectionsResponse([.. connections.Select(c => c.ToResponse(time.GetCurrentInstant()))]))
            : V1Mapping.UnknownOwner(ownerId);

    public static async Task<Results<Ok<CalendarConnectionResponse>, ProblemHttpResult>> GetAsync(
        string ownerId, string connectionId, ICalendarConnectionStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is { } connection
            ? TypedResults.Ok(connection.ToResponse(time.GetCurrentInstant()))
            : UnknownConnection(ownerId, connectionId);

    public static async Task<Results<Ok<CalendarConnectionResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string ownerId, string connectionId, CalendarSettingsRequest? body, ICalendarConnectionStore store, CalendarSecrets secrets, CalendarSync sync,
        TimeProvider time, CancellationToken cancellationToken)
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
        var url = new Uri(secret.Url);
        var settings = Settings(errors, body?.BusyCalendars, body?.WriteCalendar, body?.WhenUnreachable, connection.Kind, url);
        if (errors.Any)
        {
            return errors.Problem();
        }

        if (!await store.UpdateConnectionAsync(ownerId, connectionId, settings, cancellationToken))
        {
            return UnknownConnection(ownerId, connectionId);
        }

        // Other calendars may count now: read them before answering.
        await sync.SyncOwnerAsync(ownerId, FirstReadWait, cancellationToken);
        return await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is { } updated
            ? TypedResults.Ok(updated.ToResponse(time.GetCurrentInstant()))
            : UnknownConnection(ownerId, connectionId);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string ownerId, string connectionId, ICalendarConnectionStore store, CalendarSync sync, CancellationToken cancellationToken)
    {
        if (!await store.DeleteConnectionAsync(ownerId, connectionId, cancellationToken))
        {
            return UnknownConnection(ownerId, connectionId);
        }

        await sync.RefreshOwnersAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CalendarConnectionResponse>, ProblemHttpResult>> SyncAsync(
        string ownerId, string connectionId, ICalendarConnectionStore store, CalendarSync sync, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is null)
        {
            return UnknownConnection(ownerId, connectionId);
        }

        await sync.SyncOwnerAsync(ownerId, FirstReadWait, cancellationToken);
        return await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is { } read
            ? TypedResults.Ok(read.ToResponse(time.GetCurrentInstant()))
            : UnknownConnection(ownerId, connectionId);
    }

    public static async Task<Results<Ok<DeliveriesResponse>, ProblemHttpResult>> DeliveriesAsync(
        string ownerId, string connectionId, ICalendarConnectionStore store, IDeliveryLogStore deliveries, CancellationToken cancellationToken) =>
        await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is null
            ? UnknownConnection(ownerId, connectionId)
            : TypedResults.Ok(DeliveriesResponse.Of(await deliveries.ListConnectionDeliveriesAsync(ownerId, connectionId, 50, cancellationToken)));

    public static async Task<Results<Ok<CalendarCollectionsResponse>, ProblemHttpResult>> CalendarsOfAsync(
        string ownerId, string connectionId, ICalendarConnectionStore store, CalendarSecrets secrets, IHttpClientFactory http, CancellationToken cancellationToken)
    {
        if (await store.FindConnectionAsync(ownerId, connectionId, cancellationToken) is not { } connection)
        {
            return UnknownConnection(ownerId, connectionId);
        }

        if (connection.Kind != ConnectionKinds.CalDav)
        {
            return V1Mapping.NotFound($"Connection '{connectionId}' is an iCalendar feed: a feed is one calendar, with nothing to choose.");
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
            return TypedResults.Ok(new CalendarCollectionsResponse([.. found.Select(c => new CalendarCollectionResponse(
                c.Href.AbsoluteUri, c.DisplayName, c.HoldsEvents,
                c.HoldsEvents && (connection.Settings.BusyCalendars?.Contains(c.Href.AbsoluteUri) ?? true),
                connection.Settings.WriteCalendar == c.Href.AbsoluteUri))]));
        }
        catch (CalendarSourceException e)
        {
            return TypedResults.Problem(detail: e.Message, statusCode: StatusCodes.Status502BadGateway, title: "The calendar server could not be read");
        }
    }

    private static ConnectionSettings Settings(RequestErrors errors, IReadOnlyList<string>? busy, string? write, string? whenUnreachable, string? kind, Uri? url)
    {
        var when = whenUnreachable ?? WhenUnreachable.Block;
        if (when is not (WhenUnreachable.Block or WhenUnreachable.Offer))
        {
            errors.Add("when_unreachable", "'when_unreachable' must be block (offer nothing while the calendar is unreadable too long) or offer.");
        }

        if (kind != ConnectionKinds.CalDav && (busy is not null || write is not null))
        {
            errors.Add("write_calendar", "'busy_calendars' and 'write_calendar' are for CalDAV connections; a feed is one calendar and read-only.");
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
                    errors.Add("busy_calendars", "Each of 'busy_calendars' must be a calendar URL on the connection's own server.");
                    break;
                }
            }

            if (busy.Count > 50)
            {
                errors.Add("busy_calendars", "'busy_calendars' may list at most 50 calendars.");
            }
        }

        string? writeTo = null;
        if (write is not null && (writeTo = SameServer(write, url)) is null)
        {
            errors.Add("write_calendar", "'write_calendar' must be a calendar URL on the connection's own server.");
        }

        return new ConnectionSettings(calendars, writeTo, when);
    }

    private static string? SameServer(string? candidate, Uri? server) =>
        server is not null && candidate is { Length: <= 2000 } && Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
        && uri.GetLeftPart(UriPartial.Authority) == server.GetLeftPart(UriPartial.Authority) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.AbsoluteUri
            : null;

    private static Uri? SourceUrl(RequestErrors errors, string field, string? value, CalendarOptions options, bool allowWebcal)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2000 || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            errors.Add(field, $"'{field}' must be an absolute URL of at most 2000 characters, such as https://calendar.example.com/dav/calendars/ana/.");
            return null;
        }

        if (!(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || (allowWebcal && uri.Scheme == "webcal")))
        {
            errors.Add(field, $"'{field}' must use https (or http){(allowWebcal ? ", or webcal for a feed" : "")}.");
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add(field, $"'{field}' must not carry a user name or password; give them as 'username' and 'password'.");
            return null;
        }

        if (!options.AllowPrivateTargets && System.Net.IPAddress.TryParse(uri.IdnHost, out var address) && !WebhookTargets.IsPublic(address))
        {
            errors.Add(field, $"'{field}' points at a private or loopback address, which this service may not reach.");
            return null;
        }

        return uri;
    }

    private static ProblemHttpResult CalendarsOff() =>
        TypedResults.Problem(
            detail: "This service cannot keep calendar credentials: its operator has not set Calendars:EncryptionKey (32 random bytes, base64).",
            statusCode: StatusCodes.Status409Conflict,
            title: "Calendars are off",
            extensions: new Dictionary<string, object?> { ["reason"] = "calendars_off" });

    private static ProblemHttpResult Unopenable() =>
        TypedResults.Problem(
            detail: CalendarSecrets.CannotOpen,
            statusCode: StatusCodes.Status409Conflict,
            title: "The calendar's credentials cannot be opened",
            extensions: new Dictionary<string, object?> { ["reason"] = "credentials_unreadable" });

    /// <summary>The calendar could not be read when connecting it: what the server answered, in words without secrets.</summary>
    private static ProblemHttpResult Unreadable(string error, CalendarSourceFailure? failure, int? serverStatus)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = "calendar_unreadable" };
        if (failure is { } kind)
        {
            extensions["failure"] = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
        }

        if (serverStatus is { } status)
        {
            extensions["server_status"] = status;
        }

        return TypedResults.Problem(
            detail: $"{error} Nothing was connected; check the address and credentials and try again.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The calendar could not be read",
            extensions: extensions);
    }

    private static ProblemHttpResult UnknownConnection(string ownerId, string connectionId) =>
        V1Mapping.NotFound($"Owner '{ownerId}' has no connected calendar '{connectionId}'.");

    /// <summary>The connection as it stands at <paramref name="now"/>: a copy past its age is stale, read or not since.</summary>
    private static CalendarConnectionResponse ToResponse(this StoredConnection c, Instant now) =>
        new(c.Id, c.Kind, c.DisplayHost, c.Settings.BusyCalendars, c.Settings.WriteCalendar, c.Settings.WhenUnreachable, c.StateAt(now), c.LastError,
            Utc(c.LastSuccessAt), Utc(c.LastAttemptAt), WireFormat.FormatUtc(c.NextSyncAt), WireFormat.FormatUtc(c.CreatedAt));

    private static string? Utc(Instant? instant) => instant is { } i ? WireFormat.FormatUtc(i) : null;
}

/// <param name="Kind">caldav or ics.</param>
/// <param name="Url">For caldav, the calendar or the account's calendar home; for ics, the feed's (secret) address.</param>
/// <param name="Password">The CalDAV password or app token; stored encrypted, never shown again.</param>
/// <param name="WhenUnreachable">block (default) or offer: what happens to the owner's slots when the calendar is unreadable longer than allowed.</param>
public sealed record ConnectCalendarRequest(
    string? Kind, string? Url, string? Username = null, string? Password = null, IReadOnlyList<string>? BusyCalendars = null, string? WriteCalendar = null,
    string? WhenUnreachable = null);

public sealed record CalendarSettingsRequest(IReadOnlyList<string>? BusyCalendars, string? WriteCalendar, string? WhenUnreachable);

/// <param name="Host">The scheme and host of the calendar's address; the rest of it, and the credentials, are never shown.</param>
/// <param name="State">pending (not read yet), ok, failing (its last good copy counts) or stale (too old to count: when_unreachable applies).</param>
/// <param name="LastSyncedAt">When it was last read successfully.</param>
public sealed record CalendarConnectionResponse(
    string Id, string Kind, string Host, IReadOnlyList<string>? BusyCalendars, string? WriteCalendar, string WhenUnreachable, string State, string? LastError,
    string? LastSyncedAt, string? LastAttemptAt, string NextSyncAt, string CreatedAt);

public sealed record CalendarConnectionsResponse(IReadOnlyList<CalendarConnectionResponse> Calendars);

public sealed record CalendarCollectionResponse(string Url, string? DisplayName, bool HoldsEvents, bool CountsAsBusy, bool ReceivesBookings);

public sealed record CalendarCollectionsResponse(IReadOnlyList<CalendarCollectionResponse> Calendars);
