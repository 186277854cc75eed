using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests;

/// <summary>A booking is accepted exactly when the interval is a slot that search would offer; a refusal leaves no trace.</summary>
public sealed class BookingTests(ApiHost host) : BookingTestsBase(host), IClassFixture<ApiHost>;

/// <summary>The same behaviour with Auth:Mode=ApiKey, every request carrying the administrator key.</summary>
public sealed class BookingTestsWithKeys(KeyedApiHost host) : BookingTestsBase(host), IClassFixture<KeyedApiHost>;

/// <summary>On PostgreSQL once, with keys: the store does not depend on the mode, and the keyed run covers both.</summary>
public sealed class BookingTestsWithKeysOnPostgres(KeyedPostgresApiHost host) : BookingTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

public abstract class BookingTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task Second_booking_of_a_taken_slot_is_refused_with_409()
    {
        var owner = await OwnerAvailable("09:00", "12:00");
        using var first = await api.Book(owner, "ana", "2024-12-02T09:00", "2024-12-02T10:00");
        await Expect.Status(first, 201);

        using var second = await api.Book(owner, "ben", "2024-12-02T09:00", "2024-12-02T10:00");

        var problem = await Expect.Problem(second, 409);
        Assert.Equal("taken", problem["reason"]!.GetValue<string>());
        Assert.Equal(["ana"], (await api.Upcoming(owner)).Select(a => a!["invitee"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("2024-12-02T12:00", "2024-12-02T13:00")]
    [InlineData("2024-12-02T08:00", "2024-12-02T09:00")]
    [InlineData("2024-12-03T09:00", "2024-12-03T10:00")]
    [InlineData("2024-12-02T11:00", "2024-12-02T13:00")]
    public async Task A_booking_outside_availability_is_refused_with_409(string start, string end)
    {
        var owner = await OwnerAvailable("09:00", "12:00");

        using var response = await api.Book(owner, "ana", start, end);

        var problem = await Expect.Problem(response, 409);
        Assert.Equal("outside_availability", problem["reason"]!.GetValue<string>());
        Assert.Empty(await api.Upcoming(owner));
    }

    [Theory]
    [InlineData("2024-12-02T09:30", "2024-12-02T10:30")]
    [InlineData("2024-12-02T09:00", "2024-12-02T11:00")]
    [InlineData("2024-12-02T09:00", "2024-12-02T09:30")]
    public async Task A_booking_inside_availability_but_off_the_slot_grid_is_refused_with_409(string start, string end)
    {
        var owner = await OwnerAvailable("09:00", "12:00");

        using var response = await api.Book(owner, "ana", start, end);

        var problem = await Expect.Problem(response, 409);
        Assert.Equal("not_on_slot_grid", problem["reason"]!.GetValue<string>());
        Assert.Empty(await api.Upcoming(owner));
    }

    [Fact]
    public async Task A_booking_in_the_past_is_refused_with_409()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-11-20", "09:00", "12:00"));

        using var response = await api.Book(owner, "ana", "2024-11-20T09:00", "2024-11-20T10:00");

        var problem = await Expect.Problem(response, 409);
        Assert.Equal("in_the_past", problem["reason"]!.GetValue<string>());
        Assert.Empty(await api.Upcoming(owner));
    }

    [Fact]
    public async Task Back_to_back_bookings_are_both_accepted()
    {
        var owner = await OwnerAvailable("09:00", "12:00");

        using var first = await api.Book(owner, "ana", "2024-12-02T09:00", "2024-12-02T10:00");
        using var second = await api.Book(owner, "ben", "2024-12-02T10:00", "2024-12-02T11:00");

        await Expect.Status(first, 201);
        await Expect.Status(second, 201);
    }

    [Fact]
    public async Task A_slot_offered_by_merged_rules_can_be_booked_across_the_seam()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:30", "10:00"), OnDay("2024-12-02", "10:00", "11:30"));

        using var response = await api.Book(owner, "ana", "2024-12-02T09:30", "2024-12-02T10:30");

        await Expect.Status(response, 201);
    }

    private async Task<string> OwnerAvailable(string start, string end)
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", start, end));
        return owner;
    }
}
