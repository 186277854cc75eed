namespace Agenda.Api.Owners;

internal static class OwnersRegistration
{
    /// <summary>The owner use cases every door calls (<see cref="OwnerProfile"/>, <see cref="OwnerBranding"/>).</summary>
    public static IServiceCollection AddOwners(this IServiceCollection services) => services.AddSingleton<OwnerProfile>().AddSingleton<OwnerBranding>();
}
