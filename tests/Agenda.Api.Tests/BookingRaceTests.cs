using System.Net;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests;

/// <summary>Requests racing for one slot over real HTTP: exactly one wins, whatever the concurrency.</summary>
public sealed class BookingRaceTests(ApiHost host) : BookingRaceTestsBase(host), IClassFixture<ApiHost>;

public sealed class BookingRaceTestsOnPostgres(PostgresApiHost host) : BookingRaceTestsBase(host), IClassFixture<PostgresApiHost>;

public abstract class BookingRaceTestsBase(ApiHost host)
{
    [Theory]
    [InlineData(20)]
    [InlineData(50)]
    public async Task Of_many_concurrent_bookings_of_one_slot_exactly_one_succeeds(int contenders)
    {
        var owner = NewOwner();
        await host.Api().SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, contenders).Select(async i =>
        {
            // A client of its own per contender, so requests travel on separate connections.
            var api = host.Api();
            await start.WaitAsync();
            using var response = await api.Book(owner, $"invitee{i}", "2024-12-02T10:00", "2024-12-02T11:00");
            return response.StatusCode;
        }).ToList();
        start.Release(contenders);
        var statuses = await Task.WhenAll(attempts);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(contenders - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Single(await host.Api().Upcoming(owner));
        Assert.Equal(["09:00-10:00", "11:00-12:00"], await host.Api().SlotTimes(owner, "2024-12-02"));
    }

    [Fact]
    public async Task Concurrent_bookings_of_different_slots_all_succeed()
    {
        var owner = NewOwner();
        await host.Api().SetAvailabilityOk(owner, OnDay("2024-12-02", "00:00", "24:00"));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async hour =>
        {
            using var response = await host.Api().Book(owner, $"invitee{hour}", $"2024-12-02T{hour:00}:00", hour == 23 ? "2024-12-03T00:00" : $"2024-12-02T{hour + 1:00}:00");
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(24, (await host.Api().Upcoming(owner)).Count);
        Assert.Empty(await host.Api().SlotTimes(owner, "2024-12-02"));
    }
}
