using Agenda.Api.Compatibility;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Observability;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Availability;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.Availability;

/// <summary>
/// An owner's availability, in their zone: weekly hours, date-range rules and date overrides. On a date with an
/// override only the override counts; otherwise the union of that weekday's hours and the rules covering the date.
/// Each part can be read, replaced and deleted.
/// </summary>
internal static class AvailabilityApi
{
    private const int MaxRangesPerDay = OwnerAvailability.MaxRangesPerDay;
    private const int MaxRules = 500;

    public static IEndpointRouteBuilder MapAvailability(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners/{ownerId}").WithTags("Availability").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/weekly-hours", GetWeeklyHoursAsync).WithName("GetWeeklyHours").WithSummary("Read the owner's weekly hours");
        group.MapPut("/weekly-hours", ReplaceWeeklyHoursAsync).WithName("ReplaceWeeklyHours").ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Replace the owner's weekly hours")
            .WithDescription("Per weekday, any number of ranges such as {\"start\": \"09:00\", \"end\": \"12:00\"}; an end may be 24:00. A weekday left out or empty is a day off.");
        group.MapDelete("/weekly-hours", DeleteWeeklyHoursAsync).WithName("DeleteWeeklyHours").WithSummary("Remove all weekly hours");

        group.MapGet("/availability-rules", GetRulesAsync).WithName("GetAvailabilityRules").WithSummary("Read the owner's date-range rules");
        group.MapPut("/availability-rules", ReplaceRulesAsync).WithName("ReplaceAvailabilityRules").ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Replace the owner's date-range rules")
            .WithDescription("Each rule makes the owner available from start_time to end_time on every date from start_date to end_date inclusive. These are the rules the documented set_availability route adds to. More rules than the owner may have (Limits:MaxRulesPerOwner) is a 409 with reason limit_reached.");
        group.MapDelete("/availability-rules", DeleteRulesAsync).WithName("DeleteAvailabilityRules").WithSummary("Remove all date-range rules");

        group.MapGet("/date-overrides", GetOverridesAsync).WithName("GetDateOverrides").WithSummary("Read the owner's date overrides");
        group.MapGet("/date-overrides/{date}", GetOverrideAsync).WithName("GetDateOverride").WithSummary("Read the override of one date").ProducesValidationProblem()
            .WithDescription("A 404 when the owner has no override on that date (their weekly hours and rules apply there).");
        group.MapPut("/date-overrides/{date}", PutOverrideAsync).WithName("PutDateOverride").ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Set what applies on one date")
            .WithDescription("Either {\"unavailable\": true} for a day off, or {\"hours\": [...]} to replace the date's hours. Either way, weekly hours and rules do not apply on that date. An override of a new date past the owner's limit (Limits:MaxOverridesPerOwner) is a 409 with reason limit_reached.");
        group.MapGet("/schedules", ListSchedulesAsync).WithName("ListSchedules").WithSummary("List the owner's named schedules");
        group.MapGet("/schedules/{scheduleId}", GetScheduleAsync).WithName("GetSchedule").WithSummary("Read one named schedule");
        group.MapPut("/schedules/{scheduleId}", PutScheduleAsync).WithName("PutSchedule").ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create or replace a named schedule")
            .WithDescription("A named set of hours beside the owner's default ones (weekly-hours, availability-rules, date-overrides), in the owner's zone: name, weekly_hours (as /weekly-hours takes them) and date_overrides (each a date with unavailable: true or hours). A meeting type offers a schedule's hours when it names it (schedule in its body). The id is a slug of the owner's choosing. More than 20 schedules is a 409 with reason too_many_schedules.");
        group.MapDelete("/schedules/{scheduleId}", DeleteScheduleAsync).WithName("DeleteSchedule").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Delete a named schedule")
            .WithDescription("A schedule a meeting type uses is not deleted: 409 with reason schedule_in_use, naming the types.");
        group.MapGet("/booking-limits", GetBookingLimitsAsync).WithName("GetBookingLimits").WithSummary("Read the owner's limits across all their meeting types");
        group.MapPut("/booking-limits", SetBookingLimitsAsync).WithName("SetBookingLimits").ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Set the owner's limits across all their meeting types")
            .WithDescription("At most per_day, per_week, per_month and per_year bookings (each 1 to 100000), and minutes_per_day (1 to 1440) and minutes_per_week (1 to 10080) of meetings, counted over every booking of the owner's, team bookings included, on the owner's calendar dates in their zone. A field left out is no limit; the body replaces every limit. week_starts_on (monday to sunday, default monday) is the day weekly limits count from. A time a limit rules out is refused with 409 limit_reached, and the explanation of that time names the limit and its count. Each meeting type may have limits of its own (limits in its body).");
        group.MapGet("/travel", GetTravelAsync).WithName("GetTravel").WithSummary("Read where the owner travels");
        group.MapPut("/travel", SetTravelAsync).WithName("SetTravel").ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Set where the owner travels")
            .WithDescription("travel lists trips: from and to (dates, both included) and time_zone, the zone the owner's default hours are in on those dates (\"09:00-17:00\" then means 09:00-17:00 there). No two trips share a date; at most 50; the body replaces every trip. A slot still belongs to the owner's date in their own zone, so daily caps and limits count the same days. Named schedules keep trips of their own (travel in their body).");
        group.MapDelete("/date-overrides/{date}", DeleteOverrideAsync).WithName("DeleteDateOverride").WithSummary("Remove the override of one date").ProducesValidationProblem();

