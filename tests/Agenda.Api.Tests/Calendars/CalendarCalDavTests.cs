using Agenda.Api.Calendars.Sources;
using Agenda.Api.Platform.Outbound;
using Agenda.Testing;
using static Agenda.Api.Tests.Calendars.Ics;

namespace Agenda.Api.Tests.Calendars;

/// <summary>
/// An owner connects calendars on a real CalDAV server (radicale): busy events there, recurring with an exception and
/// all-day, are never offered; the owner chooses which calendars count; an event added since the last sync is caught by
/// the re-check before a booking; the password is never shown.
/// </summary>
public sealed class CalendarCalDavTests(RadicaleServer radicale) : IClassFixture<RadicaleServer>, IDisposable
{
    private readonly CalendarHost host = new(onPostgres: false);

    private readonly CalDavClient client = new(
        new HttpClient(CalendarSourceHandler.Create(new WebhookTargets(allowPrivate: true))),
        new CalDavCredentials(RadicaleServer.User, RadicaleServer.Password));

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Busy_events_of_the_chosen_calendars_are_not_offered_and_a_new_one_is_caught_before_booking()
    {
        var api = host.Api();
        var owner = await api.CreateOwner("Europe/Berlin");
        object[] hours = [new { start = "09:00", end = "12:00" }];
        await api.PutWeeklyHours(owner, new { monday = hours, tuesday = hours, wednesday = hours });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        var work = await radicale.CreateCalendarAsync(Guid.NewGuid().ToString("N"), "Work");
        var holidays = await radicale.CreateCalendarAsync(Guid.NewGuid().ToString("N"), "Holidays");
        await client.PutEventAsync(work, "standup", Calendar(Event(
            "UID:standup", "DTSTART;TZID=Europe/Berlin:20241202T100000", "DTEND;TZID=Europe/Berlin:20241202T103000",
            "RRULE:FREQ=WEEKLY;BYDAY=MO", "EXDATE;TZID=Europe/Berlin:20241209T100000")), null);
        await client.PutEventAsync(holidays, "day-off", Calendar(Event("UID:day-off", "DTSTART;VALUE=DATE:20241203", "DTEND;VALUE=DATE:20241204")), null);

        var connected = await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars", new
        {
            kind = "caldav",
            url = radicale.Home.AbsoluteUri,
            username = RadicaleServer.User,
            password = RadicaleServer.Password,
            busy_calendars = new[] { work.AbsoluteUri, holidays.AbsoluteUri },
        }), 201);

        Assert.Equal("ok", connected["state"]!.GetValue<string>());
        Assert.DoesNotContain(RadicaleServer.Password, connected.ToJsonString(), StringComparison.Ordinal);
        var id = connected["id"]!.GetValue<string>();
        Assert.Equal(["09:00", "09:30", "10:30", "11:00", "11:30"], await LocalStartsAsync(api, owner, "2024-12-02"));
        Assert.Equal(6, (await LocalStartsAsync(api, owner, "2024-12-09")).Count);
        Assert.Equal(["09:00", "09:30", "10:30", "11:00", "11:30"], await LocalStartsAsync(api, owner, "2024-12-16"));
        Assert.Empty(await LocalStartsAsync(api, owner, "2024-12-03"));

        // The owner lists the server's calendars and lets the holidays stop counting.
        var collections = (await Expect.Json(await api.Get($"/v1/owners/{owner}/calendars/{id}/calendars"), 200))["calendars"]!.AsArray();
        Assert.True(collections.Single(c => c!["url"]!.GetValue<string>() == holidays.AbsoluteUri)!["counts_as_busy"]!.GetValue<bool>());
        await Expect.Json(await api.Put($"/v1/owners/{owner}/calendars/{id}", new { busy_calendars = new[] { work.AbsoluteUri } }), 200);
        Assert.Equal(6, (await LocalStartsAsync(api, owner, "2024-12-03")).Count);

        // A meeting put in the calendar after the last sync: the booking's re-check reads it and refuses the time.
        await client.PutEventAsync(work, "late", Calendar(Event("UID:late", "DTSTART:20241204T080000Z", "DTEND:20241204T090000Z")), null);
        await Expect.Problem(await api.BookV1(owner, "intro", "2024-12-04T09:00:00+01:00"), 409);
        await Expect.Status(await api.BookV1(owner, "intro", "2024-12-04T10:00:00+01:00"), 201);
        var listed = await Expect.Json(await api.Get($"/v1/owners/{owner}/calendars"), 200);
        Assert.DoesNotContain(RadicaleServer.Password, listed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connecting_an_address_where_the_server_has_no_calendar_is_refused_with_its_answer_and_stores_nothing()
    {
        var api = host.Api();
        var owner = await api.CreateOwner("Europe/Berlin");
        var missing = new Uri(radicale.Home, Guid.NewGuid().ToString("N") + "/");

        var refused = await Expect.Problem(await api.Post($"/v1/owners/{owner}/calendars", new
        {
            kind = "caldav",
            url = missing.AbsoluteUri,
            username = RadicaleServer.User,
            password = RadicaleServer.Password,
        }), 422);

        Assert.Equal("calendar_unreadable", refused["reason"]!.GetValue<string>());
        Assert.Equal("not_found", refused["failure"]!.GetValue<string>());
        Assert.Equal(404, refused["server_status"]!.GetValue<int>());
        Assert.DoesNotContain(RadicaleServer.Password, refused.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty((await Expect.Json(await api.Get($"/v1/owners/{owner}/calendars"), 200))["calendars"]!.AsArray());
    }

    [Fact]
    public async Task Connecting_checks_the_request_and_says_when_the_service_cannot_keep_credentials()
    {
        var api = host.Api();
        var owner = await api.CreateOwner("Europe/Berlin");

        var wrongKind = await Expect.Problem(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "exchange", url = radicale.Home.AbsoluteUri }), 400);
        Assert.NotNull(wrongKind["errors"]!["kind"]);
        var noPassword = await Expect.Problem(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "caldav", url = radicale.Home.AbsoluteUri, username = "ana" }), 400);
        Assert.NotNull(noPassword["errors"]!["password"]);
        var elsewhere = await Expect.Problem(await api.Post($"/v1/owners/{owner}/calendars", new
        {
            kind = "caldav",
            url = radicale.Home.AbsoluteUri,
            username = "ana",
            password = "x",
            busy_calendars = new[] { "https://other.example.com/cal/" },
        }), 400);
        Assert.NotNull(elsewhere["errors"]!["busy_calendars"]);
        var userInUrl = await Expect.Problem(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "ics", url = "https://ana:pw@example.com/a.ics" }), 400);
        Assert.DoesNotContain("pw@", userInUrl.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty((await Expect.Json(await api.Get($"/v1/owners/{owner}/calendars"), 200))["calendars"]!.AsArray());

        using var keyless = new CalendarHost(onPostgres: false, withKey: false);
        var other = keyless.Api();
        var someone = await other.CreateOwner();
        var off = await Expect.Problem(await other.Post($"/v1/owners/{someone}/calendars", new { kind = "ics", url = "https://example.com/a.ics" }), 409);
        Assert.Equal("calendars_off", off["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_connection_whose_credentials_no_longer_open_fails_visibly_and_never_stops_a_booking()
    {
        var api = host.Api();
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        var calendar = await radicale.CreateCalendarAsync(Guid.NewGuid().ToString("N"), "Work");
        var id = (await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars", new
        {
            kind = "caldav",
            url = calendar.AbsoluteUri,
            username = RadicaleServer.User,
            password = RadicaleServer.Password,
        }), 201))["id"]!.GetValue<string>();

        // As after the operator changed Calendars:EncryptionKey: the stored box no longer opens.
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            db.Open();
            using var damage = db.CreateCommand();
            damage.CommandText = "UPDATE calendar_connections SET secret_box = x'01000000' WHERE id = $id;";
            damage.Parameters.AddWithValue("$id", id);
            Assert.Equal(1, damage.ExecuteNonQuery());
        }

        await Expect.Status(await api.BookV1(owner, "intro", "2024-12-02T09:00:00+01:00"), 201);
        var read = await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars/{id}/sync", new { }), 200);
        Assert.Equal("failing", read["state"]!.GetValue<string>());
        Assert.Contains("Calendars:EncryptionKey", read["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        var refused = await Expect.Problem(await api.Put($"/v1/owners/{owner}/calendars/{id}", new { when_unreachable = "offer" }), 409);
        Assert.Equal("credentials_unreadable", refused["reason"]!.GetValue<string>());
        await Expect.Problem(await api.Get($"/v1/owners/{owner}/calendars/{id}/calendars"), 409);
    }

    private static async Task<IReadOnlyList<string>> LocalStartsAsync(ApiClient api, string owner, string date) =>
        [.. (await api.SlotStartsV1(owner, "intro", date, date)).Select(s => s[11..16])];
}
