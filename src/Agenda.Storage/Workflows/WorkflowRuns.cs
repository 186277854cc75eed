using System.Data.Common;
using System.Text;
using Agenda.Scheduling.Workflows;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Workflows;

/// <summary>
/// Where workflow runs are planned, inside the transaction that fans a booking event out (<see cref="PlanForEventAsync"/>)
/// or saves a workflow (<see cref="ReplanAsync"/>); when each runs is the engine's rule (<see cref="WorkflowTiming.DueAt"/>).
/// A run's id is made of its event's and its workflow's, so planning it twice plans it once.
/// </summary>
internal static class WorkflowRuns
{
    /// <summary>The event fanned out, as planning reads it.</summary>
    public sealed record PlannedEvent(string Id, string OwnerId, string BookingId, string Type, int Sequence, Interval Meeting, bool Quiet);

    /// <summary>
    /// Plans the runs of the owner's workflows that <paramref name="e"/> triggers. A change that moves or ends the meeting
    /// (moved, cancelled, declined, expired) first skips the timed runs planned for the meeting as it was, so the log
    /// says so at once (<see cref="SkipEarlierRuns"/>); the moved meeting gets its own. A quiet event (one of several in a
    /// series write) plans timed runs only: another event of the same write triggers the rest.
    /// </summary>
    public static async Task PlanForEventAsync(DbConnection connection, DbTransaction transaction, PlannedEvent e, Instant now, CancellationToken cancellationToken)
    {
        if (BookingEvents.ChangeOf(e.Type) is not { } change)
        {
            return;
        }

        if (SkipEarlierRuns(e) is { } skip)
        {
            await ExecuteAsync(connection, transaction, cancellationToken, skip.Sql, skip.Parameters);
        }

        var workflows = await EnabledAsync(connection, transaction, e.OwnerId, cancellationToken);
        if (workflows.Count == 0)
        {
            return;
        }

        var types = await QueryAsync(connection, transaction, cancellationToken, r => r.String("meeting_type"),
            "SELECT meeting_type FROM bookings WHERE id = @booking;", ("@booking", e.BookingId));
        if (types.Count == 0)
        {
            return;
        }

        var typeKey = types[0];
        foreach (var workflow in workflows)
        {
            var timed = WorkflowTiming.IsTimed(workflow.Trigger);
            if (workflow.Covers(typeKey) && (timed || !e.Quiet) && WorkflowTiming.DueAt(workflow.Trigger, workflow.Offset, change, e.Meeting, now) is { } due)
            {
                await InsertAsync(connection, transaction, workflow.Id, e.OwnerId, e.BookingId, e.Id, e.Sequence, timed, due, now, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Plans a saved workflow's timed runs again: those not yet attempted are skipped, then, while it is on, one is planned
    /// (or brought back) for the latest event of each active booking of its types whose run still lies ahead.
    /// </summary>
    public static async Task ReplanAsync(DbConnection connection, DbTransaction transaction, StoredWorkflow workflow, Instant now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, cancellationToken,
            "UPDATE workflow_runs SET status = 'skipped', note = @note WHERE workflow_id = @workflow AND status = 'pending' AND attempts = 0 AND timed = 1;",
            ("@workflow", workflow.Id), ("@note", workflow.Enabled ? SkipNotes.Changed : SkipNotes.Off));
        if (!workflow.Enabled || !WorkflowTiming.IsTimed(workflow.Trigger))
        {
            return;
        }

        // A run can only lie ahead for a meeting that ends after now less the offset (after the end) or starts after now
        // plus it (before the start); the engine decides exactly.
        var horizon = workflow.Trigger == WorkflowTrigger.AfterEnd ? now - workflow.Offset : now;
        var meetings = await QueryAsync(connection, transaction, cancellationToken,
            r => (Booking: r.String("booking_id"), Type: r.String("meeting_type"), Event: r.String("event_id"), EventType: r.String("event_type"), Sequence: r.Int("sequence"),
                Meeting: new Interval(r.Instant("start_utc"), r.Instant("end_utc"))),
            """
            SELECT b.id AS booking_id, b.meeting_type AS meeting_type, e.id AS event_id, e.event_type AS event_type, e.sequence AS sequence,
                e.start_utc AS start_utc, e.end_utc AS end_utc
            FROM bookings b JOIN booking_events e ON e.booking_id = b.id AND e.sequence = b.sequence
            WHERE b.owner_id = @owner AND b.status = 'active' AND b.end_utc > @horizon
              AND e.event_type IN ('booking.created', 'booking.rescheduled', 'booking.confirmed');
            """,
            ("@owner", workflow.OwnerId), ("@horizon", ToColumn(horizon)));
        foreach (var m in meetings)
        {
            if (workflow.Covers(m.Type) && BookingEvents.ChangeOf(m.EventType) is { } change
                && WorkflowTiming.DueAt(workflow.Trigger, workflow.Offset, change, m.Meeting, now) is { } due)
            {
                await InsertAsync(connection, transaction, workflow.Id, workflow.OwnerId, m.Booking, m.Event, m.Sequence, timed: true, due, now, cancellationToken);
            }
        }
    }

    /// <summary>
    /// A run of <paramref name="workflowId"/> for <paramref name="eventId"/>, due at <paramref name="due"/>; one planned
    /// before and never attempted is brought back at that time, one attempted is left as it is.
    /// </summary>
    private static Task<int> InsertAsync(
        DbConnection connection, DbTransaction transaction, string workflowId, string ownerId, string bookingId, string eventId, int sequence, bool timed, Instant due, Instant now,
        CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, cancellationToken,
            """
            INSERT INTO workflow_runs (id, workflow_id, owner_id, booking_id, event_id, sequence, timed, status, next_attempt_at, created_at)
            VALUES (@id, @workflow, @owner, @booking, @event, @sequence, @timed, 'pending', @due, @now)
            ON CONFLICT (id) DO UPDATE SET status = 'pending', note = NULL, next_attempt_at = excluded.next_attempt_at
            WHERE workflow_runs.attempts = 0 AND workflow_runs.status IN ('pending', 'skipped');
            """,
            ("@id", RunId(eventId, workflowId)), ("@workflow", workflowId), ("@owner", ownerId), ("@booking", bookingId), ("@event", eventId), ("@sequence", sequence),
            ("@timed", timed ? 1L : 0L), ("@due", ToColumn(due)), ("@now", ToColumn(now)));

    /// <summary>The id of a workflow's run for an event: one per pair.</summary>
    public static string RunId(string eventId, string workflowId) => $"run_{eventId}_{workflowId}";

    /// <summary>
    /// The statement that skips the timed runs planned for the meeting as it was, for an event that moves or ends it
    /// (moved, cancelled, declined, expired); null for any other event. Runs whatever workflows the owner keeps now.
    /// </summary>
    public static (string Sql, (string Name, object Value)[] Parameters)? SkipEarlierRuns(PlannedEvent e) =>
        BookingEvents.ChangeOf(e.Type) is BookingChange.Rescheduled or BookingChange.Cancelled or BookingChange.Declined or BookingChange.Expired
            ? ("""
               UPDATE workflow_runs SET status = 'skipped', note = @note
               WHERE booking_id = @booking AND status = 'pending' AND attempts = 0 AND timed = 1 AND event_id <> @event;

               """,
               [("@booking", e.BookingId), ("@event", e.Id), ("@note", BookingEvents.ChangeOf(e.Type) == BookingChange.Rescheduled ? SkipNotes.Moved : SkipNotes.Cancelled)])
            : null;

    /// <summary>Which of <paramref name="ownerIds"/> keep an enabled workflow, in one command: their events are planned one by one (<see cref="PlanForEventAsync"/>).</summary>
    public static async Task<HashSet<string>> OwnersWithWorkflowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> ownerIds, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder();
        var parameters = new List<(string Name, object Value)>();
        for (var k = 0; k < ownerIds.Count; k++)
        {
            Append(sql, parameters, $"w{k}", "SELECT 1 AS found FROM workflows WHERE owner_id = @owner AND enabled = 1 LIMIT 1;\n", [("@owner", ownerIds[k])]);
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var command = Command(connection, transaction, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        foreach (var ownerId in ownerIds)
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                found.Add(ownerId);
            }

            await reader.NextResultAsync(cancellationToken);
        }

        return found;
    }

    private static Task<List<StoredWorkflow>> EnabledAsync(DbConnection connection, DbTransaction transaction, string ownerId, CancellationToken cancellationToken) =>
        QueryAsync(connection, transaction, cancellationToken, WorkflowStore.Read,
            $"SELECT {WorkflowStore.Columns} FROM workflows WHERE owner_id = @owner AND enabled = 1 ORDER BY created_at, id;", ("@owner", ownerId));
}
