using Agenda.Api.Bookings;
using Agenda.Api.Hosting;
using Agenda.Api.Wire;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.V1;

/// <summary>Bookings of a meeting type's slots, and reading a booking by its id.</summary>
public static class BookingsApi
{
    public static IEndpointRouteBuilder MapBookings(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/owners/{ownerId}/meeting-types/{slug}/bookings", CreateAsync)
            .WithTags("Bookings")
            .WithName("CreateBooking")
            .WithSummary("Book a slot of a meeting type")
            .WithDescription("start is a slot start as the slot search gives it (ISO 8601 with offset, or UTC). Accepted exactly when that slot is offered at this moment; otherwise 409 with a reason.");
        routes.MapGet("/v1/bookings/{bookingId}", GetAsync)
            .WithTags("Bookings")
            .WithName("GetBooking")
            .WithSummary("Read a booking");
        return routes;
    }

    public static async Task<Results<Created<BookingResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string ownerId, string slug, CreateBookingRequest? body, IScheduleStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var start = errors.Instant("start", body?.Start);
        var name = errors.Name("invitee.name", body?.Invitee?.Name);
        var email = errors.Email("invitee.email", body?.Invitee?.Email);
        var note = errors.Text("note", body?.Note, 2000);
        if (errors.Any || start is not { } startsAt || name is null)
        {
            return ProblemHandling.InvalidRequest(errors.ToDictionary());
        }

        if (await store.GetMeetingTypeAsync(ownerId, slug, cancellationToken) is not { } meetingType)
        {
            return await store.FindOwnerAsync(ownerId, cancellationToken) is null ? V1Mapping.UnknownOwner(ownerId) : V1Mapping.UnknownMeetingType(ownerId, slug);
        }

        var slot = new Slot(startsAt, startsAt + meetingType.Rules.Length);
        var attempt = await store.BookAsync(ownerId, new BookingRequest(name, slot, email, note), meetingType.Rules, slug, time.GetCurrentInstant(), cancellationToken);
        switch (attempt)
        {
            case BookingAttempt.Booked booked:
                var owner = await store.FindOwnerAsync(ownerId, cancellationToken);
                return TypedResults.Created($"/v1/bookings/{booked.Booking.Id}", booked.Booking.ToResponse(owner!.Zone));
            case BookingAttempt.Refused refused:
                return BookingRefusals.ToProblem(refused.Reason, WireFormat.FormatUtc(slot.Start), WireFormat.FormatUtc(slot.End));
            default:
                return V1Mapping.UnknownOwner(ownerId);
        }
    }

    public static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> GetAsync(string bookingId, IScheduleStore store, CancellationToken cancellationToken)
    {
        if (await store.GetBookingAsync(bookingId, cancellationToken) is not { } booking
            || await store.FindOwnerAsync(booking.OwnerId, cancellationToken) is not { } owner)
        {
            return V1Mapping.NotFound($"No booking '{bookingId}' exists.");
        }

        return TypedResults.Ok(booking.ToResponse(owner.Zone));
    }
}
