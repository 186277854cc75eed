namespace Agenda.Api.Bookings;

public static class BookingsRegistration
{
    /// <summary>The booking use cases every door calls (<see cref="BookingService"/>).</summary>
    public static IServiceCollection AddBookings(this IServiceCollection services) => services.AddSingleton<BookingService>();
}
