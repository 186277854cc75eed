using Agenda.Api.Calendars.Busy;
using NodaTime;
using static Agenda.Api.Tests.Calendars.Ics;

namespace Agenda.Api.Tests.Calendars;

public sealed class IcsBusyTimesTests
{
    [Fact]
    public void Weekly_rule_in_Berlin_keeps_its_local_time_across_both_DST_changes()
    {
        var ics = Calendar(Event("DTSTART;TZID=Europe/Berlin:20260316T100000", "DTEND;TZID=Europe/Berlin:20260316T110000", "RRULE:FREQ=WEEKLY;COUNT=34"));

        var busy = Read(ics);

        var expected = Enumerable.Range(0, 34)
            .Select(week => new LocalDateTime(2026, 3, 16, 10, 0).PlusWeeks(week).InZoneLeniently(Berlin).ToInstant())
            .Select(start => Busy(start, start + Duration.FromHours(1)));
        Assert.Equal(expected, busy);
        Assert.Contains(BerlinBusy("2026-03-30T10:00", "2026-03-30T11:00"), busy);
        Assert.Contains(Busy(Utc("2026-03-23T09:00:00Z"), Utc("2026-03-23T10:00:00Z")), busy);
        Assert.Contains(Busy(Utc("2026-11-02T09:00:00Z"), Utc("2026-11-02T10:00:00Z")), busy);
    }

    [Fact]
    public void An_excluded_date_removes_that_occurrence_only()
    {
        var ics = Calendar(Event("DTSTART;TZID=Europe/Berlin:20260105T100000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;TZID=Europe/Berlin:20260112T100000"));

        Assert.Equal([BerlinBusy("2026-01-05T10:00", "2026-01-05T11:00"), BerlinBusy("2026-01-19T10:00", "2026-01-19T11:00")], Read(ics));
    }

    [Fact]
    public void An_excluded_date_given_in_UTC_matches_the_occurrence_at_that_instant()
    {
        var ics = Calendar(Event("DTSTART;TZID=Europe/Berlin:20260105T100000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=2", "EXDATE:20260112T090000Z"));

        Assert.Equal([BerlinBusy("2026-01-05T10:00", "2026-01-05T11:00")], Read(ics));
    }

    [Fact]
    public void Overridden_occurrences_move_or_cancel_one_occurrence_each()
    {
        var ics = Calendar(
            Event("UID:team", "DTSTART;TZID=Europe/Berlin:20260105T100000", "DTEND;TZID=Europe/Berlin:20260105T110000", "RRULE:FREQ=WEEKLY;COUNT=4"),
            Event("UID:team", "RECURRENCE-ID;TZID=Europe/Berlin:20260112T100000", "DTSTART;TZID=Europe/Berlin:20260113T150000", "DTEND;TZID=Europe/Berlin:20260113T170000"),
            Event("UID:team", "RECURRENCE-ID;TZID=Europe/Berlin:20260119T100000", "DTSTART;TZID=Europe/Berlin:20260119T100000", "DTEND;TZID=Europe/Berlin:20260119T110000", "STATUS:CANCELLED"));

        Assert.Equal(
            [BerlinBusy("2026-01-05T10:00", "2026-01-05T11:00"), BerlinBusy("2026-01-13T15:00", "2026-01-13T17:00"), BerlinBusy("2026-01-26T10:00", "2026-01-26T11:00")],
            Read(ics));
    }

    [Fact]
    public void An_override_moved_into_the_window_counts_even_when_its_original_time_lies_outside()
    {
        var ics = Calendar(
            Event("UID:moved", "DTSTART:20260105T090000Z", "DTEND:20260105T100000Z", "RRULE:FREQ=DAILY;COUNT=2"),
            Event("UID:moved", "RECURRENCE-ID:20260106T090000Z", "DTSTART:20260301T090000Z", "DTEND:20260301T100000Z"));

        Assert.Equal([Busy(Utc("2026-03-01T09:00:00Z"), Utc("2026-03-01T10:00:00Z"))], Read(ics, "2026-02-01T00:00:00Z", "2026-04-01T00:00:00Z"));
    }

    [Fact]
    public void Transparent_events_do_not_block_time()
    {
        var ics = Calendar(Event("DTSTART:20260105T090000Z", "DTEND:20260105T100000Z", "TRANSP:TRANSPARENT"));

        Assert.Empty(Read(ics));
    }

    [Fact]
    public void Events_this_service_wrote_for_its_own_bookings_do_not_block_time_twice()
    {
        var ics = Calendar(
            Event("UID:0193abc@agenda", "DTSTART:20260105T090000Z", "DTEND:20260105T100000Z"),
            Event("UID:meeting@example.com", "DTSTART:20260105T110000Z", "DTEND:20260105T120000Z"));

        Assert.Equal([Busy(Utc("2026-01-05T11:00:00Z"), Utc("2026-01-05T12:00:00Z"))], Read(ics));
    }

