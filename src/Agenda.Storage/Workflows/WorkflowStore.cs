using System.Data.Common;
using System.Text.Json;
using Agenda.Scheduling.Workflows;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Workflows;

/// <summary>Owners' workflows (one row of <c>workflows</c> each) and their runs (<c>workflow_runs</c>, <c>workflow_run_attempts</c>).</summary>
internal sealed class WorkflowStore(StoreCore core) : IWorkflowStore
{
    public const string Columns =
        "id, owner_id, name, meeting_types, trigger_kind, offset_minutes, action, target, secret, subject, body, translations, enabled, created_at, updated_at";

    public Task<IReadOnlyList<StoredWorkflow>?> ListWorkflowsAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<IReadOnlyList<StoredWorkflow>>("list_workflows", ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, Read,
                $"SELECT {Columns} FROM workflows WHERE owner_id = @owner ORDER BY created_at, id;", ("@owner", ownerId)));

    public Task<StoredWorkflow?> GetWorkflowAsync(string ownerId, string workflowId, CancellationToken cancellationToken) =>
        core.ReadAsync("get_workflow", async connection =>
            (await QueryAsync(connection, null, cancellationToken, Read,
                $"SELECT {Columns} FROM workflows WHERE owner_id = @owner AND id = @id;", ("@owner", ownerId), ("@id", workflowId))).SingleOrDefault(),
            cancellationToken);

    public Task<WorkflowWrite> SaveWorkflowAsync(StoredWorkflow workflow, bool create, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("save_workflow", async (connection, transaction, _) =>
        {
            if (await core.ReadOwnerAsync(connection, transaction, workflow.OwnerId, cancellationToken, forUpdate: true) is null)
            {
                return Rollback(WorkflowWrite.UnknownOwner);
            }

            if (create)
            {
                var kept = await QueryAsync(connection, transaction, cancellationToken, r => r.GetInt64(0),
                    "SELECT COUNT(*) FROM workflows WHERE owner_id = @owner;", ("@owner", workflow.OwnerId));
                if (kept.Single() >= IWorkflowStore.WorkflowsPerOwner)
                {
                    return Rollback(WorkflowWrite.TooMany);
                }
            }

            var parameters = new (string, object)[]
            {
                ("@id", workflow.Id), ("@owner", workflow.OwnerId), ("@name", workflow.Name), ("@types", JsonSerializer.Serialize(workflow.MeetingTypes)),
                ("@trigger", WorkflowColumns.ToColumn(workflow.Trigger)), ("@offset", (long)workflow.Offset.TotalMinutes), ("@action", WorkflowColumns.ToColumn(workflow.Action)),
                ("@target", ToColumn(workflow.Target)), ("@secret", ToColumn(workflow.Secret)), ("@subject", workflow.Subject), ("@body", workflow.Body),
                ("@translations", JsonSerializer.Serialize(workflow.Translations)),
                ("@enabled", workflow.Enabled ? 1L : 0L), ("@now", ToColumn(now)),
            };
            var written = await ExecuteAsync(connection, transaction, cancellationToken,
                create
                    ? $"INSERT INTO workflows ({Columns}) VALUES (@id, @owner, @name, @types, @trigger, @offset, @action, @target, @secret, @subject, @body, @translations, @enabled, @now, @now);"
                    : """
                      UPDATE workflows SET name = @name, meeting_types = @types, trigger_kind = @trigger, offset_minutes = @offset, action = @action, target = @target,
                          secret = COALESCE(@secret, secret), subject = @subject, body = @body, translations = @translations, enabled = @enabled, updated_at = @now
                      WHERE owner_id = @owner AND id = @id;
                      """,
                parameters);
            if (written == 0)
            {
                return Rollback(WorkflowWrite.NotFound);
            }

            await WorkflowRuns.ReplanAsync(connection, transaction, workflow, now, cancellationToken);
            return Commit(WorkflowWrite.Saved);
        }, cancellationToken);

    public Task<bool> DeleteWorkflowAsync(string ownerId, string workflowId, CancellationToken cancellationToken) =>
        core.WriteAsync("delete_workflow", async (connection, transaction, _) =>
        {
            var deleted = await ExecuteAsync(connection, transaction, cancellationToken,
                """
                DELETE FROM workflow_run_attempts WHERE run_id IN (SELECT id FROM workflow_runs WHERE workflow_id = @id AND owner_id = @owner);
                DELETE FROM workflow_runs WHERE workflow_id = @id AND owner_id = @owner;
                DELETE FROM workflows WHERE id = @id AND owner_id = @owner;
                """,
                ("@id", workflowId), ("@owner", ownerId));
            // Rows deleted by all three statements: runs exist only of a workflow that exists.
            return new WriteDecision<bool>(deleted > 0, deleted > 0);
        }, cancellationToken);

    public Task<IReadOnlyList<WorkflowRunLog>?> ListRunsAsync(string ownerId, string workflowId, int limit, CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<WorkflowRunLog>?>("list_workflow_runs", async connection =>
        {
            var known = await QueryAsync(connection, null, cancellationToken, r => r.String("id"),
                "SELECT id FROM workflows WHERE owner_id = @owner AND id = @id;", ("@owner", ownerId), ("@id", workflowId));
            if (known.Count == 0)
            {
                return null;
            }

            const string Newest = "SELECT id FROM workflow_runs WHERE workflow_id = @id ORDER BY created_at DESC, id DESC LIMIT @limit";
            var runs = await QueryAsync(connection, null, cancellationToken,
                r => (Id: r.String("id"), Booking: r.String("booking_id"), Type: r.String("event_type"), Status: r.String("status"), Note: r.StringOrNull("note"),
                    Attempts: r.Int("attempts"), Next: r.Instant("next_attempt_at"), Created: r.Instant("created_at")),
                $"""
                SELECT w.id AS id, w.booking_id AS booking_id, e.event_type AS event_type, w.status AS status, w.note AS note, w.attempts AS attempts,
                    w.next_attempt_at AS next_attempt_at, w.created_at AS created_at
                FROM workflow_runs w JOIN booking_events e ON e.id = w.event_id
                WHERE w.id IN ({Newest}) ORDER BY w.created_at DESC, w.id DESC;
                """,
                ("@id", workflowId), ("@limit", limit));
            var attempts = (await QueryAsync(connection, null, cancellationToken,
                    r => new RunAttempt(r.String("run_id"), r.Int("attempt"), r.Instant("attempted_at"), r.StringOrNull("recipient"), r.IntOrNull("status_code"), r.StringOrNull("error")),
                    $"SELECT run_id, attempt, attempted_at, recipient, status_code, error FROM workflow_run_attempts WHERE run_id IN ({Newest}) ORDER BY attempt;",
                    ("@id", workflowId), ("@limit", limit)))
                .ToLookup(a => a.RunId);
            return [.. runs.Select(r => new WorkflowRunLog(
                r.Id, r.Booking, r.Type, r.Status, r.Note, r.Attempts, r.Status == RunStatus.Pending ? r.Next : null, r.Created, [.. attempts[r.Id]]))];
        }, cancellationToken);

    public Task<bool> RunAgainAsync(string ownerId, string workflowId, string runId, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("run_workflow_again", async (connection, transaction, _) =>
        {
            var changed = await ExecuteAsync(connection, transaction, cancellationToken,
                """
                UPDATE workflow_runs SET status = 'pending', note = NULL, next_attempt_at = @now, claimed_until = NULL
                WHERE id = @run AND workflow_id = @workflow AND owner_id = @owner;
                """,
                ("@run", runId), ("@workflow", workflowId), ("@owner", ownerId), ("@now", ToColumn(now)));
            return new WriteDecision<bool>(changed == 1, changed == 1);
        }, cancellationToken);

    public Task<IReadOnlyList<DueRun>> ClaimDueRunsAsync(Instant now, Duration lease, int limit, CancellationToken cancellationToken) =>
        core.WriteAsync<IReadOnlyList<DueRun>>("claim_workflow_runs", async (connection, transaction, _) =>
        {
            var due = await QueryAsync(connection, transaction, cancellationToken,
                r => new DueRun(r.String("run_id"), r.String("workflow_id"),
                    new StoredEvent(r.String("event_id"), r.String("owner_id"), r.String("booking_id"), r.String("event_type"), r.Int("sequence"), r.Instant("start_utc"),
                        r.Instant("end_utc"), r.InstantOrNull("previous_start_utc"), r.InstantOrNull("previous_end_utc"), r.Instant("occurred_at")),
                    r.Int("timed") == 1, r.Int("attempts")),
                $"""
                SELECT w.id AS run_id, w.workflow_id AS workflow_id, w.timed AS timed, w.attempts AS attempts, e.id AS event_id, e.owner_id AS owner_id,
                    e.booking_id AS booking_id, e.event_type AS event_type, e.sequence AS sequence, e.start_utc AS start_utc, e.end_utc AS end_utc,
                    e.previous_start_utc AS previous_start_utc, e.previous_end_utc AS previous_end_utc, e.occurred_at AS occurred_at
                FROM workflow_runs w JOIN booking_events e ON e.id = w.event_id
                WHERE w.status = 'pending' AND w.next_attempt_at <= @now AND (w.claimed_until IS NULL OR w.claimed_until <= @now)
                ORDER BY w.next_attempt_at, w.id LIMIT @limit{core.LockSkippingLocked("w")};
                """,
                ("@now", ToColumn(now)), ("@limit", limit));
            foreach (var run in due)
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE workflow_runs SET claimed_until = @until WHERE id = @id;", ("@id", run.Id), ("@until", ToColumn(now + lease)));
            }

            return new WriteDecision<IReadOnlyList<DueRun>>(due, due.Count > 0);
        }, cancellationToken);

    public Task RecordRunAsync(RunAttempt attempt, RunNext next, CancellationToken cancellationToken) =>
        core.WriteAsync("record_workflow_run", async (connection, transaction, _) =>
        {
            var (status, nextAt, note) = next switch
            {
                RunNext.Sent => (RunStatus.Sent, attempt.AttemptedAt, (string?)null),
                RunNext.RetryAt retry => (RunStatus.Pending, retry.When, null),
                RunNext.Skipped skipped => (RunStatus.Skipped, attempt.AttemptedAt, skipped.Note),
                _ => (RunStatus.Failed, attempt.AttemptedAt, null),
            };
            // A run not attempted (skipped) leaves no attempt behind: its note says why.
            var sql = next is RunNext.Skipped
                ? "UPDATE workflow_runs SET status = @status, note = @note, next_attempt_at = @next, claimed_until = NULL WHERE id = @id;"
                : """
                  INSERT INTO workflow_run_attempts (run_id, attempt, attempted_at, recipient, status_code, error) VALUES (@id, @attempt, @at, @recipient, @code, @error);
                  UPDATE workflow_runs SET attempts = @attempt, status = @status, note = @note, next_attempt_at = @next, claimed_until = NULL WHERE id = @id;
                  """;
            await ExecuteAsync(connection, transaction, cancellationToken, sql,
                ("@id", attempt.RunId), ("@attempt", attempt.Attempt), ("@at", ToColumn(attempt.AttemptedAt)), ("@recipient", ToColumn(attempt.Recipient)),
                ("@code", attempt.StatusCode is { } code ? code : DBNull.Value), ("@error", ToColumn(attempt.Error)), ("@status", status), ("@note", ToColumn(note)),
                ("@next", ToColumn(nextAt)));
            return new WriteDecision<bool>(true, true);
        }, cancellationToken);

    public static StoredWorkflow Read(DbDataReader r) =>
        new(r.String("id"), r.String("owner_id"), r.String("name"), JsonSerializer.Deserialize<List<string>>(r.String("meeting_types")) ?? [],
            WorkflowColumns.ToTrigger(r.String("trigger_kind")), Duration.FromMinutes(r.Long("offset_minutes")), WorkflowColumns.ToAction(r.String("action")),
            r.StringOrNull("target"), r.String("subject"), r.String("body"), r.Long("enabled") == 1, r.Instant("created_at"), r.Instant("updated_at"))
        {
            Secret = r.StringOrNull("secret"),
            Translations = JsonSerializer.Deserialize<Dictionary<string, WorkflowText>>(r.String("translations")) ?? [],
        };
}

/// <summary>How a workflow's trigger and action are written in their columns (the API's words).</summary>
internal static class WorkflowColumns
{
    private static readonly Dictionary<WorkflowTrigger, string> Triggers = new()
    {
        [WorkflowTrigger.Booked] = "booked",
        [WorkflowTrigger.BeforeStart] = "before_start",
        [WorkflowTrigger.AfterEnd] = "after_end",
        [WorkflowTrigger.Cancelled] = "cancelled",
        [WorkflowTrigger.Rescheduled] = "rescheduled",
        [WorkflowTrigger.NoShow] = "no_show",
        [WorkflowTrigger.Requested] = "requested",
        [WorkflowTrigger.Declined] = "declined",
        [WorkflowTrigger.Expired] = "expired",
    };

    private static readonly Dictionary<WorkflowAction, string> Actions = new()
    {
        [WorkflowAction.EmailInvitee] = "email_invitee",
        [WorkflowAction.EmailOwner] = "email_owner",
        [WorkflowAction.EmailAddress] = "email_address",
        [WorkflowAction.Webhook] = "webhook",
    };

    public static string ToColumn(WorkflowTrigger trigger) => Triggers[trigger];

    public static WorkflowTrigger ToTrigger(string column) => Triggers.Single(t => t.Value == column).Key;

    public static string ToColumn(WorkflowAction action) => Actions[action];

    public static WorkflowAction ToAction(string column) => Actions.Single(a => a.Value == column).Key;
}
