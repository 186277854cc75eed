namespace Agenda.Scheduling.Booking;

/// <summary>Where a booking stands. Only an active booking holds its time; a cancelled one stays readable.</summary>
public enum BookingStatus
{
    Active,
    Cancelled,
}
