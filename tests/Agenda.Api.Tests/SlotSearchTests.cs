using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests;

public sealed class SlotSearchTests(ApiHost host) : SlotSearchTestsBase(host), IClassFixture<ApiHost>;

/// <summary>The same behaviour with Auth:Mode=ApiKey, every request carrying the administrator key.</summary>
public sealed class SlotSearchTestsWithKeys(KeyedApiHost host) : SlotSearchTestsBase(host), IClassFixture<KeyedApiHost>;

/// <summary>On PostgreSQL once, with keys: the store does not depend on the mode, and the keyed run covers both.</summary>
public sealed class SlotSearchTestsWithKeysOnPostgres(KeyedPostgresApiHost host) : SlotSearchTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

public abstract class SlotSearchTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task Overlapping_rules_in_one_request_merge_into_one_window()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"), OnDay("2024-12-02", "11:00", "14:00"));

        Assert.Equal(["09:00-10:00", "10:00-11:00", "11:00-12:00", "12:00-13:00", "13:00-14:00"], await api.SlotTimes(owner, "2024-12-02"));
    }

    [Fact]
    public async Task Overlapping_rules_in_two_requests_merge_into_one_window()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "11:00", "14:00"));

        Assert.Equal(["09:00-10:00", "10:00-11:00", "11:00-12:00", "12:00-13:00", "13:00-14:00"], await api.SlotTimes(owner, "2024-12-02"));
    }

    [Fact]
    public async Task Touching_rules_merge_so_slots_run_across_the_seam()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:30", "10:00"), OnDay("2024-12-02", "10:00", "11:30"));

        Assert.Equal(["09:30-10:30", "10:30-11:30"], await api.SlotTimes(owner, "2024-12-02"));
    }

    [Fact]
    public async Task Posting_the_same_rule_again_changes_nothing()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "11:00"));
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "11:00"));

        Assert.Equal(["09:00-10:00", "10:00-11:00"], await api.SlotTimes(owner, "2024-12-02"));
    }

    [Fact]
    public async Task A_last_piece_shorter_than_an_hour_is_not_offered()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "11:45"));

        Assert.Equal(["09:00-10:00", "10:00-11:00"], await api.SlotTimes(owner, "2024-12-02"));
    }

    [Fact]
    public async Task A_rule_covers_its_first_and_last_date_and_no_other()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, Rule("2024-12-02", "2024-12-04", "09:00", "10:00"));

        Assert.Empty(await api.SlotTimes(owner, "2024-12-01"));
        Assert.Equal(["09:00-10:00"], await api.SlotTimes(owner, "2024-12-02"));
        Assert.Equal(["09:00-10:00"], await api.SlotTimes(owner, "2024-12-04"));
        Assert.Empty(await api.SlotTimes(owner, "2024-12-05"));
    }

    [Fact]
    public async Task A_leap_day_inside_a_range_has_slots()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, Rule("2028-02-28", "2028-03-01", "09:00", "10:00"));

        Assert.Equal(["09:00-10:00"], await api.SlotTimes(owner, "2028-02-29"));
    }

    [Fact]
    public async Task A_window_may_end_at_24_00()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "22:00", "24:00"));

        using var response = await api.SearchSlots(owner, "2024-12-02");
        var body = await Expect.Json(response, 200);
        Assert.Equal("2024-12-03T00:00", body["available_slots"]![1]!["end"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_date_without_availability_gives_an_empty_list()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "17:00"));

        using var response = await api.SearchSlots(owner, "2024-12-03");

        Assert.Equal("""{"available_slots":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Booked_slots_are_left_out()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));
        using var booked = await api.Book(owner, "ana", "2024-12-02T10:00", "2024-12-02T11:00");
        await Expect.Status(booked, 201);

        Assert.Equal(["09:00-10:00", "11:00-12:00"], await api.SlotTimes(owner, "2024-12-02"));
    }
}
