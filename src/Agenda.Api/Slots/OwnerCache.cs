using Agenda.Storage;

namespace Agenda.Api.Slots;

/// <summary>
/// Owners and their meeting types as last read, for searches and as the starting point of bookings: a copy is used while
/// <see cref="ScheduleChanges"/> says nothing but bookings changed since it was read, and it then carries the newest
/// schedule version known, at which slots are looked up. So a search whose answer is kept asks the database nothing,
/// and a booking asks it only inside its own write. Unknown owners and meeting types of unknown owners are not kept.
/// </summary>
internal sealed class OwnerCache(IOwnerStore owners, IMeetingTypeStore meetingTypes, ScheduleChanges changes, SlotCache cache)
{
    /// <summary>An owner and its name, zone and version; a meeting type besides its title and rules. Rounded up.</summary>
    private const int CopyBytes = 512;

    /// <summary>The owner, or null when unknown, and the epoch in which it was read.</summary>
    public async Task<OwnerCopy?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken)
    {
        var key = new OwnerKey(ownerId);
        if (cache.TryGet<OwnerCopy>(key, out var copy) && changes.ProfileIsCurrent(ownerId, copy.Owner.ScheduleVersion, copy.Epoch, out var newest))
        {
            // Only bookings changed since it was read: the owner is as it was, at the newest version known.
            return copy with { Owner = copy.Owner with { ScheduleVersion = newest } };
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
        if (cache.TryGet<MeetingTypeCopy>(key, out var copy) && changes.ProfileIsCurrent(ownerId, copy.Lookup.Owner!.ScheduleVersion, copy.Epoch, out var newest))
        {
            return (copy.Lookup with { Owner = copy.Lookup.Owner with { ScheduleVersion = newest } }, copy.Epoch);
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
internal sealed record OwnerCopy(OwnerSnapshot Owner, long Epoch);
