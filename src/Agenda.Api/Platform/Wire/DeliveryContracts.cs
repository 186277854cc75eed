using Agenda.Storage;

namespace Agenda.Api.Platform.Wire;

// The delivery log of the outbox (webhooks, and bookings written into owners' calendars) as the API shows it.

internal sealed record DeliveryResponse(
    string Id, string EventId, string EventType, string Status, int Attempts, string? NextAttemptAt, string CreatedAt, IReadOnlyList<AttemptResponse> AttemptLog);

internal sealed record AttemptResponse(int Attempt, string AttemptedAt, int? StatusCode, string? Error, int DurationMs, string? ResponseExcerpt);

internal sealed record DeliveriesResponse(IReadOnlyList<DeliveryResponse> Deliveries)
{
    /// <summary>A delivery log as the API shows it (webhook endpoints' and calendars' write-back alike).</summary>
    public static DeliveriesResponse Of(IEnumerable<DeliveryLog> log) =>
        new([.. log.Select(d => new DeliveryResponse(
            d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.NextAttemptAt is { } next ? WireFormat.FormatUtc(next) : null, WireFormat.FormatUtc(d.CreatedAt),
            [.. d.AttemptLog.Select(a => new AttemptResponse(a.Attempt, WireFormat.FormatUtc(a.AttemptedAt), a.StatusCode, a.Error, a.DurationMs, a.ResponseExcerpt))]))]);
}
