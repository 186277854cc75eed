using System.Diagnostics.Metrics;
using Agenda.Api.Platform.Observability;
using Agenda.Scheduling.Booking;
using Agenda.Storage;

namespace Agenda.Api.Bookings;

/// <summary>
/// Counts bookings made and refusals by their <c>reason</c> code (the one <see cref="BookingRefusals"/> answers with)
/// on the meter <c>Agenda.Bookings</c>. Handlers count what the store decided; a replayed idempotent booking is not counted again.
/// </summary>
internal sealed class BookingMetrics
{
    public const string MeterName = "Agenda.Bookings";
    public const string MadeName = "agenda.bookings.made";
    public const string RefusalsName = "agenda.bookings.refusals";

    /// <summary>The <c>operation</c> tag of a refusal: what was refused.</summary>
    public const string Book = "book";
    public const string Reschedule = "reschedule";
    public const string Cancel = "cancel";

    /// <summary>The name under which a refusal by the invitee's allowance counts on <c>agenda.limits.hits</c>.</summary>
    public const string InviteeLimitName = "bookings_per_invitee";

    private readonly Counter<long> made;
    private readonly Counter<long> refusals;

    private readonly LimitMetrics limits;

    public BookingMetrics(IMeterFactory meterFactory, LimitMetrics limits)
    {
        this.limits = limits;
        var meter = meterFactory.Create(MeterName);
        made = meter.CreateCounter<long>(MadeName, unit: "{booking}", description: "Bookings made (new bookings, not moves or idempotent replays).");
        refusals = meter.CreateCounter<long>(RefusalsName, unit: "{refusal}", description: "Bookings, moves and cancellations refused with a 409, by reason and operation.");
    }

    /// <summary>Counts what a booking attempt came to: a booking made, or a refusal with its reason.</summary>
    public void CountBooking(BookingAttempt attempt)
    {
        switch (attempt)
        {
            case BookingAttempt.Booked:
                made.Add(1);
                break;
            case BookingAttempt.Refused refused:
                CountRefusal(refused.Reason, Book);
                break;
        }
    }

    /// <summary>Counts a refused move; a move is not a booking made.</summary>
    public void CountReschedule(BookingAttempt? attempt) => CountChange(Reschedule, attempt);

    /// <summary>Counts a refused cancellation.</summary>
    public void CountCancel(CancelResult? result)
    {
        if (result is { Outcome: not ChangeOutcome.Allowed and var outcome })
        {
            Count(BookingRefusals.Code(outcome), Cancel);
        }
    }

    /// <summary>
    /// Counts a refused change of an existing booking (<paramref name="operation"/>: reschedule, or confirm or decline a
    /// request): the slot's reason, or the booking's state.
    /// </summary>
    public void CountChange(string operation, BookingAttempt? attempt)
    {
        switch (attempt)
        {
            case BookingAttempt.Refused refused:
                CountRefusal(refused.Reason, operation);
                break;
            case BookingAttempt.NotChangeable why:
                Count(BookingRefusals.Code(why.Reason), operation);
                break;
        }
    }

    /// <summary>Counts a refusal decided before the store was asked (a request that names no offered slot).</summary>
    public void CountRefusal(BookingOutcome reason, string operation) => Count(BookingRefusals.Code(reason), operation);

    private void Count(string reason, string operation)
    {
        if (reason == BookingRefusals.Code(BookingOutcome.InviteeLimitReached))
        {
            limits.Hit(InviteeLimitName);
        }

        refusals.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("operation", operation));
    }
}
