using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Explanations;

/// <summary>
/// "Why is this time not offered?": for the owner (or a member of the team) only, since the answer tells what fills
/// their calendar. Each route parses, reads the type, and asks <see cref="SlotExplainer"/>.
/// </summary>
internal static class ExplainApi
{
    private const string Description =
        "start is the start of the meeting asked about (ISO 8601 with offset, or UTC); duration_minutes one of the type's lengths (default its duration_minutes); time_zone the zone to show times in (default the owner's, for a team the first host's). The answer lists every reason the time is not offered, in the order a booking of it is decided, with the facts behind each (the date's hours, the notice, the limit and its count, each booking, hold or connected calendar in the way, never an event's title); none when it is offered. It reads what a booking of that time would read at this moment, so offered is true exactly when booking it now would be accepted (but for the invitee's own allowance, which depends on who books).";

    public static IEndpointRouteBuilder MapExplain(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/owners/{ownerId}/meeting-types/{slug}/slots/explain", ExplainAsync)
            .WithTags("Slots")
            .WithName("ExplainSlot")
            .RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Why a time is or is not offered (owner's key)")
            .WithDescription(Description);
        routes.MapGet("/v1/teams/{teamId}/meeting-types/{slug}/slots/explain", ExplainTeamAsync)
            .WithTags("Teams")
            .WithName("ExplainTeamSlot")
            .RequireTeamMemberKey()
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Why a time is or is not offered by a team, host by host (a member's key)")
            .WithDescription(Description + " For a team, each host's reasons are given, whether the host must be free (required), and how many of the others must be (others_needed).");
        return routes;
    }

    public static async Task<Results<Ok<ExplanationResponse>, ValidationProblem, ProblemHttpResult>> ExplainAsync(
        string ownerId,
        string slug,
        [FromQuery] string? start,
        [FromQuery(Name = "duration_minutes")] int? durationMinutes,
        [FromQuery(Name = "time_zone")] string? timeZone,
        OwnerCache owners,
        SlotExplainer explainer,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (ReadQuestion(start, timeZone, errors) is not var (at, viewZone))
        {
            return errors.Problem();
        }

        var (lookup, _) = await owners.FindMeetingTypeAsync(ownerId, slug, cancellationToken);
        if (lookup.MeetingType is not { } meetingType)
        {
            return ApiProblems.Missing(lookup, ownerId, slug);
        }

        if (MeetingTypes.MeetingTypeDetailsInput.RulesOfLength(meetingType, durationMinutes, errors) is not { } rules)
        {
            return errors.Problem();
        }

        if (await explainer.ExplainAsync(ownerId, slug, rules, rules.SlotAt(at), cancellationToken) is not { } explained)
        {
            return ApiProblems.UnknownOwner(ownerId);
        }

        return TypedResults.Ok(ExplanationWords.ToResponse(explained, slug, viewZone ?? explained.Owner.Zone));
    }

    public static async Task<Results<Ok<TeamExplanationResponse>, ValidationProblem, ProblemHttpResult>> ExplainTeamAsync(
        string teamId,
        string slug,
        [FromQuery] string? start,
        [FromQuery(Name = "duration_minutes")] int? durationMinutes,
        [FromQuery(Name = "time_zone")] string? timeZone,
        ITeamStore teams,
        SlotExplainer explainer,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (ReadQuestion(start, timeZone, errors) is not var (at, viewZone))
        {
            return errors.Problem();
        }

        if (await teams.GetTeamAsync(teamId, cancellationToken) is not { } team)
        {
            return Teams.TeamsApi.UnknownTeam(teamId);
        }

        if (team.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } type)
        {
            return Teams.TeamsApi.UnknownTeamMeetingType(teamId, slug);
        }

        if (MeetingTypes.MeetingTypeDetailsInput.RulesOfLength(type.Shared, durationMinutes, errors) is not { } rules)
        {
            return errors.Problem();
        }

        var explained = await explainer.ExplainTeamAsync(team, type, rules, rules.SlotAt(at), cancellationToken);
        return TypedResults.Ok(ExplanationWords.ToResponse(explained, teamId, slug, viewZone ?? team.DefaultZone(type)));
    }

    /// <summary>The time asked about and the zone to show times in (null: the owner's); null when <paramref name="errors"/> says why not.</summary>
    private static (Instant Start, DateTimeZone? Zone)? ReadQuestion(string? start, string? timeZone, RequestErrors errors)
    {
        var startsAt = errors.Instant("start", start);
        var viewZone = timeZone is null ? null : errors.Zone("time_zone", timeZone);
        return errors.Any || startsAt is not { } at ? null : (at, viewZone);
    }
}

internal static class ExplanationsRegistration
{
    public static IServiceCollection AddExplanations(this IServiceCollection services) => services.AddSingleton<SlotExplainer>();
}
