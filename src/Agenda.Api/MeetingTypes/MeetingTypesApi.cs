using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Observability;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.MeetingTypes;

/// <summary>/v1/owners/{ownerId}/meeting-types: the kinds of meeting an owner offers, each with its own booking rules.</summary>
internal static class MeetingTypesApi
{
    public static IEndpointRouteBuilder MapMeetingTypes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners/{ownerId}/meeting-types").WithTags("Meeting types")
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateMeetingType").RequireOwnerKey().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Create a meeting type")
            .WithDescription("duration_minutes (5 to 1440) is required; step_minutes defaults to the duration. A booking also blocks buffer_before_minutes and buffer_after_minutes around itself (0 to 1440 each). minimum_notice_minutes keeps slots at least that far from now; horizon_days keeps them at most that far ahead; max_per_day caps this type's bookings per date of the owner's calendar. A slug the owner has is a 409; so is a meeting type past the owner's limit (Limits:MaxMeetingTypesPerOwner), with reason limit_reached.");
        group.MapGet("/", ListAsync).WithName("ListMeetingTypes").WithSummary("List the owner's meeting types")
            .WithDescription("Public, but private meeting types are listed only with the owner's key: others reach a private type by its address or a single-use link.");
        group.MapGet("/{slug}", GetAsync).WithName("GetMeetingType").WithSummary("Read a meeting type");
        group.MapPut("/{slug}", ReplaceAsync).WithName("ReplaceMeetingType").RequireOwnerKey().WithSummary("Replace a meeting type's title and rules")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapDelete("/{slug}", DeleteAsync).WithName("DeleteMeetingType").RequireOwnerKey().WithSummary("Delete a meeting type; its bookings stay");
        return routes;
    }

    public static async Task<Results<Created<MeetingTypeResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string ownerId, MeetingTypeBody? body, OwnerMeetingTypes meetingTypes, LimitMetrics limits, CancellationToken cancellationToken) =>
        await meetingTypes.CreateAsync(ownerId, body, cancellationToken) switch
        {
            MeetingTypeWrite.Saved saved => TypedResults.Created($"/v1/owners/{Uri.EscapeDataString(ownerId)}/meeting-types/{saved.MeetingType.Slug}", saved.MeetingType.ToResponse()),
            MeetingTypeWrite.Invalid invalid => invalid.Errors.Problem(),
            MeetingTypeWrite.Exists exists => TypedResults.Problem(
                detail: OwnerMeetingTypes.AlreadyExists(ownerId, exists.Slug),
                statusCode: StatusCodes.Status409Conflict,
                title: "Meeting type exists"),
            MeetingTypeWrite.LimitReached reached => OwnerLimitRefusals.ToProblem(reached.Reached, limits),
            _ => ApiProblems.UnknownOwner(ownerId),
        };

    /// <summary>The owner's meeting types; private ones only for the owner's own key (or the administrator's): others reach them by link.</summary>
    public static async Task<Results<Ok<MeetingTypesResponse>, ProblemHttpResult>> ListAsync(
        string ownerId, HttpRequest request, OwnerMeetingTypes meetingTypes, OwnerKeys keys, CancellationToken cancellationToken)
    {
        if (await meetingTypes.ListAsync(ownerId, cancellationToken) is not { } types)
        {
            return ApiProblems.UnknownOwner(ownerId);
        }

        var owner = await keys.IdentifyAsync(request, cancellationToken) is Caller.Administrator || (await keys.IdentifyAsync(request, cancellationToken) is Caller.Owner caller && caller.OwnerId == ownerId);
        return TypedResults.Ok(new MeetingTypesResponse(types.Where(t => owner || !t.Details.Private).Select(t => t.ToResponse()).ToList()));
    }

    public static async Task<Results<Ok<MeetingTypeResponse>, ProblemHttpResult>> GetAsync(string ownerId, string slug, OwnerMeetingTypes meetingTypes, CancellationToken cancellationToken) =>
        await meetingTypes.FindAsync(ownerId, slug, cancellationToken) is { } type
            ? TypedResults.Ok(type.ToResponse())
            : ApiProblems.UnknownMeetingType(ownerId, slug);

    public static async Task<Results<Ok<MeetingTypeResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        string ownerId, string slug, MeetingTypeBody? body, OwnerMeetingTypes meetingTypes, CancellationToken cancellationToken) =>
        await meetingTypes.ReplaceAsync(ownerId, slug, body, cancellationToken) switch
        {
            MeetingTypeWrite.Saved saved => TypedResults.Ok(saved.MeetingType.ToResponse()),
            MeetingTypeWrite.Invalid invalid => invalid.Errors.Problem(),
            _ => ApiProblems.UnknownMeetingType(ownerId, slug),
        };

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string ownerId, string slug, OwnerMeetingTypes meetingTypes, CancellationToken cancellationToken) =>
        await meetingTypes.DeleteAsync(ownerId, slug, cancellationToken) ? TypedResults.NoContent() : ApiProblems.UnknownMeetingType(ownerId, slug);
}
