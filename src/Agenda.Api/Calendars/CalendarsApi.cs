using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.Calendars;

/// <summary>
/// /v1/owners/{ownerId}/calendars: the owner's own calendars (CalDAV, or read-only iCalendar feeds), whose busy times are
/// never offered. URLs and credentials are kept encrypted and never shown again: an answer names the server's host only.
/// </summary>
internal static class CalendarsApi
{
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
        string ownerId, ConnectCalendarRequest? body, OwnerCalendars calendars, CancellationToken cancellationToken) =>
        (await calendars.ConnectAsync(ownerId, body, cancellationToken)).Answer(c => TypedResults.Created(
            $"/v1/owners/{Uri.EscapeDataString(ownerId)}/calendars/{c.Id}", c.ToResponse(calendars.Now)));

    public static async Task<Results<Ok<CalendarConnectionsResponse>, ProblemHttpResult>> ListAsync(
        string ownerId, OwnerCalendars calendars, CancellationToken cancellationToken) =>
        await calendars.ListAsync(ownerId, cancellationToken) is { } connections
            ? TypedResults.Ok(new CalendarConnectionsResponse([.. connections.Select(c => c.ToResponse(calendars.Now))]))
            : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<CalendarConnectionResponse>, ProblemHttpResult>> GetAsync(
        string ownerId, string connectionId, OwnerCalendars calendars, CancellationToken cancellationToken) =>
        (await calendars.FindAsync(ownerId, connectionId, cancellationToken)).AnswerRead(c => TypedResults.Ok(c.ToResponse(calendars.Now)));

    public static async Task<Results<Ok<CalendarConnectionResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string ownerId, string connectionId, CalendarSettingsRequest? body, OwnerCalendars calendars, CancellationToken cancellationToken) =>
        (await calendars.UpdateAsync(ownerId, connectionId, body, cancellationToken)).Answer(c => TypedResults.Ok(c.ToResponse(calendars.Now)));

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string ownerId, string connectionId, OwnerCalendars calendars, CancellationToken cancellationToken) =>
        await calendars.DeleteAsync(ownerId, connectionId, cancellationToken) ? TypedResults.NoContent() : UnknownConnection(ownerId, connectionId);

    public static async Task<Results<Ok<CalendarConnectionResponse>, ProblemHttpResult>> SyncAsync(
        string ownerId, string connectionId, OwnerCalendars calendars, CancellationToken cancellationToken) =>
        (await calendars.SyncAsync(ownerId, connectionId, cancellationToken)).AnswerRead(c => TypedResults.Ok(c.ToResponse(calendars.Now)));

    public static async Task<Results<Ok<DeliveriesResponse>, ProblemHttpResult>> DeliveriesAsync(
        string ownerId, string connectionId, OwnerCalendars calendars, CancellationToken cancellationToken) =>
        (await calendars.DeliveriesAsync(ownerId, connectionId, cancellationToken)).AnswerRead(log => TypedResults.Ok(DeliveriesResponse.Of(log)));

    public static async Task<Results<Ok<CalendarCollectionsResponse>, ProblemHttpResult>> CalendarsOfAsync(
        string ownerId, string connectionId, OwnerCalendars calendars, CancellationToken cancellationToken) =>
        (await calendars.CollectionsAsync(ownerId, connectionId, cancellationToken)).AnswerRead(found => TypedResults.Ok(new CalendarCollectionsResponse(found)));

    private static ProblemHttpResult UnknownConnection(string ownerId, string connectionId) =>
        OwnerCalendars.UnknownConnection(ownerId, connectionId).ToProblem();
}
