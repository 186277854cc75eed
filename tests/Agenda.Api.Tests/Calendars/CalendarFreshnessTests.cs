using static Agenda.Api.Tests.Calendars.Ics;

namespace Agenda.Api.Tests.Calendars;

public sealed class CalendarFreshnessTests() : CalendarFreshnessTestsBase(onPostgres: false);

public sealed class CalendarFreshnessTestsOnPostgres() : CalendarFreshnessTestsBase(onPostgres: true);

/// <summary>
/// The staleness bound holds whatever else is reading a calendar: a booking's re-check and "read now" read again
/// while an older read is in flight, and that older read never replaces the newer copy. A copy past
/// Calendars:MaxStaleMinutes stops counting at that moment, for searches (cached answers too) and bookings, before the
/// calendar is read again.
/// </summary>
public abstract class CalendarFreshnessTestsBase(bool onPostgres) : IAsyncLifetime
{
    // The host's clock stands at Monday 2024-11-25 08:00 UTC; the owner works 09:00-12:00 in Berlin (UTC+1), Monday to Friday.
    private const string Monday = "2024-12-02";

    private readonly List<CalendarHost> hosts = [];
    private TestFeed feed = null!;

    public async Task InitializeAsync() => feed = await TestFeed.StartAsync();

    public async Task DisposeAsync()
    {
        feed.Release();
        await feed.DisposeAsync();
        hosts.ForEach(h => h.Dispose());
    }

    [Fact]
    public async Task A_booking_re_checks_while_an_older_read_hangs_and_that_older_read_does_not_replace_what_the_re_check_read()
    {
        var (api, owner, _) = await OwnerAsync();
        var id = await ConnectAsync(api, owner);
        feed.Hold();
        var inFlight = api.Post($"/v1/owners/{owner}/calendars/{id}/sync", new { });
        await feed.WaitForRequestsAsync(2);

        // The owner adds an event while that read is in flight; a booking over it comes next.
        feed.Text = Calendar(Event("DTSTART;TZID=Europe/Berlin:20241202T090000", "DTEND;TZID=Europe/Berlin:20241202T093000"));
        var refused = await Expect.Problem(await api.BookV1(owner, "intro", "2024-12-02T09:00:00+01:00"), 409);

        Assert.Equal("taken", refused["reason"]!.GetValue<string>());
        feed.Release();
        var read = await Expect.Json(await inFlight, 200);
        Assert.Equal("ok", read["state"]!.GetValue<string>());
        // The older read answered the calendar without the event; the newer copy stays.
        Assert.DoesNotContain("09:00", await LocalStartsAsync(api, owner, Monday));
        Assert.Equal(3, feed.Requests);
    }

    [Fact]
    public async Task Read_now_while_another_read_is_in_flight_answers_with_the_outcome_of_a_read()
    {
        var (api, owner, _) = await OwnerAsync();
        var id = await ConnectAsync(api, owner);
        feed.Status = 401;
        var failing = await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars/{id}/sync", new { }), 200);
        Assert.Equal("failing", failing["state"]!.GetValue<string>());
        feed.Status = 200;
        feed.Hold();
        var inFlight = api.Post($"/v1/owners/{owner}/calendars/{id}/sync", new { });
        await feed.WaitForRequestsAsync(3);

        var read = await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars/{id}/sync", new { }), 200);

        Assert.Equal("ok", read["state"]!.GetValue<string>());
        Assert.Null(read["last_error"]);
        Assert.Equal(4, feed.Requests);
        feed.Release();
        await Expect.Json(await inFlight, 200);
    }

    [Fact]
    public async Task A_copy_past_its_age_blocks_searches_cached_answers_and_bookings_from_that_moment_without_a_read()
    {
        // No re-check: only the moment decides, not another read.
        var (api, owner, host) = await OwnerAsync(new Dictionary<string, string> { ["Calendars:RecheckMilliseconds"] = "0" });
        feed.Text = Calendar(Event("DTSTART;TZID=Europe/Berlin:20241202T100000", "DTEND;TZID=Europe/Berlin:20241202T103000"));
        var id = await ConnectAsync(api, owner);
        feed.Status = 401;
        await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars/{id}/sync", new { }), 200);
        // Its last good copy counts for Calendars:MaxStaleMinutes (60) after the last good read, and this answer is kept.
        Assert.Equal(["09:00", "10:30", "11:00", "11:30"], await LocalStartsAsync(api, owner, Monday));
        var requests = feed.Requests;

        host.Clock.Advance(TimeSpan.FromMinutes(60));

        Assert.Empty(await LocalStartsAsync(api, owner, Monday));
        var connection = await Expect.Json(await api.Get($"/v1/owners/{owner}/calendars/{id}"), 200);
        Assert.Equal("stale", connection["state"]!.GetValue<string>());
        var refused = await Expect.Problem(await api.BookV1(owner, "intro", "2024-12-02T09:00:00+01:00"), 409);
        Assert.Equal("taken", refused["reason"]!.GetValue<string>());
        Assert.Equal(requests, feed.Requests);
    }

    [Fact]
    public async Task A_copy_past_its_age_stops_counting_at_that_moment_when_the_calendar_offers_anyway()
    {
        var (api, owner, host) = await OwnerAsync(new Dictionary<string, string> { ["Calendars:RecheckMilliseconds"] = "0" });
        feed.Text = Calendar(Event("DTSTART;TZID=Europe/Berlin:20241202T100000", "DTEND;TZID=Europe/Berlin:20241202T103000"));
        var id = await ConnectAsync(api, owner, whenUnreachable: "offer");
        feed.Status = 401;
        await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars/{id}/sync", new { }), 200);
        host.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(["09:00", "10:30", "11:00", "11:30"], await LocalStartsAsync(api, owner, Monday));

        host.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(6, (await LocalStartsAsync(api, owner, Monday)).Count);
        await Expect.Status(await api.BookV1(owner, "intro", "2024-12-02T10:00:00+01:00"), 201);
    }

    private async Task<(ApiClient Api, string Owner, CalendarHost Host)> OwnerAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = new CalendarHost(onPostgres, more: settings);
        hosts.Add(host);
        var api = host.Api();
        var owner = await api.CreateOwner("Europe/Berlin");
        object[] hours = [new { start = "09:00", end = "12:00" }];
        await api.PutWeeklyHours(owner, new { monday = hours, tuesday = hours, wednesday = hours, thursday = hours, friday = hours });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30, buffer_after_minutes = 15 });
        return (api, owner, host);
    }

    private async Task<string> ConnectAsync(ApiClient api, string owner, string whenUnreachable = "block")
    {
        var connected = await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "ics", url = feed.Url, when_unreachable = whenUnreachable }), 201);
        Assert.Equal("ok", connected["state"]!.GetValue<string>());
        return connected["id"]!.GetValue<string>();
    }

    /// <summary>The Berlin wall-clock starts (HH:mm) of the date's free slots.</summary>
    private static async Task<IReadOnlyList<string>> LocalStartsAsync(ApiClient api, string owner, string date) =>
        [.. (await api.SlotStartsV1(owner, "intro", date, date)).Select(s => s[11..16])];
}
