using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class StoreTimingOnSqliteTests() : StoreTimingTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class StoreTimingOnPostgresTests(Agenda.Testing.PostgresServer server) : StoreTimingTests(new PostgresStoreHost(server));

/// <summary>
/// The core times every call of a role's method once, under the operation's name that dashboards know
/// (<see cref="StoreMetrics"/>): also a call made of several steps, such as an owner updated then read again, or
/// bookings that PostgreSQL decides together in one batch.
/// </summary>
public abstract class StoreTimingTests : IDisposable
{
    private static readonly LocalDate Day = Date(2024, 12, 2);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly IStoreHost host;
    private readonly RecordedOperations recorded = new();
    private readonly Stores stores;

    protected StoreTimingTests(IStoreHost host)
    {
        this.host = host;
        stores = host.NewStores(metrics: new StoreMetrics(recorded));
    }

    public void Dispose()
    {
        recorded.Dispose();
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Each_call_is_timed_once_under_its_operation_name()
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 17)], Now, None);
        await stores.Owners.UpdateOwnerAsync("ana", "Ana", DateTimeZone.Utc, None);
        await Task.WhenAll(Enumerable.Range(9, 4).Select(hour =>
            stores.Bookings.BookAsync("ana", new BookingRequest($"guest{hour}", new Slot(Utc(Day, hour), Utc(Day, hour + 1))), MeetingType.Default, "", Now, None)));
        await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Day, Day), Now, None);

        Assert.Equal(["add_rules", "update_owner", "book", "book", "book", "book", "load_schedule"], recorded.Operations);
    }

    /// <summary>Meters of their own, and the operation of every store call recorded on them, in the order recorded.</summary>
    private sealed class RecordedOperations : IMeterFactory
    {
        private readonly ConcurrentQueue<string> operations = new();
        private readonly ConcurrentBag<Meter> meters = [];
        private readonly MeterListener listener = new();

        public RecordedOperations()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == this && instrument.Name == StoreMetrics.DurationName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "operation")
                    {
                        operations.Enqueue((string)tag.Value!);
                    }
                }
            });
            listener.Start();
        }

        public IReadOnlyList<string> Operations => [.. operations];

        public Meter Create(MeterOptions options)
        {
            options.Scope = this;
            var meter = new Meter(options);
            meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            listener.Dispose();
            foreach (var meter in meters)
            {
                meter.Dispose();
            }
        }
    }
}
