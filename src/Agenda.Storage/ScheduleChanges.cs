using System.Collections.Concurrent;
using Agenda.Storage.Relational;
using NodaTime;

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
/// <para>
/// Changes of bookings alone are remembered with the blocked times they touched (the last <see cref="HistoryLength"/>
/// of them per owner), so that a copy of slots far from those times can be carried over to the newer version.
/// </para>
/// </summary>
public sealed class ScheduleChanges
{
    /// <summary>How many changes of bookings alone are remembered per owner.</summary>
    public const int HistoryLength = 256;

    private readonly ConcurrentDictionary<string, OwnerChanges> owners = new(StringComparer.Ordinal);
    private long epoch;
    private volatile bool watching = true;

    /// <summary>Read before reading an owner from the database, and kept with what was read.</summary>
    public long Epoch => Interlocked.Read(ref epoch);

    /// <summary>Whether a copy of the owner at <paramref name="version"/>, read in <paramref name="readInEpoch"/>, is still current.</summary>
    public bool IsCurrent(string ownerId, long version, long readInEpoch) =>
        watching && readInEpoch == Epoch && version >= Newest(ownerId);

    /// <summary>
    /// Whether the owner and its meeting types, read at <paramref name="version"/> in <paramref name="readInEpoch"/>, are
    /// still current: only bookings changed since. <paramref name="newest"/> is then the newest version known, which
    /// a copy of the owner must carry so that slots are looked up at it.
    /// </summary>
    public bool ProfileIsCurrent(string ownerId, long version, long readInEpoch, out long newest)
    {
        newest = Math.Max(version, Newest(ownerId));
        if (!watching || readInEpoch != Epoch)
        {
            return false;
        }

        if (!owners.TryGetValue(ownerId, out var changes))
        {
            return true;
        }

        lock (changes)
        {
            return version >= changes.ProfileChanged;
        }
    }

    /// <summary>
    /// Whether every change from <paramref name="from"/> to <paramref name="to"/> is known, changed bookings alone, and
    /// touched no blocked time inside <paramref name="reach"/>: then slots computed at <paramref name="from"/> whose
    /// bookings lie in <paramref name="reach"/> are still those of <paramref name="to"/>.
    /// </summary>
    public bool UnchangedWithin(string ownerId, long from, long to, Interval reach)
    {
        if (!watching || to - from > HistoryLength || !owners.TryGetValue(ownerId, out var changes))
        {
            return false;
        }

        lock (changes)
        {
            if (from < changes.ProfileChanged)
            {
                return false;
            }

            for (var version = from + 1; version <= to; version++)
            {
                if (!changes.Bookings.TryGetValue(version, out var touched) || (touched.Start < reach.End && reach.Start < touched.End))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The owner's schedule is at this version or later: a write committed it.</summary>
    public void Committed(ScheduleVersion committed)
    {
        var changes = owners.GetOrAdd(committed.OwnerId, _ => new OwnerChanges());
        lock (changes)
        {
            changes.Newest = Math.Max(changes.Newest, committed.Version);
            if (committed is { BookingsOnly: true, Affected: { } touched })
            {
                changes.Bookings[committed.Version] = touched;
                while (changes.Bookings.Count > HistoryLength)
                {
                    changes.Bookings.Remove(changes.Bookings.Keys[0]);
                }
            }
            else
            {
                changes.ProfileChanged = Math.Max(changes.ProfileChanged, committed.Version);
            }
        }
    }

    /// <summary>
    /// A committed read saw the owner at this version (a refusal rested on it): copies older than it are not current.
    /// Unlike <see cref="Committed"/> it records no change, so slots are computed again rather than carried over.
    /// </summary>
    public void Seen(string ownerId, long version)
    {
        var changes = owners.GetOrAdd(ownerId, _ => new OwnerChanges());
        lock (changes)
        {
            changes.Newest = Math.Max(changes.Newest, version);
        }
    }

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

    private long Newest(string ownerId)
    {
        if (!owners.TryGetValue(ownerId, out var changes))
        {
            return 0;
        }

        lock (changes)
        {
            return changes.Newest;
        }
    }

    private sealed class OwnerChanges
    {
        public long Newest { get; set; }

        /// <summary>The newest version at which more than bookings changed.</summary>
        public long ProfileChanged { get; set; }

        /// <summary>Changes of bookings alone, by version, with the blocked times they touched.</summary>
        public SortedList<long, Interval> Bookings { get; } = [];
    }
}
