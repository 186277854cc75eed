using System.Collections.Concurrent;
using Agenda.Storage.Relational;

namespace Agenda.Storage;

/// <summary>
/// The newest schedule version this process knows of per owner, so that what the host keeps in memory for an owner
/// (its slot and answer caches, the owner and its meeting types) can tell whether it is still current without asking
/// the database. Every write that can change an owner's slots, name, zone or meeting types raises the owner's schedule
/// version in its transaction, and versions only grow. The store reports each version it commits here, after the
/// commit and before its caller is answered, so on one node a copy read before an answered write is never current
/// again. On PostgreSQL, versions committed by other nodes arrive by LISTEN/NOTIFY within milliseconds
/// (<see cref="Postgres.ScheduleChangeListener"/>); while the listener is not connected, notifications may be missed,
/// so nothing counts as current, and copies read before the listener resumed never count again (the epoch moves on).
/// </summary>
public sealed class ScheduleChanges
{
    /// <summary>Per owner: the newest version known, and the newest at which more than bookings changed.</summary>
    private readonly ConcurrentDictionary<string, (long Newest, long ProfileChanged)> known = new(StringComparer.Ordinal);
    private long epoch;
    private volatile bool watching = true;

    /// <summary>Read before reading an owner from the database, and kept with what was read.</summary>
    public long Epoch => Interlocked.Read(ref epoch);

    /// <summary>Whether a copy of the owner at <paramref name="version"/>, read in <paramref name="readInEpoch"/>, is still current.</summary>
    public bool IsCurrent(string ownerId, long version, long readInEpoch) =>
        watching && readInEpoch == Epoch && version >= known.GetValueOrDefault(ownerId).Newest;

    /// <summary>
    /// Whether the owner and its meeting types, read at <paramref name="version"/> in <paramref name="readInEpoch"/>, are
    /// still current: only bookings changed since. <paramref name="newest"/> is then the newest version known, which
    /// a copy of the owner must carry so that slots are looked up at it.
    /// </summary>
    public bool ProfileIsCurrent(string ownerId, long version, long readInEpoch, out long newest)
    {
        var (knownNewest, profileChanged) = known.GetValueOrDefault(ownerId);
        newest = Math.Max(version, knownNewest);
        return watching && readInEpoch == Epoch && version >= profileChanged;
    }

    /// <summary>The owner's schedule is at this version or later: a write committed it.</summary>
    public void Committed(ScheduleVersion committed) =>
        known.AddOrUpdate(
            committed.OwnerId,
            (committed.Version, committed.BookingsOnly ? 0 : committed.Version),
            (_, was) => (Math.Max(was.Newest, committed.Version), committed.BookingsOnly ? was.ProfileChanged : Math.Max(was.ProfileChanged, committed.Version)));

    /// <summary>Changes by others may go unseen from now on: nothing is current until <see cref="Resumed"/>.</summary>
    public void Interrupted()
    {
        watching = false;
        Interlocked.Increment(ref epoch);
    }

    /// <summary>Every copy read before now is outdated.</summary>
    public void OutdateAll() => Interlocked.Increment(ref epoch);

    /// <summary>Changes by others are seen again; copies read before now stay outdated.</summary>
    public void Resumed()
    {
        // The versions known so far stay: clearing them could forget one committed while the epoch moved on.
        Interlocked.Increment(ref epoch);
        watching = true;
    }
}
