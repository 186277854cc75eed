using NodaTime;

namespace Agenda.Scheduling.Workflows;

/// <summary>What makes a workflow act on a booking.</summary>
public enum WorkflowTrigger
{
    /// <summary>A booking was made, or a request confirmed: it is a meeting now.</summary>
    Booked,

    /// <summary>A set time before the meeting starts (an offset of zero: at its start).</summary>
    BeforeStart,

    /// <summary>A set time after the meeting ends (an offset of zero: at its end).</summary>
    AfterEnd,

    /// <summary>The booking was cancelled.</summary>
    Cancelled,

    /// <summary>The booking moved to another time.</summary>
    Rescheduled,

    /// <summary>The owner marked the invitee as a no-show.</summary>
    NoShow,

    /// <summary>A booking of a type that needs approval was made as a request.</summary>
    Requested,

    /// <summary>The owner declined a request.</summary>
    Declined,

    /// <summary>A request was not answered in time.</summary>
    Expired,
}

/// <summary>What happened to a booking, as workflows are triggered by it: one per kind of booking event.</summary>
public enum BookingChange
{
    Created,
    Rescheduled,
    Cancelled,
    Requested,
    Confirmed,
    Declined,
    Expired,
    NoShow,
}

/// <summary>
/// When a workflow's step runs for a change of a booking. Steps triggered by a change run at once; timed steps run a set
/// time before the meeting's start or after its end, planned after every change that leaves a meeting to come (made,
/// moved, confirmed), for the meeting's time as that change left it. A timed step whose time has already passed when it
/// is planned does not run: a reminder a day before a meeting booked an hour ahead would only repeat the confirmation.
/// </summary>
public static class WorkflowTiming
{
    /// <summary>The longest offset a timed step may have: a year.</summary>
    public static readonly Duration MaxOffset = Duration.FromDays(365);

    /// <summary>Whether steps of <paramref name="trigger"/> run at a time set from the meeting's, rather than at once.</summary>
    public static bool IsTimed(WorkflowTrigger trigger) => trigger is WorkflowTrigger.BeforeStart or WorkflowTrigger.AfterEnd;

    /// <summary>Whether, after <paramref name="change"/>, the booking is a meeting still to come, so timed steps are planned for it.</summary>
    public static bool LeadsToMeeting(BookingChange change) => change is BookingChange.Created or BookingChange.Rescheduled or BookingChange.Confirmed;

    /// <summary>
    /// When a step of <paramref name="trigger"/> with <paramref name="offset"/> runs for <paramref name="change"/> of a
    /// booking whose meeting is <paramref name="meeting"/>, planned at <paramref name="now"/>; null when it does not run for
    /// that change (another trigger, or a timed step whose time has passed).
    /// </summary>
    public static Instant? DueAt(WorkflowTrigger trigger, Duration offset, BookingChange change, Interval meeting, Instant now)
    {
        if (IsTimed(trigger))
        {
            if (!LeadsToMeeting(change))
            {
                return null;
            }

            var at = trigger == WorkflowTrigger.BeforeStart ? meeting.Start - offset : meeting.End + offset;
            return at > now ? at : null;
        }

        var fits = (trigger, change) switch
        {
            (WorkflowTrigger.Booked, BookingChange.Created or BookingChange.Confirmed) => true,
            (WorkflowTrigger.Cancelled, BookingChange.Cancelled) => true,
            (WorkflowTrigger.Rescheduled, BookingChange.Rescheduled) => true,
            (WorkflowTrigger.NoShow, BookingChange.NoShow) => true,
            (WorkflowTrigger.Requested, BookingChange.Requested) => true,
            (WorkflowTrigger.Declined, BookingChange.Declined) => true,
            (WorkflowTrigger.Expired, BookingChange.Expired) => true,
            _ => false,
        };
        return fits ? now : null;
    }
}
