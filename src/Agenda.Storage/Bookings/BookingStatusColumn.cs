using Agenda.Scheduling.Booking;

namespace Agenda.Storage.Bookings;

/// <summary>
/// How a booking's status is kept in its row, the one place that names the column's texts: <c>status</c> holds the text
/// below, and <c>holds_time</c> beside it the engine's answer for that status (<see cref="BookingStatuses.HoldsTime"/>).
/// The table <c>booking_statuses</c> lists the pairs a row may carry (a foreign key refuses any other, on both
/// databases), and the overlap guard, the partial indexes and every read of the time a booking occupies look at
/// <c>holds_time</c> only. So a new status is a value of the enum, a case here and a row of <c>booking_statuses</c>.
/// </summary>
internal static class BookingStatusColumn
{
    public const string Active = "active";

    public const string Cancelled = "cancelled";

    public static string ToColumn(BookingStatus status) => status switch
    {
        BookingStatus.Active => Active,
        BookingStatus.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a booking status."),
    };

    public static BookingStatus ToStatus(string text) => text switch
    {
        Active => BookingStatus.Active,
        Cancelled => BookingStatus.Cancelled,
        _ => throw new InvalidOperationException($"Unknown booking status '{text}' in the database."),
    };

    /// <summary><c>@status</c> and <c>@holds_time</c> of a row in <paramref name="status"/>.</summary>
    public static (string Name, object Value)[] Parameters(BookingStatus status) =>
        [("@status", ToColumn(status)), ("@holds_time", status.HoldsTime())];

    /// <summary><c>@cancelled</c>, for reads that tell cancelled bookings from the others.</summary>
    public static (string Name, object Value) CancelledParameter => ("@cancelled", Cancelled);
}
