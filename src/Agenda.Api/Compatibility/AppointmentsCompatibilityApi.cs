using System.Text.Json;
using Agenda.Api.Bookings;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Scheduling;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Zones;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Agenda.Api.Compatibility;

/// <summary>
/// The documented <c>/api/appointments</c> routes: search slots, book a slot, list upcoming appointments.
/// Times are wall-clock times in the owner's zone; slots are one hour long, one hour apart.
/// </summary>
internal static class AppointmentsCompatibilityApi
{
    /// <summary>The documented routes book the default meeting type, stored under an empty key.</summary>
    public const string DocumentedTypeKey = "";

    public static IEndpointRouteBuilder MapAppointmentsCompatibility(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/appointments").WithTags("Documented API").ProducesDatabaseUnavailable();

        group.MapGet("/search_slots", SearchSlotsAsync)
            .WithName("SearchSlots")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Free one-hour slots of an owner on a date")
            .WithDescription("Give owner and request_date as query parameters, or as a JSON body on the GET as the original document does. Slots that are booked or start before now are left out.");

        group.MapPost("/book_slot", BookSlotAsync)
            .WithName("BookSlot")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesBookingRefusals(RefusalCodes.DocumentedBooking)
            .WithSummary("Book one of the offered slots")
            .WithDescription("Accepted exactly when start_time to end_time is a slot that search_slots offers at that moment; otherwise 409 with the reason. With an Idempotency-Key header, a retry of the same request returns the first answer instead of booking again.");

        group.MapGet("/list_upcoming/{ownerId}", ListUpcomingAsync)
            .WithName("ListUpcoming")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireOwnerKey()
            .WithSummary("An owner's appointments that have not ended yet, soonest first")
            .WithDescription(ListUpcomingPaging);

        // The original document also writes this route without its /api prefix.
        routes.MapGet("/appointments/list_upcoming/{ownerId}", ListUpcomingAsync)
            .WithTags("Documented API")
            .WithName("ListUpcomingUnprefixed")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireOwnerKey()
            .WithSummary("Same as /api/appointments/list_upcoming/{ownerId}")
            .WithDescription(ListUpcomingPaging);

        return routes;
    }

