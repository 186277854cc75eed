using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using NodaTime.Text;

namespace Agenda.Api.Notifications;

/// <summary>
/// The health entry <c>email</c> of <c>/readyz</c>: Degraded while this node's e-mail attempts fail (the mail server
/// refuses the credentials or the message, or cannot be reached), since the first failure after the last message it
/// took; Healthy once a message gets through again, and while e-mail is off or nothing was sent. Degraded still answers
/// 200: bookings go on, another node would meet the same mail server, and the outbox keeps every message for its retries;
/// it tells the operator to read the log, where each failed attempt is a Warning.
/// </summary>
internal sealed class EmailHealth : IHealthCheck
{
    private readonly Lock gate = new();
    private (Instant Since, string Error)? failing;

    public void Delivered()
    {
        lock (gate)
        {
            failing = null;
        }
    }

    public void Failed(Instant at, string error)
    {
        lock (gate)
        {
            failing = (failing?.Since ?? at, error);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        (Instant Since, string Error)? now;
        lock (gate)
        {
            now = failing;
        }

        return Task.FromResult(now is { } f
            ? HealthCheckResult.Degraded($"E-mail has failed since {InstantPattern.General.Format(f.Since)}: {f.Error}")
            : HealthCheckResult.Healthy());
    }
}
