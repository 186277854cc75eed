using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using NodaTime;

namespace Agenda.Storage;

/// <summary>The kinds of meeting an owner offers, each under a slug unique to the owner.</summary>
public interface IMeetingTypeStore
{
    /// <summary>
    /// Creates a meeting type: <see cref="OwnerWrite.UnknownOwner"/>, <see cref="OwnerWrite.AlreadyExists"/> for a slug the owner
    /// has, or <see cref="OwnerWrite.LimitReached"/> past <see cref="OwnerLimits.MaxMeetingTypes"/>.
    /// </summary>
    Task<OwnerWrite> CreateMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, Instant now, CancellationToken cancellationToken);

    /// <summary>The owner and their meeting type of that slug, read together: either may be missing.</summary>
    Task<MeetingTypeLookup> FindMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken);

    /// <summary>The owner's meeting types by slug; null for an unknown owner.</summary>
    Task<IReadOnlyList<StoredMeetingType>?> ListMeetingTypesAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Replaces the title and rules of an existing meeting type; false if there is none of that slug.</summary>
    Task<bool> ReplaceMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, CancellationToken cancellationToken);

    /// <summary>Deletes a meeting type (its bookings stay); false if there is none of that slug.</summary>
    Task<bool> DeleteMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken);
}

/// <summary>A meeting type with its owner-facing identity, its rules and what it says besides (<see cref="Details"/>).</summary>
public sealed record StoredMeetingType(string Slug, string Title, MeetingType Rules)
{
    public MeetingTypeDetails Details { get; init; } = MeetingTypeDetails.None;

    /// <summary>For a type that requires approval, how its requests work; null when bookings are made at once.</summary>
    public ApprovalPolicy? Approval => Details.Approval?.ToPolicy();

    /// <summary>Every length an invitee may choose, in minutes, ascending: the type's own, or its duration options.</summary>
    public IReadOnlyList<int> Lengths => Details.DurationOptions.Count > 0 ? Details.DurationOptions : [(int)Rules.Length.TotalMinutes];

    /// <summary>The rules for a meeting of <paramref name="length"/>, if the type offers that length; null otherwise.</summary>
    public MeetingType? RulesFor(Duration length) =>
        length == Rules.Length ? Rules : Details.DurationOptions.Contains((int)length.TotalMinutes) && length.TotalMinutes % 1 == 0 ? Rules.WithLength(length) : null;
}

/// <summary>An owner (null when unknown) and their meeting type of one slug (null when the owner has none).</summary>
public sealed record MeetingTypeLookup(OwnerSnapshot? Owner, StoredMeetingType? MeetingType);
