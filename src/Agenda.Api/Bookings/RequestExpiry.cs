namespace Agenda.Api.Bookings;

/// <summary>
/// Expires the requests awaiting approval whose wait has run out (<see cref="Scheduling.Booking.ApprovalPolicy"/>), every
/// <c>Approvals:SweepSeconds</c> (default 30): each becomes expired with its <c>booking.expired</c> event, so the invitee
/// and the owner are told and the time it held is free. Until the sweep reaches a request, it holds its time still, but
/// it can no longer be confirmed (the expiry is checked when the owner answers). On several nodes each sweeps; a request
/// is expired once, under its owner's lock.
/// </summary>
internal sealed class RequestExpiry(BookingService service, RequestExpiryOptions options, ILogger<RequestExpiry> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Expiring unanswered requests failed; it runs again in {Interval}.", options.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Expires every request due now, a batch at a time; how many it expired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int expired;
        do
        {
            expired = await service.ExpireDueRequestsAsync(Batch, cancellationToken);
            total += expired;
        }
        while (expired == Batch);
        return total;
    }
}

/// <summary>How often unanswered requests are looked for: <c>Approvals:SweepSeconds</c>, 1 to 3600, default 30.</summary>
internal sealed record RequestExpiryOptions(TimeSpan Interval)
{
    public static RequestExpiryOptions From(IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Approvals:SweepSeconds", 30);
        if (seconds is < 1 or > 3600)
        {
            throw new InvalidOperationException($"Approvals:SweepSeconds must be 1 to 3600 seconds; it is {seconds}.");
        }

        return new RequestExpiryOptions(TimeSpan.FromSeconds(seconds));
    }
}
