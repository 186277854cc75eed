using Agenda.Api.Calendars.Busy;
using Agenda.Api.Calendars.Sources;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Outbound;
using Agenda.Testing;
using NodaTime;
using static Agenda.Api.Tests.Calendars.Ics;

namespace Agenda.Api.Tests.Calendars;

/// <summary>The CalDAV client against a real server (radicale), and what it reads turned into busy time.</summary>
public sealed class CalDavClientTests(RadicaleServer radicale) : IClassFixture<RadicaleServer>
{
    private const string BerlinZone = """
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE

        """;

    private readonly CalDavClient client = new(
        new HttpClient(CalendarSourceHandler.Create(new WebhookTargets(allowPrivate: true))),
        new CalDavCredentials(RadicaleServer.User, RadicaleServer.Password),
        new CalendarSourceLimits { Timeout = TimeSpan.FromSeconds(5) });

    [Fact]
    public async Task Lists_the_calendars_of_the_home_with_their_names_and_change_markers()
    {
        var work = await radicale.CreateCalendarAsync(NewName(), "Work");
        var family = await radicale.CreateCalendarAsync(NewName(), "Family");

        var calendars = await client.ListCalendarsAsync(radicale.Home);

        var found = calendars.Where(c => c.Href == work || c.Href == family).OrderBy(c => c.DisplayName).ToList();
        Assert.Equal(["Family", "Work"], found.Select(c => c.DisplayName));
        Assert.All(found, c =>
        {
            Assert.True(c.HoldsEvents);
            Assert.NotNull(c.CTag);
            Assert.NotNull(c.SyncToken);
        });
    }

    [Fact]
    public async Task Listing_from_the_server_root_follows_the_principal_to_the_home()
    {
        var work = await radicale.CreateCalendarAsync(NewName(), "Reached from the root");

        var calendars = await client.ListCalendarsAsync(radicale.BaseUrl);

        Assert.Contains(calendars, c => c.Href == work && c.DisplayName == "Reached from the root");
    }

    [Fact]
    public async Task Listing_a_calendar_address_returns_that_calendar()
    {
        var work = await radicale.CreateCalendarAsync(NewName(), "Just this one");

        var calendars = await client.ListCalendarsAsync(work);

        Assert.Equal(work, Assert.Single(calendars).Href);
    }

