using Ical.Net.CalendarComponents;
using NodaTime;

namespace Agenda.Api.Calendars.Busy;

/// <summary>
/// How long each occurrence of an event lasts (RFC 5545 §3.8.5.3): DTEND gives every occurrence the same exact duration;
/// DURATION's weeks and days are nominal (a day is a calendar day, 23 or 25 hours across a DST change) and its hours,
/// minutes and seconds exact; an all-day event lasts whole local days in the owner's zone (one when it has no end).
/// </summary>
internal sealed record EventLength(Period Nominal, Duration Exact)
{
    /// <summary>The event's length, or null when it takes no time: a DATE-TIME start with neither DTEND nor DURATION, or an end not after the start.</summary>
    public static EventLength? Of(CalendarEvent calendarEvent, EventTimeZones zones)
    {
        var start = calendarEvent.DtStart!;
        if (!start.HasTime)
        {
            var days = calendarEvent.DtEnd is { } end
                ? Period.Between(DateOf(start), DateOf(end), PeriodUnits.Days).Days
                : calendarEvent.Duration is { } duration ? (duration.Sign * ((duration.Weeks ?? 0) * 7 + (duration.Days ?? 0))) : 1;
            return new EventLength(Period.FromDays(Math.Max(days, 1)), Duration.Zero);
        }

        if (calendarEvent.DtEnd is { } dtEnd)
        {
            var exact = zones.InstantOf(dtEnd) - zones.InstantOf(start);
            return exact > Duration.Zero ? new EventLength(Period.Zero, exact) : null;
        }

        if (calendarEvent.Duration is { } length && length.Sign > 0)
        {
            var nominal = Period.FromWeeks(length.Weeks ?? 0) + Period.FromDays(length.Days ?? 0);
            var exact = Duration.FromHours(length.Hours ?? 0) + Duration.FromMinutes(length.Minutes ?? 0) + Duration.FromSeconds(length.Seconds ?? 0);
            return nominal.Equals(Period.Zero) && exact == Duration.Zero ? null : new EventLength(nominal.Normalize(), exact);
        }

        return null;
    }

    /// <summary>The end of the occurrence that starts at <paramref name="local"/> (resolved to <paramref name="start"/>) in <paramref name="zone"/>.</summary>
    public Instant EndAfter(Instant start, LocalDateTime local, DateTimeZone zone) =>
        (Nominal.Equals(Period.Zero) ? start : EventTimeZones.Resolve(local + Nominal, zone)) + Exact;

    /// <summary>An upper bound of the length (a nominal day lasts at most 25 hours), to know how far before a window an occurrence may start and still reach into it.</summary>
    public Period Reach => Period.FromHours((Nominal.Days + (Nominal.Weeks * 7)) * 25L) + Period.FromSeconds((long)Math.Ceiling(Exact.TotalSeconds));

    private static LocalDate DateOf(Ical.Net.DataTypes.CalDateTime value) => new(value.Year, value.Month, value.Day);
}
