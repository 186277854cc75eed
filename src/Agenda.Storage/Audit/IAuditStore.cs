using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// The audit log: one entry per change an owner or administrator asked for, written after the change was answered.
/// Entries name who acted, whose data it touched, what was asked and how it ended, and from which address: never a
/// request's body, query or headers, so never a secret.
/// </summary>
public interface IAuditStore
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Entries newest first, up to <paramref name="limit"/>, older than <paramref name="before"/> when given: the entries
    /// about <paramref name="ownerId"/>'s data, or everyone's when null.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string? ownerId, AuditCursor? before, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the entries older than <paramref name="cutoff"/>; answers how many.</summary>
    Task<int> TrimAsync(Instant cutoff, CancellationToken cancellationToken);
}

/// <summary>
/// Who (<paramref name="Actor"/>: administrator, owner:&lt;id&gt; or account:&lt;id&gt;) asked for <paramref name="Action"/>
/// (such as <c>PUT /v1/owners/{ownerId}/weekly-hours</c>) on <paramref name="OwnerId"/>'s data, about
/// <paramref name="Target"/> (the route's other ids), answered <paramref name="Status"/>, from <paramref name="Address"/>.
/// </summary>
public sealed record AuditEntry(string Id, Instant OccurredAt, string Actor, string? OwnerId, string Action, string? Target, int Status, string? Address);

/// <summary>Where a page of the log ends: the last entry's time and id.</summary>
public sealed record AuditCursor(Instant OccurredAt, string Id);
