using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// When a failed delivery is tried again: after 5 seconds, 5 minutes, 30 minutes, 2, 5, 10, 14, 20 and 24 hours, each
/// with up to 10 % of random jitter so that many failed deliveries do not return together. The last retry comes
/// about three days after the first attempt; after it the delivery is failed. An endpoint whose every attempt has
/// failed for <see cref="DisableAfter"/> (about the retries' span) is disabled when one of its deliveries is given up,
/// and the owner sees why.
/// </summary>
internal sealed class RetrySchedule(Random random)
{
    public static readonly IReadOnlyList<Duration> Delays =
    [
        Duration.FromSeconds(5), Duration.FromMinutes(5), Duration.FromMinutes(30), Duration.FromHours(2), Duration.FromHours(5),
        Duration.FromHours(10), Duration.FromHours(14), Duration.FromHours(20), Duration.FromHours(24),
    ];

    private static readonly NodaTime.Text.InstantPattern Minute = NodaTime.Text.InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm'Z'");

    public static readonly Duration DisableAfter = Duration.FromDays(3);

    /// <summary>What follows a failed attempt, the <paramref name="attempt"/>-th (from 1), made at <paramref name="now"/>.</summary>
    public Storage.NextStep AfterFailure(int attempt, Instant now, Instant? failingSince)
    {
        if (attempt <= Delays.Count)
        {
            var delay = Delays[attempt - 1];
            return new Storage.NextStep.RetryAt(now + delay + Duration.FromMilliseconds(delay.TotalMilliseconds * 0.1 * random.NextDouble()));
        }

        var since = failingSince ?? now;
        return new Storage.NextStep.GiveUp(now - since >= DisableAfter
            ? $"Every delivery failed from {Minute.Format(since)} to {Minute.Format(now)}; enable the endpoint again once it answers 2xx."
            : null);
    }
}
