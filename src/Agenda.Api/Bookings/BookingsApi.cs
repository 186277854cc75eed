using System.Text.Json;
using Agenda.Api.Calendars;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Scheduling;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Agenda.Api.Bookings;

/// <summary>
/// Bookings of a meeting type's slots, and the invitee's management of one booking with its token:
/// read, cancel, reschedule, and the booking as an iCalendar file.
/// </summary>
internal static class BookingsApi
{
    public static IEndpointRouteBuilder MapBookings(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/owners/{ownerId}/meeting-types/{slug}/bookings", CreateAsync)
            .WithTags("Bookings")
            .WithName("CreateBooking")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesBookingRefusals([.. RefusalCodes.Booking, RefusalCodes.Series])
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Book a slot of a meeting type")
            .WithDescription("start is a slot start as the slot search gives it (ISO 8601 with offset, or UTC). Accepted exactly when that slot is offered at this moment; otherwise 409 with a reason. The answer carries management_token, shown only here: it alone allows reading, cancelling and rescheduling the booking. With recurrence (a meeting type that offers series), a weekly series from start is booked all or nothing: the answer is its first meeting (series names the series), and one token manages every meeting; when any meeting cannot be booked, nothing is, and 409 series_unavailable names each such meeting in meetings.");

        routes.MapGet("/v1/owners/{ownerId}/bookings", ListAsync)
            .WithTags("Bookings")
            .WithName("ListOwnerBookings")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The owner's bookings, soonest first, a page at a time (owner's key)")
            .WithDescription("status: upcoming (default: active bookings and requests awaiting approval), pending (requests awaiting approval), past, cancelled, declined or expired; from and to: dates in the owner's zone, both included, on the booking's start; meeting_type: a type's slug, or team_id/slug; invitee: part of the invitee's name or e-mail address (case ignored); limit: 1 to 200 (default 50); cursor: the next_cursor of the previous page. Paging stays correct while bookings are added.")
            .RequireOwnerKey();

