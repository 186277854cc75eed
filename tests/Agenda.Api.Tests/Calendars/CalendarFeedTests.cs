using System.Text.Json.Nodes;
using static Agenda.Api.Tests.Calendars.Ics;

namespace Agenda.Api.Tests.Calendars;

public sealed class CalendarFeedTests() : CalendarFeedTestsBase(onPostgres: false);

public sealed class CalendarFeedTestsOnPostgres() : CalendarFeedTestsBase(onPostgres: true);

/// <summary>
/// An owner's iCalendar feed, end to end through /v1: its busy times (with the meeting type's buffers) are never
/// offered, a change is seen after a sync and by the re-check before a booking, and a feed that fails keeps its last
/// good copy until it is stale, when the connection's when_unreachable decides.
/// </summary>
public abstract class CalendarFeedTestsBase(bool onPostgres) : IAsyncLifetime
{
    // The host's clock stands at Monday 2024-11-25 08:00 UTC; the owner works 09:00-12:00 in Berlin (UTC+1), Monday to Friday.
    private const string Monday = "2024-12-02";
    private const string Tuesday = "2024-12-03";
    private const string Wednesday = "2024-12-04";

    private readonly CalendarHost host = new(onPostgres);
    private ApiClient api = null!;
    private TestFeed feed = null!;
    private string owner = "";

