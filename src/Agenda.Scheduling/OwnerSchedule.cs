using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Zones;
using NodaTime;

namespace Agenda.Scheduling;

/// <summary>
/// What decides an owner's slots: their zone, their availability plan and their active bookings.
/// Storage may pass more plan entries and bookings than a question needs; the answers do not change.
/// A slot belongs to the owner's calendar date on which its local start falls.
/// </summary>
public sealed record OwnerSchedule(DateTimeZone Zone, AvailabilityPlan Plan, IReadOnlyList<ExistingBooking> Bookings)
{
    /// <summary>
    /// The owner's limits across all their meeting types, team bookings included (<see cref="BookingLimits"/>). Counting
    /// them, or a type's limits beyond a day, needs every booking of the periods they count over: storage reads those.
    /// </summary>
    public BookingLimits Limits { get; init; } = BookingLimits.None;

    /// <summary>The day the owner's weeks start on, for weekly limits.</summary>
    public IsoDayOfWeek FirstDayOfWeek { get; init; } = IsoDayOfWeek.Monday;

    /// <summary>
    /// The zones the plan's hours are in, date by date, when they are not the owner's <see cref="Zone"/> (a schedule of its
    /// own zone, or an owner travelling); null when every date's hours are in the owner's zone. A slot still belongs to
    /// the owner's date on which it starts, and the daily cap and the limits still count the owner's dates.
    /// </summary>
    public HoursZones? HoursIn { get; init; }

    /// <summary>
    /// The free slots of <paramref name="type"/> that start on <paramref name="date"/>, sorted by start,
    /// before the clock is applied: inside availability, blocked time clear of every booking's blocked time,
    /// and none at all once the type's daily cap is reached. This is what a cache may keep.
    /// </summary>
    public IReadOnlyList<Slot> FreeSlotsOn(LocalDate date, MeetingType type, string typeKey)
    {
        if (type.Seats is null || SeatsOf(type, typeKey) is not { AnyOpen: true } seats)
        {
            return DailyLimitReached(date, type, typeKey) || FirstLimitReached(date, type, typeKey) is not null ? [] : BusyTime.FreeOf(GridOn(date, type.Shape), Busy(), type.Blocks);
        }

        // A type with seats: a slot whose seats are partly taken stays offered at exactly its time, as long as nothing else
        // has come to overlap it; any other slot must be clear of it, as of every booking. Joining a class adds no meeting
        // to the day, so the daily cap leaves those slots offered.
        var capReached = DailyLimitReached(date, type, typeKey) || FirstLimitReached(date, type, typeKey) is not null;
        var free = BusyTime.FreeOf(GridOn(date, type.Shape), seats.BusyOthers, type.Blocks);
        return [.. free.Where(slot => seats.OpenAt(slot, type, typeKey) is not null || (!capReached && !BusyTime.Overlaps(seats.OpenBlocked, type.Blocks(slot))))];
    }

    /// <summary>
    /// The seats of the slot of <paramref name="type"/> at exactly <paramref name="slot"/>, when some are taken (by
    /// bookings or holds); null when none are, or the type has no seats. A booking accepted there takes one of them.
    /// </summary>
    public SeatCount? SeatsAt(Slot slot, MeetingType type, string typeKey) =>
        type.Seats is null ? null : SeatsOf(type, typeKey).At(slot, type, typeKey)?.Seats;

    /// <summary>How many seats of <paramref name="slot"/> are left to book; null for a type without seats.</summary>
    public int? SeatsLeft(Slot slot, MeetingType type, string typeKey) =>
        type.Seats is not { } capacity ? null : SeatsAt(slot, type, typeKey)?.Left ?? capacity;

    /// <summary>
    /// The slots of <paramref name="type"/> that start inside <paramref name="range"/> and can be booked at
    /// <paramref name="now"/>, sorted by start.
    /// </summary>
    public IReadOnlyList<Slot> FreeSlots(Interval range, MeetingType type, string typeKey, Instant now)
    {
        var slots = new List<Slot>();
        foreach (var date in CalendarDates.Covering(range, Zone))
        {
            foreach (var slot in FreeSlotsOn(date, type, typeKey))
            {
                if (range.Contains(slot.Start))
                {
                    slots.Add(slot);
                }
            }
        }

        return slots.Bookable(type, now).ToList();
    }

