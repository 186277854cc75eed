using static Agenda.Api.Tests.Calendars.Ics;

namespace Agenda.Api.Tests.Calendars;

public sealed class CalendarConnectTests() : CalendarConnectTestsBase(onPostgres: false);

public sealed class CalendarConnectTestsOnPostgres() : CalendarConnectTestsBase(onPostgres: true);

/// <summary>
/// A calendar is read before it is connected: a wrong password, nothing at the address or something that is not a
/// calendar is refused with a 422 that says what the server answered, and nothing is stored, so the owner's booking
/// page stays open.
/// </summary>
public abstract class CalendarConnectTestsBase(bool onPostgres) : IAsyncLifetime
{
    private const string Monday = "2024-12-02";

    private readonly CalendarHost host = new(onPostgres);
    private ApiClient api = null!;
    private TestFeed feed = null!;
    private string owner = "";

    public async Task InitializeAsync()
    {
        api = host.Api();
        feed = await TestFeed.StartAsync();
        owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
    }

    public async Task DisposeAsync()
    {
        await feed.DisposeAsync();
        host.Dispose();
    }

    [Theory]
    [InlineData(401, "unauthorized")]
    [InlineData(403, "unauthorized")]
    [InlineData(404, "not_found")]
    public async Task A_feed_the_server_refuses_or_does_not_have_is_not_connected_and_the_answer_says_what_the_server_answered(int status, string failure)
    {
        feed.Status = status;

        var refused = await Expect.Problem(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "ics", url = feed.Url }), 422);

        Assert.Equal("calendar_unreadable", refused["reason"]!.GetValue<string>());
        Assert.Equal(failure, refused["failure"]!.GetValue<string>());
        Assert.Equal(status, refused["server_status"]!.GetValue<int>());
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", refused.ToJsonString(), StringComparison.Ordinal);
        await NothingConnectedAsync();
    }

    [Fact]
    public async Task An_address_that_is_not_a_calendar_is_not_connected()
    {
        feed.Text = "<!doctype html><title>Sign in</title>";

        var refused = await Expect.Problem(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "ics", url = feed.Url }), 422);

        Assert.Equal("malformed", refused["failure"]!.GetValue<string>());
        Assert.Contains("iCalendar", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await NothingConnectedAsync();
    }

    [Fact]
    public async Task A_calendar_that_reads_is_connected_with_its_busy_times_at_once()
    {
        feed.Text = Calendar(Event("DTSTART;TZID=Europe/Berlin:20241202T100000", "DTEND;TZID=Europe/Berlin:20241202T103000"));

        var connected = await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "ics", url = feed.Url }), 201);

        Assert.Equal("ok", connected["state"]!.GetValue<string>());
        Assert.NotNull(connected["last_synced_at"]);
        Assert.Equal(1, feed.Requests);
        Assert.DoesNotContain("10:00", await LocalStartsAsync());
    }

    private async Task NothingConnectedAsync()
    {
        Assert.Empty((await Expect.Json(await api.Get($"/v1/owners/{owner}/calendars"), 200))["calendars"]!.AsArray());
        Assert.Equal(6, (await LocalStartsAsync()).Count);
    }

    private async Task<IReadOnlyList<string>> LocalStartsAsync() =>
        [.. (await api.SlotStartsV1(owner, "intro", Monday, Monday)).Select(s => s[11..16])];
}
