using NodaTime;

namespace Agenda.Api.Calendars.Sync;

/// <summary>How connected calendars are read: see docs/calendars.md for each setting.</summary>
/// <param name="SyncInterval">How often each calendar is read in the background (<c>Calendars:SyncMinutes</c>, default 5).</param>
/// <param name="MaxAge">How long the last good copy counts when a calendar cannot be read (<c>Calendars:MaxStaleMinutes</c>, default 60).</param>
/// <param name="Window">How far ahead busy times are read (<c>Calendars:WindowDays</c>, default 120).</param>
/// <param name="Recheck">How long a booking waits for the owner's calendars to be read again (<c>Calendars:RecheckMilliseconds</c>, default 1500; 0 for no re-check).</param>
/// <param name="SourceTimeout">How long one read of a calendar may take in all (<c>Calendars:TimeoutSeconds</c>, default 10).</param>
/// <param name="Poll">How often the worker looks for calendars due (<c>Calendars:PollMilliseconds</c>, default 5000).</param>
internal sealed record CalendarOptions(Duration SyncInterval, Duration MaxAge, Duration Window, TimeSpan Recheck, TimeSpan SourceTimeout, TimeSpan Poll, bool AllowPrivateTargets)
{
    /// <summary>How long a claimed calendar stays with the node reading it: longer than any read (the source timeout) can take.</summary>
    public Duration Lease => Duration.FromMinutes(2);

    public static CalendarOptions Read(IConfiguration configuration)
    {
        int Setting(string name, int fallback, int min, int max)
        {
            var value = configuration.GetValue($"Calendars:{name}", fallback);
            return value >= min && value <= max
                ? value
                : throw new InvalidOperationException($"Calendars:{name} is {value}; it must be from {min} to {max}.");
        }

        return new CalendarOptions(
            Duration.FromMinutes(Setting("SyncMinutes", 5, 1, 1440)),
            Duration.FromMinutes(Setting("MaxStaleMinutes", 60, 1, 10080)),
            Duration.FromDays(Setting("WindowDays", 120, 1, 730)),
            TimeSpan.FromMilliseconds(Setting("RecheckMilliseconds", 1500, 0, 10000)),
            TimeSpan.FromSeconds(Setting("TimeoutSeconds", 10, 1, 60)),
            TimeSpan.FromMilliseconds(Setting("PollMilliseconds", 5000, 10, 600000)),
            configuration.GetValue("Calendars:AllowPrivateTargets", false));
    }
}
