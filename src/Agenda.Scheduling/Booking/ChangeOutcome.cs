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

    /// <summary>
    /// The invitee asked too close to the start: the meeting type lets an invitee cancel or move a booking only until
    /// some time before it begins (<see cref="InviteeChangePolicy"/>). The owner still may.
    /// </summary>
    TooLateForInvitee,

    /// <summary>The meeting type asks an invitee who cancels to say why, and no reason was given.</summary>
    ReasonRequired,

    /// <summary>The request was confirmed already: it is a booking now.</summary>
    AlreadyConfirmed,

    /// <summary>The owner declined the request; it can be neither answered again nor changed.</summary>
    AlreadyDeclined,

    /// <summary>The request was not answered in time (or its meeting has begun): it expired, and holds nothing.</summary>
    RequestExpired,

    /// <summary>The booking is a request still awaiting the owner's answer: it cannot be moved until it is confirmed.</summary>
    AwaitingApproval,
}