        routes.MapGet("/v1/owners/{ownerId}/bookings/export", ExportAsync)
            .WithTags("Bookings")
            .WithName("ExportOwnerBookings")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The owner's bookings as CSV (owner's key)")
            .WithDescription("The same filters as the list (status, from, to, meeting_type, invitee), every page, as one CSV file (RFC 4180, UTF-8, a header row): id, status, start and end in UTC and in the owner's zone, the meeting type, the invitee's name, e-mail, language and zone, where to meet, the invitee's note, the owner's private note, the answers, no_show_at, created_at, cancelled_at and cancel_reason. A cell that a spreadsheet would read as a formula is escaped. At most 10000 bookings: narrow the dates for more (400 otherwise).")
            .RequireOwnerKey();

        routes.MapPut("/v1/owners/{ownerId}/bookings/{bookingId}/no-show", MarkNoShowAsync)
            .WithTags("Bookings")
            .WithName("MarkNoShow")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Mark the invitee as a no-show, or take the mark back (owner's key)")
            .WithDescription("no_show: true or false. Only an active booking whose meeting has begun (409 not_begun, not_active). Marking writes the event booking.no_show: webhook endpoints that chose it and workflows with trigger no_show hear of it; marking again changes nothing.")
            .RequireOwnerKey();

        routes.MapPut("/v1/owners/{ownerId}/bookings/{bookingId}/private-note", WritePrivateNoteAsync)
            .WithTags("Bookings")
            .WithName("WritePrivateNote")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Write the owner's private note on a booking (owner's key)")
            .WithDescription("private_note: up to 5000 characters; null or blank clears it. Any booking of the owner's, whatever its status. The note is the owner's alone: the owner's booking list and CSV export show it; the invitee's view of the booking, e-mails, webhooks and workflows never carry it.")
            .RequireOwnerKey();

        var booking = routes.MapGroup("/v1/bookings/{bookingId}").WithTags("Bookings").RequireBookingAccess()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        booking.MapGet("/", GetAsync).WithName("GetBooking")
            .WithSummary("Read a booking (with its management token)");
        booking.MapPost("/cancel", CancelAsync).WithName("CancelBooking")
            .WithSummary("Cancel a booking (with its management token); its slot is offered again at once")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesBookingRefusals(RefusalCodes.Cancel).WithMetadata(new OptionalBodyMetadata());
        booking.MapPost("/reschedule", RescheduleAsync).WithName("RescheduleBooking")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesBookingRefusals([.. RefusalCodes.Reschedule, RefusalCodes.Series])
            .WithSummary("Move a booking to another offered slot of its meeting type (with its management token)")
            .WithDescription("Atomic: the new slot is taken and the old one freed together, or nothing changes. The booking keeps its id; its previous times are kept and its sequence grows.");
        booking.MapPost("/confirm", ConfirmAsync).WithName("ConfirmBooking")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesBookingRefusals(RefusalCodes.Answer).WithMetadata(new OptionalBodyMetadata())
            .WithSummary("Confirm a request awaiting approval (owner's key)")
            .WithDescription("A booking of a type that requires approval is a request (status pending) until its owner confirms or declines it, or it expires (expires_at). Confirmed, it is an active booking; a request that did not hold its time takes it now, unless another booking took it meanwhile (409 taken). Of two overlapping requests confirmed at once, exactly one is confirmed.");
        booking.MapPost("/decline", DeclineAsync).WithName("DeclineBooking")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesBookingRefusals(RefusalCodes.Answer.Where(r => r.Reason != BookingRefusals.Code(BookingOutcome.Taken)).ToList()).WithMetadata(new OptionalBodyMetadata())
            .WithSummary("Decline a request awaiting approval (owner's key), saying why if you wish; its time is free again");
        booking.MapGet("/series", GetSeriesAsync).WithName("GetBookingSeries")
            .WithSummary("The recurring series a booking is a meeting of, with every meeting (with the booking's management token)")
            .WithDescription("Every meeting of the series in order, cancelled and moved ones included; each is a booking that its management token (one for the whole series) reads, cancels and moves. 404 for a booking of no series.");
        booking.MapGet("/calendar.ics", CalendarFile).WithName("BookingCalendarFile")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithSummary("The booking as an iCalendar event (with its management token)");
        return routes;
    }

    public static async Task<Results<Created<BookingResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string ownerId,
        string slug,
        CreateBookingRequest? body,
        [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        BookingRequests requests,
        CancellationToken cancellationToken) =>
        (await requests.BookAsync(ownerId, slug, body, idempotencyKey, cancellationToken)).Answer(booking => TypedResults.Created($"/v1/bookings/{booking.Id}", booking));

    /// <param name="bookingId">Read by the access filter of the group, which hands over the booking.</param>
    public static async Task<Ok<BookingResponse>> GetAsync(
        string bookingId, HttpContext http, IOwnerStore owners, IBookingStore bookings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DescribeAsync(http.BookingGrant().Booking, http, cancellationToken));

    public static async Task<Results<Ok<BookingResponse>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        string bookingId, CancelBookingRequest? body, HttpContext http, BookingRequests requests, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var reason = errors.Text("reason", body?.Reason, 2000);
        var following = SeriesScope(body?.Series, errors);
        if (errors.Any)
        {
            return errors.Problem();
        }

        return (await requests.CancelAsync(bookingId, http.BookingGrant().Actor, reason, following, cancellationToken)).Answer(TypedResults.Ok);
    }

    public static async Task<Results<Ok<BookingResponse>, ValidationProblem, ProblemHttpResult>> RescheduleAsync(
        string bookingId, RescheduleBookingRequest? body, HttpContext http, BookingService service, BookingRequests requests, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var start = errors.Instant("start", body?.Start);
        var following = SeriesScope(body?.Series, errors);
        if (errors.Any || start is not { } startsAt)
        {
            return errors.Problem();
        }

        var grant = http.BookingGrant();
        // A booking of no series (a team booking among them) moves alone, as with "this".
        if (following && grant.Booking.SeriesId is not null)
        {
            return await service.RescheduleFollowingAsync(bookingId, startsAt, grant.Actor, cancellationToken) switch
            {
                null => UnknownBooking(bookingId),
                { Outcome: not ChangeOutcome.Allowed } change => BookingRefusals.ToProblem(change.Outcome, "rescheduled"),
                { Refused.Count: > 0 } change => BookingRefusals.Series(change.Refused, (await service.SeriesOfAsync(grant.Booking, cancellationToken))?.Count ?? 1, moving: true).ToProblem(),
                var change => TypedResults.Ok(await DescribeAsync(change.Booking, http, cancellationToken)),
            };
        }

        return (await requests.MoveAsync(grant.Booking, startsAt, grant.Actor, cancellationToken)).Answer(TypedResults.Ok);
    }

    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> ConfirmAsync(
        string bookingId, HttpContext http, BookingService service, CancellationToken cancellationToken)
    {
        if (OwnerOnly(http) is { } denied)
        {
            return denied;
        }

        var slot = http.BookingGrant().Booking.Slot;
        return await service.ConfirmAsync(bookingId, cancellationToken) switch
        {
            BookingAttempt.Booked confirmed => TypedResults.Ok(await DescribeAsync(confirmed.Booking, http, cancellationToken)),
            BookingAttempt.Refused refused => BookingRefusals.ToProblem(refused.Reason, WireFormat.FormatUtc(slot.Start), WireFormat.FormatUtc(slot.End)),
            BookingAttempt.NotChangeable why => BookingRefusals.ToProblem(why.Reason, "confirmed"),
            _ => UnknownBooking(bookingId),
        };
    }

    public static async Task<Results<Ok<BookingResponse>, ValidationProblem, ProblemHttpResult>> DeclineAsync(
        string bookingId, DeclineBookingRequest? body, HttpContext http, BookingService service, CancellationToken cancellationToken)
    {
        if (OwnerOnly(http) is { } denied)
        {
            return denied;
        }

        var errors = new RequestErrors();
        var reason = errors.Text("reason", body?.Reason, 2000);
        if (errors.Any)
        {
            return errors.Problem();
        }

        return await service.DeclineAsync(bookingId, reason, cancellationToken) switch
        {
            null => UnknownBooking(bookingId),
            { Outcome: ChangeOutcome.Allowed } result => TypedResults.Ok(await DescribeAsync(result.Booking, http, cancellationToken)),
            var result => BookingRefusals.ToProblem(result.Outcome, "declined"),
        };
    }

    /// <summary>
    /// <c>series</c> of a cancel or move: <c>this</c> (or left out) changes the booking alone, <c>following</c> it and the rest
    /// of its series (for a booking of no series, the same as this).
    /// </summary>
    private static bool SeriesScope(string? series, RequestErrors errors)
    {
        switch (series)
        {
            case null or "this":
                return false;
            case "following":
                return true;
            default:
                errors.Add("series", "OneOf", "series", "this, following");
                return false;
        }
    }

    /// <param name="bookingId">Read by the access filter of the group, which hands over the booking.</param>
    public static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> GetSeriesAsync(
        string bookingId, HttpContext http, BookingService service, IOwnerStore owners, CancellationToken cancellationToken)
    {
        var booking = http.BookingGrant().Booking;
        if (await service.SeriesOfAsync(booking, cancellationToken) is not { } series)
        {
            return ApiProblems.NotFound($"Booking '{bookingId}' is of no recurring series.");
        }

        var zone = (await owners.FindOwnerAsync(booking.OwnerId, cancellationToken))?.Zone ?? series.Zone;
        return TypedResults.Ok(new SeriesResponse(
            series.Id, series.OwnerId, series.MeetingTypeKey, series.Zone.Id, series.IntervalWeeks, series.Count, [.. series.Bookings.Select(b => b.ToResponse(zone))]));
    }

    /// <summary>A request is answered by its owner: the invitee's token reads and withdraws it, but does not confirm it.</summary>
    private static ProblemHttpResult? OwnerOnly(HttpContext http) =>
        http.BookingGrant().Actor == BookingAccess.Owner ? null : TypedResults.Problem(
            detail: "Only the booking's owner confirms or declines a request, with their API key. The invitee may cancel it.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Owner's answer");

    /// <param name="bookingId">Read by the access filter of the group, which hands over the booking.</param>
    public static async Task<ContentHttpResult> CalendarFile(
        string bookingId, HttpContext http, TimeProvider time, MeetingNames names, BookingService service, CancellationToken cancellationToken)
    {
        // The meeting as the reader names it: the invitee (with the token) sees the owner, the owner sees the invitee and their answers.
        var grant = http.BookingGrant();
        var meeting = await names.ForAsync(grant.Booking, grant.Actor, cancellationToken);
        var text = Notifications.MeetingFacts.Event(grant.Booking, meeting, grant.Actor);
        // A meeting of a series: the whole series as one recurring event, as its e-mail carries it.
        if (await service.SeriesOfAsync(grant.Booking, cancellationToken) is { } series)
        {
            return TypedResults.Content(BookingCalendar.WriteSeries(series, time.GetCurrentInstant(), text), BookingCalendar.ContentType);
        }

        return TypedResults.Content(BookingCalendar.Write([grant.Booking], time.GetCurrentInstant(), "Agenda booking", _ => text), BookingCalendar.ContentType);
    }

    public static async Task<Results<Ok<BookingListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string ownerId,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? status,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? from,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? to,
        [Microsoft.AspNetCore.Mvc.FromQuery] int? limit,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? cursor,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "meeting_type")] string? meetingType,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? invitee,
        BookingService service,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (BookingListRequest.Read(status, from, to, limit, cursor, meetingType, invitee, errors) is not { } request)
        {
            return errors.Problem();
        }

        return await service.ListAsync(ownerId, request, cancellationToken) is { } list
            ? TypedResults.Ok(new BookingListResponse(list.Page.Select(b => b.ToOwnersResponse(list.Owner.Zone)).ToList(), request.NextCursor(list.Page)))
            : ApiProblems.UnknownOwner(ownerId);
    }

    /// <summary>The booking as answered, with its previous times and, for a host's share of a team booking, the team and every host.</summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(
        string ownerId,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? status,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? from,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? to,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "meeting_type")] string? meetingType,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? invitee,
        BookingExport export,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (BookingListRequest.Read(status, from, to, BookingListRequest.MaxPageSize, null, meetingType, invitee, errors) is not { } request)
        {
            return errors.Problem();
        }

        return await export.CsvAsync(ownerId, request, cancellationToken) switch
        {
            Outcome<byte[]>.Done done => TypedResults.File(done.Value, "text/csv; charset=utf-8", BookingExport.FileName),
            Outcome<byte[]>.Invalid invalid => invalid.Errors.Problem(),
            Outcome<byte[]>.Refused refused => refused.Refusal.ToProblem(),
            _ => throw new InvalidOperationException("An export is done, invalid or refused."),
        };
    }

    public static async Task<Results<Ok<NoShowResponse>, ValidationProblem, ProblemHttpResult>> MarkNoShowAsync(
        string ownerId, string bookingId, NoShowBody? body, NoShows noShows, CancellationToken cancellationToken)
    {
        if (body?.NoShow is not { } noShow)
        {
            var errors = new RequestErrors();
            errors.Add("no_show", "Required", "no_show");
            return errors.Problem();
        }

        return (await noShows.MarkAsync(ownerId, bookingId, noShow, cancellationToken)).Answer(marked => TypedResults.Ok(new NoShowResponse(bookingId, marked)));
    }

    public static async Task<Results<Ok<PrivateNoteResponse>, ValidationProblem, ProblemHttpResult>> WritePrivateNoteAsync(
        string ownerId, string bookingId, PrivateNoteBody? body, PrivateNotes notes, CancellationToken cancellationToken) =>
        (await notes.WriteAsync(ownerId, bookingId, body?.PrivateNote, cancellationToken)).Answer(note => TypedResults.Ok(new PrivateNoteResponse(bookingId, note)));

    private static Task<BookingResponse> DescribeAsync(StoredBooking booking, HttpContext http, CancellationToken cancellationToken) =>
        http.RequestServices.GetRequiredService<BookingRequests>().DescribeAsync(booking, cancellationToken);

    private static ProblemHttpResult UnknownBooking(string bookingId) => BookingRequests.UnknownBooking(bookingId).ToProblem();
}
