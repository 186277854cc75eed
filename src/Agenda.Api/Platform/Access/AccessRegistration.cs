namespace Agenda.Api.Platform.Access;

internal static class AccessRegistration
{
    public static IServiceCollection AddOwnerAccess(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(AuthOptions.From(configuration, environment));
        services.AddSingleton<OwnerKeys>();
        return services;
    }
}
