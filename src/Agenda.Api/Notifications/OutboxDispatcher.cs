using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Scheduling.Zones;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// Delivers the outbox: every <c>Outbox:PollMilliseconds</c> it fans new events out to their endpoints, claims the due
/// deliveries for a lease (so one node attempts each at a time), sends them (webhooks, e-mail, and bookings written into
/// owners' calendars by <see cref="CalendarWriteBack"/>) and the other due work of each round (<see cref="IOutboxRoundStep"/>: workflow runs), and records each attempt with what follows it
/// (<see cref="RetrySchedule"/>). It never touches a booking: a failing receiver delays nothing but its own messages.
/// </summary>
internal sealed class OutboxDispatcher(
    IOutboxStore outbox, IBookingStore bookings, IOwnerStore owners, WebhookSender sender, EmailSender? email, CalendarWriteBack calendars, RetrySchedule retries,
    OutboxMetrics metrics, OutboxOptions options, EmailOptions? emailOptions, MeetingNames names, BookingLinks links, EmailHealth health, TimeProvider time,
    ILogger<OutboxDispatcher> logger, CalendarNotices notices, IOwnerBrandingStore brandings, ISeriesStore series, IEnumerable<IOutboxRoundStep> steps) : BackgroundService
{
    /// <summary>How many deliveries one round claims.</summary>
    private const int Batch = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (emailOptions is null)
        {
            logger.LogWarning("E-mail is off: Email:Smtp:Host is not set, so no confirmation, cancellation or reminder e-mail is sent. Webhooks work.");
        }
        else
        {
            logger.LogInformation("E-mail goes through {Host}:{Port} from {From}.", emailOptions.Host, emailOptions.Port, emailOptions.From);
        }

        using var timer = new PeriodicTimer(options.PollInterval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                metrics.RoundCompleted();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away or a bug: try again next round; the outbox keeps every message meanwhile.
                logger.LogWarning(e, "The outbox round failed; it runs again in {Interval}.", options.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: fan out, then deliver what is due. Returns how many attempts it made.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var plan = emailOptions is null ? null : new EmailPlan(emailOptions.ReminderLead);
        while (await outbox.FanOutAsync(time.GetCurrentInstant(), Batch, plan, cancellationToken) == Batch)
        {
        }

        var made = 0;
        IReadOnlyList<DueDelivery> due;
        do
        {
            due = await outbox.ClaimDueAsync(time.GetCurrentInstant(), options.Lease, Batch, cancellationToken);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, DeliverAsync);
            made += due.Count;
        }
        while (due.Count == Batch);

        // The other work of a round (workflow runs planned by the fan-out above, or due by now) goes out in the same round.
        foreach (var step in steps)
        {
            made += await step.RunDueAsync(options.Lease, cancellationToken);
        }

        metrics.Measured(await outbox.MeasureAsync(time.GetCurrentInstant(), cancellationToken));
        return made;
    }

    private async ValueTask DeliverAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var attempt = delivery.Channel == DeliveryChannels.Calendar ? await calendars.WriteAsync(delivery, cancellationToken)
            : CalendarEvents.IsCalendarEvent(delivery.Event.EventType) ? await notices.DeliverAsync(delivery, email, emailOptions, cancellationToken)
            : await NotifyAsync(delivery, cancellationToken);
        var delivered = attempt.Error is null;
        metrics.Attempted(delivery.Channel, failed: !delivered);
        var next = delivered
            ? new NextStep.Delivered()
            : retries.AfterFailure(attempt.Attempt, attempt.AttemptedAt, delivery.Endpoint?.FailingSince ?? attempt.AttemptedAt);
        // Logged before the attempt is recorded: whoever sees the failed attempt (the owner's delivery log) finds it in
        // the operator's log too.
        if (!delivered && delivery.Channel is DeliveryChannels.Email or DeliveryChannels.Reminder)
        {
            LogEmailFailure(delivery, attempt, next);
        }

        await outbox.RecordAttemptAsync(attempt, next, cancellationToken);
    }

    /// <summary>
    /// A failed e-mail attempt, for the operator: which delivery, the mail server's answer and what follows. Never the
    /// message or the server's credentials (MailKit's errors do not carry them); the recipient is named by role, though a
    /// server's answer may quote an address it refused.
    /// </summary>
    private void LogEmailFailure(DueDelivery delivery, AttemptRecord attempt, NextStep next)
    {
        if (next is NextStep.RetryAt retry)
        {
            logger.LogWarning(
                "E-mail delivery {DeliveryId} ({Channel} of event {EventId}, {EventType}, to the {RecipientRole}) failed on attempt {Attempt}: {Error} It is tried again at {NextAttempt}.",
                delivery.Id, delivery.Channel, delivery.Event.Id, delivery.Event.EventType, delivery.RecipientRole, attempt.Attempt, attempt.Error, retry.When);
        }
        else
        {
            logger.LogError(
                "E-mail delivery {DeliveryId} ({Channel} of event {EventId}, {EventType}, to the {RecipientRole}) failed on attempt {Attempt}, its last: {Error} It is given up.",
                delivery.Id, delivery.Channel, delivery.Event.Id, delivery.Event.EventType, delivery.RecipientRole, attempt.Attempt, attempt.Error);
        }
    }

    private async Task<AttemptRecord> NotifyAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var booking = await bookings.GetBookingAsync(delivery.Event.BookingId, cancellationToken);
        var owner = await owners.FindOwnerAsync(delivery.Event.OwnerId, cancellationToken);
        var zone = owner?.Zone ?? DateTimeZone.Utc;
        return delivery.Channel == DeliveryChannels.Webhook
            ? await sender.SendAsync(delivery, WebhookPayload.From(delivery.Event, booking, zone).Serialize(), cancellationToken)
            : await EmailAsync(delivery, booking, owner, zone, cancellationToken);
    }

    private async Task<AttemptRecord> EmailAsync(DueDelivery delivery, StoredBooking? booking, OwnerSnapshot? owner, DateTimeZone zone, CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant();
        // A reminder is for the meeting as it was booked; once the booking is cancelled or moved, its own event tells.
        if (booking is null || email is null || emailOptions is null
            || (delivery.Channel == DeliveryChannels.Reminder && (!booking.IsActive || booking.Sequence != delivery.Event.Sequence)))
        {
            return new AttemptRecord(delivery.Id, "", delivery.Attempts + 1, now, null, null, 0, "Not sent: the booking was cancelled or moved since, or e-mail was turned off.");
        }

        // The invitee reads their e-mail in the language and zone they booked in, where known; the owner in their own.
        var forOwner = delivery.RecipientRole == BookingAccess.Owner;
        var meeting = await names.ForAsync(booking, forOwner ? BookingAccess.Owner : BookingAccess.Invitee, cancellationToken);
        if (!forOwner)
        {
            zone = booking.InviteeTimeZone is { } id && ZoneRules.Find(id) is { } inviteeZone ? inviteeZone : zone;
        }

        // Only the invitee's e-mail carries the link to manage the booking (with PublicBaseUrl set): it opens the booking as its token does.
        var manageLink = forOwner ? null : links.ManageLink(booking);
        // The owner's branding (colour, welcome, photo) gives the message an HTML part; the photo's bytes only when there is one.
        var branding = await brandings.GetBrandingAsync(delivery.Event.OwnerId, cancellationToken);
        var photo = branding is { HasPhoto: true } ? await brandings.ReadPhotoAsync(delivery.Event.OwnerId, cancellationToken) : null;
        // The owner's e-mail about a new request links to the page that answers it (with PublicBaseUrl set).
        var answerLink = forOwner && delivery.Event.EventType == BookingEvents.Requested ? links.AnswerLink(booking) : null;
        // A meeting of a series: the e-mail carries the series as it stands now.
        var ofSeries = booking.SeriesId is { } seriesId ? await series.GetSeriesAsync(seriesId, cancellationToken) : null;
        var message = EmailComposer.Compose(
            delivery, booking, owner?.DisplayName ?? delivery.Event.OwnerId, meeting, zone, emailOptions.From, now, manageLink, branding, photo, answerLink, ofSeries);
        var sent = await email.SendAsync(delivery, message, now, cancellationToken);
        if (sent.Error is { } error)
        {
            health.Failed(now, error);
        }
        else
        {
            health.Delivered();
        }

        return sent;
    }
}

/// <summary><c>Outbox:PollMilliseconds</c> (default 500) and the lease of a claimed delivery (the attempt's timeout and a margin).</summary>
internal sealed record OutboxOptions(TimeSpan PollInterval, Duration Lease, TimeSpan AttemptTimeout, bool AllowPrivateTargets);

/// <summary>
/// Work the outbox's dispatcher does in each round, after the deliveries, with the same lease: the workflows' runs
/// (Workflows/WorkflowRunner), which the outbox's fan-out plans. Returns how many it claimed.
/// </summary>
internal interface IOutboxRoundStep
{
    Task<int> RunDueAsync(Duration lease, CancellationToken cancellationToken);
}
