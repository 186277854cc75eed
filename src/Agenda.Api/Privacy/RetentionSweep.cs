using Agenda.Api.Platform.Hosting;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Privacy;

/// <summary>
/// Anonymises bookings that ended longer ago than <c>Privacy:RetentionDays</c>, every <c>Privacy:SweepMinutes</c>
/// (default 60), as an erasure does: each booking whole, with its traces. Off when no retention is set. On several
/// nodes each sweeps; a booking is anonymised once (the next sweep no longer finds it).
/// </summary>
internal sealed class RetentionSweep(IPersonalDataStore store, RetentionOptions options, TimeProvider time, ILogger<RetentionSweep> logger) : BackgroundService
{
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Retention is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Interval);
        do
        {
            try
            {
                var anonymised = await RunOnceAsync(stoppingToken);
                if (anonymised > 0)
                {
                    logger.LogInformation("Anonymised {Count} bookings that ended more than {Days} days ago.", anonymised, options.Retention.Value.Days);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Anonymising old bookings failed; it runs again in {Interval}.", options.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Anonymises every booking past the retention now, a batch at a time; how many. None when no retention is set.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (options.Retention is not { } retention)
        {
            return 0;
        }

        var total = 0;
        int done;
        do
        {
            var now = time.GetCurrentInstant();
            done = await store.AnonymiseEndedBeforeAsync(now - retention, now, Batch, cancellationToken);
            total += done;
        }
        while (done == Batch);
        return total;
    }
}

/// <summary>
/// <c>Privacy:RetentionDays</c> (1 to 36500; unset: bookings are kept until erased on request) and
/// <c>Privacy:SweepMinutes</c> (1 to 1440, default 60).
/// </summary>
internal sealed record RetentionOptions(Duration? Retention, TimeSpan Interval)
{
    public static RetentionOptions From(IConfiguration configuration)
    {
        var days = configuration.GetValue<int?>("Privacy:RetentionDays");
        if (days is < 1 or > 36500)
        {
            throw new StartupException($"Privacy:RetentionDays must be 1 to 36500 days; it is {days}", null);
        }

        var minutes = configuration.GetValue("Privacy:SweepMinutes", 60);
        if (minutes is < 1 or > 1440)
        {
            throw new StartupException($"Privacy:SweepMinutes must be 1 to 1440 minutes; it is {minutes}", null);
        }

        return new RetentionOptions(days is { } d ? Duration.FromDays(d) : null, TimeSpan.FromMinutes(minutes));
    }
}
