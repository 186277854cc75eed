using NodaTime;

namespace Agenda.Storage;

/// <summary>Which tz database version the bookings were last reported under, and the bookings a change of rules can move.</summary>
public interface ITimeZoneRulesStore
{
    /// <summary>The version recorded by <see cref="RecordAsync"/>; null before any.</summary>
    Task<string?> RecordedVersionAsync(CancellationToken cancellationToken);

    /// <summary>The bookings that hold time and have not ended at <paramref name="now"/>, of owners whose zone is one of <paramref name="zoneIds"/>.</summary>
    Task<IReadOnlyList<ZonedMeeting>> UpcomingInZonesAsync(IReadOnlyCollection<string> zoneIds, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="version"/> and appends <paramref name="reports"/> to the audit log in one transaction, unless
    /// <paramref name="expected"/> (what <see cref="RecordedVersionAsync"/> answered) is no longer recorded: then another
    /// node reported first, nothing is written, and the answer is false.
    /// </summary>
    Task<bool> RecordAsync(string? expected, string version, Instant at, IReadOnlyList<AuditEntry> reports, CancellationToken cancellationToken);
}

/// <summary>A booking's id, owner, start and the owner's zone id.</summary>
public sealed record ZonedMeeting(string BookingId, string OwnerId, Instant Start, string OwnerZoneId);
