using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Agenda.Api.Platform.Hosting;

internal static class ClockRegistration
{
    /// <summary>"Now" comes from the registered <see cref="TimeProvider"/>, so tests can fix it.</summary>
    public static IServiceCollection AddClock(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static Instant GetCurrentInstant(this TimeProvider time) => Instant.FromDateTimeOffset(time.GetUtcNow());
}