    public async Task InitializeAsync()
    {
        api = host.Api();
        feed = await TestFeed.StartAsync();
        owner = await api.CreateOwner("Europe/Berlin");
        object[] hours = [new { start = "09:00", end = "12:00" }];
        await api.PutWeeklyHours(owner, new { monday = hours, tuesday = hours, wednesday = hours, thursday = hours, friday = hours });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30, buffer_after_minutes = 15 });
    }

    public async Task DisposeAsync()
    {
        await feed.DisposeAsync();
        host.Dispose();
    }

    [Fact]
    public async Task Busy_times_of_a_feed_are_not_offered_and_follow_its_changes_its_failures_and_its_removal()
    {
        feed.Text = Calendar(
            Event("DTSTART;TZID=Europe/Berlin:20241202T100000", "DTEND;TZID=Europe/Berlin:20241202T103000", "SUMMARY:Dentist (private)"),
            Event("DTSTART;VALUE=DATE:20241203", "DTEND;VALUE=DATE:20241204"),
            Event("DTSTART;TZID=Europe/Berlin:20241204T090000", "DTEND;TZID=Europe/Berlin:20241204T120000", "TRANSP:TRANSPARENT"));

        var connected = await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "ics", url = feed.Url }), 201);

        Assert.Equal("ok", connected["state"]!.GetValue<string>());
        Assert.Equal(new Uri(feed.Url).GetLeftPart(UriPartial.Authority), connected["host"]!.GetValue<string>());
        var id = connected["id"]!.GetValue<string>();
        // 10:00-10:30 is busy; 09:30 would end, with its 15 minutes after, at 10:15.
        Assert.Equal(["09:00", "10:30", "11:00", "11:30"], await LocalStartsAsync(Monday));
        Assert.Empty(await LocalStartsAsync(Tuesday));
        Assert.Equal(6, (await LocalStartsAsync(Wednesday)).Count);
        // Asked why 10:00 is not offered, the owner is told which calendar is busy then, never the event's title.
        var why = await Expect.Json(await api.Get($"/v1/owners/{owner}/meeting-types/intro/slots/explain?start=2024-12-02T10%3A00%3A00%2B01%3A00"), 200);
        var blocker = Assert.Single(why["reasons"]!.AsArray())!["blocked_by"]!;
        Assert.Equal(("calendar", id, connected["host"]!.GetValue<string>(), "2024-12-02T10:30:00+01:00"),
            (blocker["kind"]!.GetValue<string>(), blocker["calendar_id"]!.GetValue<string>(), blocker["calendar_name"]!.GetValue<string>(), blocker["end"]!.GetValue<string>()));
        Assert.DoesNotContain("Dentist", why.ToJsonString(), StringComparison.Ordinal);

        // The event moves: seen after a sync.
        feed.Text = Calendar(Event("DTSTART;TZID=Europe/Berlin:20241202T110000", "DTEND;TZID=Europe/Berlin:20241202T113000"));
        await SyncAsync(id, "ok");
        Assert.Equal(["09:00", "09:30", "10:00", "11:30"], await LocalStartsAsync(Monday));
        Assert.Equal(6, (await LocalStartsAsync(Tuesday)).Count);

        // A new event, not yet synced, is seen by the re-check before the booking.
        feed.Text = Calendar(
            Event("DTSTART;TZID=Europe/Berlin:20241202T110000", "DTEND;TZID=Europe/Berlin:20241202T113000"),
            Event("DTSTART;TZID=Europe/Berlin:20241204T090000", "DTEND;TZID=Europe/Berlin:20241204T100000"));
        var refused = await Expect.Problem(await api.BookV1(owner, "intro", "2024-12-04T09:00:00+01:00"), 409);
        Assert.Equal("taken", refused["reason"]!.GetValue<string>());
        Assert.Equal(["10:00", "10:30", "11:00", "11:30"], await LocalStartsAsync(Wednesday));

        // The feed fails: its last good copy still counts, and the owner sees why.
        feed.Status = 401;
        var failing = await SyncAsync(id, "failing");
        Assert.NotNull(failing["last_error"]);
        Assert.DoesNotContain("s3cr3t", failing.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["09:00", "09:30", "10:00", "11:30"], await LocalStartsAsync(Monday));

        // Past Calendars:MaxStaleMinutes (60) it is stale: by default nothing is offered, or everything with "offer".
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await SyncAsync(id, "stale");
        Assert.Empty(await LocalStartsAsync(Monday));
        await Expect.Json(await api.Put($"/v1/owners/{owner}/calendars/{id}", new { when_unreachable = "offer" }), 200);
        Assert.Equal(6, (await LocalStartsAsync(Monday)).Count);

        // It recovers, and then is removed.
        feed.Status = 200;
        await SyncAsync(id, "ok");
        Assert.Equal(["09:00", "09:30", "10:00", "11:30"], await LocalStartsAsync(Monday));
        await Expect.Status(await api.Delete($"/v1/owners/{owner}/calendars/{id}"), 204);
        Assert.Equal(6, (await LocalStartsAsync(Monday)).Count);
        await Expect.Problem(await api.Get($"/v1/owners/{owner}/calendars/{id}"), 404);
    }

    [Fact]
    public async Task A_malformed_feed_is_refused_when_connecting_and_is_a_clear_error_that_offers_nothing_once_stale()
    {
        feed.Text = "<html>Sign in</html>";

        var refused = await Expect.Problem(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "ics", url = feed.Url }), 422);

        Assert.Equal("calendar_unreadable", refused["reason"]!.GetValue<string>());
        Assert.Equal("malformed", refused["failure"]!.GetValue<string>());
        Assert.Contains("iCalendar", refused["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await Expect.Json(await api.Get($"/v1/owners/{owner}/calendars"), 200))["calendars"]!.AsArray());
        Assert.Equal(6, (await LocalStartsAsync(Monday)).Count);

        feed.Text = Calendar();
        var id = (await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "ics", url = feed.Url }), 201))["id"]!.GetValue<string>();
        feed.Text = "<html>Sign in</html>";
        var failing = await SyncAsync(id, "failing");
        Assert.Contains("iCalendar", failing["last_error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(6, (await LocalStartsAsync(Monday)).Count);
        host.Clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Empty(await LocalStartsAsync(Monday));
        var listed = await Expect.Json(await api.Get($"/v1/owners/{owner}/calendars"), 200);
        Assert.DoesNotContain("s3cr3t", listed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_calendar_that_hangs_delays_a_booking_by_the_re_check_bound_only_and_its_read_times_out()
    {
        var id = (await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "ics", url = feed.Url }), 201))["id"]!.GetValue<string>();
        feed.Status = 0;

        var started = DateTime.UtcNow;
        await Expect.Status(await api.BookV1(owner, "intro", "2024-12-02T09:00:00+01:00"), 201);

        // Calendars:RecheckMilliseconds is 1500; the read itself gives up after Calendars:TimeoutSeconds (2 here).
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), $"The booking waited {DateTime.UtcNow - started} for a calendar that hangs.");
        // The read the booking started goes on, and is recorded when it gives up.
        JsonNode read;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(100);
            read = await Expect.Json(await api.Get($"/v1/owners/{owner}/calendars/{id}"), 200);
        }
        while (read["state"]!.GetValue<string>() == "ok" && DateTime.UtcNow < deadline);

        Assert.Equal("failing", read["state"]!.GetValue<string>());
        Assert.Contains("did not answer within 2 seconds", read["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> SyncAsync(string id, string expectedState)
    {
        var read = await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars/{id}/sync", new { }), 200);
        Assert.Equal(expectedState, read["state"]!.GetValue<string>());
        return read;
    }

    /// <summary>The Berlin wall-clock starts (HH:mm) of the date's free slots.</summary>
    private async Task<IReadOnlyList<string>> LocalStartsAsync(string date) =>
        [.. (await api.SlotStartsV1(owner, "intro", date, date)).Select(s => s[11..16])];
}
