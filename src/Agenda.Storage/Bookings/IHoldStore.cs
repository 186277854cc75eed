using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// Holds on slots (<see cref="SlotHold"/>): taken and released through the same write path as bookings, so every
/// search and booking on every node sees them from the moment the write is answered.
/// </summary>
public interface IHoldStore
{
    /// <summary>
    /// Holds <paramref name="slot"/> of <paramref name="type"/> under <paramref name="holdId"/> until
    /// <paramref name="expiresAt"/>, if at the moment of writing the engine would accept a booking of it
    /// (<see cref="SlotHolds.Decide"/>).
    /// </summary>
    Task<HoldAttempt> HoldAsync(string ownerId, string holdId, Slot slot, MeetingType type, string typeKey, Instant now, Instant expiresAt, CancellationToken cancellationToken);

    /// <summary>Ends the hold at once; false when no hold has that id (never taken, released, or used by a booking).</summary>
    Task<bool> ReleaseHoldAsync(string holdId, CancellationToken cancellationToken);
}

/// <summary>The result of taking a hold.</summary>
public abstract record HoldAttempt
{
    private HoldAttempt()
    {
    }

    /// <summary>The hold was stored.</summary>
    public sealed record Held(SlotHold Hold) : HoldAttempt;

    /// <summary>The engine refused the slot for <paramref name="Reason"/>; nothing was written.</summary>
    public sealed record Refused(BookingOutcome Reason) : HoldAttempt;

    /// <summary>No owner has that id; nothing was written.</summary>
    public sealed record UnknownOwner : HoldAttempt;
}
