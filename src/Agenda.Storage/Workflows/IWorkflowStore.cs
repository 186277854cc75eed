using Agenda.Scheduling.Workflows;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// Owners' workflows and their runs. A run is planned when a booking event is fanned out (<see cref="IOutboxStore.FanOutAsync"/>),
/// or, for a timed workflow saved later, for each booking still to come; claimed by one node at a time like a delivery,
/// and its attempts recorded. Its id is made of the event's and the workflow's, so each exists once.
/// </summary>
public interface IWorkflowStore
{
    /// <summary>How many workflows one owner may keep.</summary>
    const int WorkflowsPerOwner = 50;

    /// <summary>The owner's workflows, oldest first; null for an unknown owner.</summary>
    Task<IReadOnlyList<StoredWorkflow>?> ListWorkflowsAsync(string ownerId, CancellationToken cancellationToken);

    Task<StoredWorkflow?> GetWorkflowAsync(string ownerId, string workflowId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the workflow (<paramref name="create"/>: a new one). Its timed runs not yet attempted are planned again from
    /// it in the same transaction: for every active booking of its types whose run still lies ahead, at the time the
    /// workflow now sets (none while it is off); a run already attempted is never planned twice.
    /// </summary>
    Task<WorkflowWrite> SaveWorkflowAsync(StoredWorkflow workflow, bool create, Instant now, CancellationToken cancellationToken);

    /// <summary>Deletes the workflow with its runs and their log; false when the owner has no such workflow.</summary>
    Task<bool> DeleteWorkflowAsync(string ownerId, string workflowId, CancellationToken cancellationToken);

    /// <summary>The workflow's newest runs with their attempts, newest first; null for an unknown workflow.</summary>
    Task<IReadOnlyList<WorkflowRunLog>?> ListRunsAsync(string ownerId, string workflowId, int limit, CancellationToken cancellationToken);

    /// <summary>Makes a run due again at <paramref name="now"/>, whatever became of it; false for an unknown one.</summary>
    Task<bool> RunAgainAsync(string ownerId, string workflowId, string runId, Instant now, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> due runs for <paramref name="lease"/>, as deliveries are claimed.</summary>
    Task<IReadOnlyList<DueRun>> ClaimDueRunsAsync(Instant now, Duration lease, int limit, CancellationToken cancellationToken);

    /// <summary>Records an attempt of a run (or why it was not made) and what follows.</summary>
    Task RecordRunAsync(RunAttempt attempt, RunNext next, CancellationToken cancellationToken);
}

/// <summary>What a workflow does when it runs.</summary>
public enum WorkflowAction
{
    EmailInvitee,
    EmailOwner,

    /// <summary>An e-mail to the address in <see cref="StoredWorkflow.Target"/>.</summary>
    EmailAddress,

    /// <summary>A signed POST to the URL in <see cref="StoredWorkflow.Target"/>.</summary>
    Webhook,
}

/// <summary>
/// An owner's workflow: on <paramref name="Trigger"/> (timed ones <paramref name="Offset"/> before the start or after the
/// end) of a booking of one of <paramref name="MeetingTypes"/> (meeting type keys; none: every type of the owner's),
/// it does <paramref name="Action"/> with the Liquid templates <paramref name="Subject"/> and <paramref name="Body"/>.
/// </summary>
public sealed record StoredWorkflow(
    string Id, string OwnerId, string Name, IReadOnlyList<string> MeetingTypes, WorkflowTrigger Trigger, Duration Offset, WorkflowAction Action, string? Target,
    string Subject, string Body, bool Enabled, Instant CreatedAt, Instant UpdatedAt)
{
    /// <summary>A webhook's signing secret (<c>whsec_…</c>); null for e-mail.</summary>
    public string? Secret { get; init; }

    /// <summary>The subject and body in other languages, by language code; a recipient whose language has none reads <see cref="Subject"/> and <see cref="Body"/>.</summary>
    public IReadOnlyDictionary<string, WorkflowText> Translations { get; init; } = new Dictionary<string, WorkflowText>();

    /// <summary>The subject and body a recipient reading <paramref name="language"/> gets.</summary>
    public WorkflowText TextFor(string? language) =>
        language is not null && Translations.TryGetValue(language, out var text) ? text : new WorkflowText(Subject, Body);

    /// <summary>Whether bookings of the type <paramref name="meetingTypeKey"/> trigger it.</summary>
    public bool Covers(string meetingTypeKey) => MeetingTypes.Count == 0 || MeetingTypes.Contains(meetingTypeKey, StringComparer.Ordinal);
}

/// <summary>A workflow's subject and body (Liquid templates) in one language.</summary>
public sealed record WorkflowText(string Subject, string Body);

/// <summary>What saving a workflow came to.</summary>
public enum WorkflowWrite
{
    Saved,
    UnknownOwner,

    /// <summary>No workflow of that id to replace.</summary>
    NotFound,

    /// <summary>The owner keeps <see cref="IWorkflowStore.WorkflowsPerOwner"/> workflows already.</summary>
    TooMany,
}

/// <summary>A run claimed for an attempt: its workflow, the booking event it is for, and how many attempts came before.</summary>
public sealed record DueRun(string Id, string WorkflowId, StoredEvent Event, bool Timed, int Attempts);

/// <summary>The states of a run.</summary>
public static class RunStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>Not sent, and never will be, with a note why (the booking moved or was cancelled, the workflow changed or is off).</summary>
    public const string Skipped = "skipped";
}

/// <summary>One attempt of a run: to whom, and the receiver's answer (<paramref name="Error"/> null when it took it).</summary>
public sealed record RunAttempt(string RunId, int Attempt, Instant AttemptedAt, string? Recipient, int? StatusCode, string? Error);

/// <summary>What follows a run's attempt.</summary>
public abstract record RunNext
{
    private RunNext()
    {
    }

    public sealed record Sent : RunNext;

    public sealed record RetryAt(Instant When) : RunNext;

    /// <summary>No attempt is left.</summary>
    public sealed record GiveUp : RunNext;

    /// <summary>Not attempted, and never to be: <paramref name="Note"/> says why.</summary>
    public sealed record Skipped(string Note) : RunNext;
}

/// <summary>A run and its attempts, for the owner's log of a workflow.</summary>
public sealed record WorkflowRunLog(
    string Id, string BookingId, string EventType, string Status, string? Note, int Attempts, Instant? NextAttemptAt, Instant CreatedAt, IReadOnlyList<RunAttempt> AttemptLog);

/// <summary>Why a run was not sent, as its log says.</summary>
public static class SkipNotes
{
    public const string Moved = "The booking moved: the run for its new time replaces this one.";
    public const string Cancelled = "The booking was cancelled, declined or expired.";
    public const string Changed = "The workflow was changed: the run for its new settings replaces this one.";
    public const string Off = "The workflow was turned off.";
    public const string Deleted = "The workflow is gone.";
    public const string BookingGone = "The booking is gone.";
    public const string Erased = "The invitee's personal data was erased.";
    public const string EmailOff = "E-mail is off on this service (Email:Smtp:Host is not set).";
    public const string NoInviteeAddress = "The booking has no e-mail address for the invitee.";
    public const string NoOwnerAddress = "The owner has set no e-mail address for notices.";
}
