namespace Agenda.Storage.Relational;

/// <summary>The schedule versions one write transaction of the <see cref="StoreCore"/> raised, reported once it is committed.</summary>
internal sealed class RaisedVersions
{
    private readonly List<ScheduleVersion> versions = [];
    private readonly List<(string OwnerId, long Version)> seen = [];

    public IReadOnlyList<ScheduleVersion> Versions => versions;

    public void Add(ScheduleVersion version) => versions.Add(version);

    /// <summary>
    /// A refusal rested on the owner at this committed version. Reported with the writes, so the refused caller's next
    /// read on this node is not answered from a copy older than what refused it: the write that took the slot may
    /// have committed without its own report having run yet.
    /// </summary>
    public void Saw(string ownerId, long version) => seen.Add((ownerId, version));

    /// <summary>Forgets the raised versions of a write that is not committed; what it saw stays true.</summary>
    public void Clear() => versions.Clear();

    public void ReportTo(ScheduleChanges changes, bool committed = true)
    {
        foreach (var version in versions)
        {
            changes.Committed(version);
        }

        // After an unknown outcome, what a write of the batch saw may have been rolled back with it.
        if (committed)
        {
            foreach (var (ownerId, version) in seen)
            {
                changes.Seen(ownerId, version);
            }
        }
    }
}
