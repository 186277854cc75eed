using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Tests.Booking;

/// <summary>How late an invitee may cancel or move: until exactly the notice before the start, not a tick later.</summary>
public sealed class InviteeChangePolicyTests
{
    private static readonly Instant Start = Instant.FromUtc(2027, 3, 1, 9, 0);
    private static readonly Slot Meeting = new(Start, Start + Duration.FromHours(1));
    private static readonly Duration Tick = Duration.FromTicks(1);
    private static readonly InviteeChangePolicy DayAhead = new(Duration.FromDays(1), Duration.FromHours(2));

    [Fact]
    public void Anytime_allows_every_change_and_asks_no_reason() =>
        Assert.Equal(ChangeOutcome.Allowed, InviteeChangePolicy.Anytime.MayCancel(Meeting, Start - Tick, reason: null));

    [Fact]
    public void A_cancel_exactly_at_the_notice_is_allowed_and_a_tick_later_is_too_late()
    {
        Assert.Equal(ChangeOutcome.Allowed, DayAhead.MayCancel(Meeting, Start - Duration.FromDays(1), null));
        Assert.Equal(ChangeOutcome.TooLateForInvitee, DayAhead.MayCancel(Meeting, Start - Duration.FromDays(1) + Tick, null));
    }

    [Fact]
    public void Moving_has_its_own_notice()
    {
        Assert.Equal(ChangeOutcome.Allowed, DayAhead.MayReschedule(Meeting, Start - Duration.FromHours(2)));
        Assert.Equal(ChangeOutcome.TooLateForInvitee, DayAhead.MayReschedule(Meeting, Start - Duration.FromHours(2) + Tick));
        Assert.Equal(ChangeOutcome.TooLateForInvitee, DayAhead.MayCancel(Meeting, Start - Duration.FromHours(3), null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_required_reason_must_be_given(string? reason) =>
        Assert.Equal(ChangeOutcome.ReasonRequired, new InviteeChangePolicy(ReasonRequired: true).MayCancel(Meeting, Start - Tick, reason));

    [Fact]
    public void Too_late_is_said_before_a_missing_reason() =>
        Assert.Equal(ChangeOutcome.TooLateForInvitee, new InviteeChangePolicy(Duration.FromHours(1), ReasonRequired: true).MayCancel(Meeting, Start - Tick, null));
}