    public static async Task<Results<EncodedJson<SearchSlotsResponse>, ValidationProblem, ProblemHttpResult>> SearchSlotsAsync(
        HttpRequest request,
        [FromQuery] string? owner,
        [FromQuery(Name = "request_date")] string? requestDate,
        OwnerCache owners,
        SlotSearch search,
        AnswerCache answers,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (query, unreadable) = await CompatibilityRequests.ReadSearchAsync(request, owner, requestDate, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var errors = new RequestErrors();
        var ownerId = errors.Name("owner", query!.Owner);
        var date = errors.Date("request_date", query.RequestDate);
        if (ownerId is null || date is not { } day)
        {
            return errors.Problem();
        }

        var now = time.GetCurrentInstant();
        var key = new SearchSlotsKey(ownerId, day);
        if (answers.TryGet(key, now, out var kept))
        {
            return new EncodedJson<SearchSlotsResponse>(kept);
        }

        var found = await owners.FindOwnerAsync(ownerId, cancellationToken);
        var result = found is null ? null : await search.FreeSlotsAsync(
            found, zone => CalendarDates.Span(new DateInterval(day, day), zone), MeetingType.Default, DocumentedTypeKey, now, cancellationToken);
        if (result is null)
        {
            return UnknownOwner(ownerId);
        }

        var zone = result.Owner.Zone;
        var body = new SearchSlotsResponse(
            result.Slots.Select(s => new SlotBody(WireFormat.Format(s.Start, zone), WireFormat.Format(s.End, zone))).ToList());
        return new EncodedJson<SearchSlotsResponse>(result.Encode(body, key, answers, json.Value.SerializerOptions));
    }

    /// <summary>What a documented search's answer is kept under.</summary>
    private sealed record SearchSlotsKey(string OwnerId, LocalDate Date);

    public static async Task<Results<Created<BookSlotResponse>, ValidationProblem, ProblemHttpResult>> BookSlotAsync(
        BookSlotRequest? body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        OwnerCache owners,
        BookingService service,
        BookingMetrics metrics,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var key = errors.IdempotencyKey(idempotencyKey);
        var ownerId = errors.Name("owner", body?.Owner);
        var invitee = errors.Name("invitee", body?.Invitee);
        var start = errors.DateTime("start_time", body?.StartTime);
        var end = errors.DateTime("end_time", body?.EndTime);
        if (start is { } from && end is { } to && to < from)
        {
            errors.Add("end_time", EndNotAfterStart(body!));
        }

        if (errors.Any || ownerId is null || invitee is null || start is not { } localStart || end is not { } localEnd)
        {
            return errors.Problem();
        }

        // The kept copy, current as far as this node knows (the store decides under the owner's lock in any case).
        var owner = (await owners.FindOwnerAsync(ownerId, cancellationToken))?.Owner;
        if (owner is null)
        {
            return UnknownOwner(ownerId);
        }

        var startText = WireFormat.Format(localStart);
        var endText = WireFormat.Format(localEnd);
        if (ZoneMapping.SlotBetween(localStart, localEnd, owner.Zone, MeetingType.Default.Length) is not { } slot)
        {
            // Equal times name a slot only across a fall-back (01:00-01:00: from the first 01:00 to the second).
            if (localEnd == localStart)
            {
                errors.Add("end_time", EndNotAfterStart(body!));
                return errors.Problem();
            }

            metrics.CountRefusal(Scheduling.Booking.BookingOutcome.NotOnSlotGrid, BookingMetrics.Book);
            return BookingRefusals.ToProblem(Scheduling.Booking.BookingOutcome.NotOnSlotGrid, startText, endText);
        }

        BookSlotResponse Answer(StoredBooking booking) => new(
            new AppointmentBody(ownerId, booking.Invitee, WireFormat.Format(booking.Slot.Start, owner.Zone), WireFormat.Format(booking.Slot.End, owner.Zone)),
            "Appointment booked successfully");

        // The documented API's bookings have no management token. The key is the owner's, under the documented type's
        // empty slug ("ana/"), which no /v1 meeting type has; the same key with the same body replays the first answer.
        var command = new BookCommand(ownerId, DocumentedTypeKey, MeetingType.Default, new BookingRequest(invitee, slot))
        {
            IssueManageToken = false,
            Idempotency = key is null ? null : new Idempotency(
                new IdempotencyKey($"{ownerId}/{DocumentedTypeKey}", key, Secrets.Hash(JsonSerializer.Serialize(body))),
                (booked, _) => JsonSerializer.Serialize(Answer(booked[0]))),
        };
        return await service.BookAsync(command, cancellationToken) switch
        {
            BookResult.Booked booked => Created(Answer(booked.Booking)),
            BookResult.Replayed replayed => Created(JsonSerializer.Deserialize<BookSlotResponse>(replayed.Payload)!),
            BookResult.Refused refused => BookingRefusals.ToProblem(refused.Reason, startText, endText),
            BookResult.KeyReused => BookingRefusals.KeyReused(),
            _ => UnknownOwner(ownerId),
        };
    }

    // The documented API has no route for one appointment, so the answer has no Location.
    private static Created<BookSlotResponse> Created(BookSlotResponse answer) => TypedResults.Created((string?)null, answer);

    private static Message EndNotAfterStart(BookSlotRequest body) => new("After", "end_time", body.EndTime, "start_time", body.StartTime);

    private const string ListUpcomingPaging =
        "At most Limits:MaxUpcomingPerPage appointments (default 500) per answer, or limit if smaller. When more exist, the answer's Link header names the next page: <...?cursor=...>; rel=\"next\". The body keeps its shape on every page.";

    public static async Task<Results<Ok<ListUpcomingResponse>, ValidationProblem, ProblemHttpResult>> ListUpcomingAsync(
        string ownerId,
        [FromQuery] string? cursor,
        [FromQuery] int? limit,
        HttpContext http,
        IOwnerStore owners,
        IBookingStore bookings,
        PageLimits pages,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        errors.Name("ownerId", ownerId);
        var pageSize = errors.Number("limit", limit, 1, pages.MaxUpcomingPerPage, required: false) ?? pages.MaxUpcomingPerPage;
        var position = cursor is null ? null : BookingCursor.Read(cursor);
        if (cursor is not null && position is null)
        {
            errors.Add("cursor", "LinkCursor", "cursor");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var owner = await owners.FindOwnerAsync(ownerId, cancellationToken);
        // One more than the page, to know whether a next page exists without answering an empty one.
        var query = new BookingQuery(BookingListStatus.Confirmed, time.GetCurrentInstant(), null, null, position?.Start, position?.Id, pageSize + 1);
        var upcoming = owner is null ? null : await bookings.ListBookingsAsync(ownerId, query, cancellationToken);
        if (owner is null || upcoming is null)
        {
            return UnknownOwner(ownerId);
        }

        var page = upcoming.Take(pageSize).ToList();
        if (upcoming.Count > pageSize)
        {
            var next = $"{http.Request.PathBase}{http.Request.Path}?cursor={BookingCursor.Write(page[^1])}" + (limit is null ? "" : $"&limit={pageSize}");
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return TypedResults.Ok(new ListUpcomingResponse(page
            .Select(b => new UpcomingAppointmentBody(WireFormat.Format(b.Slot.Start, owner.Zone), WireFormat.Format(b.Slot.End, owner.Zone), b.Invitee))
            .ToList()));
    }

    private static ProblemHttpResult UnknownOwner(string ownerId) =>
        TypedResults.Problem(
            detail: $"No owner '{ownerId}' exists. An owner is created by setting their availability first: POST /api/calendar/set_availability/{ownerId}.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Unknown owner");
}
