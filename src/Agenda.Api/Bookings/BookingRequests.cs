using System.Text.Json;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Agenda.Api.Bookings;

/// <summary>
/// A booking or a hold of an owner's meeting type as a program asks for one, in the API's words (its request body and
/// its answer): the /v1 routes and the MCP server's tools call these, so an agent's booking is answered exactly as the
/// API's. The team's own are <c>Teams/TeamBookingRequests</c>.
/// </summary>
internal sealed class BookingRequests(OwnerCache owners, BookingService service, SlotHolder holder, IOwnerStore ownerStore, IBookingStore bookings, ITeamBookingStore teamBookings, IOptions<JsonOptions> json)
{
    /// <summary>
    /// Books <paramref name="body"/>'s slot of the owner's type. With <paramref name="idempotencyKey"/>, the same key and
    /// the same request (the same JSON, whatever its spacing) replay the first answer, kept with the key: the booking as
    /// it was answered, with its management token.
    /// </summary>
    public async Task<Outcome<BookingResponse>> BookAsync(string ownerId, string slug, CreateBookingRequest? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (BookingInput.Read(body, idempotencyKey, errors) is not { } input)
        {
            return errors;
        }

        // The kept copy, current as far as this node knows (the store decides under the owner's lock in any case).
        var (lookup, _) = await owners.FindMeetingTypeAsync(ownerId, slug, cancellationToken);
        if (lookup is not { Owner: { } owner, MeetingType: { } meetingType })
        {
            return Missing(lookup, ownerId, slug);
        }

        if (input.ForType(meetingType, errors) is not var (rules, request, series))
        {
            return errors;
        }

        var slot = request.Slot;
        var options = json.Value.SerializerOptions;
        var command = new BookCommand(ownerId, slug, rules, request)
        {
            Approval = meetingType.Approval,
            Series = series,
            Idempotency = idempotencyKey is null ? null : new Idempotency(
                new IdempotencyKey($"{ownerId}/{slug}", idempotencyKey, Secrets.Hash(JsonSerializer.Serialize(body, options))),
                (booked, token) => JsonSerializer.Serialize(booked[0].ToResponse(owner.Zone, managementToken: token), options)),
        };
        return await service.BookAsync(command, cancellationToken) switch
        {
            BookResult.Booked booked => booked.Booking.ToResponse(owner.Zone, managementToken: booked.ManageToken),
            BookResult.Replayed replayed => JsonSerializer.Deserialize<BookingResponse>(replayed.Payload, options)!,
            BookResult.Refused refused => BookingRefusals.Of(refused.Reason, WireFormat.FormatUtc(slot.Start), WireFormat.FormatUtc(slot.End)),
            BookResult.SeriesRefused refused => BookingRefusals.Series(refused.Meetings, refused.Count),
            BookResult.KeyReused => BookingRefusals.KeyReusedRefusal,
            _ => Refusal.UnknownOwner(ownerId),
        };
    }

    /// <summary>Holds <paramref name="body"/>'s slot of the owner's type for a few minutes; the answer carries the hold's token, shown only here.</summary>
    public async Task<Outcome<HoldResponse>> HoldAsync(string ownerId, string slug, CreateHoldRequest? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var start = errors.Instant("start", body?.Start);
        if (errors.Any || start is not { } startsAt)
        {
            return errors;
        }

        var (lookup, _) = await owners.FindMeetingTypeAsync(ownerId, slug, cancellationToken);
        if (lookup is not { Owner: { } owner, MeetingType: { } meetingType })
        {
            return Missing(lookup, ownerId, slug);
        }

        if (MeetingTypes.MeetingTypeDetailsInput.RulesOfLength(meetingType, body?.DurationMinutes, errors) is not { } rules)
        {
            return errors;
        }

        var taken = await holder.HoldAsync(ownerId, slug, rules, startsAt, cancellationToken);
        return taken.Attempt switch
        {
            HoldAttempt.Held held => held.Hold.ToResponse(taken.Token, ownerId, owner.Zone),
            HoldAttempt.Refused refused => BookingRefusals.Of(refused.Reason, WireFormat.FormatUtc(taken.Slot.Start), WireFormat.FormatUtc(taken.Slot.End)),
            _ => Refusal.UnknownOwner(ownerId),
        };
    }

    /// <summary>Cancels the booking as <paramref name="actor"/> (invitee or owner), with the rest of its series when <paramref name="following"/>; answered as the booking now is.</summary>
    public async Task<Outcome<BookingResponse>> CancelAsync(string bookingId, string actor, string? reason, bool following, CancellationToken cancellationToken) =>
        await service.CancelAsync(bookingId, actor, reason, following, cancellationToken) switch
        {
            null => UnknownBooking(bookingId),
            { Outcome: ChangeOutcome.Allowed } result => await DescribeAsync(result.Booking, cancellationToken),
            var result => BookingRefusals.Of(result.Outcome, "cancelled"),
        };

    /// <summary>Moves <paramref name="booking"/> alone to <paramref name="start"/> as <paramref name="actor"/>: the new slot taken and the old one freed together, or nothing changes.</summary>
    public async Task<Outcome<BookingResponse>> MoveAsync(StoredBooking booking, Instant start, string actor, CancellationToken cancellationToken) =>
        await service.RescheduleAsync(booking.Id, start, actor, cancellationToken) switch
        {
            BookingAttempt.Booked moved => await DescribeAsync(moved.Booking, cancellationToken),
            BookingAttempt.Refused refused => BookingRefusals.Of(refused.Reason, WireFormat.FormatUtc(start), WireFormat.FormatUtc(start + (booking.Slot.End - booking.Slot.Start))),
            BookingAttempt.NotChangeable why => BookingRefusals.Of(why.Reason, "rescheduled"),
            _ => UnknownBooking(booking.Id),
        };

    /// <summary>The 404 for a booking id that names none.</summary>
    public static Refusal UnknownBooking(string bookingId) => Refusal.NotFound(Message.AsGiven($"No booking '{bookingId}' exists."));

    /// <summary>The booking as answered, with its previous times and, for a host's share of a team booking, the team and every host.</summary>
    public async Task<BookingResponse> DescribeAsync(StoredBooking booking, CancellationToken cancellationToken)
    {
        var owner = await ownerStore.FindOwnerAsync(booking.OwnerId, cancellationToken);
        var history = await bookings.GetBookingHistoryAsync(booking.Id, cancellationToken);
        var response = booking.ToResponse(owner?.Zone ?? NodaTime.DateTimeZone.Utc, history);
        if (booking.TeamBookingId is { } group && StoredTeamMeetingType.ParseKey(booking.MeetingTypeKey) is { } key)
        {
            var shares = await teamBookings.GetTeamBookingAsync(group, cancellationToken);
            response = response with { Team = new TeamBookingResponse(key.TeamId, key.Slug, shares.Select(s => s.OwnerId).ToList()) };
        }

        return response;
    }

    /// <summary>The 404 for a lookup that found no owner, or an owner without that meeting type.</summary>
    public static Refusal Missing(MeetingTypeLookup lookup, string ownerId, string slug) =>
        lookup.Owner is null ? Refusal.UnknownOwner(ownerId) : Refusal.NotFound(Message.AsGiven(ApiProblems.UnknownMeetingTypeDetail(ownerId, slug)));
}
