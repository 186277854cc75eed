using Agenda.Scheduling.Zones;
using NodaTime;

namespace Agenda.Scheduling.Tests.Zones;

/// <summary>What a change of time-zone rules changes: the zones whose offsets differ in a window, and a meeting's local time.</summary>
public sealed class ZoneRuleChangesTests
{
    private static readonly IDateTimeZoneProvider BuiltIn = DateTimeZoneProviders.Tzdb;

    [Fact]
    public void A_zone_that_keeps_summer_time_all_year_differs_and_zones_with_the_same_offsets_do_not()
    {
        var changed = new Replaced(BuiltIn, "Europe/Berlin", DateTimeZone.ForOffset(Offset.FromHours(2)));
        var within = new Interval(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2030, 1, 1, 0, 0));

        Assert.Equal(["Europe/Berlin"], ZoneRuleChanges.ZonesThatDiffer(BuiltIn, changed, within));
        Assert.Empty(ZoneRuleChanges.ZonesThatDiffer(BuiltIn, BuiltIn, within));
    }

    [Fact]
    public void Only_a_difference_inside_the_window_counts_and_a_zone_only_one_side_knows_differs()
    {
        // Paris and Berlin have kept the same clocks since 1980, not before: a Berlin given Paris's rules differs in 1945 only.
        var parisRules = new Replaced(BuiltIn, "Europe/Berlin", BuiltIn["Europe/Paris"]);
        Assert.Empty(ZoneRuleChanges.ZonesThatDiffer(BuiltIn, parisRules, new Interval(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2030, 1, 1, 0, 0))));
        Assert.Equal(["Europe/Berlin"], ZoneRuleChanges.ZonesThatDiffer(BuiltIn, parisRules, new Interval(Instant.FromUtc(1945, 1, 1, 0, 0), Instant.FromUtc(1946, 1, 1, 0, 0))));

        var withNewZone = new Replaced(BuiltIn, "Test/New_Zone", DateTimeZone.ForOffset(Offset.FromHours(5)));
        Assert.Equal(["Test/New_Zone"], ZoneRuleChanges.ZonesThatDiffer(BuiltIn, withNewZone, new Interval(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2028, 1, 1, 0, 0))));
    }

    [Fact]
    public void A_winter_meeting_moves_an_hour_on_the_clock_and_a_summer_meeting_does_not()
    {
        var berlin = BuiltIn["Europe/Berlin"];
        var permanentSummer = DateTimeZone.ForOffset(Offset.FromHours(2));

        var winter = Instant.FromUtc(2027, 1, 11, 9, 0);
        Assert.Equal((new LocalDateTime(2027, 1, 11, 10, 0), new LocalDateTime(2027, 1, 11, 11, 0)), ZoneRuleChanges.LocalTimeMoved(winter, berlin, permanentSummer));
        Assert.Null(ZoneRuleChanges.LocalTimeMoved(Instant.FromUtc(2027, 7, 12, 8, 0), berlin, permanentSummer));

        // The night of the last change: 02:30 in winter time becomes 03:30, crossing midnight is a move too.
        Assert.Equal((new LocalDateTime(2027, 1, 11, 23, 30), new LocalDateTime(2027, 1, 12, 0, 30)), ZoneRuleChanges.LocalTimeMoved(Instant.FromUtc(2027, 1, 11, 22, 30), berlin, permanentSummer));
    }

    /// <summary>The built-in rules with one zone replaced (or added), as a newer tz database would have it.</summary>
    private sealed class Replaced(IDateTimeZoneProvider inner, string id, DateTimeZone zone) : IDateTimeZoneProvider
    {
        public string VersionId => inner.VersionId + "-test";

        public System.Collections.ObjectModel.ReadOnlyCollection<string> Ids => new([.. inner.Ids.Union([id]).Order(StringComparer.Ordinal)]);

        public DateTimeZone this[string zoneId] => GetZoneOrNull(zoneId) ?? throw new NodaTime.TimeZones.DateTimeZoneNotFoundException(zoneId);

        public DateTimeZone GetSystemDefault() => inner.GetSystemDefault();

        public DateTimeZone? GetZoneOrNull(string zoneId) => zoneId == id ? zone : inner.GetZoneOrNull(zoneId);
    }
}
