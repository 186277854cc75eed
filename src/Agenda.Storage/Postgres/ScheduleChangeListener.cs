using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Agenda.Storage.Relational;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Npgsql;

namespace Agenda.Storage.Postgres;

/// <summary>
/// Tells every node of the changes the others commit, so each node's in-memory copies of owners' schedules stay
/// current within milliseconds. Each node announces the schedule versions it commits (<see cref="ScheduleAnnouncer"/>);
/// every node LISTENs on a connection of its own and reports what it hears to <see cref="ScheduleChanges"/>. An
/// announcement can be lost, so every <see cref="MaxCopyAge"/> the listener outdates every copy it did not hear about:
/// that is the bound on staleness when one is lost. While the listener is not connected, no copy counts as current.
/// </summary>
public sealed class ScheduleChangeListener : BackgroundService
{
    private readonly PostgresDatabase database;
    private readonly ScheduleChanges changes;

    public ScheduleChangeListener(PostgresDatabase database, ScheduleChanges changes)
    {
        this.database = database;
        this.changes = changes;

        // Until it listens, changes of other nodes go unseen (ExecuteAsync starts later, on a thread of its own).
        changes.Interrupted();
    }

    public const string Channel = "agenda_schedule_changes";

    /// <summary>The longest a node serves a copy whose change announcement was lost.</summary>
    public static readonly TimeSpan MaxCopyAge = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                changes.Interrupted();
                await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await database.OpenListenerConnectionAsync(stoppingToken);
        connection.Notification += (_, notification) => Observe(notification.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        changes.Resumed();
        var sinceOutdated = Stopwatch.StartNew();
        while (true)
        {
            // Notifications are delivered by WaitAsync. Every MaxCopyAge, every copy is outdated, and a cheap query
            // proves the connection still works (a silently broken one would deliver nothing).
            var left = MaxCopyAge - sinceOutdated.Elapsed;
            if (left > TimeSpan.Zero && await connection.WaitAsync(left, stoppingToken))
            {
                continue;
            }

            await using (var ping = new NpgsqlCommand("SELECT 1;", connection))
            {
                await ping.ExecuteScalarAsync(stoppingToken);
            }

            changes.OutdateAll();
            sinceOutdated.Restart();
        }
    }

    /// <summary>Reads a payload <see cref="ScheduleAnnouncer.Payload"/> wrote; anything else outdates every copy.</summary>
    private void Observe(string payload)
    {
        var parts = payload.Split(':', 3);
        if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            if (parts[1] == "p")
            {
                changes.Committed(new ScheduleVersion(parts[2], version));
                return;
            }

            var touched = parts[2].Split(':', 3);
            if (parts[1] == "b" && touched.Length == 3
                && long.TryParse(touched[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var start)
                && long.TryParse(touched[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var end) && start < end)
            {
                changes.Committed(new ScheduleVersion(touched[2], version, BookingsOnly: true, new Interval(Instant.FromUnixTimeTicks(start), Instant.FromUnixTimeTicks(end))));
                return;
            }
        }

        changes.OutdateAll();
    }
}
