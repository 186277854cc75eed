using Ical.Net;
using Ical.Net.CalendarComponents;
using NodaTime;
using CalDateTime = Ical.Net.DataTypes.CalDateTime;

namespace Agenda.Api.Calendars.Busy;

/// <summary>
/// The busy time of one VCALENDAR within a window: which events block time, and where each of their occurrences lies.
/// Events sharing a UID form one recurring event: the master (no RECURRENCE-ID) and its overridden occurrences.
/// </summary>
internal sealed class CalendarBusyReader(Calendar calendar, Instant from, Instant to, DateTimeZone ownerZone, IReadOnlySet<string> ownerEmails, OccurrenceBudget budget)
{
    /// <summary>How far beyond the window, in local time, rule instances are expanded besides the zone's offsets: more than any DST gap.</summary>
    private static readonly Period LocalMargin = Period.FromHours(3);

    private readonly EventTimeZones zones = new(calendar, ownerZone, to);

    /// <summary>
    /// An event this service wrote for one of its bookings (UID <c>{booking id}@agenda</c>, <see cref="BookingCalendar.Uid"/>):
    /// the booking itself blocks its time already, and counting its copy would keep a cancelled or moved booking's old
    /// time busy until the next read.
    /// </summary>
    private static bool IsOwnBooking(string uid) => uid.EndsWith("@" + BookingCalendar.UidDomain, StringComparison.OrdinalIgnoreCase);

    public void AddTo(List<BusyInterval> busy)
    {
        var groups = calendar.Events.Select((e, index) => (Event: e, Key: string.IsNullOrEmpty(e.Uid) ? $"\0{index}" : e.Uid)).GroupBy(x => x.Key, x => x.Event);
        foreach (var group in groups.Where(g => !IsOwnBooking(g.Key)))
        {
            var overrides = group.Where(e => e.RecurrenceIdentifier is not null).ToList();
            var replaced = overrides.Select(o => zones.InstantOf(o.RecurrenceIdentifier!.StartTime)).ToHashSet();
            foreach (var master in group.Where(e => e.RecurrenceIdentifier is null && Blocks(e)))
            {
                AddOccurrences(master, replaced, busy);
            }

            foreach (var single in overrides.Where(Blocks))
            {
                AddSingle(single, busy);
            }
        }
    }

    /// <summary>
    /// Whether the event takes the owner's time: not TRANSP:TRANSPARENT ("free"), not STATUS:CANCELLED, and not declined by
    /// the owner (an ATTENDEE whose mailto address is one of the owner's, with PARTSTAT=DECLINED).
    /// </summary>
    private bool Blocks(CalendarEvent calendarEvent) =>
        calendarEvent.DtStart is not null
        && !string.Equals(calendarEvent.Transparency, "TRANSPARENT", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(calendarEvent.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase)
        && !calendarEvent.Attendees.Any(a => string.Equals(a.ParticipationStatus, "DECLINED", StringComparison.OrdinalIgnoreCase) && IsOwner(a.Value));

    private bool IsOwner(Uri? address)
    {
        var text = address?.OriginalString.Trim() ?? "";
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["mailto:".Length..];
        }

        return ownerEmails.Contains(text);
    }

    /// <summary>An overridden occurrence (RECURRENCE-ID) stands alone with its own start and length; any rule it carries is ignored.</summary>
    private void AddSingle(CalendarEvent calendarEvent, List<BusyInterval> busy)
    {
        if (EventLength.Of(calendarEvent, zones) is not { } length)
        {
            return;
        }

        var start = calendarEvent.DtStart!;
        var zone = zones.ZoneOf(start);
        var local = FloatingRecurrence.LocalOf(start);
        var at = EventTimeZones.Resolve(local, zone);
        Keep(at, length.EndAfter(at, local, zone), busy);
    }

