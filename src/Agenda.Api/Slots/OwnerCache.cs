using Agenda.Storage;

namespace Agenda.Api.Slots;

/// <summary>
/// Owners and their meeting types as last read, for searches: a copy is used while <see cref="ScheduleChanges"/> says it
/// is current (no write to the owner committed since it was read), so a search whose answer is cached asks the
/// database nothing. Unknown owners and meeting types of unknown owners are not kept. Writes read the database.
/// </summary>
public sealed class OwnerCache(IOwnerStore owners, IMeetingTypeStore meetingTypes, ScheduleChanges changes, SlotCache cache)
{
    /// <summary>An owner and its name, zone and version; a meeting type besides its title and rules. Rounded up.</summary>
    private const int CopyBytes = 512;

    /// <summary>The owner, or null when unknown, and the epoch in which it was read.</summary>
    public async Task<OwnerCopy?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken)
    {
        var key = new OwnerKey(ownerId);
        if (cache.TryGet<OwnerCopy>(key, out var copy) && copy.IsCurrent(changes))
        {
            return copy;
        }

        var epoch = changes.Epoch;
        if (await owners.FindOwnerAsync(ownerId, cancellationToken) is not { } owner)
        {
            return null;
        }

        copy = new OwnerCopy(owner, epoch);
        cache.Set(key, copy, CopyBytes);
        return copy;
    }

    /// <summary>The meeting type and its owner as <see cref="IMeetingTypeStore.FindMeetingTypeAsync"/> finds them, and the epoch in which they were read.</summary>
    public async Task<(MeetingTypeLookup Lookup, long Epoch)> FindMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken)
    {
        var key = new MeetingTypeKey(ownerId, slug);
        if (cache.TryGet<MeetingTypeCopy>(key, out var copy) && changes.IsCurrent(ownerId, copy.Lookup.Owner!.ScheduleVersion, copy.Epoch))
        {
            return (copy.Lookup, copy.Epoch);
        }

        var epoch = changes.Epoch;
        var lookup = await meetingTypes.FindMeetingTypeAsync(ownerId, slug, cancellationToken);
        if (lookup.Owner is not null)
        {
            cache.Set(key, new MeetingTypeCopy(lookup, epoch), CopyBytes);
        }

        return (lookup, epoch);
    }

    private sealed record OwnerKey(string OwnerId);

    private sealed record MeetingTypeKey(string OwnerId, string Slug);

    private sealed record MeetingTypeCopy(MeetingTypeLookup Lookup, long Epoch);
}

/// <summary>An owner as read in <paramref name="Epoch"/> of <see cref="ScheduleChanges"/>.</summary>
public sealed record OwnerCopy(OwnerSnapshot Owner, long Epoch)
{
    public bool IsCurrent(ScheduleChanges changes) => changes.IsCurrent(Owner.Id, Owner.ScheduleVersion, Epoch);
}
