using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1SlotSearchTests(ApiHost host) : V1SlotSearchTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1SlotSearchTestsOnPostgres(PostgresApiHost host) : V1SlotSearchTestsBase(host), IClassFixture<PostgresApiHost>;

public abstract class V1SlotSearchTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    private static readonly object[] Nine = [new { start = "09:00", end = "12:00" }];

    [Fact]
    public async Task A_week_of_a_berlin_owner_is_shown_in_new_york_with_offsets_and_utc()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = Nine, tuesday = Nine, wednesday = Nine, thursday = Nine, friday = Nine });
        await Expecting(api.Put($"/v1/owners/{owner}/date-overrides/2027-03-03", new { unavailable = true }), 200);
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30, buffer_after_minutes = 10 });

        var body = await Expecting(api.SearchV1(owner, "intro", "2027-03-01", "2027-03-07", "America/New_York"), 200);

        var slots = body["slots"]!.AsArray();
        Assert.Equal("America/New_York", body["time_zone"]!.GetValue<string>());
        Assert.Equal(4 * 6, slots.Count);
        Assert.Equal("2027-03-01T03:00:00-05:00", slots[0]!["start"]!.GetValue<string>());
        Assert.Equal("2027-03-01T08:00:00Z", slots[0]!["start_utc"]!.GetValue<string>());
        Assert.Equal("2027-03-01T08:30:00Z", slots[0]!["end_utc"]!.GetValue<string>());
        Assert.DoesNotContain(slots, s => s!["start"]!.GetValue<string>().StartsWith("2027-03-03", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_requested_zone_decides_which_dates_the_range_covers()
    {
        var owner = await api.CreateOwner("Asia/Kolkata");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "02:00", end = "03:00" } } });
        await api.CreateMeetingType(owner, new { slug = "hour", title = "Hour", duration_minutes = 60 });

        // Monday 2027-03-01 02:00 in Kolkata (+05:30) is Sunday 2027-02-28 20:30 UTC.
        Assert.Equal(["2027-02-28T20:30:00+00:00"], await api.SlotStartsV1(owner, "hour", "2027-02-28", "2027-02-28", "UTC"));
        Assert.Empty(await api.SlotStartsV1(owner, "hour", "2027-03-01", "2027-03-01", "UTC"));
        Assert.Equal(["2027-03-01T02:00:00+05:30"], await api.SlotStartsV1(owner, "hour", "2027-03-01", "2027-03-01"));
    }

    [Fact]
    public async Task Spring_forward_in_berlin_skips_the_missing_hour_and_keeps_slots_an_elapsed_hour_long()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        // 2027-03-28 is a Sunday; clocks jump from 02:00 to 03:00.
        await api.PutWeeklyHours(owner, new { sunday = new[] { new { start = "00:00", end = "05:00" } } });
        await api.CreateMeetingType(owner, new { slug = "hour", title = "Hour", duration_minutes = 60 });

        var body = await Expecting(api.SearchV1(owner, "hour", "2027-03-28", "2027-03-28"), 200);

        var slots = body["slots"]!.AsArray();
        Assert.Equal(["2027-03-28T00:00:00+01:00", "2027-03-28T01:00:00+01:00", "2027-03-28T03:00:00+02:00", "2027-03-28T04:00:00+02:00"], slots.Select(s => s!["start"]!.GetValue<string>()));
        Assert.Equal("2027-03-28T03:00:00+02:00", slots[1]!["end"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fall_back_in_new_york_offers_the_repeated_hour_once_per_instant()
    {
        var owner = await api.CreateOwner("America/New_York");
        // 2027-11-07 is a Sunday; clocks go back from 02:00 EDT to 01:00 EST.
        await api.PutWeeklyHours(owner, new { sunday = new[] { new { start = "00:00", end = "03:00" } } });
        await api.CreateMeetingType(owner, new { slug = "hour", title = "Hour", duration_minutes = 60 });

        var starts = await api.SlotStartsV1(owner, "hour", "2027-11-07", "2027-11-07");

        Assert.Equal(["2027-11-07T00:00:00-04:00", "2027-11-07T01:00:00-04:00", "2027-11-07T01:00:00-05:00", "2027-11-07T02:00:00-05:00"], starts);
    }

    [Fact]
    public async Task A_slot_in_the_repeated_hour_can_be_booked_by_either_instant()
    {
        var owner = await api.CreateOwner("America/New_York");
        await api.PutWeeklyHours(owner, new { sunday = new[] { new { start = "00:00", end = "03:00" } } });
        await api.CreateMeetingType(owner, new { slug = "hour", title = "Hour", duration_minutes = 60 });

        using var second = await api.BookV1(owner, "hour", "2027-11-07T01:00:00-05:00");
        await Expect.Status(second, 201);

        Assert.Equal(["2027-11-07T00:00:00-04:00", "2027-11-07T01:00:00-04:00", "2027-11-07T02:00:00-05:00"], await api.SlotStartsV1(owner, "hour", "2027-11-07", "2027-11-07"));
    }

    [Fact]
    public async Task A_search_of_more_than_62_days_is_a_400()
    {
        var owner = await api.CreateOwner();
        await api.CreateMeetingType(owner, new { slug = "hour", title = "Hour", duration_minutes = 60 });

        using var ok = await api.SearchV1(owner, "hour", "2027-03-01", "2027-05-01");
        using var tooLong = await api.SearchV1(owner, "hour", "2027-03-01", "2027-05-02");

        await Expect.Status(ok, 200);
        await Expect.Problem(tooLong, 400);
    }

    [Theory]
    [InlineData("from=2027-03-02&to=2027-03-01")]
    [InlineData("from=2027-02-30&to=2027-03-01")]
    [InlineData("to=2027-03-01")]
    [InlineData("from=2027-03-01&to=2027-03-01&time_zone=Moon/Base")]
    public async Task A_bad_search_is_a_400(string query)
    {
        var owner = await api.CreateOwner();
        await api.CreateMeetingType(owner, new { slug = "hour", title = "Hour", duration_minutes = 60 });

        using var response = await api.Get($"/v1/owners/{owner}/meeting-types/hour/slots?{query}");

        await Expect.Problem(response, 400);
    }

    [Fact]
    public async Task Searching_an_unknown_meeting_type_is_a_404()
    {
        var owner = await api.CreateOwner();

        using var response = await api.SearchV1(owner, "nothing", "2027-03-01", "2027-03-01");

        await Expect.Problem(response, 404);
    }

    [Fact]
    public async Task Minimum_notice_and_horizon_bound_the_offered_slots()
    {
        // The test clock stands at 2024-11-25 08:00 UTC.
        var owner = await api.CreateOwner();
        await api.SetAvailabilityOk(owner, Rule("2024-11-25", "2024-12-31", "09:00", "12:00"));
        await api.CreateMeetingType(owner, new { slug = "hour", title = "Hour", duration_minutes = 60, minimum_notice_minutes = 120, horizon_days = 2 });

        var starts = await api.SlotStartsV1(owner, "hour", "2024-11-25", "2024-11-30");

        Assert.Equal(["2024-11-25T10:00:00+00:00", "2024-11-25T11:00:00+00:00", "2024-11-26T09:00:00+00:00", "2024-11-26T10:00:00+00:00", "2024-11-26T11:00:00+00:00"], starts);
    }
}
