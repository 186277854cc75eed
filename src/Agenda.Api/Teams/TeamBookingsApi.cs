using System.Text.Json;
using Agenda.Api.Bookings;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Scheduling;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Agenda.Api.Teams;

/// <summary>
/// Slots and bookings of team meeting types. A search combines each host's own free slots, served from that host's
/// slot cache (the same entries their personal meeting types' searches use and every write to their calendar
/// outdates), so a team search costs what its hosts' searches cost, and nothing is computed for the team as such.
/// A booking is decided in storage under every host's lock. The booking is then managed like any other, with its
/// management token, at /v1/bookings/{id}.
/// </summary>
internal static class TeamBookingsApi
{
    public static IEndpointRouteBuilder MapTeamBookings(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/teams/{teamId}/meeting-types/{slug}/slots", SearchAsync)
            .WithTags("Teams")
            .WithName("SearchTeamSlots")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Free slots of a team meeting type over a range of dates")
            .WithDescription($"As for a personal meeting type: from and to (YYYY-MM-DD, both included, at most {SlotsApi.MaxDaysPerSearch} days) are dates in time_zone (default the first host's). A slot is offered when every required host is free for it in their own zone, hours and calendar (collective), or the fixed hosts and at least one rotating host are (round robin).");
        routes.MapGet("/v1/teams/{teamId}/free-times", NextAsync)
            .WithTags("Teams")
            .WithName("NextTeamFreeTimes")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The team's next free times, across its meeting types, soonest first")
            .WithDescription($"As GET /v1/owners/{{ownerId}}/free-times, over the team's meeting types: count 1 to {NextFreeTimes.MaxCount} (default {NextFreeTimes.DefaultCount}); meeting_types (default every type not marked private); time_zone (default the first listed type's first host's). Each time is a slot the team search offers, bookable as answered.");
        routes.MapPost("/v1/teams/{teamId}/meeting-types/{slug}/bookings", BookAsync)
            .WithTags("Teams")
            .WithName("CreateTeamBooking")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesBookingRefusals([.. RefusalCodes.Booking, RefusalCodes.Series])
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Book a slot of a team meeting type")
            .WithDescription("Accepted exactly when the slot is offered at this moment; the hosts who take it are in team.hosts (the booking's owner_id is the first). With the hold_token of a live hold of this slot, it takes the hosts the hold kept. Each host's calendar holds the booking, and none of them can be double-booked by any mix of personal and team bookings. The answer carries management_token for /v1/bookings/{id}: cancelling or moving it changes it for every host (a move keeps the hosts). An Idempotency-Key makes retries safe as for a personal booking: the same key and body replay the first answer.");
        routes.MapPost("/v1/teams/{teamId}/meeting-types/{slug}/holds", HoldAsync)
            .WithTags("Teams")
            .WithName("CreateTeamHold")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesBookingRefusals(RefusalCodes.Hold)
            .WithSummary("Hold a slot of a team meeting type for a few minutes")
            .WithDescription("As a personal hold: accepted exactly when the slot could be booked now; it keeps the hosts a booking would take now (for round robin, the host chosen now) away from everyone else until expires_at. Book with hold_token to take exactly those hosts; release it with DELETE /v1/holds/{holdToken}. owner_id is the first host's.");
        return routes;
    }

    public static async Task<Results<EncodedJson<TeamSlotsResponse>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        string teamId,
        string slug,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery(Name = "time_zone")] string? timeZone,
        [FromQuery(Name = "duration_minutes")] int? durationMinutes,
        TeamCache teams,
        TeamOffers offers,
        AnswerCache answers,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var viewZone = timeZone is null ? null : errors.Zone("time_zone", timeZone);
        if (SlotsApi.ReadDates(from, to, errors) is not { } searched || errors.Any)
        {
            return errors.Problem();
        }

        var (start, end) = searched;

        var now = time.GetCurrentInstant();
        var key = new TeamSlotsKey(teamId, slug, start, end, viewZone?.Id, durationMinutes);
        if (answers.TryGetTeam(key, now, out var kept))
        {
            return new EncodedJson<TeamSlotsResponse>(kept);
        }

        if (await teams.FindTeamAsync(teamId, cancellationToken) is not { } team)
        {
            return TeamsApi.UnknownTeam(teamId);
        }

        if (team.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } type)
        {
            return TeamsApi.UnknownTeamMeetingType(teamId, slug);
        }

        if (MeetingTypes.MeetingTypeDetailsInput.RulesOfLength(type.Shared, durationMinutes, errors) is not { } length)
        {
            return errors.Problem();
        }

        var shownIn = viewZone ?? team.DefaultZone(type);
        var offer = await offers.OfferAsync(team, type, CalendarDates.Span(new DateInterval(start, end), shownIn), now, cancellationToken, length: length);
        var body = new TeamSlotsResponse(
            teamId,
            slug,
            shownIn.Id,
            WireFormat.FormatDate(start),
            WireFormat.FormatDate(end),
            offer.Slots.Select(s => SlotResponse.Of(s, shownIn)).ToList());
        var utf8Json = JsonSerializer.SerializeToUtf8Bytes(body, json.Value.SerializerOptions);
        if (offer.Hosts is { } hosts && now < offer.Until)
        {
            answers.SetTeam(key, new EncodedTeamAnswer(utf8Json, hosts, now, offer.Until));
        }

        return new EncodedJson<TeamSlotsResponse>(utf8Json);
    }

    public static async Task<Results<Ok<FreeTimesResponse>, ValidationProblem, ProblemHttpResult>> NextAsync(
        string teamId,
        [FromQuery] int? count,
        [FromQuery(Name = "meeting_types")] string? meetingTypes,
        [FromQuery(Name = "time_zone")] string? timeZone,
        TeamFreeTimes next,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var viewZone = timeZone is null ? null : errors.Zone("time_zone", timeZone);
        if (errors.Any)
        {
            return errors.Problem();
        }

        return (await next.FindAsync(teamId, SlotsApi.Slugs(meetingTypes), count, cancellationToken))
            .Answer(found => TypedResults.Ok(FreeTimesResponse.Of(teamId, found, viewZone)));
    }

    /// <summary>What a team search's answer is kept under: the zone asked for, or null for the first host's (which a write may change).</summary>
    private sealed record TeamSlotsKey(string TeamId, string Slug, LocalDate From, LocalDate To, string? Zone, int? Duration);

    public static async Task<Results<Created<BookingResponse>, ValidationProblem, ProblemHttpResult>> BookAsync(
        string teamId,
        string slug,
        CreateBookingRequest? body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        TeamBookingRequests requests,
        CancellationToken cancellationToken) =>
        (await requests.BookAsync(teamId, slug, body, idempotencyKey, cancellationToken)).Answer(booking => TypedResults.Created($"/v1/bookings/{booking.Id}", booking));

    public static async Task<Results<Created<HoldResponse>, ValidationProblem, ProblemHttpResult>> HoldAsync(
        string teamId, string slug, CreateHoldRequest? body, TeamBookingRequests requests, CancellationToken cancellationToken) =>
        (await requests.HoldAsync(teamId, slug, body, cancellationToken)).Answer(hold => TypedResults.Created($"/v1/holds/{hold.HoldToken}", hold));
}
