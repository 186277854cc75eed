using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Agenda.Api.Platform.Hosting;

internal static class ClockRegistration
{
    /// <summary>
    /// "Now" comes from the registered <see cref="TimeProvider"/>, so tests can fix it. <c>Clock:Offset</c> (a
    /// TimeSpan such as <c>1.00:00:00</c>) runs the service as if it were that much later: to rehearse, on a copy of a
    /// database, what reminders and expiries will do, and for tests that run the service as a separate process. A
    /// value that is not a TimeSpan stops the start with one line that says so.
    /// </summary>
    public static IServiceCollection AddClock(this IServiceCollection services, IConfiguration configuration)
    {
        var offset = configuration["Clock:Offset"];
        if (string.IsNullOrWhiteSpace(offset))
        {
            services.TryAddSingleton(TimeProvider.System);
            return services;
        }

        if (!TimeSpan.TryParse(offset, CultureInfo.InvariantCulture, out var shift))
        {
            throw new StartupException($"Clock:Offset '{offset}' is not a TimeSpan such as 1.00:00:00 (one day) or -00:30:00", null);
        }

        services.TryAddSingleton<TimeProvider>(new ShiftedClock(shift));
        return services;
    }

    /// <summary>Says at start, as a warning, that the service's "now" is not the machine's.</summary>
    public static void WarnWhenShifted(WebApplication app)
    {
        if (app.Services.GetRequiredService<TimeProvider>() is ShiftedClock shifted)
        {
            app.Logger.LogWarning("Clock:Offset is {Offset}: this service runs as if it were {Now:u}. Never set it on a live service.", shifted.Shift, shifted.GetUtcNow());
        }
    }

    public static Instant GetCurrentInstant(this TimeProvider time) => Instant.FromDateTimeOffset(time.GetUtcNow());

    /// <summary>The system's clock moved by a fixed <paramref name="Shift"/>: timers and elapsed times stay the system's.</summary>
    internal sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public TimeSpan Shift => shift;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
