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

    public const string Pending = "pending";

    public const string Requested = "requested";

    public const string Declined = "declined";

    public const string Expired = "expired";

    public static string ToColumn(BookingStatus status) => status switch
    {
        BookingStatus.Active => Active,
        BookingStatus.Cancelled => Cancelled,
        BookingStatus.Pending => Pending,
        BookingStatus.Requested => Requested,
        BookingStatus.Declined => Declined,
        BookingStatus.Expired => Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a booking status."),
    };

    public static BookingStatus ToStatus(string text) => text switch
    {
        Active => BookingStatus.Active,
        Cancelled => BookingStatus.Cancelled,
        Pending => BookingStatus.Pending,
        Requested => BookingStatus.Requested,
        Declined => BookingStatus.Declined,
        Expired => BookingStatus.Expired,
        _ => throw new InvalidOperationException($"Unknown booking status '{text}' in the database."),
    };

    /// <summary>
    /// The statuses of bookings that are still on: active, and requests awaiting an answer (@active, @pending,
    /// @requested, from <see cref="OpenParameters"/>); cancelled, declined and expired ones are over.
    /// </summary>
    public const string IsOpen = "status IN (@active, @pending, @requested)";

    /// <summary>A request awaiting the owner's answer (<see cref="OpenParameters"/>).</summary>
    public const string AwaitsApproval = "status IN (@pending, @requested)";

    public static (string Name, object Value)[] OpenParameters => [("@active", Active), ("@pending", Pending), ("@requested", Requested)];

    /// <summary><c>@status</c> and <c>@holds_time</c> of a row in <paramref name="status"/>.</summary>
    public static (string Name, object Value)[] Parameters(BookingStatus status) =>
        [("@status", ToColumn(status)), ("@holds_time", status.HoldsTime())];

    /// <summary><c>@cancelled</c>, for reads that tell cancelled bookings from the others.</summary>
    public static (string Name, object Value) CancelledParameter => ("@cancelled", Cancelled);
}
