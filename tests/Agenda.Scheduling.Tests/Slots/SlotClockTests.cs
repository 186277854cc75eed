using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using CsCheck;
using NodaTime;

namespace Agenda.Scheduling.Tests.Slots;

public sealed class SlotClockTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 3, 1, 9, 0);
    private static readonly Duration Hour = Duration.FromHours(1);

    private static Slot At(Instant start) => new(start, start + Hour);

    [Fact]
    public void Bookable_SlotStartingExactlyNow_IsOffered() =>
        Assert.Single(new[] { At(Now) }.Bookable(MeetingType.Default, Now));

    [Fact]
    public void Bookable_SlotThatHasBegun_IsNotOffered() =>
        Assert.Empty(new[] { At(Now - Duration.FromTicks(1)) }.Bookable(MeetingType.Default, Now));

    [Fact]
    public void Bookable_MinimumNotice_KeepsSlotsStartingAtOrAfterNowPlusNotice()
    {
        var type = new MeetingType(Hour, minimumNotice: Duration.FromMinutes(120));
        var slots = new[] { At(Now + Duration.FromMinutes(119)), At(Now + Duration.FromMinutes(120)) };

        Assert.Equal([slots[1]], slots.Bookable(type, Now));
    }

    [Fact]
    public void Bookable_Horizon_KeepsSlotsStartingAtOrBeforeNowPlusHorizon()
    {
        var type = new MeetingType(Hour, horizon: Duration.FromDays(1));
        var slots = new[] { At(Now + Duration.FromDays(1)), At(Now + Duration.FromDays(1) + Duration.FromMinutes(1)) };

        Assert.Equal([slots[0]], slots.Bookable(type, Now));
    }

    [Fact]
    public void OfferUnchangedUntil_OfferedSlot_ChangesJustAfterItsLastBookableInstant()
    {
        var type = new MeetingType(Hour, minimumNotice: Duration.FromMinutes(30));
        var slot = At(Now + Hour);

        Assert.Equal(Now + Duration.FromMinutes(30) + Duration.Epsilon, new[] { slot }.OfferUnchangedUntil(type, Now));
    }

    [Fact]
    public void OfferUnchangedUntil_SlotBeyondHorizon_ChangesWhenItComesWithin()
    {
        var type = new MeetingType(Hour, horizon: Duration.FromDays(1));
        var slot = At(Now + Duration.FromDays(2));

        Assert.Equal(Now + Duration.FromDays(1), new[] { slot }.OfferUnchangedUntil(type, Now));
    }

    [Fact]
    public void OfferUnchangedUntil_OnlyPastSlots_NeverChanges() =>
        Assert.Equal(Instant.MaxValue, new[] { At(Now - Hour) }.OfferUnchangedUntil(MeetingType.Default, Now));

    /// <summary>The offer is the same at every instant before the change, and different at it.</summary>
    [Fact]
    public void OfferUnchangedUntil_OfferIsConstantUpToTheChange() =>
        Gen.Select(Gen.Int[-300, 3000].Array[0, 8], Gen.Int[0, 240], Gen.Int[0, 3].Select(d => d == 0 ? (int?)null : d), Gen.Int[0, 10_000])
            .Sample((starts, notice, horizonDays, probe) =>
            {
                var type = new MeetingType(Hour, minimumNotice: Duration.FromMinutes(notice), horizon: horizonDays is { } d ? Duration.FromDays(d) : null);
                var slots = starts.Select(m => At(Now + Duration.FromMinutes(m))).ToArray();
                var offer = slots.Bookable(type, Now).ToList();
                var until = slots.OfferUnchangedUntil(type, Now);
                if (until == Instant.MaxValue)
                {
                    return slots.Bookable(type, Now + Duration.FromDays(10_000)).SequenceEqual(offer);
                }

                var before = Now + ((until - Now - Duration.Epsilon) * (probe / 10_000.0));
                return slots.Bookable(type, before).SequenceEqual(offer)
                    && slots.Bookable(type, until - Duration.Epsilon).SequenceEqual(offer)
                    && !slots.Bookable(type, until).SequenceEqual(offer);
            });
}
