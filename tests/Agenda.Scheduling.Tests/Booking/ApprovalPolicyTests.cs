using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Tests.Booking;

/// <summary>A request's states: which hold time, who may answer until when, and that a request is not moved.</summary>
public sealed class ApprovalPolicyTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 3, 1, 8, 0);
    private static readonly Slot Monday = new(Instant.FromUtc(2027, 3, 8, 9, 0), Instant.FromUtc(2027, 3, 8, 10, 0));

    [Theory]
    [InlineData(true, BookingStatus.Pending)]
    [InlineData(false, BookingStatus.Requested)]
    public void A_request_starts_pending_holding_its_time_or_requested_not_holding_it(bool holdsTime, BookingStatus expected)
    {
        var policy = new ApprovalPolicy(holdsTime, Duration.FromHours(24));

        Assert.Equal(expected, policy.RequestStatus);
        Assert.Equal(holdsTime, policy.RequestStatus.HoldsTime());
        Assert.True(policy.RequestStatus.AwaitsApproval());
        Assert.False(BookingStatus.Declined.HoldsTime());
        Assert.False(BookingStatus.Expired.HoldsTime());
    }

    [Fact]
    public void A_request_expires_after_its_wait_or_when_its_meeting_begins_if_sooner()
    {
        Assert.Equal(Now + Duration.FromHours(24), new ApprovalPolicy(true, Duration.FromHours(24)).ExpiryOf(Monday, Now));
        Assert.Equal(Monday.Start, new ApprovalPolicy(true, Duration.FromDays(30)).ExpiryOf(Monday, Now));
    }

    [Theory]
    [InlineData(BookingStatus.Pending, 0, ChangeOutcome.Allowed)]
    [InlineData(BookingStatus.Requested, 59, ChangeOutcome.Allowed)]
    [InlineData(BookingStatus.Pending, 60, ChangeOutcome.RequestExpired)]
    [InlineData(BookingStatus.Active, 0, ChangeOutcome.AlreadyConfirmed)]
    [InlineData(BookingStatus.Cancelled, 0, ChangeOutcome.AlreadyCancelled)]
    [InlineData(BookingStatus.Declined, 0, ChangeOutcome.AlreadyDeclined)]
    [InlineData(BookingStatus.Expired, 0, ChangeOutcome.RequestExpired)]
    public void Only_a_request_awaiting_an_answer_before_its_expiry_is_answered(BookingStatus status, int minutesLater, ChangeOutcome expected)
    {
        var expiresAt = Now + Duration.FromHours(1);

        Assert.Equal(expected, ApprovalPolicy.MayAnswer(status, expiresAt, Now + Duration.FromMinutes(minutesLater)));
        Assert.Equal(status.AwaitsApproval() && minutesLater >= 60, ApprovalPolicy.IsDue(status, expiresAt, Now + Duration.FromMinutes(minutesLater)));
    }

    [Fact]
    public void A_request_may_be_withdrawn_but_not_moved_and_a_closed_one_neither()
    {
        var type = new Agenda.Scheduling.MeetingTypes.MeetingType(Duration.FromHours(1));

        Assert.Equal(ChangeOutcome.Allowed, BookingLifecycle.MayCancel(BookingStatus.Pending, Monday, Now));
        Assert.Equal(ChangeOutcome.AwaitingApproval, BookingLifecycle.MayReschedule(BookingStatus.Requested, Monday, type, Now));
        Assert.Equal(ChangeOutcome.AlreadyDeclined, BookingLifecycle.MayCancel(BookingStatus.Declined, Monday, Now));
        Assert.Equal(ChangeOutcome.RequestExpired, BookingLifecycle.MayReschedule(BookingStatus.Expired, Monday, type, Now));
    }
}
