namespace Agenda.Api.Bookings;

public static class BookingsRegistration
{
    /// <summary>The use cases every door calls: bookings (<see cref="BookingService"/>), meeting types, availability and the owner's profile.</summary>
    public static IServiceCollection AddBookings(this IServiceCollection services) =>
        services.AddSingleton<BookingService>().AddSingleton<MeetingTypes.OwnerMeetingTypes>().AddSingleton<Availability.OwnerAvailability>()
            .AddSingleton<Owners.OwnerProfile>();
}