        return routes;
    }

    public static async Task<Results<Ok<WeeklyHoursResponse>, ProblemHttpResult>> GetWeeklyHoursAsync(string ownerId, OwnerAvailability availability, CancellationToken cancellationToken) =>
        await availability.GetWeeklyHoursAsync(ownerId, cancellationToken) is { } hours ? TypedResults.Ok(hours.ToResponse()) : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<WeeklyHoursResponse>, ValidationProblem, ProblemHttpResult>> ReplaceWeeklyHoursAsync(
        string ownerId, WeeklyHoursBody? body, OwnerAvailability availability, CancellationToken cancellationToken) =>
        await availability.ReplaceWeeklyHoursAsync(ownerId, body, cancellationToken) switch
        {
            ({ } errors, _) => errors.Problem(),
            (_, { } saved) => TypedResults.Ok(saved.ToResponse()),
            _ => ApiProblems.UnknownOwner(ownerId),
        };

    public static async Task<Results<Ok<SchedulesResponse>, ProblemHttpResult>> ListSchedulesAsync(string ownerId, OwnerSchedules schedules, CancellationToken cancellationToken) =>
        await schedules.ListAsync(ownerId, cancellationToken) is { } list ? TypedResults.Ok(new SchedulesResponse([.. list.Select(s => s.ToResponse())])) : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> GetScheduleAsync(string ownerId, string scheduleId, OwnerSchedules schedules, CancellationToken cancellationToken) =>
        await schedules.GetAsync(ownerId, scheduleId, cancellationToken) is { } schedule
            ? TypedResults.Ok(schedule.ToResponse())
            : Refusal.NotFound(new Message("ScheduleUnknown", "scheduleId", scheduleId)).ToProblem();

    public static async Task<Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> PutScheduleAsync(
        string ownerId, string scheduleId, ScheduleBody? body, OwnerSchedules schedules, CancellationToken cancellationToken) =>
        await schedules.PutAsync(ownerId, scheduleId, body, cancellationToken) switch
        {
            ({ } errors, _, _) => errors.Problem(),
            (_, _, { } saved) => TypedResults.Ok(saved.ToResponse()),
            (_, ScheduleWrite.TooMany, _) => Refusal.Conflict("Too many schedules", new Message("TooManySchedules", ISchedulesStore.SchedulesPerOwner), "too_many_schedules").ToProblem(),
            _ => ApiProblems.UnknownOwner(ownerId),
        };

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteScheduleAsync(string ownerId, string scheduleId, OwnerSchedules schedules, CancellationToken cancellationToken) =>
        await schedules.DeleteAsync(ownerId, scheduleId, cancellationToken) switch
        {
            ScheduleDeletion.Deleted => TypedResults.NoContent(),
            ScheduleDeletion.InUse inUse => Refusal.Conflict("Schedule in use", new Message("ScheduleInUse", scheduleId, string.Join(", ", inUse.MeetingTypes)), "schedule_in_use").ToProblem(),
            _ => Refusal.NotFound(new Message("ScheduleUnknown", "scheduleId", scheduleId)).ToProblem(),
        };

    public static async Task<Results<Ok<OwnerLimitsResponse>, ProblemHttpResult>> GetBookingLimitsAsync(string ownerId, OwnerBookingLimits limits, CancellationToken cancellationToken) =>
        await limits.GetAsync(ownerId, cancellationToken) is { } owner ? TypedResults.Ok(owner.ToOwnerResponse()) : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<OwnerLimitsResponse>, ValidationProblem, ProblemHttpResult>> SetBookingLimitsAsync(
        string ownerId, OwnerLimitsBody? body, OwnerBookingLimits limits, CancellationToken cancellationToken) =>
        await limits.SetAsync(ownerId, body, cancellationToken) switch
        {
            ({ } errors, _) => errors.Problem(),
            (_, { } saved) => TypedResults.Ok(saved.ToOwnerResponse()),
            _ => ApiProblems.UnknownOwner(ownerId),
        };

    public static async Task<Results<Ok<TravelListResponse>, ProblemHttpResult>> GetTravelAsync(string ownerId, OwnerTravel travel, CancellationToken cancellationToken) =>
        await travel.GetAsync(ownerId, cancellationToken) is { } owner ? TypedResults.Ok(owner.ToTravelResponse()) : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<TravelListResponse>, ValidationProblem, ProblemHttpResult>> SetTravelAsync(
        string ownerId, TravelListBody? body, OwnerTravel travel, CancellationToken cancellationToken) =>
        await travel.SetAsync(ownerId, body, cancellationToken) switch
        {
            ({ } errors, _) => errors.Problem(),
            (_, { } saved) => TypedResults.Ok(saved.ToTravelResponse()),
            _ => ApiProblems.UnknownOwner(ownerId),
        };

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteWeeklyHoursAsync(string ownerId, IAvailabilityStore store, CancellationToken cancellationToken) =>
        await store.ReplaceWeeklyHoursAsync(ownerId, WeeklyHours.None, cancellationToken) ? TypedResults.NoContent() : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<DateRangeRulesResponse>, ProblemHttpResult>> GetRulesAsync(string ownerId, IAvailabilityStore store, CancellationToken cancellationToken) =>
        await store.GetRulesAsync(ownerId, cancellationToken) is { } rules
            ? TypedResults.Ok(new DateRangeRulesResponse(rules.Select(r => r.ToResponse()).ToList()))
            : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<DateRangeRulesResponse>, ValidationProblem, ProblemHttpResult>> ReplaceRulesAsync(
        string ownerId, DateRangeRulesBody? body, IAvailabilityStore store, LimitMetrics limits, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var posted = body?.Rules;
        if (posted is null || posted.Count > MaxRules)
        {
            errors.Add("rules", "RulesListRequired", "rules", MaxRules, """{"start_date": "2027-03-01", "end_date": "2027-03-31", "start_time": "09:00", "end_time": "17:00"}""");
            return errors.Problem();
        }

        var rules = new List<DateRangeRule>();
        for (var i = 0; i < posted.Count; i++)
        {
            if (CompatibilityRequests.ReadRule($"rules[{i}]", posted[i], errors) is { } rule)
            {
                rules.Add(rule);
            }
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var distinct = rules.Distinct().ToList();
        return await store.ReplaceRulesAsync(ownerId, distinct, cancellationToken) switch
        {
            OwnerWrite.Written => TypedResults.Ok(new DateRangeRulesResponse(distinct.Select(r => r.ToResponse()).ToList())),
            OwnerWrite.LimitReached reached => OwnerLimitRefusals.ToProblem(reached, limits),
            _ => ApiProblems.UnknownOwner(ownerId),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteRulesAsync(string ownerId, IAvailabilityStore store, CancellationToken cancellationToken) =>
        await store.ReplaceRulesAsync(ownerId, [], cancellationToken) is OwnerWrite.Written ? TypedResults.NoContent() : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<DateOverridesResponse>, ProblemHttpResult>> GetOverridesAsync(string ownerId, OwnerAvailability availability, CancellationToken cancellationToken) =>
        await availability.GetOverridesAsync(ownerId, cancellationToken) is { } overrides
            ? TypedResults.Ok(new DateOverridesResponse(overrides.Select(o => o.ToResponse()).ToList()))
            : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<DateOverrideResponse>, ValidationProblem, ProblemHttpResult>> GetOverrideAsync(
        string ownerId, string date, IAvailabilityStore store, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (errors.Date("date", date) is not { } day)
        {
            return errors.Problem();
        }

        return await store.GetOverridesAsync(ownerId, cancellationToken) switch
        {
            null => ApiProblems.UnknownOwner(ownerId),
            var overrides when overrides.FirstOrDefault(o => o.Date == day) is { } found => TypedResults.Ok(found.ToResponse()),
            _ => ApiProblems.NotFound($"Owner '{ownerId}' has no override on {date}; their weekly hours and rules apply there."),
        };
    }

    public static async Task<Results<Ok<DateOverrideResponse>, ValidationProblem, ProblemHttpResult>> PutOverrideAsync(
        string ownerId, string date, DateOverrideBody? body, OwnerAvailability availability, LimitMetrics limits, CancellationToken cancellationToken) =>
        await availability.PutOverrideAsync(ownerId, date, body, cancellationToken) switch
        {
            OverrideWrite.Saved saved => TypedResults.Ok(saved.Override.ToResponse()),
            OverrideWrite.Invalid invalid => invalid.Errors.Problem(),
            OverrideWrite.LimitReached reached => OwnerLimitRefusals.ToProblem(reached.Reached, limits),
            _ => ApiProblems.UnknownOwner(ownerId),
        };

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteOverrideAsync(
        string ownerId, string date, OwnerAvailability availability, CancellationToken cancellationToken) =>
        await availability.DeleteOverrideAsync(ownerId, date, cancellationToken) switch
        {
            OverrideWrite.Deleted => TypedResults.NoContent(),
            OverrideWrite.Invalid invalid => invalid.Errors.Problem(),
            _ => ApiProblems.NotFound($"Owner '{ownerId}' does not exist or has no override on {date}."),
        };
}
