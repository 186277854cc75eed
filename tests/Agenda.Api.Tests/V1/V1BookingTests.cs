using System.Net;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1BookingTests(ApiHost host) : V1BookingTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1BookingTestsOnPostgres(PostgresApiHost host) : V1BookingTestsBase(host), IClassFixture<PostgresApiHost>;

public abstract class V1BookingTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task A_booking_answers_its_id_and_token_and_can_be_read_with_the_token()
    {
        var owner = await OwnerWithIntro(new { buffer_after_minutes = 10 });

        using var response = await api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings",
            new { start = "2027-03-01T03:00:00-05:00", invitee = new { name = "Ben", email = "ben@example.com" }, note = "About the offer" });

        var booking = await Expect.Json(response, 201);
        var id = booking["id"]!.GetValue<string>();
        Assert.Equal($"/v1/bookings/{id}", response.Headers.Location?.OriginalString);
        var token = booking["management_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/bookings/{id}") { Headers = { Authorization = new("Bearer", token) } };
        var read = await Expecting(api.Http.SendAsync(request), 200);
        Assert.Null(read["management_token"]);
        Assert.Equal("2027-03-01T09:00:00+01:00", read["start"]!.GetValue<string>());
        Assert.Equal("2027-03-01T08:30:00Z", read["end_utc"]!.GetValue<string>());
        Assert.Equal("ben@example.com", read["invitee"]!["email"]!.GetValue<string>());
        Assert.Equal("About the offer", read["note"]!.GetValue<string>());
        Assert.Equal("active", read["status"]!.GetValue<string>());
        Assert.Equal("intro", read["meeting_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_booking_blocks_its_buffer_so_the_next_slot_starts_after_it()
    {
        var owner = await OwnerWithIntro(new { buffer_after_minutes = 10, step_minutes = 10 });

        using var booked = await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00");
        await Expect.Status(booked, 201);

        var starts = await api.SlotStartsV1(owner, "intro", "2027-03-01", "2027-03-01");
        Assert.Equal("2027-03-01T09:40:00+01:00", starts[0]);
        using var inBuffer = await api.BookV1(owner, "intro", "2027-03-01T09:30:00+01:00");
        Assert.Equal("taken", (await Expect.Problem(inBuffer, 409))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_documented_booking_and_a_v1_booking_block_each_other()
    {
        var owner = await OwnerWithIntro(new { });
        using var documented = await api.Book(owner, "ana", "2027-03-01T09:00", "2027-03-01T10:00");
        await Expect.Status(documented, 201);

        using var overlapping = await api.BookV1(owner, "intro", "2027-03-01T09:30:00+01:00");
        Assert.Equal("taken", (await Expect.Problem(overlapping, 409))["reason"]!.GetValue<string>());

        using var v1 = await api.BookV1(owner, "intro", "2027-03-01T10:00:00+01:00");
        await Expect.Status(v1, 201);
        Assert.Equal(["11:00-12:00"], await api.SlotTimes(owner, "2027-03-01"));
    }

    [Theory]
    [InlineData("2027-03-01T09:10:00+01:00", "not_on_slot_grid")]
    [InlineData("2027-03-01T13:00:00+01:00", "outside_availability")]
    [InlineData("2027-03-01T11:45:00+01:00", "outside_availability")]
    [InlineData("2024-11-18T09:00:00+01:00", "in_the_past")]
    public async Task A_booking_of_a_slot_that_is_not_offered_is_a_409_and_stores_nothing(string start, string reason)
    {
        var owner = await OwnerWithIntro(new { });

        using var response = await api.BookV1(owner, "intro", start);

        Assert.Equal(reason, (await Expect.Problem(response, 409))["reason"]!.GetValue<string>());
        Assert.Empty(await api.Upcoming(owner));
    }

    [Fact]
    public async Task Too_soon_beyond_the_horizon_and_a_full_day_are_refused_with_their_reasons()
    {
        // The test clock stands at 2024-11-25 08:00 UTC.
        var owner = await api.CreateOwner();
        await api.SetAvailabilityOk(owner, Rule("2024-11-25", "2024-12-31", "09:00", "12:00"));
        await api.CreateMeetingType(owner, new { slug = "capped", title = "Capped", duration_minutes = 60, minimum_notice_minutes = 120, horizon_days = 5, max_per_day = 1 });

        using var tooSoon = await api.BookV1(owner, "capped", "2024-11-25T09:00:00Z");
        using var tooFar = await api.BookV1(owner, "capped", "2024-12-02T09:00:00Z");
        using var first = await api.BookV1(owner, "capped", "2024-11-26T09:00:00Z");
        using var second = await api.BookV1(owner, "capped", "2024-11-26T11:00:00Z");

        Assert.Equal("too_soon", (await Expect.Problem(tooSoon, 409))["reason"]!.GetValue<string>());
        Assert.Equal("beyond_horizon", (await Expect.Problem(tooFar, 409))["reason"]!.GetValue<string>());
        await Expect.Status(first, 201);
        Assert.Equal("daily_limit_reached", (await Expect.Problem(second, 409))["reason"]!.GetValue<string>());
        Assert.Empty(await api.SlotStartsV1(owner, "capped", "2024-11-26", "2024-11-26"));
        Assert.Single(await api.Upcoming(owner));
    }

    public static TheoryData<string> BadBookings => new()
    {
        """{"invitee": {"name": "Ben"}}""",
        """{"start": "2027-03-01T09:00", "invitee": {"name": "Ben"}}""",
        """{"start": "2027-03-01T09:00:00+01:00"}""",
        """{"start": "2027-03-01T09:00:00+01:00", "invitee": {"name": ""}}""",
        """{"start": "2027-03-01T09:00:00+01:00", "invitee": {"name": "Ben", "email": "not-an-address"}}""",
        """{"start": "2027-02-30T09:00:00+01:00", "invitee": {"name": "Ben"}}""",
    };

    [Theory]
    [MemberData(nameof(BadBookings))]
    public async Task A_bad_booking_request_is_a_400_and_stores_nothing(string body)
    {
        var owner = await OwnerWithIntro(new { });

        using var response = await api.PostRaw($"/v1/owners/{owner}/meeting-types/intro/bookings", body);

        await Expect.Problem(response, 400);
        Assert.Empty(await api.Upcoming(owner));
    }

    [Fact]
    public async Task Reading_an_unknown_booking_is_a_404()
    {
        using var response = await api.Get("/v1/bookings/nothing-here");

        await Expect.Problem(response, 404);
    }

    [Fact]
    public async Task Of_concurrent_bookings_of_overlapping_slots_exactly_one_succeeds()
    {
        // Slots every 15 minutes, 30 long, with a 15-minute after-buffer: 09:00, 09:15 and 09:30 block
        // 09:00-09:45, 09:15-10:00 and 09:30-10:15, so any two of them collide.
        var owner = await OwnerWithIntro(new { step_minutes = 15, buffer_after_minutes = 15 });
        string[] starts = ["2027-03-01T09:00:00+01:00", "2027-03-01T09:15:00+01:00", "2027-03-01T09:30:00+01:00"];

        var statuses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await host.Api().BookV1(owner, "intro", starts[i % starts.Length], $"guest{i}");
            return response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Single(await api.Upcoming(owner));
    }

    /// <summary>A Berlin owner available Monday 2027-03-01 09:00-12:00, with a 30-minute meeting type "intro".</summary>
    private async Task<string> OwnerWithIntro(object extra)
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        var settings = new Dictionary<string, object> { ["slug"] = "intro", ["title"] = "Intro", ["duration_minutes"] = 30 };
        foreach (var property in extra.GetType().GetProperties())
        {
            settings[property.Name] = property.GetValue(extra)!;
        }

        await api.CreateMeetingType(owner, settings);
        return owner;
    }
}