    /// <summary>
    /// Decides a booking request: accepted exactly when <paramref name="requested"/> is one of the slots
    /// that <see cref="FreeSlots"/> would offer at <paramref name="now"/>; otherwise the first reason that applies,
    /// in the order: not a slot of the availability, in the past, too soon, beyond the horizon, daily cap, another limit of
    /// the type's or the owner's (<see cref="BookingLimits"/>), taken. A seat
    /// of a slot whose seats are partly taken is taken only when something else has come to overlap it.
    /// </summary>
    public BookingOutcome Decide(Slot requested, MeetingType type, string typeKey, Instant now)
    {
        var date = requested.Start.InZone(Zone).Date;
        if (!GridOn(date, type.Shape).Contains(requested))
        {
            return InsideHours(requested, date) ? BookingOutcome.NotOnSlotGrid : BookingOutcome.OutsideAvailability;
        }

        if (requested.Start < now)
        {
            return BookingOutcome.InThePast;
        }

        if (requested.Start < now + type.MinimumNotice)
        {
            return BookingOutcome.TooSoon;
        }

        if (type.Horizon is { } horizon && requested.Start > now + horizon)
        {
            return BookingOutcome.BeyondHorizon;
        }

        if (type.Seats is not null && SeatsOf(type, typeKey) is { AnyOpen: true } seats && seats.OpenAt(requested, type, typeKey) is not null)
        {
            // A seat of a class that has begun to fill: it must still be clear of everything else.
            return BusyTime.Overlaps(seats.BusyOthers, type.Blocks(requested)) ? BookingOutcome.Taken : BookingOutcome.Accepted;
        }

        if (DailyLimitReached(date, type, typeKey))
        {
            return BookingOutcome.DailyLimitReached;
        }

        if (FirstLimitReached(date, type, typeKey) is not null)
        {
            return BookingOutcome.LimitReached;
        }

        return Collides(type.Blocks(requested)) ? BookingOutcome.Taken : BookingOutcome.Accepted;
    }

    /// <summary>
    /// Every reason <paramref name="requested"/> is not offered at <paramref name="now"/>, in the order
    /// <see cref="Decide"/> checks them: not a slot of the hours (outside them, or off the grid), in the past (or else too
    /// soon), beyond the horizon, the daily cap, every other limit reached, and each booking, hold or busy time in the way. Empty exactly when Decide
    /// accepts; otherwise the first reason's <see cref="Unavailable.Outcome"/> is Decide's answer. Unlike Decide, it goes
    /// on past the first reason, so an owner sees all that would have to change.
    /// </summary>
    public IReadOnlyList<Unavailable> Explain(Slot requested, MeetingType type, string typeKey, Instant now)
    {
        ArgumentNullException.ThrowIfNull(type);
        var reasons = new List<Unavailable>();
        var date = requested.Start.InZone(Zone).Date;
        if (!GridOn(date, type.Shape).Contains(requested))
        {
            reasons.Add(InsideHours(requested, date) ? new Unavailable.OffGrid(type.Step) : OutsideHours(requested, date));
        }

        if (requested.Start < now)
        {
            reasons.Add(new Unavailable.Past());
        }
        else if (requested.Start < now + type.MinimumNotice)
        {
            reasons.Add(new Unavailable.Notice(type.MinimumNotice, now + type.MinimumNotice));
        }

        if (type.Horizon is { } horizon && requested.Start > now + horizon)
        {
            reasons.Add(new Unavailable.BeyondHorizon(horizon, now + horizon));
        }

        var blocked = type.Blocks(requested);
        if (type.Seats is not null && SeatsOf(type, typeKey) is { AnyOpen: true } seats && seats.OpenAt(requested, type, typeKey) is not null)
        {
            // A seat of a class that has begun to fill: only what is not an open class of the type can be in its way, and the
            // daily cap does not count it.
            reasons.AddRange(Bookings
                .Where(b => Overlap(b.Blocked, blocked) && !(b.HasSeatLeft && b.MeetingTypeKey == typeKey && b.Meeting.Duration == type.Length))
                .Select(b => new Unavailable.Blocked(b)));
            return reasons;
        }

        if (DailyLimitReached(date, type, typeKey))
        {
            reasons.Add(new Unavailable.DailyCap(type.MaxPerDay!.Value, BookedPerDay()[(typeKey, date)]));
        }

        reasons.AddRange(LimitsReached(date, type, typeKey));

        reasons.AddRange(Bookings.Where(b => Overlap(b.Blocked, blocked)).Select(b => new Unavailable.Blocked(b)));
        return reasons;

        // Half-open, as BusyTime reads blocked times: touching is no overlap.
        static bool Overlap(Interval a, Interval b) => a.Start < b.End && b.Start < a.End;
    }

