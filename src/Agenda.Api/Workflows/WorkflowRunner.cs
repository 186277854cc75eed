using System.Text.Json;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Zones;
using Agenda.Storage;
using MimeKit;
using NodaTime;

namespace Agenda.Api.Workflows;

/// <summary>
/// Runs due workflow runs, each round of the outbox (<see cref="OutboxDispatcher"/>): claims them for a lease as
/// deliveries are claimed, so one node runs each at a time, and records every attempt with what follows it (the
/// deliveries' <see cref="RetrySchedule"/>). A run is skipped, with a note in its log, when its workflow is gone or off
/// or, for a timed run, when the booking moved or was cancelled since it was planned; nothing is ever dropped without a
/// word. E-mail goes through the outbox's SMTP sender; a webhook is signed with the workflow's own secret.
/// </summary>
internal sealed class WorkflowRunner(
    IWorkflowStore workflows, IBookingStore bookings, IOwnerStore owners, INotificationSettingsStore settings, EmailSender? email, EmailOptions? emailOptions,
    WebhookSender webhooks, RetrySchedule retries, MeetingNames names, BookingLinks links, OutboxMetrics metrics, TimeProvider time, ILogger<WorkflowRunner> logger)
    : IOutboxRoundStep
{
    /// <summary>The channel workflow runs are counted on in the outbox's metrics.</summary>
    public const string Channel = "workflow";

    private const int Batch = 32;

    /// <summary>Runs every due run; returns how many it claimed.</summary>
    public async Task<int> RunDueAsync(Duration lease, CancellationToken cancellationToken)
    {
        var made = 0;
        IReadOnlyList<DueRun> due;
        do
        {
            due = await workflows.ClaimDueRunsAsync(time.GetCurrentInstant(), lease, Batch, cancellationToken);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, RunAsync);
            made += due.Count;
        }
        while (due.Count == Batch);

        return made;
    }

    private async ValueTask RunAsync(DueRun run, CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant();
        RunAttempt attempt;
        RunNext next;
        try
        {
            (attempt, next) = await AttemptAsync(run, now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug or a store that failed mid-way: this run is tried again on the schedule, and the others of the round go on.
            logger.LogError(e, "Workflow run {RunId} (workflow {WorkflowId}) failed with an exception.", run.Id, run.WorkflowId);
            (attempt, next) = Outcome(run, now, null, null, $"The run failed inside the service ({e.GetType().Name}); it is tried again.");
        }

        if (next is not RunNext.Skipped)
        {
            metrics.Attempted(Channel, failed: next is not RunNext.Sent);
        }

        if (next is RunNext.RetryAt or RunNext.GiveUp)
        {
            logger.LogWarning("Workflow run {RunId} (workflow {WorkflowId}, event {EventType}) failed on attempt {Attempt}: {Error}",
                run.Id, run.WorkflowId, run.Event.EventType, attempt.Attempt, attempt.Error);
        }

        await workflows.RecordRunAsync(attempt, next, cancellationToken);
    }

    private async Task<(RunAttempt Attempt, RunNext Next)> AttemptAsync(DueRun run, Instant now, CancellationToken cancellationToken)
    {
        var skipped = (string note) => (new RunAttempt(run.Id, run.Attempts, now, null, null, null), (RunNext)new RunNext.Skipped(note));
        var workflow = await workflows.GetWorkflowAsync(run.Event.OwnerId, run.WorkflowId, cancellationToken);
        if (workflow is null)
        {
            return skipped(SkipNotes.Deleted);
        }

        if (!workflow.Enabled)
        {
            return skipped(SkipNotes.Off);
        }

        var booking = await bookings.GetBookingAsync(run.Event.BookingId, cancellationToken);
        if (booking is null)
        {
            return skipped(SkipNotes.BookingGone);
        }

        // A timed run is for the meeting as its event left it; a move or a cancellation since has planned what follows.
        if (run.Timed && (!booking.IsActive || booking.Sequence != run.Event.Sequence))
        {
            return skipped(booking.IsActive ? SkipNotes.Moved : SkipNotes.Cancelled);
        }

        var owner = await owners.FindOwnerAsync(run.Event.OwnerId, cancellationToken);
        var ownerSettings = await settings.GetNotificationSettingsAsync(run.Event.OwnerId, cancellationToken);
        var ownerZone = owner?.Zone ?? DateTimeZone.Utc;
        var attempt = run.Attempts + 1;
        if (workflow.Action == WorkflowAction.Webhook)
        {
            var sent = await webhooks.SendAsync(WebhookDelivery(run, workflow), WorkflowWebhook.Body(run, workflow, booking, ownerZone), cancellationToken);
            return Outcome(run, sent.AttemptedAt, workflow.Target, sent.StatusCode, sent.Error);
        }

        if (email is null || emailOptions is null)
        {
            return skipped(SkipNotes.EmailOff);
        }

        var forInvitee = workflow.Action == WorkflowAction.EmailInvitee;
        var recipient = workflow.Action switch
        {
            WorkflowAction.EmailInvitee => booking.InviteeEmail,
            WorkflowAction.EmailOwner => ownerSettings?.Email,
            _ => workflow.Target,
        };
        if (recipient is null)
        {
            return skipped(forInvitee ? SkipNotes.NoInviteeAddress : SkipNotes.NoOwnerAddress);
        }

        var meeting = await names.ForAsync(booking, forInvitee ? BookingAccess.Invitee : BookingAccess.Owner, cancellationToken);
        var zone = forInvitee && booking.InviteeTimeZone is { } id && ZoneRules.Find(id) is { } inviteeZone ? inviteeZone : ownerZone;
        var facts = Facts(run, workflow, booking, meeting, zone, owner?.DisplayName ?? run.Event.OwnerId, ownerSettings?.Email, forInvitee ? links.ManageLink(booking) : null);
        var text = workflow.TextFor(meeting.Language);
        MimeMessage message;
        try
        {
            var model = WorkflowFields.Model(facts);
            var subject = WorkflowTemplates.Render(text.Subject, model).ReplaceLineEndings(" ").Trim();
            var body = WorkflowTemplates.Render(text.Body, model);
            message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(emailOptions.From));
            message.To.Add(MailboxAddress.Parse(recipient));
            message.Subject = subject.Length > 300 ? subject[..300] : subject;
            message.Headers.Add("Auto-Submitted", "auto-generated");
            message.Body = new BodyBuilder { TextBody = body, HtmlBody = WorkflowTemplates.ToHtml(body) }.ToMessageBody();
        }
        catch (Exception e) when (e is InvalidOperationException or ParseException or FormatException)
        {
            // A template that cannot be rendered will not render on a retry either: the run fails at once, and its log says why.
            return (new RunAttempt(run.Id, attempt, now, recipient, null, e.Message), new RunNext.GiveUp());
        }

        var delivered = await email.SendAsync(new DueDelivery(run.Id, run.Attempts, run.Event, Channel, null, recipient, forInvitee ? BookingAccess.Invitee : BookingAccess.Owner), message, now, cancellationToken);
        return Outcome(run, delivered.AttemptedAt, recipient, delivered.StatusCode, delivered.Error);
    }

    /// <summary>The attempt as the run's log keeps it, and what follows: sent, or tried again on the deliveries' schedule.</summary>
    private (RunAttempt, RunNext) Outcome(DueRun run, Instant at, string? recipient, int? code, string? error)
    {
        var attempt = new RunAttempt(run.Id, run.Attempts + 1, at, recipient, code, error);
        if (error is null)
        {
            return (attempt, new RunNext.Sent());
        }

        return (attempt, retries.AfterFailure(attempt.Attempt, at, null) is NextStep.RetryAt retry ? new RunNext.RetryAt(retry.When) : new RunNext.GiveUp());
    }

    /// <summary>The run as the webhook sender sends a delivery: to the workflow's URL, signed with its secret, its id the run's.</summary>
    private static DueDelivery WebhookDelivery(DueRun run, StoredWorkflow workflow) =>
        new(run.Id, run.Attempts, run.Event with { Id = run.Id }, Channel,
            new StoredEndpoint(workflow.Id, workflow.OwnerId, workflow.Target ?? "", [], workflow.Secret ?? "", true, workflow.CreatedAt), null, null);

    public static WorkflowFacts Facts(
        DueRun run, StoredWorkflow workflow, StoredBooking booking, MeetingName meeting, DateTimeZone zone, string ownerName, string? ownerEmail, string? manageLink)
    {
        var e = run.Event;
        var texts = EmailTexts.For(meeting.Language);
        return new WorkflowFacts(
            booking.Id, meeting.Summary, new Slot(e.Start, e.End), zone, meeting.Language, WebhookPayload.StatusAfter(e.EventType), booking.Invitee, booking.InviteeEmail,
            booking.InviteeLanguage, booking.InviteeTimeZone, ownerName, ownerEmail, workflow.Name, WorkflowWords.Trigger(workflow.Trigger))
        {
            Location = MeetingFacts.Where(booking, workflow.Action != WorkflowAction.EmailInvitee, ownerName, texts)?.Text,
            ManageUrl = manageLink,
            Note = booking.Note,
            CancelReason = booking.CancelReason,
            Previous = e.PreviousStart is { } start && e.PreviousEnd is { } end ? new Slot(start, end) : null,
            Answers = [.. MeetingFacts.Answers(booking, texts).Zip(booking.Answers, (shown, answer) => new WorkflowAnswer(answer.Id, shown.Question, shown.Answer))],
        };
    }
}

/// <summary>The body of a workflow's webhook: the booking event's payload (as endpoints get it) with the workflow that sent it.</summary>
internal static class WorkflowWebhook
{
    public static string Body(DueRun run, StoredWorkflow workflow, StoredBooking booking, DateTimeZone zone)
    {
        var payload = WebhookPayload.From(run.Event, booking, zone);
        return JsonSerializer.Serialize(
            new { type = "workflow.run", timestamp = payload.Timestamp, workflow = new { id = workflow.Id, name = workflow.Name, trigger = WorkflowWords.Trigger(workflow.Trigger) }, @event = run.Event.EventType, data = payload.Data },
            WebhookPayload.Json);
    }
}
