using Agenda.Scheduling.Booking;
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
/// owner's calendar (null: no limit). A class with seats counts once a day, however many seats are taken.</item>
/// <item><see cref="Limits"/>: how many of this type's bookings (or minutes of its meetings) a day, week, month or year
/// may hold (<see cref="BookingLimits"/>); the daily count is <see cref="MaxPerDay"/>.</item>
/// <item><see cref="Seats"/>: how many invitees one slot takes, each with a booking of their own (null: one). The first
/// seat's booking opens the slot, which stays offered at exactly that time until its seats are taken; it blocks time like
/// one booking (<see cref="SeatCount"/>).</item>
/// </list>
/// Every duration is a whole number of minutes (the horizon a whole number of days); the meeting, the step and each
/// buffer last at most <see cref="MaxLength"/>, so one booking never blocks more than <see cref="MaxBlockedSpan"/>.
/// Storage relies on that bound to read only the bookings near the dates it is asked about.
/// </summary>
public sealed record MeetingType
{
    // Declared before Default, which is checked against them.
    /// <summary>The longest meeting, step and buffer: one day.</summary>
    public static readonly Duration MaxLength = Duration.FromDays(1);

    /// <summary>The longest time one booking can block: a meeting of <see cref="MaxLength"/> with a buffer of that length on each side.</summary>
    public static readonly Duration MaxBlockedSpan = MaxLength * 3;

    /// <summary>The most seats one slot may offer.</summary>
    public const int MaxSeats = 1000;

    /// <summary>What the documented API offers: one-hour meetings, one hour apart, no buffers, no notice, no limits.</summary>
    public static readonly MeetingType Default = new(SlotShape.OneHour.Length, SlotShape.OneHour.Step);

    public MeetingType(
        Duration length,
        Duration? step = null,
        Duration? bufferBefore = null,
        Duration? bufferAfter = null,
        Duration? minimumNotice = null,
        Duration? horizon = null,
        int? maxPerDay = null,
        int? seats = null,
        BookingLimits? limits = null)
    {
        Shape = new SlotShape(
            WholeMinutes(AtMostADay(length, nameof(length)), nameof(length)),
            WholeMinutes(AtMostADay(step ?? length, nameof(step)), nameof(step)));
        BufferBefore = WholeMinutes(AtMostADay(NotNegative(bufferBefore ?? Duration.Zero, nameof(bufferBefore)), nameof(bufferBefore)), nameof(bufferBefore));
        BufferAfter = WholeMinutes(AtMostADay(NotNegative(bufferAfter ?? Duration.Zero, nameof(bufferAfter)), nameof(bufferAfter)), nameof(bufferAfter));
        MinimumNotice = WholeMinutes(NotNegative(minimumNotice ?? Duration.Zero, nameof(minimumNotice)), nameof(minimumNotice));
        if (horizon is { } h && (h <= Duration.Zero || h.NanosecondOfDay != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), h, "A horizon must be a positive whole number of days.");
        }

        Horizon = horizon;
        if (maxPerDay is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerDay), maxPerDay, "A daily cap must allow at least one booking.");
        }

        Limits = maxPerDay is null ? limits ?? BookingLimits.None : (limits ?? BookingLimits.None).WithPerDay(maxPerDay);
        if (seats is < 2 or > MaxSeats)
        {
            throw new ArgumentOutOfRangeException(nameof(seats), seats, "Seats must be between 2 and 1000 (null: one invitee per slot).");
        }

        Seats = seats;
    }

    public SlotShape Shape { get; }

    public Duration Length => Shape.Length;

    public Duration Step => Shape.Step;

    public Duration BufferBefore { get; }

    public Duration BufferAfter { get; }

    public Duration MinimumNotice { get; }

    public Duration? Horizon { get; }

    /// <summary>The daily cap: <see cref="Limits"/>' count per day.</summary>
    public int? MaxPerDay => Limits.PerDay;

    /// <summary>How much of this type may be booked per day, week, month and year (the daily count is <see cref="MaxPerDay"/>).</summary>
    public BookingLimits Limits { get; }

    /// <summary>How many invitees share one slot; null for one booking per slot.</summary>
    public int? Seats { get; }

    /// <summary>
    /// Which of the owner's named schedules gives this type's hours; null for the owner's default hours. The engine does not
    /// read it: storage reads that schedule's plan into the <see cref="OwnerSchedule"/> a decision is made over.
    /// </summary>
    public string? Schedule { get; init; }

    /// <summary>
    /// The same rules for a meeting of another <paramref name="length"/> (a type that offers several lengths): the step,
    /// buffers, notice, horizon, limits, seats and schedule stay.
    /// </summary>
    public MeetingType WithLength(Duration length) =>
        length == Length ? this : new MeetingType(length, Step, BufferBefore, BufferAfter, MinimumNotice, Horizon, MaxPerDay, Seats, Limits) { Schedule = Schedule };

    /// <summary>The slot of this type that starts at <paramref name="start"/>: it lasts <see cref="Length"/>.</summary>
    public Slot SlotAt(Instant start) => new(start, start + Length);

    /// <summary>The time a meeting in <paramref name="slot"/> keeps others away from: the slot with its buffers.</summary>
    public Interval Blocks(Slot slot) => new(slot.Start - BufferBefore, slot.End + BufferAfter);

    /// <summary>
    /// Where a booking's blocked time must lie to matter to the slots of this type that start inside
    /// <paramref name="starts"/> (a date's span): overlapping some slot's blocked time, or starting its meeting in it (which
    /// the daily cap counts). A booking outside it changes none of those slots.
    /// </summary>
    public Interval ReachOf(Interval starts) => new(starts.Start - BufferBefore, starts.End + Length + BufferAfter);

    private const long NanosecondsPerMinute = 60_000_000_000;

    private static Duration AtMostADay(Duration value, string name) =>
        value <= MaxLength ? value : throw new ArgumentOutOfRangeException(name, value, "Must be at most one day.");

    private static Duration WholeMinutes(Duration value, string name) =>
        value.ToInt64Nanoseconds() % NanosecondsPerMinute == 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be a whole number of minutes.");

    private static Duration NotNegative(Duration value, string name) =>
        value >= Duration.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "Must not be negative.");
}
