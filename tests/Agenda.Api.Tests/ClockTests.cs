using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests;

public sealed class ClockTests() : ClockTestsBase(new ApiHost());

public sealed class ClockTestsOnPostgres() : ClockTestsBase(new PostgresApiHost());

/// <summary>Behaviour that depends on "now"; each test has a host and clock of its own.</summary>
public abstract class ClockTestsBase(ApiHost host) : IDisposable
{
    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Slots_starting_before_now_are_left_out_and_a_slot_starting_now_is_offered()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-01", "09:00", "13:00"));

        host.Clock.SetUtcNow(new DateTimeOffset(2024, 12, 1, 11, 0, 0, TimeSpan.Zero));

        Assert.Equal(["11:00-12:00", "12:00-13:00"], await api.SlotTimes(owner, "2024-12-01"));
    }

    [Fact]
    public async Task A_slot_that_has_begun_cannot_be_booked()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-01", "09:00", "13:00"));
        host.Clock.SetUtcNow(new DateTimeOffset(2024, 12, 1, 9, 30, 0, TimeSpan.Zero));

        using var response = await api.Book(owner, "ana", "2024-12-01T09:00", "2024-12-01T10:00");

        var problem = await Expect.Problem(response, 409);
        Assert.Equal("in_the_past", problem["reason"]!.GetValue<string>());
        Assert.Empty(await api.Upcoming(owner));
    }

    [Fact]
    public async Task List_upcoming_keeps_meetings_in_progress_drops_ended_ones_and_sorts_soonest_first()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, Rule("2024-12-01", "2024-12-02", "09:00", "13:00"));
        foreach (var (start, end) in new[] { ("2024-12-02T09:00", "2024-12-02T10:00"), ("2024-12-01T10:00", "2024-12-01T11:00"), ("2024-12-01T09:00", "2024-12-01T10:00") })
        {
            using var booked = await api.Book(owner, $"guest {start}", start, end);
            await Expect.Status(booked, 201);
        }

        host.Clock.SetUtcNow(new DateTimeOffset(2024, 12, 1, 10, 30, 0, TimeSpan.Zero));

        var upcoming = await api.Upcoming(owner);
        Assert.Equal(["2024-12-01T10:00", "2024-12-02T09:00"], upcoming.Select(a => a!["start_time"]!.GetValue<string>()));
    }
}
