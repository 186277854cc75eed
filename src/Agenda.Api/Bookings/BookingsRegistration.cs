namespace Agenda.Api.Bookings;

public static class BookingsRegistration
{
    /// <summary>The use cases every door calls: bookings (<see cref="BookingService"/>) and meeting types (<see cref="MeetingTypes.OwnerMeetingTypes"/>).</summary>
    public static IServiceCollection AddBookings(this IServiceCollection services) =>
        services.AddSingleton<BookingService>().AddSingleton<MeetingTypes.OwnerMeetingTypes>();
}
