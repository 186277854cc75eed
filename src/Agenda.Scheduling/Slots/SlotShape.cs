using NodaTime;

namespace Agenda.Scheduling.Slots;

/// <summary>
/// How slots are cut from availability: each lasts <see cref="Length"/>, and consecutive starts lie
/// <see cref="Step"/> apart in wall-clock time, counted from the start of each window.
/// </summary>
public sealed record SlotShape
{
    /// <summary>The shape of the documented API: one-hour slots, one hour apart.</summary>
    public static readonly SlotShape OneHour = new(Duration.FromHours(1), Duration.FromHours(1));

    public SlotShape(Duration length, Duration step)
    {
        if (length <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A slot must last longer than zero.");
        }

        if (step <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "Slot starts must be a positive step apart.");
        }

        Length = length;
        Step = step;
    }

    public Duration Length { get; }

    public Duration Step { get; }
}