    [Fact]
    public void Cancelled_events_do_not_block_time()
    {
        var ics = Calendar(Event("DTSTART:20260105T090000Z", "DTEND:20260105T100000Z", "STATUS:CANCELLED"));

        Assert.Empty(Read(ics));
    }

    [Fact]
    public void Events_the_owner_declined_do_not_block_time_whatever_the_case_of_the_address()
    {
        var ics = Calendar(Event("DTSTART:20260105T090000Z", "DTEND:20260105T100000Z",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bo@example.com", "ATTENDEE;PARTSTAT=DECLINED:mailto:Ana@Example.COM"));

        Assert.Empty(Read(ics));
    }

    [Fact]
    public void Events_someone_else_declined_still_block_the_owner()
    {
        var ics = Calendar(Event("DTSTART:20260105T090000Z", "DTEND:20260105T100000Z",
            "ATTENDEE;PARTSTAT=DECLINED:mailto:bo@example.com", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@example.com"));

        Assert.Equal([Busy(Utc("2026-01-05T09:00:00Z"), Utc("2026-01-05T10:00:00Z"))], Read(ics));
    }

    [Fact]
    public void An_all_day_event_blocks_from_local_midnight_to_local_midnight_in_the_owner_zone()
    {
        var ics = Calendar(Event("DTSTART;VALUE=DATE:20260105", "DTEND;VALUE=DATE:20260106"));

        Assert.Equal([Busy(Utc("2026-01-04T23:00:00Z"), Utc("2026-01-05T23:00:00Z"))], Read(ics));
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        Assert.Equal([Busy(Utc("2026-01-05T05:00:00Z"), Utc("2026-01-06T05:00:00Z"))], Read(ics, owner: newYork));
    }

    [Fact]
    public void A_multi_day_all_day_event_ends_before_its_exclusive_end_date_and_follows_DST()
    {
        var ics = Calendar(Event("DTSTART;VALUE=DATE:20260328", "DTEND;VALUE=DATE:20260331"));

        var busy = Assert.Single(Read(ics));

        Assert.Equal(BerlinBusy("2026-03-28T00:00", "2026-03-31T00:00"), busy);
        Assert.Equal(Duration.FromHours(71), busy.Length);
    }

    [Fact]
    public void An_all_day_event_without_end_lasts_one_day()
    {
        var ics = Calendar(Event("DTSTART;VALUE=DATE:20260105"));

        Assert.Equal([BerlinBusy("2026-01-05T00:00", "2026-01-06T00:00")], Read(ics));
    }

    [Fact]
    public void A_recurring_all_day_event_blocks_each_of_its_days()
    {
        var ics = Calendar(Event("DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=WEEKLY;COUNT=2", "EXDATE;VALUE=DATE:20260112"));

        Assert.Equal([BerlinBusy("2026-01-05T00:00", "2026-01-06T00:00")], Read(ics));
    }

    [Fact]
    public void A_floating_time_is_read_in_the_owner_zone()
    {
        var ics = Calendar(Event("DTSTART:20260105T090000", "DTEND:20260105T100000"));
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];

        Assert.Equal([Busy(Utc("2026-01-05T14:00:00Z"), Utc("2026-01-05T15:00:00Z"))], Read(ics, owner: newYork));
    }

    [Fact]
    public void A_TZID_defined_only_by_the_calendar_VTIMEZONE_is_honoured()
    {
        // A made-up zone at +02:00 in winter and +03:00 from the last Sunday of March, 02:00 local.
        var zone = """
            BEGIN:VTIMEZONE
            TZID:Fictional Coast Time
            BEGIN:STANDARD
            DTSTART:19701025T030000
            RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
            TZOFFSETFROM:+0300
            TZOFFSETTO:+0200
            TZNAME:FCT
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:19700329T020000
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0300
            TZNAME:FCST
            END:DAYLIGHT
            END:VTIMEZONE

            """;
        var ics = Calendar(zone, Event("DTSTART;TZID=Fictional Coast Time:20260322T100000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=2"));

        Assert.Equal(
            [Busy(Utc("2026-03-22T08:00:00Z"), Utc("2026-03-22T09:00:00Z")), Busy(Utc("2026-03-29T07:00:00Z"), Utc("2026-03-29T08:00:00Z"))],
            Read(ics, owner: DateTimeZoneProviders.Tzdb["America/New_York"]));
    }

    [Fact]
    public void A_Windows_zone_name_is_read_as_its_IANA_zone()
    {
        var ics = Calendar(Event("DTSTART;TZID=W. Europe Standard Time:20260701T100000", "DURATION:PT1H"));

        Assert.Equal([Busy(Utc("2026-07-01T08:00:00Z"), Utc("2026-07-01T09:00:00Z"))], Read(ics, owner: DateTimeZone.Utc));
    }

    [Fact]
    public void An_unknown_TZID_is_read_in_the_owner_zone()
    {
        var ics = Calendar(Event("DTSTART;TZID=Nowhere/Land:20260701T100000", "DURATION:PT1H"));

        Assert.Equal([BerlinBusy("2026-07-01T10:00", "2026-07-01T11:00")], Read(ics));
    }

    [Fact]
    public void DURATION_gives_the_length_when_there_is_no_DTEND()
    {
        var ics = Calendar(Event("DTSTART:20260105T090000Z", "DURATION:PT1H30M"));

        Assert.Equal([Busy(Utc("2026-01-05T09:00:00Z"), Utc("2026-01-05T10:30:00Z"))], Read(ics));
    }

    [Fact]
    public void A_DURATION_in_days_is_nominal_so_a_day_across_the_spring_change_lasts_23_hours()
    {
        var ics = Calendar(Event("DTSTART;TZID=Europe/Berlin:20260328T120000", "DURATION:P1D"));

        var busy = Assert.Single(Read(ics));

        Assert.Equal(BerlinBusy("2026-03-28T12:00", "2026-03-29T12:00"), busy);
        Assert.Equal(Duration.FromHours(23), busy.Length);
    }

    [Fact]
    public void A_DTEND_gives_every_occurrence_the_same_exact_duration()
    {
        var ics = Calendar(Event("DTSTART;TZID=Europe/Berlin:20260328T120000", "DTEND;TZID=Europe/Berlin:20260328T130000", "RRULE:FREQ=DAILY;COUNT=2"));

        Assert.All(Read(ics), b => Assert.Equal(Duration.FromHours(1), b.Length));
    }

    [Fact]
    public void A_timed_event_without_end_takes_no_time()
    {
        var ics = Calendar(Event("DTSTART:20260105T090000Z"));

        Assert.Empty(Read(ics));
    }

    [Fact]
    public void COUNT_limits_the_occurrences()
    {
        var ics = Calendar(Event("DTSTART:20260105T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=3"));

        Assert.Equal(3, Read(ics).Count);
    }

    [Fact]
    public void UNTIL_is_inclusive_and_read_in_UTC_against_a_zoned_start()
    {
        // 10:00 Berlin is 09:00Z in January, so UNTIL=...T090000Z keeps the occurrence on the 7th and nothing after.
        var ics = Calendar(Event("DTSTART;TZID=Europe/Berlin:20260105T100000", "DURATION:PT1H", "RRULE:FREQ=DAILY;UNTIL=20260107T090000Z"));

        Assert.Equal(3, Read(ics).Count);
    }

    [Fact]
    public void RDATE_adds_occurrences_with_the_event_length_or_its_own_period()
    {
        var ics = Calendar(Event("DTSTART:20260105T090000Z", "DURATION:PT1H", "RDATE:20260107T090000Z", "RDATE;VALUE=PERIOD:20260109T090000Z/PT3H"));

        Assert.Equal(
            [
                Busy(Utc("2026-01-05T09:00:00Z"), Utc("2026-01-05T10:00:00Z")),
                Busy(Utc("2026-01-07T09:00:00Z"), Utc("2026-01-07T10:00:00Z")),
                Busy(Utc("2026-01-09T09:00:00Z"), Utc("2026-01-09T12:00:00Z")),
            ],
            Read(ics));
    }

    [Fact]
    public void A_local_time_in_the_spring_gap_moves_forward_by_the_gap()
    {
        var ics = Calendar(Event("DTSTART;TZID=Europe/Berlin:20260329T023000", "DURATION:PT1H"));

        Assert.Equal([Busy(Utc("2026-03-29T01:30:00Z"), Utc("2026-03-29T02:30:00Z"))], Read(ics));
    }

    [Fact]
    public void An_ambiguous_local_time_in_the_autumn_overlap_takes_the_earlier_offset()
    {
        var ics = Calendar(Event("DTSTART;TZID=Europe/Berlin:20261025T023000", "DURATION:PT1H"));

        Assert.Equal([Busy(Utc("2026-10-25T00:30:00Z"), Utc("2026-10-25T01:30:00Z"))], Read(ics));
    }

    [Fact]
    public void An_event_ending_exactly_at_the_window_start_is_left_out()
    {
        var ics = Calendar(Event("DTSTART:20260105T080000Z", "DTEND:20260105T090000Z"));

        Assert.Empty(Read(ics, "2026-01-05T09:00:00Z", "2026-01-06T00:00:00Z"));
    }

    [Fact]
    public void An_event_starting_exactly_at_the_window_end_is_left_out()
    {
        var ics = Calendar(Event("DTSTART:20260106T000000Z", "DTEND:20260106T010000Z"));

        Assert.Empty(Read(ics, "2026-01-05T09:00:00Z", "2026-01-06T00:00:00Z"));
    }

    [Fact]
    public void Events_reaching_over_the_window_edges_are_clipped_to_the_window()
    {
        var ics = Calendar(Event("DTSTART:20260105T080000Z", "DTEND:20260105T100000Z"), Event("DTSTART:20260105T230000Z", "DTEND:20260106T010000Z"));

        Assert.Equal(
            [Busy(Utc("2026-01-05T09:00:00Z"), Utc("2026-01-05T10:00:00Z")), Busy(Utc("2026-01-05T23:00:00Z"), Utc("2026-01-06T00:00:00Z"))],
            Read(ics, "2026-01-05T09:00:00Z", "2026-01-06T00:00:00Z"));
    }

    [Fact]
    public void Overlapping_and_touching_events_merge_into_one_interval()
    {
        var ics = Calendar(
            Event("DTSTART:20260105T090000Z", "DTEND:20260105T100000Z"),
            Event("DTSTART:20260105T093000Z", "DTEND:20260105T103000Z"),
            Event("DTSTART:20260105T103000Z", "DTEND:20260105T110000Z"),
            Event("DTSTART:20260105T120000Z", "DTEND:20260105T130000Z"));

        Assert.Equal([Busy(Utc("2026-01-05T09:00:00Z"), Utc("2026-01-05T11:00:00Z")), Busy(Utc("2026-01-05T12:00:00Z"), Utc("2026-01-05T13:00:00Z"))], Read(ics));
    }

    [Fact]
    public void Several_calendar_objects_are_read_together_each_with_its_own_time_zone_components()
    {
        var first = Calendar(Event("DTSTART;TZID=America/New_York:20260105T090000", "DURATION:PT1H"));
        var second = Calendar(Event("DTSTART;TZID=Asia/Tokyo:20260105T090000", "DURATION:PT1H"));

        var busy = IcsBusyTimes.Read([first, second], Utc("2026-01-01T00:00:00Z"), Utc("2026-02-01T00:00:00Z"), Berlin, OwnerEmails);

        Assert.Equal([Busy(Utc("2026-01-05T00:00:00Z"), Utc("2026-01-05T01:00:00Z")), Busy(Utc("2026-01-05T14:00:00Z"), Utc("2026-01-05T15:00:00Z"))], busy);
    }

    [Fact]
    public void A_rule_begun_years_ago_is_expanded_from_near_the_window()
    {
        // Every second since 2010: 500 million instances before the window, which the read never walks through.
        var ics = Calendar(Event("DTSTART:20100101T000000Z", "DURATION:PT1S", "RRULE:FREQ=SECONDLY"));

        Assert.Equal([Busy(Utc("2026-01-05T09:00:00Z"), Utc("2026-01-05T10:00:00Z"))], Read(ics, "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z"));
    }

    [Fact]
    public void More_occurrences_in_the_window_than_the_cap_make_the_read_fail()
    {
        var ics = Calendar(Event("DTSTART:20260101T000000Z", "DURATION:PT1M", "RRULE:FREQ=MINUTELY"));

        var error = Assert.Throws<CalendarFormatException>(() => Read(ics, "2026-01-01T00:00:00Z", "2026-01-08T00:00:00Z"));

        Assert.Contains($"more than {IcsBusyTimes.MaxOccurrences}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_counted_rule_with_too_many_instances_before_the_window_makes_the_read_fail_quickly()
    {
        var ics = Calendar(Event("DTSTART:20100101T000000Z", "DURATION:PT1S", "RRULE:FREQ=SECONDLY;COUNT=900000000"));

        Assert.Throws<CalendarFormatException>(() => Read(ics, "2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>Please sign in</body></html>")]
    [InlineData("BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR\r\n")]
    public void Text_that_is_not_iCalendar_is_refused_with_a_message_a_person_can_act_on(string text)
    {
        var error = Assert.Throws<CalendarFormatException>(() => Read(text));

        Assert.StartsWith("The calendar is not valid iCalendar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_refusal_message_quotes_only_a_short_excerpt_of_a_huge_text()
    {
        var huge = new string('x', 1_000_000);

        var error = Assert.Throws<CalendarFormatException>(() => Read(huge));

        Assert.True(error.Message.Length < 300, error.Message);
    }
}
