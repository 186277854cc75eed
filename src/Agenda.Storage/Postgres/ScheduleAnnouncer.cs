using System.Globalization;
using System.Threading.Channels;
using Agenda.Storage.Relational;
using Npgsql;

namespace Agenda.Storage.Postgres;

/// <summary>
/// Announces the schedule versions this node commits to every node's <see cref="ScheduleChangeListener"/>, with NOTIFY.
/// <list type="bullet">
/// <item>Announcements are sent after the commit, not as part of the write's transaction: PostgreSQL orders the
/// commits of notifying transactions under one database-wide lock held through their flush to disk, which would make
/// every booking on every node wait for the one before it.</item>
/// <item>They are sent by one loop, not by each write: the writes committed while one announcement is on its way go
/// together in the next, one round trip for many, so a write's caller does not wait for it. The bound from a commit to
/// the other nodes' hearing of it is one such round trip plus the notification's delivery (measured in
/// docs/benchmarks.md, figure 9).</item>
/// <item>An announcement can be lost (the node dies before sending it, or the database stops answering). Every
/// <see cref="ScheduleChangeListener.MaxCopyAge"/> each listener outdates every copy it did not hear about: that is the
/// bound on staleness when an announcement is lost.</item>
/// </list>
/// </summary>
internal sealed class ScheduleAnnouncer
{
    /// <summary>Many versions per round trip, few enough to stay far below NOTIFY's queue and payload limits.</summary>
    private const int MaxPerAnnouncement = 512;

    private readonly Channel<ScheduleVersion> pending = Channel.CreateUnbounded<ScheduleVersion>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource dataSource;

    public ScheduleAnnouncer(NpgsqlDataSource dataSource)
    {
        this.dataSource = dataSource;
        _ = Task.Run(RunAsync);
    }

    /// <summary>Queues committed versions for the next announcement.</summary>
    public void Announce(IEnumerable<ScheduleVersion> versions)
    {
        foreach (var version in versions)
        {
            pending.Writer.TryWrite(version);
        }
    }

    /// <summary>Stops announcing; what is still queued is lost, as on a crash.</summary>
    public void Stop() => pending.Writer.TryComplete();

    private async Task RunAsync()
    {
        var payloads = new List<string>(MaxPerAnnouncement);
        while (await pending.Reader.WaitToReadAsync())
        {
            while (payloads.Count < MaxPerAnnouncement && pending.Reader.TryRead(out var version))
            {
                payloads.Add(Payload(version));
            }

            await SendAsync(payloads);
            payloads.Clear();
        }
    }

    /// <summary>A failure is nobody's answer: the writes are committed, and the listeners' periodic expiry bounds what the others miss.</summary>
    private async Task SendAsync(List<string> payloads)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            // A notifying transaction gets a transaction id, so its commit would wait for a flush to disk while it holds
            // the notification queue's lock. It writes nothing worth a flush: committed asynchronously, a crash can lose
            // only the announcement.
            command.CommandText =
                $"BEGIN; SET LOCAL synchronous_commit TO OFF; SELECT pg_notify('{ScheduleChangeListener.Channel}', payload) FROM unnest(@payloads) AS payload; COMMIT;";
            command.Parameters.AddWithValue("payloads", payloads.ToArray());
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            // Lost: see the class comment.
        }
    }

    /// <summary>
    /// "version:p:owner id" when more than bookings may have changed; "version:b:start:end:owner id" when only bookings
    /// did, with the blocked times they touched as Unix ticks. <see cref="ScheduleChangeListener"/> reads them.
    /// </summary>
    internal static string Payload(ScheduleVersion version) =>
        version is { BookingsOnly: true, Affected: { } touched }
            ? string.Create(CultureInfo.InvariantCulture, $"{version.Version}:b:{touched.Start.ToUnixTimeTicks()}:{touched.End.ToUnixTimeTicks()}:{version.OwnerId}")
            : string.Create(CultureInfo.InvariantCulture, $"{version.Version}:p:{version.OwnerId}");
}
