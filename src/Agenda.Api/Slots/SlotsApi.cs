using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Agenda.Api.Slots;

/// <summary>Slot search over a range of dates, for one meeting type, shown in the invitee's zone.</summary>
internal static class SlotsApi
{
    public const int MaxDaysPerSearch = 62;

    public static IEndpointRouteBuilder MapSlots(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/owners/{ownerId}/meeting-types/{slug}/slots", SearchAsync)
            .WithTags("Slots")
            .WithName("SearchSlotsV1")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Free slots of a meeting type over a range of dates")
            .WithDescription($"from and to (YYYY-MM-DD, both included, at most {MaxDaysPerSearch} days) are dates in time_zone (an IANA zone, the invitee's; default the owner's). Each slot is given with the offset of time_zone and in UTC. duration_minutes picks one of the type's duration_options_minutes (default: its duration_minutes).");
        routes.MapGet("/v1/owners/{ownerId}/free-times", NextAsync)
            .WithTags("Slots")
            .WithName("NextFreeTimes")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The owner's next free times, across meeting types, soonest first")
            .WithDescription($"For a program or an agent that wants \"the next N times\" without choosing dates. count: 1 to {NextFreeTimes.MaxCount} (default {NextFreeTimes.DefaultCount}). meeting_types: slugs separated by commas (at most {NextFreeTimes.MaxTypes}); default every type not marked private. time_zone: an IANA zone the times are shown in (default the owner's). Each time names its meeting type and is given with the offset of time_zone and in UTC; it can be booked as answered. The search goes up to a year ahead (or the last type's horizon) and answers fewer times when there are fewer.");
        return routes;
    }

    public static async Task<Results<Ok<FreeTimesResponse>, ValidationProblem, ProblemHttpResult>> NextAsync(
        string ownerId,
        [FromQuery] int? count,
        [FromQuery(Name = "meeting_types")] string? meetingTypes,
        [FromQuery(Name = "time_zone")] string? timeZone,
        NextFreeTimes next,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var viewZone = timeZone is null ? null : errors.Zone("time_zone", timeZone);
        if (errors.Any)
        {
            return errors.Problem();
        }

        return (await next.FindAsync(ownerId, Slugs(meetingTypes), count, cancellationToken)).Answer(found => TypedResults.Ok(FreeTimesResponse.Of(ownerId, found, viewZone)));
    }

    /// <summary>The slugs of a meeting_types parameter (separated by commas); null when it is not given.</summary>
    internal static IReadOnlyList<string>? Slugs(string? meetingTypes) =>
        meetingTypes?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static async Task<Results<EncodedJson<SlotsResponse>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        string ownerId,
        string slug,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery(Name = "time_zone")] string? timeZone,
        [FromQuery(Name = "duration_minutes")] int? durationMinutes,
        OwnerCache owners,
        SlotSearch search,
        AnswerCache answers,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var viewZone = timeZone is null ? null : errors.Zone("time_zone", timeZone);
        if (ReadDates(from, to, errors) is not { } searched || errors.Any)
        {
            return errors.Problem();
        }

        var (start, end) = searched;

        var now = time.GetCurrentInstant();
        var key = new SlotsKey(ownerId, slug, start, end, viewZone?.Id, durationMinutes);
        if (answers.TryGet(key, now, out var kept))
        {
            return new EncodedJson<SlotsResponse>(kept);
        }

        var (lookup, epoch) = await owners.FindMeetingTypeAsync(ownerId, slug, cancellationToken);
        if (lookup.MeetingType is not { } meetingType)
        {
            return ApiProblems.Missing(lookup, ownerId, slug);
        }

        if (MeetingTypes.MeetingTypeDetailsInput.RulesOfLength(meetingType, durationMinutes, errors) is not { } rules)
        {
            return errors.Problem();
        }

        var dates = new DateInterval(start, end);
        var result = await search.FreeSlotsAsync(
            new OwnerCopy(lookup.Owner!, epoch), ownerZone => CalendarDates.Span(dates, viewZone ?? ownerZone), rules, slug, now, cancellationToken);
        if (result is null)
        {
            return ApiProblems.UnknownOwner(ownerId);
        }

        var shownIn = viewZone ?? result.Owner.Zone;
        var body = new SlotsResponse(
            ownerId,
            slug,
            shownIn.Id,
            WireFormat.FormatDate(start),
            WireFormat.FormatDate(end),
            result.Slots.Select(s => SlotResponse.Of(s, shownIn, result.SeatsLeft(s))).ToList());
        return new EncodedJson<SlotsResponse>(result.Encode(body, key, answers, json.Value.SerializerOptions));
    }

    /// <summary>The dates a search covers, from and to both included and at most <see cref="MaxDaysPerSearch"/>; null when <paramref name="errors"/> says why not.</summary>
    internal static (LocalDate From, LocalDate To)? ReadDates(string? from, string? to, RequestErrors errors)
    {
        var first = errors.Date("from", from);
        var last = errors.Date("to", to);
        if (first is not { } a || last is not { } b)
        {
            return null;
        }

        if (b < a)
        {
            errors.Add("to", "NotBefore", "to", to, "from", from);
            return null;
        }

        if (Period.DaysBetween(a, b) + 1 > MaxDaysPerSearch)
        {
            errors.Add("to", "SearchTooLong", MaxDaysPerSearch, from, to, Period.DaysBetween(a, b) + 1);
            return null;
        }

        return (a, b);
    }

    /// <summary>What a search's answer is kept under: the zone asked for, or null for the owner's (which a write may change), and the length.</summary>
    private sealed record SlotsKey(string OwnerId, string Slug, LocalDate From, LocalDate To, string? Zone, int? Duration);
}
