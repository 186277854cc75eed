using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Workflows;
using Agenda.Storage;

namespace Agenda.Api.Workflows;

/// <summary>
/// A workflow as the API takes it. trigger: booked, before_start, after_end, cancelled, rescheduled, no_show (the owner
/// marked the invitee as a no-show), requested, declined or expired; offset_minutes for before_start and after_end (0 to 525600). action: email_invitee,
/// email_owner, email_address (with address) or webhook (with url). subject and body: Liquid templates over the booking's
/// fields; translations: the same in other languages, by language code. meeting_types: the owner's meeting type slugs (or
/// team types as team_id/slug) it applies to; left out or empty, every type.
/// </summary>
internal sealed record WorkflowBody(
    string? Name, string? Trigger, int? OffsetMinutes, string? Action, string? Address, string? Url, string? Subject, string? Body,
    IReadOnlyList<string>? MeetingTypes = null, IReadOnlyDictionary<string, WorkflowTextBody?>? Translations = null, bool? Enabled = null);

internal sealed record WorkflowTextBody(string? Subject, string? Body);

/// <summary>A workflow as the API shows it; <paramref name="Secret"/> (a webhook's signing secret) only in the answer that created it.</summary>
internal sealed record WorkflowResponse(
    string Id, string Name, string Trigger, int OffsetMinutes, string Action, string? Address, string? Url, string Subject, string Body,
    IReadOnlyList<string> MeetingTypes, IReadOnlyDictionary<string, WorkflowTextBody> Translations, bool Enabled, string CreatedAt, string UpdatedAt, string? Secret = null)
{
    public static WorkflowResponse From(StoredWorkflow w, bool withSecret = false) =>
        new(w.Id, w.Name, WorkflowWords.Trigger(w.Trigger), (int)w.Offset.TotalMinutes, WorkflowWords.Action(w.Action),
            w.Action == WorkflowAction.EmailAddress ? w.Target : null, w.Action == WorkflowAction.Webhook ? w.Target : null, w.Subject, w.Body,
            [.. w.MeetingTypes.Select(StoredTeamMeetingType.NameOf)], w.Translations.ToDictionary(t => t.Key, t => new WorkflowTextBody(t.Value.Subject, t.Value.Body)), w.Enabled,
            WireFormat.FormatUtc(w.CreatedAt), WireFormat.FormatUtc(w.UpdatedAt), withSecret ? w.Secret : null);
}

internal sealed record WorkflowsResponse(IReadOnlyList<WorkflowResponse> Workflows);

/// <summary>A preview: the subject and body rendered for a made-up booking, as text and as the HTML part.</summary>
internal sealed record WorkflowPreviewResponse(string Subject, string Body, string Html);

/// <summary>A body to preview: subject and body templates, and the language (default the owner's) and trigger to show them in.</summary>
internal sealed record WorkflowPreviewBody(string? Subject, string? Body, string? Language = null, string? Trigger = null);

/// <summary>One run of a workflow: its booking, the event that planned it, its state (pending, sent, failed, skipped and why) and every attempt.</summary>
internal sealed record WorkflowRunResponse(
    string Id, string BookingId, string Event, string Status, string? Note, int Attempts, string? NextAttemptAt, string CreatedAt, IReadOnlyList<WorkflowAttemptResponse> AttemptLog)
{
    public static WorkflowRunResponse From(WorkflowRunLog run) =>
        new(run.Id, run.BookingId, run.EventType, run.Status, run.Note, run.Attempts, run.NextAttemptAt is { } next ? WireFormat.FormatUtc(next) : null,
            WireFormat.FormatUtc(run.CreatedAt), [.. run.AttemptLog.Select(a => new WorkflowAttemptResponse(a.Attempt, WireFormat.FormatUtc(a.AttemptedAt), a.Recipient, a.StatusCode, a.Error))]);
}

internal sealed record WorkflowAttemptResponse(int Attempt, string AttemptedAt, string? Recipient, int? StatusCode, string? Error);

internal sealed record WorkflowRunsResponse(IReadOnlyList<WorkflowRunResponse> Runs);

/// <summary>The API's words for the triggers and actions of workflows.</summary>
internal static class WorkflowWords
{
    public static readonly IReadOnlyDictionary<string, WorkflowTrigger> Triggers = new Dictionary<string, WorkflowTrigger>(StringComparer.Ordinal)
    {
        ["booked"] = WorkflowTrigger.Booked,
        ["before_start"] = WorkflowTrigger.BeforeStart,
        ["after_end"] = WorkflowTrigger.AfterEnd,
        ["cancelled"] = WorkflowTrigger.Cancelled,
        ["rescheduled"] = WorkflowTrigger.Rescheduled,
        ["no_show"] = WorkflowTrigger.NoShow,
        ["requested"] = WorkflowTrigger.Requested,
        ["declined"] = WorkflowTrigger.Declined,
        ["expired"] = WorkflowTrigger.Expired,
    };

    public static readonly IReadOnlyDictionary<string, WorkflowAction> Actions = new Dictionary<string, WorkflowAction>(StringComparer.Ordinal)
    {
        ["email_invitee"] = WorkflowAction.EmailInvitee,
        ["email_owner"] = WorkflowAction.EmailOwner,
        ["email_address"] = WorkflowAction.EmailAddress,
        ["webhook"] = WorkflowAction.Webhook,
    };

    public static string Trigger(WorkflowTrigger trigger) => Triggers.Single(t => t.Value == trigger).Key;

    public static string Action(WorkflowAction action) => Actions.Single(a => a.Value == action).Key;
}
