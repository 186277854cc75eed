namespace Agenda.Api.Availability;

internal static class AvailabilityRegistration
{
    /// <summary>The availability use cases every door calls (<see cref="OwnerAvailability"/>, <see cref="OwnerBookingLimits"/>, <see cref="OwnerSchedules"/>).</summary>
    public static IServiceCollection AddAvailability(this IServiceCollection services) =>
        services.AddSingleton<OwnerAvailability>().AddSingleton<OwnerBookingLimits>().AddSingleton<OwnerSchedules>().AddSingleton<OwnerTravel>();
}
