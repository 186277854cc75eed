using NodaTime;
using NodaTime.TimeZones;

namespace Agenda.Scheduling.Zones;

/// <summary>
/// The time-zone rules in force in this process: NodaTime's built-in tz database until the host installs a newer one
/// (a NodaTime .nzd file, when a country changes its clocks before a release carries the change). Every zone id the
/// service reads (an owner's, a schedule's, an invitee's) is looked up here, so one install changes them all at once.
/// The engine itself never looks a zone up: it is handed zones.
/// </summary>
public static class ZoneRules
{
    private static volatile Rules current = new(TzdbDateTimeZoneSource.Default, "built-in");

    /// <summary>The provider of zones by id under the rules in force.</summary>
    public static IDateTimeZoneProvider Provider => current.Provider;

    /// <summary>The source behind <see cref="Provider"/>: its version, zone locations and Windows mapping.</summary>
    public static TzdbDateTimeZoneSource Source => current.Source;

    /// <summary>The tz database's version in force, such as <c>2025b</c>.</summary>
    public static string Version => current.Source.TzdbVersion;

    /// <summary>Where the rules in force came from: <c>built-in</c> or the file's path.</summary>
    public static string Origin => current.Origin;

    /// <summary>The zone with id <paramref name="id"/> under the rules in force; null for an id they do not know.</summary>
    public static DateTimeZone? Find(string id) => current.Provider.GetZoneOrNull(id);

    /// <summary>The zone with id <paramref name="id"/>; throws for an id the rules do not know (ids stored after validation).</summary>
    public static DateTimeZone Get(string id) => current.Provider[id];

    /// <summary>NodaTime's built-in rules, whatever is installed.</summary>
    public static TzdbDateTimeZoneSource BuiltIn => TzdbDateTimeZoneSource.Default;

    /// <summary>Puts <paramref name="source"/> in force for every lookup from now on.</summary>
    public static void Install(TzdbDateTimeZoneSource source, string origin) => current = new Rules(source, origin);

    private sealed class Rules(TzdbDateTimeZoneSource source, string origin)
    {
        public TzdbDateTimeZoneSource Source { get; } = source;

        public IDateTimeZoneProvider Provider { get; } = ReferenceEquals(source, TzdbDateTimeZoneSource.Default) ? DateTimeZoneProviders.Tzdb : new DateTimeZoneCache(source);

        public string Origin { get; } = origin;
    }
}
