using Agenda.Api.Platform.Observability;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Platform.Limits;

/// <summary>
/// The answer to a write refused by one of the owner's caps (<see cref="OwnerLimits"/>): 409 problem details whose
/// <c>reason</c> is <c>limit_reached</c>, whose <c>limit</c> names the cap, and whose detail says what to delete first.
/// Each refusal counts on <c>agenda.limits.hits</c> under the cap's name.
/// </summary>
internal static class OwnerLimitRefusals
{
    public const string Reason = "limit_reached";

    /// <summary>The cap's name, as the problem's <c>limit</c> member and the metric's <c>limit</c> tag carry it.</summary>
    public static string Name(OwnerLimit limit) => limit switch
    {
        OwnerLimit.Rules => "rules_per_owner",
        OwnerLimit.MeetingTypes => "meeting_types_per_owner",
        OwnerLimit.ActiveKeys => "active_keys_per_owner",
        OwnerLimit.Overrides => "overrides_per_owner",
        OwnerLimit.WebhookEndpoints => "webhook_endpoints_per_owner",
        OwnerLimit.CalendarConnections => "calendar_connections_per_owner",
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, "Unknown limit."),
    };

    public static ProblemHttpResult ToProblem(OwnerWrite.LimitReached reached, LimitMetrics metrics) => Refusal(reached, metrics).ToProblem();

    /// <summary>The refusal every door shows; counts the hit.</summary>
    public static Refusal Refusal(OwnerWrite.LimitReached reached, LimitMetrics metrics)
    {
        metrics.Hit(Name(reached.Limit));
        return new(StatusCodes.Status409Conflict, "Limit reached", Wording(reached), Reason, new Dictionary<string, object?> { ["limit"] = Name(reached.Limit) });
    }

    /// <summary>What the owner should delete first, as the console says it, in the current UI language; counts the hit.</summary>
    public static string Describe(OwnerWrite.LimitReached reached, LimitMetrics metrics) => Refusal(reached, metrics).Detail;

    /// <summary>The cap and what to delete first; the route to do it with is a value, not a word to translate.</summary>
    private static Message Wording(OwnerWrite.LimitReached reached) => reached.Limit switch
    {
        OwnerLimit.Rules => new("LimitRules", reached.Max, "/v1/owners/{ownerId}/availability-rules"),
        OwnerLimit.MeetingTypes => new("LimitMeetingTypes", reached.Max, "/v1/owners/{ownerId}/meeting-types/{slug}"),
        OwnerLimit.ActiveKeys => new("LimitActiveKeys", reached.Max, "/v1/owners/{ownerId}/keys/{keyId}"),
        OwnerLimit.Overrides => new("LimitOverrides", reached.Max, "/v1/owners/{ownerId}/date-overrides/{date}"),
        OwnerLimit.WebhookEndpoints => new("LimitWebhookEndpoints", reached.Max, "/v1/owners/{ownerId}/webhooks/{endpointId}"),
        OwnerLimit.CalendarConnections => new("LimitCalendarConnections", reached.Max, "/v1/owners/{ownerId}/calendars/{connectionId}"),
        _ => throw new ArgumentOutOfRangeException(nameof(reached), reached.Limit, "Unknown limit."),
    };
}