    /// <summary>
    /// The schedule as it would be without the bookings whose meetings are <paramref name="meetings"/>: what moving those
    /// bookings is decided over, so each may move onto time the others leave. Bookings that hold time never overlap, so a
    /// meeting's time names its booking (the seats of one slot are one entry, and go together).
    /// </summary>
    public OwnerSchedule Without(IReadOnlyCollection<Interval> meetings)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        return meetings.Count == 0 ? this : this with { Bookings = [.. Bookings.Where(b => !meetings.Contains(b.Meeting))] };
    }

    /// <summary>The schedule with <paramref name="booking"/> added: what a later meeting of the same series is decided over.</summary>
    public OwnerSchedule With(ExistingBooking booking) =>
        this with { Bookings = [.. Bookings.Append(booking).OrderBy(b => b.Blocked.Start)] };

    /// <summary>
    /// Whether a booking of <paramref name="type"/> can change what a limit allows on other dates than its own (a limit
    /// over a week, month or year, the type's or the owner's): then the meetings of a series count against each other.
    /// </summary>
    public bool CountsAcrossDates(MeetingType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Limits.Longest > LimitPeriod.Day || Limits.Longest > LimitPeriod.Day;
    }

    private bool Collides(Interval blocked) => BusyTime.Overlaps(Busy(), blocked);

    /// <summary>
    /// The slots of the plan's grid that start on the owner's <paramref name="date"/>. With hours in the owner's zone,
    /// those cut from the date's own windows. With hours in other zones (<see cref="HoursIn"/>), each date's windows are
    /// cut in that date's zone, as the hours say, and the slots starting on the owner's date are kept, whichever date of
    /// the hours they come from: two dates either side reach every zone's offset from the owner's.
    /// </summary>
    private IReadOnlyList<Slot> GridOn(LocalDate date, SlotShape shape)
    {
        if (HoursIn is null)
        {
            return SlotGrid.Cut(Plan.WindowsOn(date), Zone, shape);
        }

        var slots = new List<Slot>();
        foreach (var (_, windows, zone) in HoursAround(date))
        {
            foreach (var slot in SlotGrid.Cut(windows, zone, shape))
            {
                if (slot.Start.InZone(Zone).Date == date)
                {
                    slots.Add(slot);
                }
            }
        }

        // Dates of the hours come in order, and so do their slots but where hours in two zones meet.
        slots.Sort((a, b) => a.Start.CompareTo(b.Start));
        return slots.Distinct().ToList();
    }

    /// <summary>The dates of the hours whose slots may start on the owner's <paramref name="date"/>, each with its windows and zone.</summary>
    private IEnumerable<(LocalDate Date, IReadOnlyList<LocalWindow> Windows, DateTimeZone Zone)> HoursAround(LocalDate date)
    {
        for (var hoursDate = date.PlusDays(-2); hoursDate <= date.PlusDays(2); hoursDate = hoursDate.PlusDays(1))
        {
            var zone = HoursIn!.On(hoursDate);
            yield return (hoursDate, Plan.WindowsOn(hoursDate, throughMidnight: HoursIn.On(hoursDate.PlusDays(1)) == zone), zone);
        }
    }

    /// <summary>Whether <paramref name="requested"/> lies inside the hours (of the owner's <paramref name="date"/>, or of any date around it when the hours are in other zones).</summary>
    private bool InsideHours(Slot requested, LocalDate date) =>
        HoursIn is null
            ? Plan.WindowsOn(date).Any(w => requested.LiesWithin(ZoneMapping.ToInterval(w, Zone)))
            : HoursAround(date).Any(h => h.Windows.Any(w => requested.LiesWithin(ZoneMapping.ToInterval(w, h.Zone))));

    /// <summary>
    /// Why a time outside the hours is: the hours of its date. With hours in other zones, those of the last date of the
    /// hours that has begun at that time, in that date's zone: the date the time falls on, or, when the owner's travel
    /// skips from one zone's midnight to a later one, the date before.
    /// </summary>
    private Unavailable.OutsideHours OutsideHours(Slot requested, LocalDate date)
    {
        if (HoursIn is null)
        {
            return new Unavailable.OutsideHours(Plan.WindowsOn(date), Plan.HasOverrideOn(date));
        }

        var hours = HoursAround(date).Last(h => h.Date.AtStartOfDayInZone(h.Zone).ToInstant() <= requested.Start);
        return hours.Zone == Zone
            ? new Unavailable.OutsideHours(hours.Windows, Plan.HasOverrideOn(hours.Date))
            : new Unavailable.OutsideHours(hours.Windows, Plan.HasOverrideOn(hours.Date)) { Date = hours.Date, In = hours.Zone };
    }

    /// <summary>
    /// The hours of the owner's <paramref name="date"/> as the owner reads them, in their zone, and whether a date override
    /// gives them: what a calendar of the owner's days shows. With hours in other zones, every date of the hours that
    /// reaches the owner's date gives the part of its windows inside that date, in the owner's wall-clock time (a part
    /// shorter than a clock change going back, which has no forward reading, is left out).
    /// </summary>
    public (IReadOnlyList<LocalWindow> Hours, bool FromOverride) HoursOn(LocalDate date)
    {
        if (HoursIn is null)
        {
            return (Plan.WindowsOn(date), Plan.HasOverrideOn(date));
        }

        var day = CalendarDates.Span(new DateInterval(date, date), Zone);
        var hours = new List<LocalWindow>();
        var fromOverride = false;
        foreach (var (hoursDate, windows, zone) in HoursAround(date))
        {
            var before = hours.Count;
            foreach (var window in windows)
            {
                var interval = ZoneMapping.ToInterval(window, zone);
                var (start, end) = (Instant.Max(interval.Start, day.Start), Instant.Min(interval.End, day.End));
                var (localStart, localEnd) = (start.InZone(Zone).LocalDateTime, end.InZone(Zone).LocalDateTime);
                if (start < end && localStart < localEnd)
                {
                    hours.Add(new LocalWindow(localStart, localEnd));
                }
            }

            fromOverride |= (hours.Count > before || (hoursDate == date && zone == Zone)) && Plan.HasOverrideOn(hoursDate);
        }

        return ([.. hours.OrderBy(h => h.Start)], fromOverride);
    }

    /// <summary>
    /// Whether <paramref name="blocked"/> overlaps no booking, hold or busy time: what confirming a request that did not
    /// hold its time needs (the owner confirms it knowingly, so notice, horizon and daily cap no longer apply).
    /// </summary>
    public bool IsClear(Interval blocked) => !Collides(blocked);

    /// <summary>Whether <paramref name="booking"/> is the seats of <paramref name="type"/>'s slot at exactly <paramref name="slot"/>, buffers included.</summary>
    private static bool IsSeatSlot(ExistingBooking booking, Slot slot, MeetingType type, string typeKey) =>
        booking.MeetingTypeKey == typeKey && booking.Meeting == new Interval(slot.Start, slot.End) && booking.Blocked == type.Blocks(slot);

    /// <summary>
    /// The seats of one meeting type in this schedule, derived in one pass over the bookings and kept for the last type
    /// asked about, so a month's search or a decision looks each slot up instead of walking every booking again.
    /// </summary>
    private SeatsOfType SeatsOf(MeetingType type, string typeKey)
    {
        if (seatsOfType is { } cached && ReferenceEquals(cached.From, Bookings) && cached.TypeKey == typeKey && cached.Length == type.Length)
        {
            return cached;
        }

        var byStart = new Dictionary<Instant, ExistingBooking>();
        var openBlocked = new List<Interval>();
        var others = new List<Interval>(Bookings.Count);
        foreach (var booking in Bookings)
        {
            if (booking.Seats is not null && booking.MeetingTypeKey == typeKey)
            {
                // Bookings that hold time are disjoint, so no two seat slots of one type start together.
                byStart[booking.Meeting.Start] = booking;
            }

            if (booking.HasSeatLeft && booking.MeetingTypeKey == typeKey && booking.Meeting.Duration == type.Length)
            {
                openBlocked.Add(booking.Blocked);
            }
            else
            {
                others.Add(booking.Blocked);
            }
        }

        openBlocked.Sort((a, b) => a.Start.CompareTo(b.Start));
        var seats = new SeatsOfType(Bookings, typeKey, type.Length, byStart, openBlocked, openBlocked.Count == 0 ? Busy() : BusyTime.Merge(others));
        seatsOfType = seats;
        return seats;
    }

    private SeatsOfType? seatsOfType;

    /// <summary>
    /// A type's seat slots by start; the blocked times of those with seats left (sorted, disjoint); and the time every
    /// other booking blocks, merged.
    /// </summary>
    private sealed record SeatsOfType(
        IReadOnlyList<ExistingBooking> From, string TypeKey, Duration Length, Dictionary<Instant, ExistingBooking> ByStart, List<Interval> OpenBlocked, IReadOnlyList<Interval> BusyOthers)
    {
        public bool AnyOpen => OpenBlocked.Count > 0;

        /// <summary>The seat slot of the type at exactly <paramref name="slot"/>, full or not.</summary>
        public ExistingBooking? At(Slot slot, MeetingType type, string typeKey) =>
            ByStart.TryGetValue(slot.Start, out var booking) && IsSeatSlot(booking, slot, type, typeKey) ? booking : null;

        /// <summary>The seat slot at exactly <paramref name="slot"/> when it has seats left.</summary>
        public ExistingBooking? OpenAt(Slot slot, MeetingType type, string typeKey) =>
            At(slot, type, typeKey) is { HasSeatLeft: true } booking && booking.Meeting.Duration == Length ? booking : null;
    }

    /// <summary>The first limit a booking of <paramref name="type"/> on <paramref name="date"/> would go beyond, in the order <see cref="LimitsReached"/> gives them; null when none.</summary>
    private Unavailable.LimitReached? FirstLimitReached(LocalDate date, MeetingType type, string typeKey) =>
        type.Limits.All.Count == 0 && Limits.IsNone ? null : LimitsReached(date, type, typeKey).FirstOrDefault();

    /// <summary>
    /// Every limit a booking of <paramref name="type"/> on <paramref name="date"/> would go beyond: the type's own (but its
    /// daily count, which <see cref="DailyLimitReached"/> checks), then the owner's across types; each shortest period
    /// first, a count before minutes.
    /// </summary>
    private IEnumerable<Unavailable.LimitReached> LimitsReached(LocalDate date, MeetingType type, string typeKey)
    {
        foreach (var (limit, acrossTypes) in type.Limits.All.Where(l => l.Period != LimitPeriod.Day || l.Minutes).Select(l => (l, false))
            .Concat(Limits.All.Select(l => (l, true))))
        {
            var period = LimitPeriods.Containing(date, limit.Period, FirstDayOfWeek);
            var (count, minutes) = Tally(acrossTypes ? null : typeKey, period);
            var reached = limit.Minutes ? minutes + (long)type.Length.TotalMinutes > limit.Max : count >= limit.Max;
            if (reached)
            {
                yield return new Unavailable.LimitReached(limit, acrossTypes, period, count, minutes);
            }
        }
    }

    /// <summary>
    /// How many bookings (and holds) start in <paramref name="period"/> of the owner's calendar, and how many minutes their
    /// meetings last: those of the type <paramref name="typeKey"/>, or every type's when null. A class with seats counts
    /// once; calendars' busy times never count.
    /// </summary>
    private (int Count, long Minutes) Tally(string? typeKey, DateInterval period)
    {
        var perDay = TallyPerDay();
        var count = 0;
        var minutes = 0L;
        if (period.Length > perDay.Count)
        {
            foreach (var ((key, date), (c, m)) in perDay)
            {
                if ((typeKey is null || key == typeKey) && period.Contains(date))
                {
                    count += c;
                    minutes += m;
                }
            }

            return (count, minutes);
        }

        foreach (var date in period)
        {
            foreach (var key in typeKey is null ? tallyKeys! : [typeKey])
            {
                if (perDay.TryGetValue((key, date), out var day))
                {
                    count += day.Count;
                    minutes += day.Minutes;
                }
            }
        }

        return (count, minutes);
    }

    private (IReadOnlyList<ExistingBooking> From, DateTimeZone Zone, Dictionary<(string TypeKey, LocalDate Date), (int Count, long Minutes)> PerDay)? tallyPerDay;
    private HashSet<string>? tallyKeys;

    /// <summary>The bookings and holds of each type that start on each date of the owner's calendar, and their minutes.</summary>
    private Dictionary<(string TypeKey, LocalDate Date), (int Count, long Minutes)> TallyPerDay()
    {
        if (tallyPerDay is not { } cached || !ReferenceEquals(cached.From, Bookings) || cached.Zone != Zone)
        {
            var perDay = new Dictionary<(string, LocalDate), (int Count, long Minutes)>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var booking in Bookings)
            {
                if (booking.Kind is BlockKind.Booking or BlockKind.Hold)
                {
                    var key = (booking.MeetingTypeKey, booking.Meeting.Start.InZone(Zone).Date);
                    var day = perDay.GetValueOrDefault(key);
                    perDay[key] = (day.Count + 1, day.Minutes + (long)booking.Meeting.Duration.TotalMinutes);
                    keys.Add(booking.MeetingTypeKey);
                }
            }

            tallyKeys = keys;
            tallyPerDay = cached = (Bookings, Zone, perDay);
        }

        return cached.PerDay;
    }

    private bool DailyLimitReached(LocalDate date, MeetingType type, string typeKey) =>
        type.MaxPerDay is { } cap && BookedPerDay().GetValueOrDefault((typeKey, date)) >= cap;

    // Derived from Bookings once per schedule, not once per date or slot: a month's search over thousands of bookings
    // then costs a binary search per date. Each cache remembers what it was made from, so a copy made with
    // `with { Bookings = ... }` or `with { Zone = ... }` computes its own.
    private (IReadOnlyList<ExistingBooking> From, IReadOnlyList<Interval> Merged)? busy;
    private (IReadOnlyList<ExistingBooking> From, DateTimeZone Zone, Dictionary<(string TypeKey, LocalDate Date), int> Counts)? bookedPerDay;

    /// <summary>The time every active booking blocks, merged, sorted and disjoint.</summary>
    private IReadOnlyList<Interval> Busy()
    {
        if (busy is not { } cached || !ReferenceEquals(cached.From, Bookings))
        {
            busy = cached = (Bookings, SortedAndDisjoint(Bookings) ? new BlockedTimes(Bookings) : BusyTime.Merge(Bookings.Select(b => b.Blocked)));
        }

        return cached.Merged;
    }

    /// <summary>
    /// Whether the bookings' blocked times are sorted by start and disjoint (touching is fine), as an owner's active
    /// bookings are when the store reads them. Read in place: a list or array is walked as a span, so checking ten
    /// thousand bookings copies none of them.
    /// </summary>
    private static bool SortedAndDisjoint(IReadOnlyList<ExistingBooking> bookings)
    {
        ReadOnlySpan<ExistingBooking> span = bookings switch
        {
            List<ExistingBooking> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
            ExistingBooking[] array => array,
            _ => [.. bookings],
        };
        for (var i = 1; i < span.Length; i++)
        {
            if (span[i].Blocked.Start < span[i - 1].Blocked.End)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The blocked times of bookings, read in place rather than copied. A list or array is read by reference, so looking
    /// at one booking's blocked time does not copy the whole booking.
    /// </summary>
    private sealed class BlockedTimes(IReadOnlyList<ExistingBooking> bookings) : IReadOnlyList<Interval>
    {
        private readonly ExistingBooking[]? array = bookings as ExistingBooking[];
        private readonly List<ExistingBooking>? list = bookings as List<ExistingBooking>;

        public int Count => bookings.Count;

        public Interval this[int index] =>
            list is not null ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)[index].Blocked
            : array is not null ? array[index].Blocked
            : bookings[index].Blocked;

        public IEnumerator<Interval> GetEnumerator() => bookings.Select(b => b.Blocked).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>How many bookings of each meeting type start on each date of the owner's calendar.</summary>
    private Dictionary<(string TypeKey, LocalDate Date), int> BookedPerDay()
    {
        if (bookedPerDay is not { } cached || !ReferenceEquals(cached.From, Bookings) || cached.Zone != Zone)
        {
            var counts = new Dictionary<(string, LocalDate), int>();
            foreach (var booking in Bookings)
            {
                var key = (booking.MeetingTypeKey, booking.Meeting.Start.InZone(Zone).Date);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }

            bookedPerDay = cached = (Bookings, Zone, counts);
        }

        return cached.Counts;
    }
}
