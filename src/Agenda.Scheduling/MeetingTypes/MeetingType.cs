using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.MeetingTypes;

/// <summary>
/// The booking rules of one kind of meeting an owner offers (an "event type").
/// <list type="bullet">
/// <item><see cref="Length"/>: how long the meeting lasts; <see cref="Step"/>: how far apart slot starts are.</item>
/// <item><see cref="BufferBefore"/> and <see cref="BufferAfter"/>: time a booking also blocks around itself.
/// A slot is offered only if its blocked time overlaps no other booking's blocked time, so a 10-minute
/// after-buffer and a 10-minute before-buffer keep two meetings 20 minutes apart. Buffers may reach outside
/// availability; the meeting itself may not.</item>
/// <item><see cref="MinimumNotice"/>: no slot starts sooner than this after now.</item>
/// <item><see cref="Horizon"/>: no slot starts later than this after now (null: no limit).</item>
/// <item><see cref="MaxPerDay"/>: at most this many active bookings of this type start on one date of the
/// owner's calendar (null: no limit).</item>
/// </list>
/// </summary>
public sealed record MeetingType
{
    /// <summary>What the documented API offers: one-hour meetings, one hour apart, no buffers, no notice, no limits.</summary>
    public static readonly MeetingType Default = new(SlotShape.OneHour.Length, SlotShape.OneHour.Step);

    public MeetingType(
        Duration length,
        Duration? step = null,
        Duration? bufferBefore = null,
        Duration? bufferAfter = null,
        Duration? minimumNotice = null,
        Duration? horizon = null,
        int? maxPerDay = null)
    {
        Shape = new SlotShape(length, step ?? length);
        BufferBefore = NotNegative(bufferBefore ?? Duration.Zero, nameof(bufferBefore));
        BufferAfter = NotNegative(bufferAfter ?? Duration.Zero, nameof(bufferAfter));
        MinimumNotice = NotNegative(minimumNotice ?? Duration.Zero, nameof(minimumNotice));
        Horizon = horizon is { } h ? NotNegative(h, nameof(horizon)) : null;
        if (maxPerDay is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerDay), maxPerDay, "A daily cap must allow at least one booking.");
        }

        MaxPerDay = maxPerDay;
    }

    public SlotShape Shape { get; }

    public Duration Length => Shape.Length;

    public Duration Step => Shape.Step;

    public Duration BufferBefore { get; }

    public Duration BufferAfter { get; }

    public Duration MinimumNotice { get; }

    public Duration? Horizon { get; }

    public int? MaxPerDay { get; }

    /// <summary>The time a meeting in <paramref name="slot"/> keeps others away from: the slot with its buffers.</summary>
    public Interval Blocks(Slot slot) => new(slot.Start - BufferBefore, slot.End + BufferAfter);

    private static Duration NotNegative(Duration value, string name) =>
        value >= Duration.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "Must not be negative.");
}
