using Agenda.Storage.Relational;
using NodaTime;

namespace Agenda.Storage.Tests;

/// <summary>What a node knows of committed schedule versions decides which of its copies are current.</summary>
public sealed class ScheduleChangesTests
{
    private static readonly Instant Noon = Instant.FromUtc(2027, 3, 1, 12, 0);

    private readonly ScheduleChanges changes = new();

    /// <summary>A change of bookings alone that touched the hour starting <paramref name="hoursAfterNoon"/> after noon.</summary>
    private static ScheduleVersion Booking(long version, int hoursAfterNoon = 0) =>
        new("ana", version, BookingsOnly: true, new Interval(Noon + Duration.FromHours(hoursAfterNoon), Noon + Duration.FromHours(hoursAfterNoon + 1)));

    private static Interval Hours(int from, int to) => new(Noon + Duration.FromHours(from), Noon + Duration.FromHours(to));

    [Fact]
    public void A_newer_version_outdates_copies_of_the_slots()
    {
        changes.Committed(Booking(3));

        Assert.False(changes.IsCurrent("ana", 2, changes.Epoch));
        Assert.True(changes.IsCurrent("ana", 3, changes.Epoch));
        Assert.True(changes.IsCurrent("ben", 0, changes.Epoch));
    }

    [Fact]
    public void Bookings_leave_the_owner_current_at_the_newest_version()
    {
        changes.Committed(new ScheduleVersion("ana", 2));
        changes.Committed(Booking(5));

        Assert.True(changes.ProfileIsCurrent("ana", 2, changes.Epoch, out var newest));
        Assert.Equal(5, newest);
        Assert.False(changes.ProfileIsCurrent("ana", 1, changes.Epoch, out _));
    }

    [Fact]
    public void A_change_of_more_than_bookings_outdates_the_owner()
    {
        changes.Committed(Booking(4));
        changes.Committed(new ScheduleVersion("ana", 6));

        Assert.False(changes.ProfileIsCurrent("ana", 5, changes.Epoch, out _));
        Assert.True(changes.ProfileIsCurrent("ana", 6, changes.Epoch, out var newest));
        Assert.Equal(6, newest);
    }

    [Fact]
    public void Versions_arriving_out_of_order_keep_the_newest()
    {
        changes.Committed(new ScheduleVersion("ana", 7));
        changes.Committed(Booking(6));

        Assert.False(changes.IsCurrent("ana", 6, changes.Epoch));
        Assert.False(changes.ProfileIsCurrent("ana", 6, changes.Epoch, out _));
    }

    [Fact]
    public void Nothing_is_current_while_changes_may_go_unseen_nor_from_before_they_did()
    {
        var before = changes.Epoch;
        changes.Interrupted();

        Assert.False(changes.IsCurrent("ana", 0, changes.Epoch));
        Assert.False(changes.ProfileIsCurrent("ana", 0, changes.Epoch, out _));

        changes.Resumed();
        Assert.True(changes.IsCurrent("ana", 0, changes.Epoch));
        Assert.False(changes.IsCurrent("ana", 0, before));
    }

    [Fact]
    public void Slots_far_from_every_booking_since_are_unchanged()
    {
        changes.Committed(new ScheduleVersion("ana", 2));
        changes.Committed(Booking(3, hoursAfterNoon: 0));
        changes.Committed(Booking(4, hoursAfterNoon: 5));

        Assert.True(changes.UnchangedWithin("ana", 2, 4, Hours(1, 5)));
        Assert.False(changes.UnchangedWithin("ana", 2, 4, Hours(0, 2)));
        Assert.False(changes.UnchangedWithin("ana", 2, 4, Hours(4, 6)));
        Assert.True(changes.UnchangedWithin("ana", 3, 4, Hours(0, 2)));
    }

    [Fact]
    public void Nothing_is_unchanged_across_a_change_of_more_than_bookings_or_an_unknown_version()
    {
        changes.Committed(Booking(3));
        changes.Committed(new ScheduleVersion("ana", 4));
        changes.Committed(Booking(6));

        Assert.False(changes.UnchangedWithin("ana", 2, 3, Hours(5, 6)) && changes.UnchangedWithin("ana", 3, 4, Hours(5, 6)));
        Assert.False(changes.UnchangedWithin("ana", 4, 6, Hours(5, 6)));
        Assert.False(changes.UnchangedWithin("ben", 0, 1, Hours(5, 6)));
    }

    [Fact]
    public void A_change_of_bookings_without_the_times_it_touched_counts_as_a_change_of_everything()
    {
        changes.Committed(new ScheduleVersion("ana", 3, BookingsOnly: true));

        Assert.False(changes.ProfileIsCurrent("ana", 2, changes.Epoch, out _));
        Assert.False(changes.UnchangedWithin("ana", 2, 3, Hours(5, 6)));
    }
}
