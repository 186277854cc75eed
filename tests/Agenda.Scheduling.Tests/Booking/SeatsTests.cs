using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using CsCheck;
using NodaTime;

namespace Agenda.Scheduling.Tests.Booking;

/// <summary>
/// A meeting type with seats: a slot whose seats are partly taken stays offered at exactly its time, blocks everything
/// else like one booking, counts once towards the daily cap, and is full at its capacity (holds included).
/// </summary>
public sealed class SeatsTests
{
    private static readonly LocalDate Monday = new(2027, 3, 1);
    private static readonly Instant Now = Instant.FromUtc(2027, 2, 1, 8, 0);
    private static readonly MeetingType Class = new(Duration.FromHours(1), step: Duration.FromMinutes(30), seats: 3);
    private static readonly MeetingType Call = new(Duration.FromMinutes(30));
    private static readonly Slot Nine = At(9, 0, Class);

    [Fact]
    public void A_slot_with_seats_left_stays_offered_and_a_full_one_is_taken()
    {
        var schedule = Schedule(Seats(Nine, taken: 2));

        Assert.Contains(Nine, schedule.FreeSlotsOn(Monday, Class, "class"));
        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(Nine, Class, "class", Now));
        Assert.Equal(1, schedule.SeatsLeft(Nine, Class, "class"));
        Assert.Equal("s1", schedule.SeatsAt(Nine, Class, "class")!.Value.SeatSlotId);

