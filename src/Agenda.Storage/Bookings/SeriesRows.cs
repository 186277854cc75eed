using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Storage.Relational;
using NodaTime;
using NodaTime.Text;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Bookings;

/// <summary>The row of a series (<c>booking_series</c>) as personal and team series write it.</summary>
internal static class SeriesRows
{
    private static readonly LocalDateTimePattern LocalStart = LocalDateTimePattern.ExtendedIso;

    public const string InsertSeriesSql =
        """
        INSERT INTO booking_series (id, owner_id, meeting_type, time_zone, first_local_start, length_minutes, interval_weeks, count, created_at)
        VALUES (@series_id, @series_owner, @series_type, @series_zone, @series_start, @series_length, @series_interval, @series_count, @series_at);

        """;

    public static (string Name, object Value)[] SeriesParameters(StoredSeries series) =>
    [
        ("@series_id", series.Id), ("@series_owner", series.OwnerId), ("@series_type", series.MeetingTypeKey), ("@series_zone", series.Zone.Id),
        ("@series_start", LocalStart.Format(series.FirstLocalStart)), ("@series_length", (int)series.Length.TotalMinutes),
        ("@series_interval", series.IntervalWeeks), ("@series_count", series.Count), ("@series_at", ToColumn(series.CreatedAt)),
    ];

    /// <summary>The interval from the earliest start to the latest end of <paramref name="intervals"/> (at least one).</summary>
    public static Interval Spanning(IEnumerable<Interval> intervals)
    {
        var all = intervals.ToList();
        return new Interval(all.Min(i => i.Start), all.Max(i => i.End));
    }

    /// <summary>
    /// The times whose bookings decide <paramref name="meetings"/>: each one's blocked time, when only collisions can refuse
    /// it (<see cref="ScheduleReads.NeededToDecide"/>); null (every booking of the dates) for a type with limits.
    /// </summary>
    public static IReadOnlyList<Interval>? Touching(IReadOnlyList<SeriesOccurrence> meetings, MeetingType type) =>
        type.Limits.IsNone ? [.. meetings.Where(m => m.Slot is not null).Select(m => type.Blocks(m.Slot!.Value))] : null;
}
