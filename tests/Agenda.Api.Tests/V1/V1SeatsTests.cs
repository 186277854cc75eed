using System.Net;
using System.Text.Json.Nodes;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1SeatsTests(ApiHost host) : V1SeatsTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1SeatsTestsOnPostgres(PostgresApiHost host) : V1SeatsTestsBase(host), IClassFixture<PostgresApiHost>;

/// <summary>
/// A meeting type with seats takes several invitees per slot, each with a booking of their own, and never more than its
/// seats: checked at the API on both stores. The test clock stands at 2024-11-25 08:00 UTC; the owner is free on Mondays
/// 09:00-12:00 in Europe/Berlin, and 2027-03-01 is a Monday.
/// </summary>
public abstract class V1SeatsTestsBase(ApiHost host)
{
    private const string Nine = "2027-03-01T09:00:00+01:00";
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task A_slot_stays_offered_with_its_seats_left_until_they_are_taken_and_each_seat_is_a_booking_of_its_own()
    {
        var owner = await Owner();
        var type = await api.CreateMeetingType(owner, new { slug = "class", title = "Yoga class", duration_minutes = 60, seats = 3 });
        Assert.Equal(3, type["seats"]!.GetValue<int>());
        Assert.Equal(3, (await SeatsLeft(owner))["09:00"]);

        var first = await Book(owner, Nine, "Ana");
        var second = await Book(owner, Nine, "Ben");
        Assert.Equal(first["seat_slot_id"]!.GetValue<string>(), second["seat_slot_id"]!.GetValue<string>());
        Assert.NotEqual(first["management_token"]!.GetValue<string>(), second["management_token"]!.GetValue<string>());
        var offered = await SeatsLeft(owner);
        Assert.Equal(1, offered["09:00"]);
        Assert.Equal(3, offered["10:00"]);

        await Book(owner, Nine, "Cy");
        Assert.False((await SeatsLeft(owner)).ContainsKey("09:00"));
        var full = await Expect.Problem(await BookRaw(owner, Nine, "Dee"), 409);
        Assert.Equal("taken", full["reason"]!.GetValue<string>());

        // The owner sees who comes; an attendee who cancels frees only their own seat.
        var seatSlot = first["seat_slot_id"]!.GetValue<string>();
        var attendees = await Expecting(api.Get($"/v1/owners/{owner}/seat-slots/{seatSlot}"), 200);
        Assert.Equal(["Ana", "Ben", "Cy"], attendees["attendees"]!.AsArray().Select(a => a!["invitee"]!["name"]!.GetValue<string>()));
        Assert.Equal(3, attendees["capacity"]!.GetValue<int>());
        Assert.Equal(0, attendees["left"]!.GetValue<int>());
        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/v1/bookings/{second["id"]}/cancel");
        cancel.Headers.Authorization = new("Bearer", second["management_token"]!.GetValue<string>());
        cancel.Content = System.Net.Http.Json.JsonContent.Create(new { });
        await Expect.Status(await api.Http.SendAsync(cancel), 200);
        Assert.Equal(1, (await SeatsLeft(owner))["09:00"]);
        attendees = await Expecting(api.Get($"/v1/owners/{owner}/seat-slots/{seatSlot}"), 200);
        Assert.Equal(["Ana", "Cy"], attendees["attendees"]!.AsArray().Select(a => a!["invitee"]!["name"]!.GetValue<string>()));
        Assert.Equal("active", (await Expecting(api.Get($"/v1/bookings/{first["id"]}"), 200))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_class_keeps_other_meetings_off_its_time_and_a_single_booking_keeps_a_class_from_starting()
    {
        var owner = await Owner();
        await api.CreateMeetingType(owner, new { slug = "class", title = "Class", duration_minutes = 60, seats = 5 });
        await api.CreateMeetingType(owner, new { slug = "call", title = "Call", duration_minutes = 30, step_minutes = 30 });
        await Book(owner, Nine, "Ana");

        var call = await Expect.Problem(await api.Post($"/v1/owners/{owner}/meeting-types/call/bookings", new { start = "2027-03-01T09:30:00+01:00", invitee = new { name = "Ben" } }), 409);
        Assert.Equal("taken", call["reason"]!.GetValue<string>());
        await Expecting(api.Post($"/v1/owners/{owner}/meeting-types/call/bookings", new { start = "2027-03-01T10:30:00+01:00", invitee = new { name = "Ben" } }), 201);
        var left = await SeatsLeft(owner);
        Assert.Equal(4, left["09:00"]);
        Assert.False(left.ContainsKey("10:00"));
        Assert.Equal(5, left["11:00"]);
    }

    [Fact]
    public async Task A_hold_takes_a_seat_until_it_is_booked_or_expires()
    {
        var owner = await Owner();
        await api.CreateMeetingType(owner, new { slug = "class", title = "Class", duration_minutes = 60, seats = 2 });
        var hold = await Expecting(api.Post($"/v1/owners/{owner}/meeting-types/class/holds", new { start = Nine }), 201);
        Assert.Equal(1, (await SeatsLeft(owner))["09:00"]);

        await Book(owner, Nine, "Ana");
        Assert.False((await SeatsLeft(owner)).ContainsKey("09:00"));
        await Expect.Problem(await BookRaw(owner, Nine, "Ben"), 409);
        using var held = await api.Post($"/v1/owners/{owner}/meeting-types/class/bookings",
            new { start = Nine, invitee = new { name = "Holder" }, hold_token = hold["hold_token"]!.GetValue<string>() });
        var booked = await Expect.Json(held, 201);
        var seats = await Expecting(api.Get($"/v1/owners/{owner}/seat-slots/{booked["seat_slot_id"]}"), 200);
        Assert.Equal(["Ana", "Holder"], seats["attendees"]!.AsArray().Select(a => a!["invitee"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_seat_moves_to_another_slot_of_its_class_and_frees_its_old_seat()
    {
        var owner = await Owner();
        await api.CreateMeetingType(owner, new { slug = "class", title = "Class", duration_minutes = 60, seats = 2 });
        var ana = await Book(owner, Nine, "Ana");
        await Book(owner, Nine, "Ben");
        var cy = await Book(owner, "2027-03-01T10:00:00+01:00", "Cy");

        using var move = new HttpRequestMessage(HttpMethod.Post, $"/v1/bookings/{ana["id"]}/reschedule");
        move.Headers.Authorization = new("Bearer", ana["management_token"]!.GetValue<string>());
        move.Content = System.Net.Http.Json.JsonContent.Create(new { start = "2027-03-01T10:00:00+01:00" });
        var moved = await Expect.Json(await api.Http.SendAsync(move), 200);

        Assert.Equal(cy["seat_slot_id"]!.GetValue<string>(), moved["seat_slot_id"]!.GetValue<string>());
        var left = await SeatsLeft(owner);
        Assert.Equal(1, left["09:00"]);
        Assert.False(left.ContainsKey("10:00"));
    }

    [Fact]
    public async Task Seats_out_of_range_or_on_a_team_type_are_a_400_and_nothing_is_kept()
    {
        var owner = await Owner();
        foreach (var seats in new[] { 1, 0, 1001 })
        {
            var problem = await Expect.Problem(await api.Post($"/v1/owners/{owner}/meeting-types", new { slug = "bad", title = "Bad", duration_minutes = 60, seats }), 400);
            Assert.NotNull(problem["errors"]!["seats"]);
        }

        await Expect.Status(await api.Get($"/v1/owners/{owner}/meeting-types/bad"), 404);
        await Expect.Status(await api.Get($"/v1/owners/{owner}/seat-slots/nothing"), 404);
    }

    [Fact]
    public async Task Of_seats_plus_thirty_two_racing_invitees_exactly_the_seats_are_booked_and_every_201_is_stored()
    {
        const int Seats = 6;
        var owner = await Owner();
        await api.CreateMeetingType(owner, new { slug = "class", title = "Class", duration_minutes = 60, seats = Seats });

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, Seats + 32).Select(async i =>
        {
            var client = host.Api();
            await start.WaitAsync();
            using var response = await client.Post($"/v1/owners/{owner}/meeting-types/class/bookings", new { start = Nine, invitee = new { name = $"guest{i}" } });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(Seats + 32);
        var results = await Task.WhenAll(attempts);

        var created = results.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(Seats, created.Count);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var seatSlot = Assert.Single(created.Select(c => c["seat_slot_id"]!.GetValue<string>()).Distinct());
        var stored = await Expecting(api.Get($"/v1/owners/{owner}/seat-slots/{seatSlot}"), 200);
        Assert.Equal(created.Select(c => c["id"]!.GetValue<string>()).Order(), stored["attendees"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).Order());
        Assert.Equal(Seats, (await api.Upcoming(owner)).Count);
    }

    private async Task<Dictionary<string, int>> SeatsLeft(string owner)
    {
        var slots = (await Expecting(api.Get($"/v1/owners/{owner}/meeting-types/class/slots?from=2027-03-01&to=2027-03-01"), 200))["slots"]!.AsArray();
        return slots.ToDictionary(s => s!["start"]!.GetValue<string>()[11..16], s => s!["seats_left"]!.GetValue<int>());
    }

    private Task<HttpResponseMessage> BookRaw(string owner, string start, string name) =>
        api.Post($"/v1/owners/{owner}/meeting-types/class/bookings", new { start, invitee = new { name } });

    private async Task<JsonNode> Book(string owner, string start, string name) => await Expect.Json(await BookRaw(owner, start, name), 201);

    private async Task<string> Owner()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        return owner;
    }
}
