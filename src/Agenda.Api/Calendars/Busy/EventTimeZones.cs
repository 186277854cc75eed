using Agenda.Scheduling.Zones;
using Ical.Net;
using Ical.Net.DataTypes;
using NodaTime;
using NodaTime.TimeZones;

namespace Agenda.Api.Calendars.Busy;

/// <summary>
/// Places the date-times of one calendar on the time line. A TZID names, in this order: a zone of the time zone database
/// (IANA), a VTIMEZONE defined in the same calendar, or a Windows zone name; an unknown TZID, a floating time (no TZID, no Z)
/// and a DATE are read in the owner's zone. Local times resolve as RFC 5545 §3.3.5 says: a time in a gap moves forward by
/// the gap's length, an ambiguous time takes the earlier offset, which is exactly NodaTime's lenient resolver.
/// </summary>
internal sealed class EventTimeZones(Calendar calendar, DateTimeZone ownerZone, Instant horizon)
{
    private readonly Dictionary<string, DateTimeZone> named = new(StringComparer.Ordinal);

    public DateTimeZone OwnerZone => ownerZone;

    public DateTimeZone ZoneOf(CalDateTime value) =>
        !value.HasTime || value.IsFloating || string.IsNullOrEmpty(value.TzId) ? ownerZone
        : value.IsUtc ? DateTimeZone.Utc
        : Named(value.TzId);

    /// <summary>The instant a date-time stands for; a DATE stands for the start of that day in the owner's zone.</summary>
    public Instant InstantOf(CalDateTime value) => Resolve(FloatingRecurrence.LocalOf(value), ZoneOf(value));

    public static Instant Resolve(LocalDateTime local, DateTimeZone zone) => local.InZoneLeniently(zone).ToInstant();

    private DateTimeZone Named(string tzid)
    {
        if (named.TryGetValue(tzid, out var zone))
        {
            return zone;
        }

        zone = ZoneRules.Find(tzid)
            ?? Defined(tzid)
            ?? (ZoneRules.Source.WindowsMapping.PrimaryMapping.TryGetValue(tzid, out var iana) ? ZoneRules.Find(iana) : null)
            ?? ownerZone;
        named[tzid] = zone;
        return zone;
    }

    private VTimeZoneRules? Defined(string tzid) =>
        calendar.TimeZones.Where(z => string.Equals(z.TzId, tzid, StringComparison.Ordinal)).Select(z => VTimeZoneRules.TryCreate(z, horizon)).FirstOrDefault(z => z is not null);
}
