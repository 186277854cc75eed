using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ical.Net;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1SeriesTests(ApiHost host) : V1SeriesTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1SeriesTestsOnPostgres(PostgresApiHost host) : V1SeriesTestsBase(host), IClassFixture<PostgresApiHost>;

/// <summary>
/// A weekly series through the API on both stores: booked all or nothing, at the owner's wall-clock time across the
/// clock change, managed by one token, cancelled or moved from a meeting on, and one calendar event with its RRULE and
/// exceptions. The owner is free on Mondays 09:00-12:00 in Europe/Berlin; the clocks go forward on 2027-03-28.
/// </summary>
public abstract class V1SeriesTestsBase(ApiHost host)
{
    private const string FirstMonday = "2027-03-15T09:00:00+01:00";
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task A_weekly_series_is_booked_whole_at_nine_across_the_clock_change_and_one_token_manages_it()
    {
        var owner = await Owner();

        var first = await Expecting(Book(owner, FirstMonday, 4), 201);

        Assert.Equal(0, first["series"]!["index"]!.GetValue<int>());
        var token = first["management_token"]!.GetValue<string>();
        var series = await Expecting(Send(HttpMethod.Get, $"/v1/bookings/{first["id"]}/series", token), 200);
        Assert.Equal(4, series["count"]!.GetValue<int>());
        Assert.Equal(1, series["interval_weeks"]!.GetValue<int>());
        Assert.Equal(
            ["2027-03-15T09:00:00+01:00", "2027-03-22T09:00:00+01:00", "2027-03-29T09:00:00+02:00", "2027-04-05T09:00:00+02:00"],
            series["bookings"]!.AsArray().Select(b => b!["start"]!.GetValue<string>()));
        // Each meeting is a booking its one token opens.
        var last = series["bookings"]!.AsArray()[3]!["id"]!.GetValue<string>();
        Assert.Equal(3, (await Expecting(Send(HttpMethod.Get, $"/v1/bookings/{last}", token), 200))["series"]!["index"]!.GetValue<int>());
        // Its times are no longer offered.
        var slots = await Expecting(api.Get($"/v1/owners/{owner}/meeting-types/weekly/slots?from=2027-03-29&to=2027-03-29"), 200);
        Assert.DoesNotContain("2027-03-29T09:00:00+02:00", slots["slots"]!.AsArray().Select(s => s!["start"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_series_with_one_meeting_taken_is_refused_whole_naming_it_and_nothing_is_stored()
    {
        var owner = await Owner();
        await Expecting(api.Post($"/v1/owners/{owner}/meeting-types/weekly/bookings", new { start = "2027-03-29T09:00:00+02:00", invitee = new { name = "Bo" } }), 201);

        var refused = await Expect.Problem(await api.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/weekly/bookings",
            new { start = FirstMonday, invitee = new { name = "Cy" }, recurrence = new { count = 6 } }), 409);

        Assert.Equal("series_unavailable", refused["reason"]!.GetValue<string>());
        var meeting = Assert.Single(refused["meetings"]!.AsArray())!;
        Assert.Equal((2, "2027-03-29T07:00:00Z", "taken"), (meeting["index"]!.GetValue<int>(), meeting["start"]!.GetValue<string>(), meeting["reason"]!.GetValue<string>()));
        Assert.Contains("1", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var list = await Expecting(api.Get($"/v1/owners/{owner}/bookings"), 200);
        Assert.Equal(["Bo"], list["bookings"]!.AsArray().Select(b => b!["invitee"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Cancelling_following_cancels_the_rest_and_the_calendar_file_keeps_the_rule_with_its_exceptions()
    {
        var owner = await Owner();
        var first = await Expecting(Book(owner, FirstMonday, 5), 201);
        var token = first["management_token"]!.GetValue<string>();
        var ids = (await Expecting(Send(HttpMethod.Get, $"/v1/bookings/{first["id"]}/series", token), 200))["bookings"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()).ToList();

        // The second meeting alone, then the fourth with the rest.
        await Expecting(Send(HttpMethod.Post, $"/v1/bookings/{ids[1]}/cancel", token, new { }), 200);
        await Expecting(Send(HttpMethod.Post, $"/v1/bookings/{ids[3]}/cancel", token, new { series = "following", reason = "moving away" }), 200);

        var series = await Expecting(Send(HttpMethod.Get, $"/v1/bookings/{ids[0]}/series", token), 200);
        Assert.Equal(["active", "cancelled", "active", "cancelled", "cancelled"], series["bookings"]!.AsArray().Select(b => b!["status"]!.GetValue<string>()));
        using var file = await Send(HttpMethod.Get, $"/v1/bookings/{ids[0]}/calendar.ics", token);
        var text = await file.Content.ReadAsStringAsync();
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=5", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Berlin:20270315T090000", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", text, StringComparison.Ordinal);
        // A calendar program reads exactly the meetings still on: 15 and 29 March.
        var calendar = Calendar.Load(text)!;
        var occurrences = calendar.GetOccurrences(new Ical.Net.DataTypes.CalDateTime(2027, 1, 1)).Select(o => o.Period.StartTime.AsUtc).ToList();
        Assert.Equal([new DateTime(2027, 3, 15, 8, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 29, 7, 0, 0, DateTimeKind.Utc)], occurrences);
    }

    [Fact]
    public async Task Moving_following_moves_the_rest_to_the_new_wall_clock_time_all_or_nothing()
    {
        var owner = await Owner();
        var first = await Expecting(Book(owner, FirstMonday, 4), 201);
        var token = first["management_token"]!.GetValue<string>();
        var ids = (await Expecting(Send(HttpMethod.Get, $"/v1/bookings/{first["id"]}/series", token), 200))["bookings"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()).ToList();
        await Expecting(api.Post($"/v1/owners/{owner}/meeting-types/weekly/bookings", new { start = "2027-04-05T11:00:00+02:00", invitee = new { name = "Bo" } }), 201);

        var refused = await Expect.Problem(await Send(HttpMethod.Post, $"/v1/bookings/{ids[1]}/reschedule", token, new { start = "2027-03-22T11:00:00+01:00", series = "following" }), 409);
        Assert.Equal("series_unavailable", refused["reason"]!.GetValue<string>());
        Assert.Equal([3], refused["meetings"]!.AsArray().Select(m => m!["index"]!.GetValue<int>()));

        await Expecting(Send(HttpMethod.Post, $"/v1/bookings/{ids[1]}/reschedule", token, new { start = "2027-03-22T10:00:00+01:00", series = "following" }), 200);
        var series = await Expecting(Send(HttpMethod.Get, $"/v1/bookings/{ids[0]}/series", token), 200);
        Assert.Equal(
            ["2027-03-15T09:00:00+01:00", "2027-03-22T10:00:00+01:00", "2027-03-29T10:00:00+02:00", "2027-04-05T10:00:00+02:00"],
            series["bookings"]!.AsArray().Select(b => b!["start"]!.GetValue<string>()));
        // The calendar file keeps the rule and gives each moved meeting its own instance.
        var calendar = Calendar.Load(await (await Send(HttpMethod.Get, $"/v1/bookings/{ids[0]}/calendar.ics", token)).Content.ReadAsStringAsync())!;
        var occurrences = calendar.GetOccurrences(new Ical.Net.DataTypes.CalDateTime(2027, 1, 1)).Select(o => o.Period.StartTime.AsUtc).ToList();
        Assert.Equal(
            [new DateTime(2027, 3, 15, 8, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 22, 9, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 29, 8, 0, 0, DateTimeKind.Utc), new DateTime(2027, 4, 5, 8, 0, 0, DateTimeKind.Utc)],
            occurrences);
    }

    [Fact]
    public async Task Bad_series_are_refused_clearly_and_change_nothing()
    {
        var owner = await Owner();
        await api.CreateMeetingType(owner, new { slug = "once", title = "Once", duration_minutes = 60 });

        var notOffered = await Expect.Problem(await api.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/once/bookings",
            new { start = FirstMonday, invitee = new { name = "Cy" }, recurrence = new { count = 3 } }), 400);
        var tooMany = await Expect.Problem(await api.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/weekly/bookings",
            new { start = FirstMonday, invitee = new { name = "Cy" }, recurrence = new { count = 7 } }), 400);
        var withSeats = await Expect.Problem(await api.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types",
            new { slug = "class", title = "Class", duration_minutes = 60, seats = 4, recurrence = new { max_count = 4 } }), 400);
        var badRule = await Expect.Problem(await api.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types",
            new { slug = "odd", title = "Odd", duration_minutes = 60, recurrence = new { interval_weeks = 13, max_count = 60 } }), 400);

        Assert.True(notOffered["errors"]!.AsObject().ContainsKey("recurrence"));
        Assert.True(tooMany["errors"]!.AsObject().ContainsKey("recurrence.count"));
        Assert.True(withSeats["errors"]!.AsObject().ContainsKey("recurrence"));
        Assert.Equal(["recurrence.interval_weeks", "recurrence.max_count"], badRule["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Empty((await Expecting(api.Get($"/v1/owners/{owner}/bookings"), 200))["bookings"]!.AsArray());
    }

    private Task<HttpResponseMessage> Book(string owner, string start, int count) =>
        api.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/weekly/bookings", new { start, invitee = new { name = "Cy", email = "cy@example.com" }, recurrence = new { count } });

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return api.Http.SendAsync(request);
    }

    private async Task<string> Owner()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        var type = await api.CreateMeetingType(owner, new { slug = "weekly", title = "Weekly coaching", duration_minutes = 60, recurrence = new { max_count = 6 } });
        Assert.Equal(1, type["recurrence"]!["interval_weeks"]!.GetValue<int>());
        return owner;
    }
}
