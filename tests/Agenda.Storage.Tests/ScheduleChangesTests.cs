using Agenda.Storage.Relational;

namespace Agenda.Storage.Tests;

/// <summary>What a node knows of committed schedule versions decides which of its copies are current.</summary>
public sealed class ScheduleChangesTests
{
    private readonly ScheduleChanges changes = new();

    [Fact]
    public void A_newer_version_outdates_copies_of_the_slots()
    {
        changes.Committed(new ScheduleVersion("ana", 3, BookingsOnly: true));

        Assert.False(changes.IsCurrent("ana", 2, changes.Epoch));
        Assert.True(changes.IsCurrent("ana", 3, changes.Epoch));
        Assert.True(changes.IsCurrent("ben", 0, changes.Epoch));
    }

    [Fact]
    public void Bookings_leave_the_owner_current_at_the_newest_version()
    {
        changes.Committed(new ScheduleVersion("ana", 2));
        changes.Committed(new ScheduleVersion("ana", 5, BookingsOnly: true));

        Assert.True(changes.ProfileIsCurrent("ana", 2, changes.Epoch, out var newest));
        Assert.Equal(5, newest);
        Assert.False(changes.ProfileIsCurrent("ana", 1, changes.Epoch, out _));
    }

    [Fact]
    public void A_change_of_more_than_bookings_outdates_the_owner()
    {
        changes.Committed(new ScheduleVersion("ana", 4, BookingsOnly: true));
        changes.Committed(new ScheduleVersion("ana", 6));

        Assert.False(changes.ProfileIsCurrent("ana", 5, changes.Epoch, out _));
        Assert.True(changes.ProfileIsCurrent("ana", 6, changes.Epoch, out var newest));
        Assert.Equal(6, newest);
    }

    [Fact]
    public void Versions_arriving_out_of_order_keep_the_newest()
    {
        changes.Committed(new ScheduleVersion("ana", 7));
        changes.Committed(new ScheduleVersion("ana", 6, BookingsOnly: true));

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
}
