namespace Agenda.Api.Availability;

internal static class AvailabilityRegistration
{
    /// <summary>The availability use cases every door calls (<see cref="OwnerAvailability"/>).</summary>
    public static IServiceCollection AddAvailability(this IServiceCollection services) => services.AddSingleton<OwnerAvailability>();
}
