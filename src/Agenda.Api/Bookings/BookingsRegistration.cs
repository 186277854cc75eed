namespace Agenda.Api.Bookings;

internal static class BookingsRegistration
{
    /// <summary>
    /// The booking use cases every door calls: bookings (<see cref="BookingService"/>) and holds (<see cref="SlotHolder"/>);
    /// and the sweep that expires unanswered requests (<see cref="RequestExpiry"/>).
    /// </summary>
    public static IServiceCollection AddBookings(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<BookingMetrics>().AddSingleton<BookingService>().AddSingleton<BookingRequests>().AddSingleton<NoShows>().AddSingleton<PrivateNotes>().AddSingleton<BookingExport>().AddSingleton<SlotHolder>().AddSingleton(HoldOptions.From(configuration))
            .AddSingleton(RequestExpiryOptions.From(configuration)).AddSingleton<RequestExpiry>().AddHostedService(s => s.GetRequiredService<RequestExpiry>());
}
