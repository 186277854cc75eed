namespace Agenda.Scheduling.Booking;

/// <summary>Whether an existing booking may be changed (cancelled or moved), and if not, why.</summary>
public enum ChangeOutcome
{
    /// <summary>The change may go ahead.</summary>
    Allowed,

    /// <summary>The booking was cancelled before; a cancelled booking cannot be cancelled or moved again.</summary>
    AlreadyCancelled,

    /// <summary>The meeting has begun (or is over): its time can no longer be given back or moved.</summary>
    AlreadyBegun,

    /// <summary>The booking's meeting type was deleted, so there are no slots of it to move to.</summary>
    MeetingTypeDeleted,
}
