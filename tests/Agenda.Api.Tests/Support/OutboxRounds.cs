using System.Globalization;
using System.Text.RegularExpressions;
using Agenda.Api.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Agenda.Api.Tests.Support;

/// <summary>
/// Waits for the outbox dispatcher instead of sleeping: a round attempts every delivery due when it starts and waits for
/// those attempts, so once two more rounds have completed, whatever was due before has been sent. A test that checks
/// that nothing more arrives (no duplicate, nothing for a refused booking) waits for that, and fails clearly when the
/// dispatcher is not running.
/// </summary>
public static partial class OutboxRounds
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Waits for two more rounds of the in-process host's dispatcher.</summary>
    public static Task DrainAsync(IServiceProvider services)
    {
        var metrics = services.GetRequiredService<OutboxMetrics>();
        return TwoMoreAsync(() => Task.FromResult(metrics.Rounds), "the host");
    }

    /// <summary>Waits for two more rounds of a service process's dispatcher, read from its /metrics (Telemetry:Prometheus:Enabled).</summary>
    public static Task DrainAsync(HttpClient service) =>
        TwoMoreAsync(async () => RoundsOf(await service.GetStringAsync("/metrics")), service.BaseAddress?.ToString() ?? "the service");

    private static async Task TwoMoreAsync(Func<Task<long>> rounds, string who)
    {
        var target = await rounds() + 2;
        var deadline = DateTime.UtcNow + Patience;
        while (await rounds() < target)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The outbox dispatcher of {who} completed no two rounds in {Patience.TotalSeconds} s.");
            await Task.Delay(10);
        }
    }

    private static long RoundsOf(string metrics)
    {
        var match = RoundsLine().Match(metrics);
        return match.Success ? (long)double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"^agenda_outbox_rounds_total(?:\{[^}]*\})? ([0-9.e+]+)", RegexOptions.Multiline)]
    private static partial Regex RoundsLine();
}
