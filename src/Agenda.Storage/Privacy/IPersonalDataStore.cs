using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// Personal data on request: everything held about an invitee found by e-mail address, and erasing it, in one owner's
/// bookings or in every owner's; and the retention sweep that anonymises bookings ended long ago. Anonymising a booking
/// keeps what the schedule needs (owner, type, times, status) and clears every field about the person in the same
/// transaction as their traces elsewhere: e-mail deliveries and their log, webhook and calendar answers logged, workflow
/// runs' recipients, stored idempotent answers. It writes <see cref="BookingEvents.Erased"/>, so calendars the booking
/// was written into are written again without the person, and webhook endpoints that chose the event are told.
/// docs/privacy.md maps every table to its purpose and its deletion.
/// </summary>
public interface IPersonalDataStore
{
    /// <summary>
    /// What is held about the invitee with <paramref name="email"/> (case ignored): their bookings, with every field, and
    /// the messages sent to the address. <paramref name="ownerId"/> limits it to that owner's bookings; null for every
    /// owner's. Null for an unknown owner.
    /// </summary>
    Task<InviteeData?> ExportInviteeAsync(string email, string? ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// Anonymises every booking of the invitee with <paramref name="email"/> (in <paramref name="ownerId"/>'s bookings, or
    /// everyone's when null) and erases the address from the logs, in one transaction: a booking is erased whole or not
    /// at all. Null for an unknown owner.
    /// </summary>
    Task<ErasureCount?> EraseInviteeAsync(string email, string? ownerId, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Anonymises up to <paramref name="limit"/> bookings that ended before <paramref name="endedBefore"/> and are not yet
    /// anonymised, as <see cref="EraseInviteeAsync"/> does; answers how many. Called again until it answers fewer than
    /// the limit.
    /// </summary>
    Task<int> AnonymiseEndedBeforeAsync(Instant endedBefore, Instant now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Everything held about an owner: their row, and every row of every table with an <c>owner_id</c> column that is
    /// theirs (found from the schema, so a table added later is exported without a change here), in one snapshot. Secrets
    /// and their hashes are left out (see <see cref="Privacy.PersonalDataStore.IsSecret"/>), binary values are given by
    /// their size, times as ISO 8601 UTC, JSON columns as JSON. Null for an unknown owner.
    /// </summary>
    Task<System.Text.Json.Nodes.JsonObject?> ExportOwnerAsync(string ownerId, CancellationToken cancellationToken);
}

/// <summary>What is held about an invitee.</summary>
public sealed record InviteeData(IReadOnlyList<StoredBooking> Bookings, IReadOnlyList<SentMessage> Messages);

/// <summary>
/// A message sent, or to be sent, to the invitee's address: the built-in e-mail (<paramref name="Channel"/> email or
/// reminder) or a workflow's (workflow), about <paramref name="EventType"/> of <paramref name="BookingId"/>.
/// </summary>
public sealed record SentMessage(string Channel, string OwnerId, string BookingId, string EventType, string Status, int Attempts, Instant CreatedAt, string? Workflow);

/// <summary>How many bookings were anonymised and how many messages' records erased.</summary>
public sealed record ErasureCount(int Bookings, int Messages);
