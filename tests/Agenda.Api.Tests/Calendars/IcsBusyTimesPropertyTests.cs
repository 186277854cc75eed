using System.Globalization;
using Agenda.Api.Calendars.Busy;
using CsCheck;
using NodaTime;
using static Agenda.Api.Tests.Calendars.Ics;

namespace Agenda.Api.Tests.Calendars;

/// <summary>
/// Recurring events in zones with DST, started at random local times that include the gaps and overlaps of transitions,
/// expand to what NodaTime computes independently: the n-th instance is DTSTART's local time plus n periods, placed with
/// <see cref="LocalDateTime.InZoneLeniently"/>, which has RFC 5545's semantics (gap: forward by the gap; overlap: earlier offset).
/// </summary>
public sealed class IcsBusyTimesPropertyTests
{
    private static readonly string[] ZoneIds =
        ["Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Santiago", "Asia/Tehran", "Australia/Lord_Howe", "America/St_Johns"];

    /// <summary>For each zone, the local times just before its transitions from 2019 to 2030 (Tehran's end in 2022).</summary>
    private static readonly Dictionary<string, LocalDateTime[]> Transitions = ZoneIds.ToDictionary(id => id, id =>
    {
        var zone = DateTimeZoneProviders.Tzdb[id];
        return zone.GetZoneIntervals(Instant.FromUtc(2019, 1, 1, 0, 0), Instant.FromUtc(2031, 1, 1, 0, 0))
            .Skip(1)
            .Select(i => i.Start.WithOffset(zone.GetUtcOffset(i.Start - Duration.FromSeconds(1))).LocalDateTime)
            .ToArray();
    });

    private static readonly Gen<RecurringCase> GenCase =
        from zoneIndex in Gen.Int[0, ZoneIds.Length - 1]
        let zoneId = ZoneIds[zoneIndex]
        from transition in Gen.Int[0, Transitions[zoneId].Length - 1]
        from quarterHours in Gen.Int[-12, 12]
        from daysBefore in Gen.Int[0, 20]
        from weekly in Gen.Bool
        from interval in Gen.Int[1, 3]
        from count in Gen.Int[1, 25]
        from lengthQuarters in Gen.Int[1, 16]
        from withEnd in Gen.Bool
        select new RecurringCase(zoneId, Transitions[zoneId][transition].PlusMinutes(quarterHours * 15).PlusDays(-daysBefore), weekly, interval, count, lengthQuarters * 15, withEnd);

    [Fact]
    public void Daily_and_weekly_rules_match_NodaTime_lenient_resolution_around_DST_transitions()
    {
        GenCase.Sample(c =>
        {
            var zone = DateTimeZoneProviders.Tzdb[c.ZoneId];
            var expected = c.Expected(zone);
            var (from, to) = c.Whole;

            var actual = IcsBusyTimes.Read(c.Text, from, to, DateTimeZone.Utc, OwnerEmails);

            Assert.Equal(expected, actual);
        }, iter: 400, threads: 1);
    }

    [Fact]
    public void Reading_only_part_of_the_series_gives_the_same_occurrences_clipped_to_the_window()
    {
        Gen.Select(GenCase, Gen.Double[0, 1], Gen.Double[0, 1]).Sample((c, a, b) =>
        {
            var zone = DateTimeZoneProviders.Tzdb[c.ZoneId];
            var expected = c.Expected(zone);
            var (start, end) = c.Whole;
            var from = start + ((end - start) * Math.Min(a, b));
            var to = start + ((end - start) * Math.Max(a, b)) + Duration.FromMinutes(1);

            var actual = IcsBusyTimes.Read(c.Text, from, to, DateTimeZone.Utc, OwnerEmails);

            var clipped = expected.Where(i => i.Overlaps(from, to)).Select(i => new BusyInterval(Instant.Max(i.Start, from), Instant.Min(i.End, to)));
            Assert.Equal(clipped, actual);
        }, iter: 200, threads: 1);
    }

    internal sealed record RecurringCase(string ZoneId, LocalDateTime Start, bool Weekly, int Interval, int Count, int LengthMinutes, bool WithEnd)
    {
        public string Text
        {
            get
            {
                var end = WithEnd ? $"DTEND;TZID={ZoneId}:{Format(Start.PlusMinutes(LengthMinutes))}" : $"DURATION:PT{LengthMinutes}M";
                return Calendar(Event($"DTSTART;TZID={ZoneId}:{Format(Start)}", end, $"RRULE:FREQ={(Weekly ? "WEEKLY" : "DAILY")};INTERVAL={Interval};COUNT={Count}"));
            }
        }

        /// <summary>A window holding the whole series, with a day to spare on either side.</summary>
        public (Instant From, Instant To) Whole =>
            (Start.InUtc().ToInstant() - Duration.FromDays(2), Start.InUtc().ToInstant() + Duration.FromDays(7 * Interval * Count + 2));

        /// <summary>
        /// With DURATION every instance lasts the given minutes; with DTEND (RFC 5545 §3.8.5.3) every instance lasts the exact
        /// time between DTSTART and DTEND, each placed leniently. When DTSTART falls in a gap and DTEND just after it, that time
        /// is not positive and the event takes no time at all.
        /// </summary>
        public BusyInterval[] Expected(DateTimeZone zone)
        {
            var length = WithEnd
                ? Start.PlusMinutes(LengthMinutes).InZoneLeniently(zone).ToInstant() - Start.InZoneLeniently(zone).ToInstant()
                : Duration.FromMinutes(LengthMinutes);
            if (length <= Duration.Zero)
            {
                return [];
            }

            return Enumerable.Range(0, Count)
                .Select(n => Start + (Weekly ? Period.FromWeeks(n * Interval) : Period.FromDays(n * Interval)))
                .Select(local => local.InZoneLeniently(zone).ToInstant())
                .Select(start => new BusyInterval(start, start + length))
                .ToArray();
        }

        public override string ToString() => Text;

        private static string Format(LocalDateTime local) => local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
    }
}
