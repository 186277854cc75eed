using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// The outbox's delivering side. Events are written by the booking writes themselves (<see cref="BookingEvents"/>);
/// here they are fanned out to their deliveries, claimed by one node at a time, and their attempts recorded.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Turns up to <paramref name="limit"/> events not yet fanned out into one delivery for each enabled endpoint of their
    /// owner that subscribed to their type, due at once, and one for each CalDAV connection of the owner that has a
    /// write calendar (channel <see cref="DeliveryChannels.Calendar"/>); with <paramref name="email"/>, also an e-mail to
    /// the invitee and to the owner (each when their address is known) and, for a booking made or moved, their reminders.
    /// Returns how many events it handled.
    /// </summary>
    Task<int> FanOutAsync(Instant now, int limit, EmailPlan? email, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries for <paramref name="lease"/>: no other claim takes them until
    /// the lease ends, on this node or another (an attempt that outlives its lease may be repeated: at least once).
    /// </summary>
    Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(Instant now, Duration lease, int limit, CancellationToken cancellationToken);

    /// <summary>Records an attempt and what follows it; the endpoint is disabled when <paramref name="next"/> says so.</summary>
    Task RecordAttemptAsync(AttemptRecord attempt, NextStep next, CancellationToken cancellationToken);

    /// <summary>Pending deliveries and events not yet fanned out, and the age of the oldest of either.</summary>
    Task<OutboxDepth> MeasureAsync(Instant now, CancellationToken cancellationToken);
}

/// <summary>Owners' webhook endpoints: where their events are sent, and the secret that signs them.</summary>
public interface IWebhookEndpointStore
{
    Task<OwnerWrite> AddEndpointAsync(StoredEndpoint endpoint, CancellationToken cancellationToken);

    /// <summary>The owner's endpoints, oldest first; null for an unknown owner.</summary>
    Task<IReadOnlyList<StoredEndpoint>?> ListEndpointsAsync(string ownerId, CancellationToken cancellationToken);

    Task<StoredEndpoint?> FindEndpointAsync(string ownerId, string endpointId, CancellationToken cancellationToken);

    /// <summary>Replaces the endpoint's URL, event types and state; enabling it again clears why it was disabled.</summary>
    Task<bool> UpdateEndpointAsync(string ownerId, string endpointId, string url, IReadOnlyList<string> eventTypes, bool enabled, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="secret"/> the signing secret; the current one keeps signing too until <paramref name="previousExpiresAt"/>.</summary>
    Task<bool> RotateSecretAsync(string ownerId, string endpointId, string secret, Instant previousExpiresAt, CancellationToken cancellationToken);

    /// <summary>Deletes the endpoint with its deliveries and their log.</summary>
    Task<bool> DeleteEndpointAsync(string ownerId, string endpointId, CancellationToken cancellationToken);
}

/// <summary>What an owner sees of the deliveries made for them (webhooks, calendar write-back, e-mail), and sending one again.</summary>
public interface IDeliveryLogStore
{
    /// <summary>The endpoint's newest deliveries with their attempts, newest first; null for an unknown endpoint.</summary>
    Task<IReadOnlyList<DeliveryLog>?> ListDeliveriesAsync(string ownerId, string endpointId, int limit, CancellationToken cancellationToken);

    /// <summary>Makes a delivery due again at <paramref name="now"/>, whatever its state; false for an unknown one.</summary>
    Task<bool> RedeliverAsync(string ownerId, string endpointId, string deliveryId, Instant now, CancellationToken cancellationToken);

    /// <summary>The newest deliveries to the owner's calendar connection with their attempts, newest first; empty when there are none.</summary>
    Task<IReadOnlyList<DeliveryLog>> ListConnectionDeliveriesAsync(string ownerId, string connectionId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The owner's newest e-mail deliveries (channels <see cref="DeliveryChannels.Email"/> and
    /// <see cref="DeliveryChannels.Reminder"/>, to the invitee and to the owner) with their attempts, newest first; null
    /// for an unknown owner.
    /// </summary>
    Task<IReadOnlyList<EmailDeliveryLog>?> ListEmailDeliveriesAsync(string ownerId, int limit, CancellationToken cancellationToken);
}

/// <summary>An owner's e-mail settings.</summary>
public interface INotificationSettingsStore
{
    /// <summary>The owner's e-mail settings; null for an unknown owner.</summary>
    Task<NotificationSettings?> GetNotificationSettingsAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Replaces the owner's e-mail settings; false for an unknown owner.</summary>
    Task<bool> SetNotificationSettingsAsync(string ownerId, NotificationSettings settings, CancellationToken cancellationToken);
}

/// <summary>An owner's webhook endpoint. <see cref="Secret"/> signs every delivery (<c>whsec_…</c>).</summary>
public sealed record StoredEndpoint(
    string Id, string OwnerId, string Url, IReadOnlyList<string> EventTypes, string Secret, bool Enabled, Instant CreatedAt)
{
    public string? PreviousSecret { get; init; }

    public Instant? PreviousSecretExpiresAt { get; init; }

    public string? DisabledReason { get; init; }

    /// <summary>Since when every attempt has failed; null after a success.</summary>
    public Instant? FailingSince { get; init; }
}

/// <summary>A booking event as written in the outbox.</summary>
public sealed record StoredEvent(
    string Id, string OwnerId, string BookingId, string EventType, int Sequence, Instant Start, Instant End, Instant? PreviousStart, Instant? PreviousEnd, Instant OccurredAt);

/// <summary>
/// A delivery claimed for an attempt: its event, how many attempts came before, and its recipient: a webhook
/// <see cref="Endpoint"/>, an e-mail <see cref="Recipient"/> (the invitee or the owner, <see cref="RecipientRole"/>), or
/// the calendar connection <see cref="ConnectionId"/> (channel <see cref="DeliveryChannels.Calendar"/>).
/// </summary>
public sealed record DueDelivery(
    string Id, int Attempts, StoredEvent Event, string Channel, StoredEndpoint? Endpoint, string? Recipient, string? RecipientRole, string? ConnectionId = null);

/// <summary>The channels of deliveries.</summary>
public static class DeliveryChannels
{
    public const string Webhook = "webhook";
    public const string Email = "email";
    public const string Reminder = "reminder";

