using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Agenda.Storage;

/// <summary>
/// How long calls to the store take, by operation, on the meter <c>Agenda.Storage</c>. Plain System.Diagnostics.Metrics,
/// so any listener (OpenTelemetry, dotnet-counters, a test's collector) can observe it and storage depends on none of them.
/// </summary>
public sealed class StoreMetrics
{
    public const string MeterName = "Agenda.Storage";
    public const string DurationName = "agenda.store.duration";

    // Store calls take from well under a millisecond (a cached SQLite page) to the busy timeout (seconds):
    // the boundaries ASP.NET Core uses for request durations cover that range.
    private static readonly IReadOnlyList<double> BucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly Histogram<double> duration;

    public StoreMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        duration = meter.CreateHistogram(
            DurationName,
            unit: "s",
            description: "Duration of calls to the store, from opening the connection to the end of the transaction.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = BucketBoundaries });
    }

    /// <summary>Runs <paramref name="call"/> and records its duration under <paramref name="operation"/>, with <c>error.type</c> when it throws.</summary>
    public async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
            return result;
        }
        catch (Exception exception)
        {
            duration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("error.type", exception.GetType().FullName));
            throw;
        }
    }
}