        var full = Schedule(Seats(Nine, taken: 3));
        Assert.DoesNotContain(Nine, full.FreeSlotsOn(Monday, Class, "class"));
        Assert.Equal(BookingOutcome.Taken, full.Decide(Nine, Class, "class", Now));
        Assert.Equal(0, full.SeatsLeft(Nine, Class, "class"));
    }

    [Fact]
    public void Slots_overlapping_a_class_are_taken_for_every_type_and_a_fresh_slot_offers_every_seat()
    {
        var schedule = Schedule(Seats(Nine, taken: 1));

        var offered = schedule.FreeSlotsOn(Monday, Class, "class");
        Assert.DoesNotContain(At(8, 30, Class), offered);
        Assert.DoesNotContain(At(9, 30, Class), offered);
        Assert.Contains(At(10, 0, Class), offered);
        Assert.Equal(3, schedule.SeatsLeft(At(10, 0, Class), Class, "class"));
        Assert.Equal(BookingOutcome.Taken, schedule.Decide(At(9, 30, Call), Call, "call", Now));
        Assert.Equal(BookingOutcome.Taken, schedule.Decide(Nine, Class, "other-class", Now));
        Assert.Null(schedule.SeatsLeft(Nine, Call, "call"));
    }

    [Fact]
    public void A_class_that_something_else_came_to_overlap_offers_no_more_seats()
    {
        var busy = ExistingBooking.Plain(new Interval(Nine.Start + Duration.FromMinutes(30), Nine.End), "calendar");

        var schedule = Schedule(Seats(Nine, taken: 1), busy);

        Assert.DoesNotContain(Nine, schedule.FreeSlotsOn(Monday, Class, "class"));
        Assert.Equal(BookingOutcome.Taken, schedule.Decide(Nine, Class, "class", Now));
    }

    [Fact]
    public void A_class_counts_once_towards_the_daily_cap_and_its_seats_stay_offered_when_the_cap_is_reached()
    {
        var capped = new MeetingType(Duration.FromHours(1), maxPerDay: 1, seats: 3);

        var schedule = Schedule(Seats(Nine, taken: 2));

        Assert.Equal([Nine], schedule.FreeSlotsOn(Monday, capped, "class"));
        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(Nine, capped, "class", Now));
        Assert.Equal(BookingOutcome.DailyLimitReached, schedule.Decide(At(11, 0, capped), capped, "class", Now));
    }

    [Fact]
    public void Holds_on_a_slot_with_seats_take_seats_of_it()
    {
        var hold = new SlotHold("h1", new Interval(Nine.Start, Nine.End), Class.Blocks(Nine), "class", Now + Duration.FromMinutes(5)) { Seats = 3 };

        var withBooking = SlotHolds.BusyWith([Seats(Nine, taken: 2)], [hold], Now, claim: null);
        var alone = SlotHolds.BusyWith([], [hold, hold with { Id = "h2" }], Now, claim: null);

        Assert.Equal(new SeatCount("s1", 3, 3), Assert.Single(withBooking).Seats);
        Assert.Equal(new SeatCount(null, 2, 3), Assert.Single(alone).Seats);
        Assert.Equal(1, Schedule([.. alone]).SeatsLeft(Nine, Class, "class"));
    }

    [Fact]
    public void Seats_must_number_two_to_a_thousand()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeetingType(Duration.FromHours(1), seats: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeetingType(Duration.FromHours(1), seats: MeetingType.MaxSeats + 1));
        Assert.Equal(3, Class.WithLength(Duration.FromMinutes(90)).Seats);
    }

    /// <summary>
    /// Invitees book random slots of a class and of a call, in any order, and each accepted booking is stored as the store
    /// would store it (a seat joins its slot's count). At every step a booking is accepted exactly when its slot is
    /// offered, no slot holds more seats than it has, and no two stored entries' blocked times overlap.
    /// </summary>
    [Fact]
    public void Accepting_exactly_what_is_offered_never_overfills_a_slot_or_overlaps_a_booking()
    {
        var requests = Gen.Select(Gen.Bool, Gen.Int[0, 10]).Array[1, 60];
        Gen.Select(Gen.Int[2, 5], requests).Sample((seats, asked) =>
        {
            var type = new MeetingType(Duration.FromHours(1), step: Duration.FromMinutes(30), bufferAfter: Duration.FromMinutes(15), seats: seats);
            var bookings = new List<ExistingBooking>();
            var id = 0;
            foreach (var (isClass, step) in asked)
            {
                var (rules, key) = isClass ? (type, "class") : (Call, "call");
                var start = At(9, 0, rules).Start + Duration.FromMinutes(30 * step);
                var slot = new Slot(start, start + rules.Length);
                var schedule = Schedule([.. bookings]);
                var outcome = schedule.Decide(slot, rules, key, Now);
                var offered = schedule.FreeSlotsOn(Monday, rules, key).Contains(slot);
                if ((outcome == BookingOutcome.Accepted) != offered)
                {
                    return false;
                }

                if (outcome != BookingOutcome.Accepted)
                {
                    continue;
                }

                var open = bookings.FindIndex(b => b.Seats is not null && b.Meeting == new Interval(slot.Start, slot.End) && b.MeetingTypeKey == key);
                if (open >= 0)
                {
                    var count = bookings[open].Seats!.Value;
                    bookings[open] = bookings[open] with { Seats = count with { Taken = count.Taken + 1 } };
                }
                else
                {
                    bookings.Add(new ExistingBooking(new Interval(slot.Start, slot.End), rules.Blocks(slot), key) { Seats = rules.Seats is { } s ? new SeatCount($"s{id++}", 1, s) : null });
                    bookings.Sort((a, b) => a.Blocked.Start.CompareTo(b.Blocked.Start));
                }
            }

            return bookings.All(b => b.Seats is not { } c || c.Taken <= c.Capacity)
                && bookings.Zip(bookings.Skip(1)).All(pair => pair.First.Blocked.End <= pair.Second.Blocked.Start);
        });
    }

    private static Slot At(int hour, int minute, MeetingType type)
    {
        var start = Monday.At(new LocalTime(hour, minute)).InUtc().ToInstant();
        return new Slot(start, start + type.Length);
    }

    private static ExistingBooking Seats(Slot slot, int taken) =>
        new(new Interval(slot.Start, slot.End), Class.Blocks(slot), "class") { Seats = new SeatCount("s1", taken, 3) };

    private static OwnerSchedule Schedule(params ExistingBooking[] bookings) =>
        new(DateTimeZone.Utc, AvailabilityPlan.FromRules([new DateRangeRule(new DateInterval(Monday, Monday), new TimeOfDayRange(new LocalTime(8, 0), new LocalTime(13, 0)))]), bookings);
}
