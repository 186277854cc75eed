using System.Text.Json;
using Agenda.Api.Bookings;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Agenda.Api.Teams;

/// <summary>
/// A booking or a hold of a team's meeting type as a program asks for one, in the API's words: the /v1 routes and the
/// MCP server's tools call these, as <see cref="BookingRequests"/> for an owner's types.
/// </summary>
internal sealed class TeamBookingRequests(ITeamStore teams, BookingService service, SlotHolder holder, IOptions<JsonOptions> json)
{
    /// <summary>Books <paramref name="body"/>'s slot of the team's type; the idempotency key works as for a personal booking.</summary>
    public async Task<Outcome<BookingResponse>> BookAsync(string teamId, string slug, CreateBookingRequest? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (BookingInput.Read(body, idempotencyKey, errors) is not { } input)
        {
            return errors;
        }

        if (await teams.GetTeamAsync(teamId, cancellationToken) is not { } team)
        {
            return TeamService.UnknownTeam(teamId);
        }

        if (team.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } type)
        {
            return TeamService.UnknownTeamMeetingType(teamId, slug);
        }

        if (input.ForType(type.Shared, errors) is not var (_, request, series))
        {
            return errors;
        }

        var slot = request.Slot;
        var options = json.Value.SerializerOptions;
        BookingResponse Answer(IReadOnlyList<StoredBooking> bookings, string? token) =>
            // The first host's zone; the team read before the booking may predate a host who joined since.
            bookings[0].ToResponse(team.Members.FirstOrDefault(m => m.OwnerId == bookings[0].OwnerId)?.Owner.Zone ?? team.DefaultZone(type), managementToken: token) with
            {
                Team = new TeamBookingResponse(teamId, slug, bookings.Select(b => b.OwnerId).ToList()),
            };

        // As for a personal booking: the same key and request replay the first answer, kept with the key.
        var command = new TeamBookCommand(teamId, slug, [.. type.Team.Hosts.Select(h => h.OwnerId)], request)
        {
            Series = series,
            Idempotency = idempotencyKey is null ? null : new Idempotency(
                new IdempotencyKey($"team:{teamId}/{slug}", idempotencyKey, Secrets.Hash(JsonSerializer.Serialize(body, options))),
                (bookings, token) => JsonSerializer.Serialize(Answer(bookings, token), options)),
        };
        return await service.BookTeamAsync(command, cancellationToken) switch
        {
            BookResult.Booked booked => Answer(booked.Bookings, booked.ManageToken),
            BookResult.Replayed replayed => JsonSerializer.Deserialize<BookingResponse>(replayed.Payload, options)!,
            BookResult.Refused refused => BookingRefusals.Of(refused.Reason, WireFormat.FormatUtc(slot.Start), WireFormat.FormatUtc(slot.End)),
            BookResult.SeriesRefused refused => BookingRefusals.Series(refused.Meetings, refused.Count),
            BookResult.KeyReused => BookingRefusals.KeyReusedRefusal,
            _ => TeamService.UnknownTeamMeetingType(teamId, slug),
        };
    }

    /// <summary>Holds <paramref name="body"/>'s slot of the team's type: the hosts a booking would take now are kept for it.</summary>
    public async Task<Outcome<HoldResponse>> HoldAsync(string teamId, string slug, CreateHoldRequest? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var start = errors.Instant("start", body?.Start);
        if (errors.Any || start is not { } startsAt)
        {
            return errors;
        }

        if (await teams.GetTeamAsync(teamId, cancellationToken) is not { } team)
        {
            return TeamService.UnknownTeam(teamId);
        }

        if (team.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } type)
        {
            return TeamService.UnknownTeamMeetingType(teamId, slug);
        }

        if (MeetingTypes.MeetingTypeDetailsInput.RulesOfLength(type.Shared, body?.DurationMinutes, errors) is not { } length)
        {
            return errors;
        }

        var taken = await holder.HoldTeamAsync(teamId, type, startsAt, cancellationToken, length);
        return taken.Attempt switch
        {
            HoldAttempt.Held held => held.Hold.ToResponse(taken.Token, type.Team.Hosts[0].OwnerId, team.DefaultZone(type)),
            HoldAttempt.Refused refused => BookingRefusals.Of(refused.Reason, WireFormat.FormatUtc(taken.Slot.Start), WireFormat.FormatUtc(taken.Slot.End)),
            _ => TeamService.UnknownTeamMeetingType(teamId, slug),
        };
    }
}
