using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Tests.Booking;

public sealed class BookingLifecycleTests
{
    private static readonly Instant Start = Instant.FromUtc(2027, 3, 1, 9, 0);
    private static readonly Slot Meeting = new(Start, Start + Duration.FromHours(1));
    private static readonly Duration Tick = Duration.FromTicks(1);

    [Fact]
    public void MayCancel_ActiveBookingBeforeItStarts_IsAllowed() =>
        Assert.Equal(ChangeOutcome.Allowed, BookingLifecycle.MayCancel(BookingStatus.Active, Meeting, Start - Tick));

    [Fact]
    public void MayCancel_MeetingStartingNow_HasBegun() =>
        Assert.Equal(ChangeOutcome.AlreadyBegun, BookingLifecycle.MayCancel(BookingStatus.Active, Meeting, Start));

    [Fact]
    public void MayCancel_MeetingOver_HasBegun() =>
        Assert.Equal(ChangeOutcome.AlreadyBegun, BookingLifecycle.MayCancel(BookingStatus.Active, Meeting, Meeting.End + Tick));

    [Fact]
    public void MayCancel_CancelledBooking_IsAlreadyCancelledEvenBeforeItsTime() =>
        Assert.Equal(ChangeOutcome.AlreadyCancelled, BookingLifecycle.MayCancel(BookingStatus.Cancelled, Meeting, Start - Duration.FromDays(1)));

    [Fact]
    public void MayCancel_CancelledBookingInThePast_SaysCancelledRatherThanBegun() =>
        Assert.Equal(ChangeOutcome.AlreadyCancelled, BookingLifecycle.MayCancel(BookingStatus.Cancelled, Meeting, Meeting.End));

    [Fact]
    public void MayReschedule_ActiveBookingOfAnExistingType_IsAllowed() =>
        Assert.Equal(ChangeOutcome.Allowed, BookingLifecycle.MayReschedule(BookingStatus.Active, Meeting, MeetingType.Default, Start - Tick));

    [Fact]
    public void MayReschedule_TypeDeleted_IsRefusedForThatReason() =>
        Assert.Equal(ChangeOutcome.MeetingTypeDeleted, BookingLifecycle.MayReschedule(BookingStatus.Active, Meeting, null, Start - Tick));

    [Fact]
    public void MayReschedule_BegunAndTypeDeleted_SaysBegunFirst() =>
        Assert.Equal(ChangeOutcome.AlreadyBegun, BookingLifecycle.MayReschedule(BookingStatus.Active, Meeting, null, Start));

    [Fact]
    public void MayReschedule_CancelledBooking_IsAlreadyCancelled() =>
        Assert.Equal(ChangeOutcome.AlreadyCancelled, BookingLifecycle.MayReschedule(BookingStatus.Cancelled, Meeting, MeetingType.Default, Start - Tick));
}
