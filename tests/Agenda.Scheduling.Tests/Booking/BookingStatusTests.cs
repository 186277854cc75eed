using Agenda.Scheduling.Booking;

namespace Agenda.Scheduling.Tests.Booking;

public sealed class BookingStatusTests
{
    [Fact]
    public void An_active_booking_holds_its_time() => Assert.True(BookingStatus.Active.HoldsTime());

    [Fact]
    public void A_cancelled_booking_holds_no_time() => Assert.False(BookingStatus.Cancelled.HoldsTime());

    [Fact]
    public void Every_status_says_whether_it_holds_time()
    {
        foreach (var status in Enum.GetValues<BookingStatus>())
        {
            var exception = Record.Exception(() => status.HoldsTime());

            Assert.Null(exception);
        }
    }

    [Fact]
    public void A_value_that_is_no_status_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((BookingStatus)42).HoldsTime());
}
