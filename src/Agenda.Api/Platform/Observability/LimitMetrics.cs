using System.Diagnostics.Metrics;

namespace Agenda.Api.Platform.Observability;

/// <summary>
/// Counts requests turned away by a limit (a rate limit, a size limit) on the meter <c>Agenda.Limits</c>, tagged with
/// the limit's name, so an operator sees which limit is hit and how often. Whatever enforces a limit calls <see cref="Hit"/>,
/// for example a rate limiter's <c>OnRejected</c>.
/// </summary>
internal sealed class LimitMetrics
{
    public const string MeterName = "Agenda.Limits";
    public const string HitsName = "agenda.limits.hits";

    private readonly Counter<long> hits;

    public LimitMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        hits = meter.CreateCounter<long>(HitsName, unit: "{request}", description: "Requests refused because they hit a limit, by limit.");
    }

    /// <param name="limit">A short, fixed name of the limit (such as <c>bookings_per_minute</c>), never a value taken from the request.</param>
    public void Hit(string limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(limit);
        hits.Add(1, new KeyValuePair<string, object?>("limit", limit));
    }
}
