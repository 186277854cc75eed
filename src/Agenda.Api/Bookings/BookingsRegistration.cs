namespace Agenda.Api.Bookings;

internal static class BookingsRegistration
{
    /// <summary>The booking use cases every door calls: bookings (<see cref="BookingService"/>) and holds (<see cref="SlotHolder"/>).</summary>
    public static IServiceCollection AddBookings(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<BookingMetrics>().AddSingleton<BookingService>().AddSingleton<SlotHolder>().AddSingleton(HoldOptions.From(configuration));
}
