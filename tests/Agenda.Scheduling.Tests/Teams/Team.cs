using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Teams;
using NodaTime;
using static Agenda.Scheduling.Tests.Planning.Build;

namespace Agenda.Scheduling.Tests.Teams;

/// <summary>Small builders so team tests read like a roster: Host("ana", "Europe/Berlin", "09:00", "17:00").</summary>
internal static class Team
{
    private static readonly IsoDayOfWeek[] Weekdays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    /// <summary>A host working <paramref name="from"/> to <paramref name="to"/> on weekdays, in their own zone.</summary>
    public static TeamMember Host(
        string id,
        string zoneId,
        string from,
        string to,
        IReadOnlyList<ExistingBooking>? bookings = null,
        int weight = TeamMember.DefaultWeight,
        int priority = 0,
        bool isFixed = false,
        IReadOnlyList<Interval>? outOfOffice = null)
    {
        var weekly = Weekly(Weekdays.Select(d => (d, Hours(from, to))).ToArray());
        var schedule = new OwnerSchedule(Zone(zoneId), new AvailabilityPlan(weekly, [], []), bookings ?? []);
        return new TeamMember(id, schedule, weight, priority, isFixed, outOfOffice);
    }

    /// <summary>A host free around the clock every day, for tests of assignment alone.</summary>
    public static TeamMember AlwaysFree(string id, int weight = TeamMember.DefaultWeight, int priority = 0, IReadOnlyList<Interval>? outOfOffice = null)
    {
        var weekly = Weekly(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => (d, Hours("00:00", "24:00"))).ToArray());
        return new TeamMember(id, new OwnerSchedule(DateTimeZone.Utc, new AvailabilityPlan(weekly, [], []), []), weight, priority, outOfOffice: outOfOffice);
    }

    /// <summary>The same host with one more booking in their own schedule, as storage would read it after the team booked them.</summary>
    public static TeamMember WithBooking(this TeamMember host, ExistingBooking booking) =>
        new(host.OwnerId, host.Schedule with { Bookings = [.. host.Schedule.Bookings, booking] }, host.Weight, host.Priority, host.IsFixed, host.OutOfOffice);

    public static Instant Utc(int year, int month, int day, int hour, int minute = 0) => Instant.FromUtc(year, month, day, hour, minute);
}
