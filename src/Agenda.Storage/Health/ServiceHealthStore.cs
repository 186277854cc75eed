using Agenda.Storage.Postgres;
using Agenda.Storage.Relational;
using Agenda.Storage.Sqlite;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Health;

/// <summary>Counts for the administrator's health view, read in one snapshot; the database's size from the file or from PostgreSQL.</summary>
internal sealed class ServiceHealthStore(StoreCore core, IStoreDialect dialect) : IServiceHealthStore
{
    public Task<ServiceCounts> CountAsync(Instant now, CancellationToken cancellationToken) =>
        core.ReadSnapshotAsync("count_health", async (connection, transaction) =>
        {
            var dayAgo = ToColumn(now - Duration.FromDays(1));
            async Task<long> Scalar(string sql, params (string, object)[] parameters) =>
                (await QueryAsync(connection, transaction, cancellationToken, r => r.IsDBNull(0) ? 0L : Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), sql, parameters)).Single();

            var oldest = (await QueryAsync(connection, transaction, cancellationToken, r => r.IsDBNull(0) ? (long?)null : r.GetInt64(0),
                "SELECT MIN(created_at) FROM deliveries WHERE status = 'pending';")).Single();
            var failed = await QueryAsync(connection, transaction, cancellationToken, r => (r.String("channel"), r.GetInt64(1)),
                "SELECT channel, COUNT(*) FROM deliveries WHERE status = 'failed' AND created_at >= @day GROUP BY channel;", ("@day", dayAgo));
            var calendars = await QueryAsync(connection, transaction, cancellationToken, r => (r.String("state"), r.GetInt64(1)),
                "SELECT state, COUNT(*) FROM calendar_connections GROUP BY state;");
            long? bytes = dialect switch
            {
                SqliteDatabase sqlite => new[] { sqlite.FilePath, sqlite.FilePath + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length),
                PostgresDatabase => await Scalar("SELECT pg_database_size(current_database());"),
                _ => null,
            };
            return new ServiceCounts(
                await Scalar("SELECT COUNT(*) FROM owners;"),
                await Scalar("SELECT COUNT(*) FROM bookings WHERE holds_time AND end_utc > @now;", ("@now", ToColumn(now))),
                await Scalar("SELECT COUNT(*) FROM booking_events WHERE fanned_out = 0;"),
                await Scalar("SELECT COUNT(*) FROM deliveries WHERE status = 'pending';"),
                oldest is { } created ? now - ToInstant(created) : null,
                failed.ToDictionary(f => f.Item1, f => f.Item2, StringComparer.Ordinal),
                await Scalar("SELECT COUNT(*) FROM workflow_runs WHERE status = 'pending' AND next_attempt_at <= @now;", ("@now", ToColumn(now))),
                await Scalar("SELECT COUNT(*) FROM workflow_runs WHERE status = 'failed' AND created_at >= @day;", ("@day", dayAgo)),
                calendars.ToDictionary(c => c.Item1, c => c.Item2, StringComparer.Ordinal),
                bytes);
        }, cancellationToken);
}
