using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using NodaTime;
using NodaTime.Text;

namespace Agenda.Scheduling.Tests.Planning;

/// <summary>Small builders so tests read like calendar entries: Hours("09:00", "12:00"), On("2027-03-01").</summary>
internal static class Build
{
    public static LocalDate On(string date) => LocalDatePattern.Iso.Parse(date).Value;

    public static LocalTime At(string time) => LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Parse(time).Value;

    public static TimeOfDayRange Hours(string start, string end) => new(At(start), end == "24:00" ? LocalTime.Midnight : At(end));

    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    public static Instant LocalInstant(string date, string time, DateTimeZone zone) =>
        On(date).At(At(time)).InZoneStrictly(zone).ToInstant();

    public static Interval Day(string date, DateTimeZone zone) =>
        new(On(date).AtStartOfDayInZone(zone).ToInstant(), On(date).PlusDays(1).AtStartOfDayInZone(zone).ToInstant());

    public static WeeklyHours Weekly(params (IsoDayOfWeek Day, TimeOfDayRange Hours)[] entries) =>
        new(entries.GroupBy(e => e.Day).ToDictionary(g => g.Key, g => (IReadOnlyList<TimeOfDayRange>)g.Select(e => e.Hours).ToList()));

    public static ExistingBooking Booked(Instant start, Duration length, string type = "call", Duration? before = null, Duration? after = null) =>
        new(new Interval(start, start + length), new Interval(start - (before ?? Duration.Zero), start + length + (after ?? Duration.Zero)), type);

    /// <summary>Local "HH:mm" of each slot start, in <paramref name="zone"/>.</summary>
    public static IReadOnlyList<string> Starts(IEnumerable<Scheduling.Slots.Slot> slots, DateTimeZone zone) =>
        slots.Select(s => LocalTimePattern.CreateWithInvariantCulture("HH':'mm").Format(s.Start.InZone(zone).TimeOfDay)).ToList();
}