    /// <summary>The booking written into (or removed from) the write calendar of an owner's CalDAV connection.</summary>
    public const string Calendar = "calendar";
}

/// <summary>What e-mail an event fans out to: the messages, and reminders <paramref name="ReminderLead"/> before the meeting (none when null).</summary>
public sealed record EmailPlan(Duration? ReminderLead);

/// <summary>An owner's e-mail settings: where their notices go (none when null) and the language of the e-mail about their bookings.</summary>
public sealed record NotificationSettings(string? Email, string Language);

/// <summary>One attempt's result. <see cref="StatusCode"/> is null when no answer came (refused, timed out, blocked address).</summary>
public sealed record AttemptRecord(string DeliveryId, string EndpointId, int Attempt, Instant AttemptedAt, int? StatusCode, string? Error, int DurationMs, string? ResponseExcerpt);

/// <summary>What follows an attempt.</summary>
public abstract record NextStep
{
    private NextStep()
    {
    }

    public sealed record Delivered : NextStep;

    public sealed record RetryAt(Instant When) : NextStep;

    /// <summary>No attempt is left; with <paramref name="DisableEndpoint"/>, the endpoint is disabled for that reason.</summary>
    public sealed record GiveUp(string? DisableEndpoint) : NextStep;
}

/// <summary>A delivery and its attempts, for the owner's log.</summary>
public sealed record DeliveryLog(string Id, string EventId, string EventType, string Status, int Attempts, Instant? NextAttemptAt, Instant CreatedAt, IReadOnlyList<AttemptRecord> AttemptLog);

/// <summary>An e-mail delivery's log, with its channel and recipient (<c>invitee</c> or <c>owner</c>, and the address).</summary>
public sealed record EmailDeliveryLog(string Channel, string Recipient, string RecipientRole, DeliveryLog Log);

public sealed record OutboxDepth(long PendingDeliveries, long WaitingEvents, Duration? OldestAge);

/// <summary>The kinds of booking event, as webhooks name them, and their ids.</summary>
public static class BookingEvents
{
    public const string Created = "booking.created";
    public const string Cancelled = "booking.cancelled";
    public const string Rescheduled = "booking.rescheduled";

    /// <summary>A booking of a type that requires approval was made: a request awaits the owner's answer.</summary>
    public const string Requested = "booking.requested";

    /// <summary>The owner confirmed a request: it is an active booking now.</summary>
    public const string Confirmed = "booking.confirmed";

    /// <summary>The owner declined a request.</summary>
    public const string Declined = "booking.declined";

    /// <summary>A request was not answered in time.</summary>
    public const string Expired = "booking.expired";

    /// <summary>The owner marked the invitee as a no-show (<see cref="IBookingStore.MarkNoShowAsync"/>); no e-mail of its own.</summary>
    public const string NoShow = "booking.no_show";

    /// <summary>
    /// The invitee's personal data was erased from the booking (<see cref="IPersonalDataStore"/>): calendars it was written
    /// into are written again without it, and receivers that keep copies can erase theirs. No e-mail of its own.
    /// </summary>
    public const string Erased = "booking.erased";

    public static readonly IReadOnlyList<string> All = [Created, Cancelled, Rescheduled, Requested, Confirmed, Declined, Expired, NoShow, Erased];

    /// <summary>Events after which the booking is an active meeting still to come, so a reminder may follow.</summary>
    public static bool LeadsToMeeting(string eventType) => eventType is Created or Rescheduled or Confirmed;

    /// <summary>Events the built-in e-mail tells both sides of (a no-show is the owner's own mark, an erasure is told to nobody: no e-mail).</summary>
    public static bool Emailed(string eventType) => eventType is not (NoShow or Erased);

    /// <summary>What a booking event says happened, as workflows are triggered by it; null for an event not about a booking.</summary>
    public static Scheduling.Workflows.BookingChange? ChangeOf(string eventType) => eventType switch
    {
        Created => Scheduling.Workflows.BookingChange.Created,
        Cancelled => Scheduling.Workflows.BookingChange.Cancelled,
        Rescheduled => Scheduling.Workflows.BookingChange.Rescheduled,
        Requested => Scheduling.Workflows.BookingChange.Requested,
        Confirmed => Scheduling.Workflows.BookingChange.Confirmed,
        Declined => Scheduling.Workflows.BookingChange.Declined,
        Expired => Scheduling.Workflows.BookingChange.Expired,
        NoShow => Scheduling.Workflows.BookingChange.NoShow,
        _ => null,
    };

    /// <summary>An event's id, which every delivery of it carries (<c>webhook-id</c>), so receivers can drop repeats.</summary>
    public static string NewEventId() => "evt_" + Guid.CreateVersion7().ToString("N", System.Globalization.CultureInfo.InvariantCulture);
}
