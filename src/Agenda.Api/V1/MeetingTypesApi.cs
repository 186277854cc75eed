using Agenda.Api.Access;
using Agenda.Api.Hosting;
using Agenda.Api.Limits;
using Agenda.Api.Observability;
using Agenda.Api.OpenApi;
using Agenda.Api.Wire;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.V1;

/// <summary>/v1/owners/{ownerId}/meeting-types: the kinds of meeting an owner offers, each with its own booking rules.</summary>
public static class MeetingTypesApi
{
    private const int MinutesPerDay = 24 * 60;

    public static IEndpointRouteBuilder MapMeetingTypes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners/{ownerId}/meeting-types").WithTags("Meeting types")
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateMeetingType").RequireOwnerKey().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Create a meeting type")
            .WithDescription("duration_minutes (5 to 1440) is required; step_minutes defaults to the duration. A booking also blocks buffer_before_minutes and buffer_after_minutes around itself (0 to 1440 each). minimum_notice_minutes keeps slots at least that far from now; horizon_days keeps them at most that far ahead; max_per_day caps this type's bookings per date of the owner's calendar. A slug the owner has is a 409; so is a meeting type past the owner's limit (Limits:MaxMeetingTypesPerOwner), with reason limit_reached.");
        group.MapGet("/", ListAsync).WithName("ListMeetingTypes").WithSummary("List the owner's meeting types");
        group.MapGet("/{slug}", GetAsync).WithName("GetMeetingType").WithSummary("Read a meeting type");
        group.MapPut("/{slug}", ReplaceAsync).WithName("ReplaceMeetingType").RequireOwnerKey().WithSummary("Replace a meeting type's title and rules")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapDelete("/{slug}", DeleteAsync).WithName("DeleteMeetingType").RequireOwnerKey().WithSummary("Delete a meeting type; its bookings stay");
        return routes;
    }

    public static async Task<Results<Created<MeetingTypeResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string ownerId, MeetingTypeBody? body, IMeetingTypeStore store, LimitMetrics limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var slug = errors.Slug("slug", body?.Slug);
        var meetingType = Read(body, errors);
        if (errors.Any || slug is null || meetingType is null)
        {
            return errors.Problem();
        }

        var stored = meetingType with { Slug = slug };
        return await store.CreateMeetingTypeAsync(ownerId, stored, time.GetCurrentInstant(), cancellationToken) switch
        {
            OwnerWrite.Written => TypedResults.Created($"/v1/owners/{Uri.EscapeDataString(ownerId)}/meeting-types/{slug}", stored.ToResponse()),
            OwnerWrite.AlreadyExists => TypedResults.Problem(
                detail: $"Owner '{ownerId}' already has a meeting type '{slug}'. Choose another slug, or replace it with PUT.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Meeting type exists"),
            OwnerWrite.LimitReached reached => OwnerLimitRefusals.ToProblem(reached, limits),
            _ => V1Mapping.UnknownOwner(ownerId),
        };
    }

    public static async Task<Results<Ok<MeetingTypesResponse>, ProblemHttpResult>> ListAsync(string ownerId, IMeetingTypeStore store, CancellationToken cancellationToken) =>
        await store.ListMeetingTypesAsync(ownerId, cancellationToken) is { } types
            ? TypedResults.Ok(new MeetingTypesResponse(types.Select(t => t.ToResponse()).ToList()))
            : V1Mapping.UnknownOwner(ownerId);

    public static async Task<Results<Ok<MeetingTypeResponse>, ProblemHttpResult>> GetAsync(string ownerId, string slug, IMeetingTypeStore store, CancellationToken cancellationToken) =>
        await store.FindMeetingTypeAsync(ownerId, slug, cancellationToken) is { MeetingType: { } type }
            ? TypedResults.Ok(type.ToResponse())
            : V1Mapping.UnknownMeetingType(ownerId, slug);

    public static async Task<Results<Ok<MeetingTypeResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        string ownerId, string slug, MeetingTypeBody? body, IMeetingTypeStore store, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (body?.Slug is { } other && other != slug)
        {
            errors.Add("slug", $"'slug' ({other}) must match the slug in the path ({slug}), or be left out.");
        }

        var meetingType = Read(body, errors);
        if (errors.Any || meetingType is null)
        {
            return errors.Problem();
        }

        var stored = meetingType with { Slug = slug };
        return await store.ReplaceMeetingTypeAsync(ownerId, stored, cancellationToken)
            ? TypedResults.Ok(stored.ToResponse())
            : V1Mapping.UnknownMeetingType(ownerId, slug);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string ownerId, string slug, IMeetingTypeStore store, CancellationToken cancellationToken) =>
        await store.DeleteMeetingTypeAsync(ownerId, slug, cancellationToken) ? TypedResults.NoContent() : V1Mapping.UnknownMeetingType(ownerId, slug);

    /// <summary>The title and rules of a body; the slug is filled in by the caller.</summary>
    internal static StoredMeetingType? Read(MeetingTypeBody? body, RequestErrors errors)
    {
        var title = errors.Name("title", body?.Title);
        var duration = errors.Number("duration_minutes", body?.DurationMinutes, 5, MinutesPerDay, required: true);
        var step = errors.Number("step_minutes", body?.StepMinutes, 5, MinutesPerDay, required: false);
        var before = errors.Number("buffer_before_minutes", body?.BufferBeforeMinutes, 0, MinutesPerDay, required: false);
        var after = errors.Number("buffer_after_minutes", body?.BufferAfterMinutes, 0, MinutesPerDay, required: false);
        var notice = errors.Number("minimum_notice_minutes", body?.MinimumNoticeMinutes, 0, 366 * MinutesPerDay, required: false);
        var horizon = errors.Number("horizon_days", body?.HorizonDays, 1, 3660, required: false);
        var cap = errors.Number("max_per_day", body?.MaxPerDay, 1, 1000, required: false);
        if (errors.Any || title is null || duration is not { } length)
        {
            return null;
        }

        var rules = new MeetingType(
            Duration.FromMinutes(length),
            step: step is { } s ? Duration.FromMinutes(s) : null,
            bufferBefore: Duration.FromMinutes(before ?? 0),
            bufferAfter: Duration.FromMinutes(after ?? 0),
            minimumNotice: Duration.FromMinutes(notice ?? 0),
            horizon: horizon is { } h ? Duration.FromDays(h) : null,
            maxPerDay: cap);
        return new StoredMeetingType("", title, rules);
    }
}