    private void AddOccurrences(CalendarEvent master, HashSet<Instant> replaced, List<BusyInterval> busy)
    {
        if (EventLength.Of(master, zones) is not { } length)
        {
            return;
        }

        var dtStart = master.DtStart!;
        var dateOnly = !dtStart.HasTime;
        var zone = zones.ZoneOf(dtStart);
        var start = FloatingRecurrence.LocalOf(dtStart);
        // A local time L lies on the time line between L - MaxOffset and L - MinOffset, so only these local times can reach into the window.
        var notBefore = from.WithOffset(zone.MinOffset).LocalDateTime - length.Reach - LocalMargin;
        var notAfter = to.WithOffset(zone.MaxOffset).LocalDateTime + LocalMargin;
        LocalDateTime ToLocal(Instant instant) => instant.InZone(zone).LocalDateTime;

        var excludedInstants = new HashSet<Instant>(replaced);
        var excludedDates = new HashSet<LocalDate>();
        foreach (var date in master.ExceptionDates.GetAllDates())
        {
            if (!dateOnly && !date.HasTime)
            {
                // A DATE in EXDATE of a timed event: RFC 5545 wants matching types, so read it as "not on that day".
                excludedDates.Add(new LocalDate(date.Year, date.Month, date.Day));
            }
            else
            {
                excludedInstants.Add(zones.InstantOf(date));
            }
        }

        // Several RRULEs and EXRULE are deprecated but still valid input, so they are read (Ical.Net marks them obsolete).
#pragma warning disable CS0618
        foreach (var rule in master.ExceptionRules)
        {
            foreach (var local in FloatingRecurrence.Expand(start, dateOnly, rule, ToLocal, notBefore, notAfter, budget))
            {
                excludedInstants.Add(EventTimeZones.Resolve(local, zone));
            }
        }

        bool Excluded(Instant at, LocalDateTime local) => excludedInstants.Contains(at) || excludedDates.Contains(local.Date);

        // DTSTART is always the first instance (RFC 5545 §3.8.5.3), whether or not it matches the rule.
        var locals = new HashSet<LocalDateTime> { start };
        foreach (var rule in master.RecurrenceRules)
        {
            foreach (var local in FloatingRecurrence.Expand(start, dateOnly, rule, ToLocal, notBefore, notAfter, budget))
            {
                if (local >= notBefore)
                {
                    locals.Add(local);
                }
            }
        }
#pragma warning restore CS0618

        foreach (var local in locals.Where(l => l >= notBefore && l <= notAfter))
        {
            var at = EventTimeZones.Resolve(local, zone);
            if (!Excluded(at, local))
            {
                Keep(at, length.EndAfter(at, local, zone), busy);
            }
        }

        foreach (var date in master.RecurrenceDates.GetAllDates())
        {
            AddRecurrenceDate(date, null, null, length, Excluded, busy);
        }

        foreach (var period in master.RecurrenceDates.GetAllPeriods())
        {
            AddRecurrenceDate(period.StartTime, period.EndTime, period.Duration, length, Excluded, busy);
        }
    }

    /// <summary>An RDATE adds an instance at its own date-time (in its own TZID); a PERIOD value also brings its own end or duration.</summary>
    private void AddRecurrenceDate(
        CalDateTime start, CalDateTime? end, Ical.Net.DataTypes.Duration? duration, EventLength length, Func<Instant, LocalDateTime, bool> excluded, List<BusyInterval> busy)
    {
        budget.CountExamined();
        var zone = zones.ZoneOf(start);
        var local = FloatingRecurrence.LocalOf(start);
        var at = EventTimeZones.Resolve(local, zone);
        if (excluded(at, local))
        {
            return;
        }

        var own = duration is { } d
            ? new EventLength((Period.FromWeeks(d.Weeks ?? 0) + Period.FromDays(d.Days ?? 0)).Normalize(), Duration.FromHours(d.Hours ?? 0) + Duration.FromMinutes(d.Minutes ?? 0) + Duration.FromSeconds(d.Seconds ?? 0))
            : length;
        Keep(at, end is { } explicitEnd ? zones.InstantOf(explicitEnd) : own.EndAfter(at, local, zone), busy);
    }

    /// <summary>Keeps the part of [start, end) inside the window, if any.</summary>
    private void Keep(Instant start, Instant end, List<BusyInterval> busy)
    {
        if (start < to && end > from && end > start)
        {
            budget.CountInWindow();
            busy.Add(new BusyInterval(Instant.Max(start, from), Instant.Min(end, to)));
        }
    }
}
