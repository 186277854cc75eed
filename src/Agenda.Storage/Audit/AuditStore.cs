using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Audit;

/// <summary>The audit log (<c>audit_log</c>), newest first, paged by time and id.</summary>
internal sealed class AuditStore(StoreCore core) : IAuditStore
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        core.WriteAsync("append_audit", async (connection, transaction, _) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                INSERT INTO audit_log (id, occurred_at, actor, owner_id, action, target, status, address)
                VALUES (@id, @at, @actor, @owner, @action, @target, @status, @address);
                """,
                ("@id", entry.Id), ("@at", ToColumn(entry.OccurredAt)), ("@actor", entry.Actor), ("@owner", ToColumn(entry.OwnerId)), ("@action", entry.Action),
                ("@target", ToColumn(entry.Target)), ("@status", entry.Status), ("@address", ToColumn(entry.Address)));
            return Commit(true);
        }, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string? ownerId, AuditCursor? before, int limit, CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<AuditEntry>>("list_audit", async connection =>
        {
            var conditions = new List<string>();
            if (ownerId is not null)
            {
                conditions.Add("owner_id = @owner");
            }

            if (before is not null)
            {
                conditions.Add("(occurred_at < @at OR (occurred_at = @at AND id < @id))");
            }

            var where = conditions.Count > 0 ? "WHERE " + string.Join(" AND ", conditions) : "";
            return await QueryAsync(connection, null, cancellationToken,
                r => new AuditEntry(r.String("id"), r.Instant("occurred_at"), r.String("actor"), r.StringOrNull("owner_id"), r.String("action"), r.StringOrNull("target"),
                    r.Int("status"), r.StringOrNull("address")),
                $"SELECT id, occurred_at, actor, owner_id, action, target, status, address FROM audit_log {where} ORDER BY occurred_at DESC, id DESC LIMIT @limit;",
                ("@owner", ToColumn(ownerId)), ("@at", before is null ? 0L : ToColumn(before.OccurredAt)), ("@id", before?.Id ?? ""), ("@limit", limit));
        }, cancellationToken);

    public Task<int> TrimAsync(Instant cutoff, CancellationToken cancellationToken) =>
        core.WriteAsync("trim_audit", async (connection, transaction, _) =>
        {
            var deleted = await ExecuteAsync(connection, transaction, cancellationToken, "DELETE FROM audit_log WHERE occurred_at < @cutoff;", ("@cutoff", ToColumn(cutoff)));
            return new WriteDecision<int>(deleted, deleted > 0);
        }, cancellationToken);
}
