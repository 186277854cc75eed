using Agenda.Scheduling.Booking;

namespace Agenda.Scheduling.Tests.Booking;

public sealed class InviteeAllowanceTests
{
    [Fact]
    public void An_invitee_with_an_email_is_known_by_it_whatever_its_case_or_name()
    {
        Assert.Equal(InviteeAllowance.Identity("Ben", "ben@example.com"), InviteeAllowance.Identity("B. Smith", " BEN@Example.COM "));
    }

    [Fact]
    public void An_invitee_without_an_email_is_known_by_name()
    {
        Assert.Equal(InviteeAllowance.Identity("Ana", null), InviteeAllowance.Identity("Ana", ""));
        Assert.NotEqual(InviteeAllowance.Identity("Ana", null), InviteeAllowance.Identity("Bea", null));
    }

    [Fact]
    public void A_name_never_matches_an_email()
    {
        Assert.NotEqual(InviteeAllowance.Identity("ana@example.com", null), InviteeAllowance.Identity("Ana", "ana@example.com"));
    }

    [Theory]
    [InlineData(0, 1, BookingOutcome.Accepted)]
    [InlineData(9, 10, BookingOutcome.Accepted)]
    [InlineData(10, 10, BookingOutcome.InviteeLimitReached)]
    [InlineData(11, 10, BookingOutcome.InviteeLimitReached)]
    public void An_invitee_may_book_while_they_hold_fewer_than_the_allowance(long active, int max, BookingOutcome expected)
    {
        Assert.Equal(expected, InviteeAllowance.Decide(active, max));
    }

    [Fact]
    public void An_allowance_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InviteeAllowance.Decide(0, 0));
    }
}
