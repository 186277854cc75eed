namespace Agenda.Api.Owners;

internal static class OwnersRegistration
{
    /// <summary>The owner use cases every door calls (<see cref="OwnerProfile"/>).</summary>
    public static IServiceCollection AddOwners(this IServiceCollection services) => services.AddSingleton<OwnerProfile>();
}
