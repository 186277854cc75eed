using System.Diagnostics.Metrics;
using Agenda.Api.Slots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests;

public sealed class SlotCacheTests() : SlotCacheTestsBase(new ApiHost());

public sealed class SlotCacheTestsOnPostgres() : SlotCacheTestsBase(new PostgresApiHost());

/// <summary>Searches are served from a cache that no acknowledged write can leave stale. Each test has its own host, so counts are its own.</summary>
public abstract class SlotCacheTestsBase : IDisposable
{
    private readonly ApiHost host;
    private readonly MetricCollector<long> hits;
    private readonly MetricCollector<long> misses;
    private readonly MetricCollector<long> answersReused;
    private readonly MetricCollector<double> storeCalls;

    protected SlotCacheTestsBase(ApiHost host)
    {
        this.host = host;
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        hits = new MetricCollector<long>(meters, SlotCacheMetrics.MeterName, SlotCacheMetrics.HitsName);
        misses = new MetricCollector<long>(meters, SlotCacheMetrics.MeterName, SlotCacheMetrics.MissesName);
        answersReused = new MetricCollector<long>(meters, SlotCacheMetrics.MeterName, SlotCacheMetrics.AnswersReusedName);
        storeCalls = new MetricCollector<double>(meters, Agenda.Storage.StoreMetrics.MeterName, Agenda.Storage.StoreMetrics.DurationName);
    }

    public void Dispose()
    {
        hits.Dispose();
        misses.Dispose();
        answersReused.Dispose();
        storeCalls.Dispose();
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_repeated_search_reuses_the_kept_answer()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));

        var first = await api.SlotTimes(owner, "2024-12-02");
        var second = await api.SlotTimes(owner, "2024-12-02");

        Assert.Equal(first, second);
        Assert.Equal(1, Total(misses));
        Assert.Equal(1, Total(answersReused));
    }

    [Fact]
    public async Task A_booking_invalidates_the_cached_slots_of_its_owner()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));
        Assert.Equal(3, (await api.SlotTimes(owner, "2024-12-02")).Count);

        using var booked = await api.Book(owner, "ana", "2024-12-02T10:00", "2024-12-02T11:00");
        await Expect.Status(booked, 201);

        Assert.Equal(["09:00-10:00", "11:00-12:00"], await api.SlotTimes(owner, "2024-12-02"));
        Assert.Equal(2, Total(misses));
    }

    [Fact]
    public async Task New_rules_invalidate_the_cached_slots_of_their_owner()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "10:00"));
        Assert.Equal(["09:00-10:00"], await api.SlotTimes(owner, "2024-12-02"));

        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "10:00", "12:00"));

        Assert.Equal(["09:00-10:00", "10:00-11:00", "11:00-12:00"], await api.SlotTimes(owner, "2024-12-02"));
    }

    [Fact]
    public async Task Posting_a_rule_the_owner_already_has_keeps_the_cache()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "10:00"));
        await api.SlotTimes(owner, "2024-12-02");

        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "10:00"));
        await api.SlotTimes(owner, "2024-12-02");

        Assert.Equal(1, Total(misses));
        Assert.Equal(1, Total(answersReused));
    }

    [Fact]
    public async Task A_cached_answer_still_drops_slots_that_have_begun_since()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));
        Assert.Equal(3, (await api.SlotTimes(owner, "2024-12-02")).Count);

        host.Clock.SetUtcNow(new DateTimeOffset(2024, 12, 2, 9, 1, 0, TimeSpan.Zero));

        Assert.Equal(["10:00-11:00", "11:00-12:00"], await api.SlotTimes(owner, "2024-12-02"));
        Assert.Equal(1, Total(hits));
    }

    [Fact]
    public async Task Searches_interleaved_with_bookings_never_offer_a_booked_slot()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "00:00", "24:00"));

        var searches = Enumerable.Range(0, 40).Select(_ => api.SlotTimes(owner, "2024-12-02")).ToList();
        for (var hour = 0; hour < 24; hour += 2)
        {
            using var booked = await api.Book(owner, $"guest{hour}", $"2024-12-02T{hour:00}:00", $"2024-12-02T{hour + 1:00}:00");
            await Expect.Status(booked, 201);
            var after = await api.SlotTimes(owner, "2024-12-02");
            Assert.DoesNotContain($"{hour:00}:00-{hour + 1:00}:00", after);
        }

        await Task.WhenAll(searches);
    }

    [Fact]
    public async Task After_a_booking_neither_the_booking_nor_the_next_search_reads_the_owner_again()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));
        Assert.Equal(3, (await api.SlotTimes(owner, "2024-12-02")).Count);
        storeCalls.Clear();

        using var booked = await api.Book(owner, "ana", "2024-12-02T10:00", "2024-12-02T11:00");
        await Expect.Status(booked, 201);
        Assert.Equal(["09:00-10:00", "11:00-12:00"], await api.SlotTimes(owner, "2024-12-02"));

        // The outbox dispatcher works on its own timer; only the requests' store calls count here.
        string[] dispatcher = ["fan_out", "claim_deliveries", "record_attempt", "measure_outbox", "get_notification_settings"];
        var operations = storeCalls.GetMeasurementSnapshot().Select(m => (string)m.Tags["operation"]!).Where(o => !dispatcher.Contains(o)).ToList();
        Assert.Equal(["book", "load_schedule"], operations);
    }

    [Fact]
    public async Task A_booking_outdates_the_cached_slots_of_its_date_only()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, Rule("2024-12-02", "2024-12-04", "09:00", "12:00"));
        foreach (var date in new[] { "2024-12-02", "2024-12-03", "2024-12-04" })
        {
            Assert.Equal(3, (await api.SlotTimes(owner, date)).Count);
        }

        using var booked = await api.Book(owner, "ana", "2024-12-03T10:00", "2024-12-03T11:00");
        await Expect.Status(booked, 201);
        misses.Clear();
        hits.Clear();

        Assert.Equal(["09:00-10:00", "10:00-11:00", "11:00-12:00"], await api.SlotTimes(owner, "2024-12-02"));
        Assert.Equal(["09:00-10:00", "11:00-12:00"], await api.SlotTimes(owner, "2024-12-03"));
        Assert.Equal(["09:00-10:00", "10:00-11:00", "11:00-12:00"], await api.SlotTimes(owner, "2024-12-04"));
        Assert.Equal(1, Total(misses));
        Assert.Equal(2, Total(hits));
    }

    private static long Total(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);
}
