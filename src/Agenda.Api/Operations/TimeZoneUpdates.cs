using System.Globalization;
using System.Runtime.InteropServices;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Slots;
using Agenda.Scheduling.Zones;
using Agenda.Storage;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Agenda.Api.Operations;

/// <summary>
/// Newer time-zone rules without a new release. With <c>TimeZones:Path</c> set (a NodaTime .nzd file, or a folder of
/// them: the last by name, such as tzdb2026a.nzd, is read), the service reads the rules at start and again on SIGHUP.
/// A file that does not parse, or whose rules are older than the built-in ones, is refused: the rules in force stay and
/// the refusal is logged and shown in the administrator's health view. Before new rules are put in force, every upcoming
/// booking whose wall-clock start in its owner's zone they move is reported to that owner, in the audit log, once: the
/// version is recorded with the reports, so a restart or a second node does not report again. A booking keeps its
/// instant (what the invitee was told, in whatever zone they are); the owner decides whether to move it.
/// </summary>
internal sealed partial class TimeZoneUpdates(IConfiguration configuration, ITimeZoneRulesStore store, SlotCache cache, TimeProvider time, ILogger<TimeZoneUpdates> log)
    : IHostedService, IDisposable
{
    /// <summary>How far ahead a change of offsets counts: three years, past any booking horizon in use.</summary>
    private static readonly Duration Ahead = Duration.FromDays(3 * 366);

    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private PosixSignalRegistration? hangUp;

    /// <summary>The outcome of the last reading of the rules; null before the first.</summary>
    public TimeZoneLoad? Last { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
            {
                signal.Cancel = true;
                _ = Task.Run(() => LoadAsync(CancellationToken.None));
            });
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        hangUp?.Dispose();
        oneAtATime.Dispose();
    }

    /// <summary>Reads the configured rules and puts them in force, or refuses them and keeps the rules in force.</summary>
    public async Task<TimeZoneLoad> LoadAsync(CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetCurrentInstant();
            var (source, origin, refusal) = Read(configuration["TimeZones:Path"]);
            if (refusal is not null)
            {
                LogRefused(origin, ZoneRules.Version, refusal);
                return Last = new TimeZoneLoad(now, origin, null, refusal, 0);
            }

            var moved = await ReportAsync(source!, now, cancellationToken);
            ZoneRules.Install(source!, origin);
            cache.Clear();
            LogInForce(source!.TzdbVersion, origin, moved);
            return Last = new TimeZoneLoad(now, origin, source.TzdbVersion, null, moved);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database could not be reached, say: the rules in force stay, and the next signal tries again.
            LogFailed(e);
            return Last = new TimeZoneLoad(time.GetCurrentInstant(), "", null, e.Message, 0);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>
    /// The rules at <paramref name="path"/> (none: the built-in ones), or why they are refused. A folder's last .nzd file by
    /// name is read; a folder without one means the built-in rules.
    /// </summary>
    internal static (TzdbDateTimeZoneSource? Source, string Origin, string? Refusal) Read(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return (ZoneRules.BuiltIn, "built-in", null);
        }

        var file = path;
        if (Directory.Exists(path))
        {
            file = Directory.EnumerateFiles(path, "*.nzd").Order(StringComparer.Ordinal).LastOrDefault();
            if (file is null)
            {
                return (ZoneRules.BuiltIn, "built-in", null);
            }
        }

        TzdbDateTimeZoneSource source;
        try
        {
            using var stream = File.OpenRead(file);
            source = TzdbDateTimeZoneSource.FromStream(stream);
            source.Validate();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NodaTime.Utility.InvalidNodaDataException or ArgumentException or InvalidOperationException or OverflowException)
        {
            return (null, file, $"the file {file} is not a NodaTime tz database (.nzd): {e.Message}");
        }

        if (string.CompareOrdinal(source.TzdbVersion, ZoneRules.BuiltIn.TzdbVersion) < 0)
        {
            return (null, file, $"the file {file} holds tz database {source.TzdbVersion}, older than the built-in {ZoneRules.BuiltIn.TzdbVersion}");
        }

        return (source, file, null);
    }

    /// <summary>Reports the bookings whose local start <paramref name="source"/> moves, unless its version was reported already; answers how many moved.</summary>
    private async Task<int> ReportAsync(TzdbDateTimeZoneSource source, Instant now, CancellationToken cancellationToken)
    {
        var recorded = await store.RecordedVersionAsync(cancellationToken);
        if (recorded == source.TzdbVersion)
        {
            return 0;
        }

        var before = ZoneRules.Provider;
        IDateTimeZoneProvider after = ReferenceEquals(source, ZoneRules.Source) ? before : new DateTimeZoneCache(source);
        var zones = ZoneRuleChanges.ZonesThatDiffer(before, after, new Interval(now, now + Ahead));
        var reports = new List<AuditEntry>();
        foreach (var meeting in await store.UpcomingInZonesAsync(zones, now, cancellationToken))
        {
            if (before.GetZoneOrNull(meeting.OwnerZoneId) is { } was && after.GetZoneOrNull(meeting.OwnerZoneId) is { } will
                && ZoneRuleChanges.LocalTimeMoved(meeting.Start, was, will) is { } moved)
            {
                reports.Add(new AuditEntry(
                    Guid.NewGuid().ToString("N"), now, "service", meeting.OwnerId,
                    $"time-zone rules {ZoneRules.Version} → {source.TzdbVersion}: local time moved",
                    $"{meeting.BookingId}: {Local.Format(moved.Before)} → {Local.Format(moved.After)} ({meeting.OwnerZoneId})",
                    200, null));
            }
        }

        // Another node that recorded first has reported these moves: this one only puts the rules in force.
        return await store.RecordAsync(recorded, source.TzdbVersion, now, reports, cancellationToken) ? reports.Count : 0;
    }

    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.Create("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Time-zone rules {Version} from {Origin} are in force; {Moved} upcoming bookings' local start moved and was reported to their owners.")]
    private partial void LogInForce(string version, string origin, int moved);

    [LoggerMessage(Level = LogLevel.Error, Message = "Time-zone rules from {Origin} refused, {Version} stays in force: {Reason}.")]
    private partial void LogRefused(string origin, string version, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the time-zone rules failed; the rules in force stay.")]
    private partial void LogFailed(Exception exception);
}

/// <summary>One reading of the rules: when, from where, the version put in force (null when refused) or why not, and how many bookings moved.</summary>
internal sealed record TimeZoneLoad(Instant At, string Origin, string? Version, string? Refusal, int MovedBookings);

internal static class TimeZoneUpdatesRegistration
{
    public static IServiceCollection AddTimeZoneUpdates(this IServiceCollection services) =>
        services.AddSingleton<TimeZoneUpdates>().AddHostedService(s => s.GetRequiredService<TimeZoneUpdates>());
}