    [Fact]
    public async Task Events_written_to_the_server_and_queried_for_a_period_read_as_the_expected_busy_time()
    {
        var calendar = await radicale.CreateCalendarAsync(NewName(), "Busy");
        var weekly = Calendar(
            BerlinZone,
            Event("UID:weekly", "DTSTART;TZID=Europe/Berlin:20260316T100000", "DTEND;TZID=Europe/Berlin:20260316T110000", "RRULE:FREQ=WEEKLY;COUNT=6",
                "EXDATE;TZID=Europe/Berlin:20260323T100000"),
            Event("UID:weekly", "RECURRENCE-ID;TZID=Europe/Berlin:20260406T100000", "DTSTART;TZID=Europe/Berlin:20260407T150000", "DTEND;TZID=Europe/Berlin:20260407T163000"),
            Event("UID:weekly", "RECURRENCE-ID;TZID=Europe/Berlin:20260413T100000", "DTSTART;TZID=Europe/Berlin:20260413T100000", "DTEND;TZID=Europe/Berlin:20260413T110000",
                "STATUS:CANCELLED"));
        await client.PutEventAsync(calendar, "weekly", weekly, null);
        await client.PutEventAsync(calendar, "holiday", Calendar(Event("UID:holiday", "DTSTART;VALUE=DATE:20260401", "DTEND;VALUE=DATE:20260402")), null);
        await client.PutEventAsync(calendar, "summer", Calendar(Event("UID:summer", "DTSTART:20260710T090000Z", "DTEND:20260710T100000Z")), null);
        var from = Utc("2026-03-20T00:00:00Z");
        var to = Utc("2026-04-18T00:00:00Z");

        var events = await client.QueryEventsAsync(calendar, from, to);
        var busy = IcsBusyTimes.Read(events.Select(e => e.IcsText), from, to, Berlin, OwnerEmails);

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.NotNull(e.ETag));
        Assert.Equal(
            [BerlinBusy("2026-03-30T10:00", "2026-03-30T11:00"), BerlinBusy("2026-04-01T00:00", "2026-04-02T00:00"), BerlinBusy("2026-04-07T15:00", "2026-04-07T16:30")],
            busy);
    }

    [Fact]
    public async Task The_ctag_changes_after_a_write_and_stays_the_same_otherwise()
    {
        var calendar = await radicale.CreateCalendarAsync(NewName(), "Markers");
        var before = await client.GetCtagAsync(calendar);
        var again = await client.GetCtagAsync(calendar);

        await client.PutEventAsync(calendar, "one", Calendar(Event("UID:one", "DTSTART:20260105T090000Z", "DTEND:20260105T100000Z")), null);
        var after = await client.GetCtagAsync(calendar);

        Assert.NotNull(before.CTag);
        Assert.Equal(before, again);
        Assert.NotEqual(before.CTag, after.CTag);
        Assert.NotEqual(before.SyncToken, after.SyncToken);
    }

    [Fact]
    public async Task An_update_with_the_current_etag_replaces_the_event()
    {
        var calendar = await radicale.CreateCalendarAsync(NewName(), "Updates");
        var created = await client.PutEventAsync(calendar, "booking-1@agenda", Calendar(Event("UID:booking-1@agenda", "DTSTART:20260105T090000Z", "DTEND:20260105T100000Z")), null);

        var updated = await client.PutEventAsync(calendar, "booking-1@agenda", Calendar(Event("UID:booking-1@agenda", "DTSTART:20260105T140000Z", "DTEND:20260105T150000Z")), created.ETag);

        var events = await client.QueryEventsAsync(calendar, Utc("2026-01-05T00:00:00Z"), Utc("2026-01-06T00:00:00Z"));
        Assert.Equal(created.Href, updated.Href);
        Assert.NotEqual(created.ETag, updated.ETag);
        var stored = Assert.Single(events);
        Assert.Equal(updated.ETag, stored.ETag);
        Assert.Contains("DTSTART:20260105T140000Z", stored.IcsText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_refused_as_a_conflict()
    {
        var calendar = await radicale.CreateCalendarAsync(NewName(), "Stale");
        var created = await client.PutEventAsync(calendar, "x", Calendar(Event("UID:x", "DTSTART:20260105T090000Z", "DTEND:20260105T100000Z")), null);
        await client.PutEventAsync(calendar, "x", Calendar(Event("UID:x", "DTSTART:20260105T110000Z", "DTEND:20260105T120000Z")), created.ETag);

        var error = await Assert.ThrowsAsync<CalendarSourceException>(() =>
            client.PutEventAsync(calendar, "x", Calendar(Event("UID:x", "DTSTART:20260105T130000Z", "DTEND:20260105T140000Z")), created.ETag));

        Assert.Equal(CalendarSourceFailure.Conflict, error.Kind);
        Assert.Equal(412, error.StatusCode);
    }

    [Fact]
    public async Task Creating_an_event_that_already_exists_is_refused_as_a_conflict()
    {
        var calendar = await radicale.CreateCalendarAsync(NewName(), "Twice");
        var text = Calendar(Event("UID:twice", "DTSTART:20260105T090000Z", "DTEND:20260105T100000Z"));
        await client.PutEventAsync(calendar, "twice", text, null);

        var error = await Assert.ThrowsAsync<CalendarSourceException>(() => client.PutEventAsync(calendar, "twice", text, null));

        Assert.Equal(CalendarSourceFailure.Conflict, error.Kind);
    }

    [Fact]
    public async Task A_deleted_event_is_gone_and_deleting_it_again_counts_as_done()
    {
        var calendar = await radicale.CreateCalendarAsync(NewName(), "Deletes");
        var written = await client.PutEventAsync(calendar, "gone", Calendar(Event("UID:gone", "DTSTART:20260105T090000Z", "DTEND:20260105T100000Z")), null);

        await client.DeleteEventAsync(written.Href, written.ETag);
        await client.DeleteEventAsync(written.Href, null);

        Assert.Empty(await client.QueryEventsAsync(calendar, Utc("2026-01-01T00:00:00Z"), Utc("2026-02-01T00:00:00Z")));
    }

    [Fact]
    public async Task Deleting_with_a_stale_etag_is_refused_as_a_conflict_and_keeps_the_event()
    {
        var calendar = await radicale.CreateCalendarAsync(NewName(), "Stale delete");
        var created = await client.PutEventAsync(calendar, "kept", Calendar(Event("UID:kept", "DTSTART:20260105T090000Z", "DTEND:20260105T100000Z")), null);
        await client.PutEventAsync(calendar, "kept", Calendar(Event("UID:kept", "DTSTART:20260105T110000Z", "DTEND:20260105T120000Z")), created.ETag);

        var error = await Assert.ThrowsAsync<CalendarSourceException>(() => client.DeleteEventAsync(created.Href, created.ETag));

        Assert.Equal(CalendarSourceFailure.Conflict, error.Kind);
        Assert.Single(await client.QueryEventsAsync(calendar, Utc("2026-01-05T00:00:00Z"), Utc("2026-01-06T00:00:00Z")));
    }

    [Fact]
    public async Task A_wrong_calendar_address_is_not_found()
    {
        var error = await Assert.ThrowsAsync<CalendarSourceException>(() => client.GetCtagAsync(new Uri(radicale.Home, "no-such-calendar/")));

        Assert.Equal(CalendarSourceFailure.NotFound, error.Kind);
    }

    [Fact]
    public async Task A_loopback_server_is_refused_when_private_addresses_are_not_allowed()
    {
        var guarded = new CalDavClient(new HttpClient(CalendarSourceHandler.Create(new WebhookTargets(allowPrivate: false))),
            new CalDavCredentials(RadicaleServer.User, RadicaleServer.Password));

        var error = await Assert.ThrowsAsync<CalendarSourceException>(() => guarded.ListCalendarsAsync(radicale.Home));

        Assert.Equal(CalendarSourceFailure.Refused, error.Kind);
    }

    private static string NewName() => "cal-" + Guid.NewGuid().ToString("N")[..8];
}
