using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// Owners' connected calendars and the busy times last read from them. Busy times are part of the owner's schedule:
/// every write that changes what counts as busy raises the owner's schedule version in its transaction.
/// </summary>
public interface ICalendarConnectionStore
{
    /// <summary>Adds a connection, within <see cref="OwnerLimits.MaxCalendarConnections"/>.</summary>
    Task<OwnerWrite> AddConnectionAsync(StoredConnection connection, CancellationToken cancellationToken);

    /// <returns>Null for an unknown owner.</returns>
    Task<IReadOnlyList<StoredConnection>?> ListConnectionsAsync(string ownerId, CancellationToken cancellationToken);

    Task<StoredConnection?> FindConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Changes which calendars count, where bookings are written and what happens when it is unreachable.</summary>
    Task<bool> UpdateConnectionAsync(string ownerId, string connectionId, ConnectionSettings settings, CancellationToken cancellationToken);

    /// <summary>Removes the connection and its busy times.</summary>
    Task<bool> DeleteConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> connections due for a sync at <paramref name="now"/> (all of
    /// <paramref name="ownerId"/>'s, due or not, when given), each leased until <paramref name="now"/> +
    /// <paramref name="lease"/> so no other node syncs it meanwhile.
    /// </summary>
    Task<IReadOnlyList<StoredConnection>> ClaimForSyncAsync(Instant now, Duration lease, int max, string? ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a sync: on success the busy times replace the last ones within the window (the version is raised only
    /// when they differ); on failure the state, and the version when the state changes what counts.
    /// </summary>
    Task RecordSyncAsync(SyncRecord record, CancellationToken cancellationToken);

    /// <summary>The owners with at least one connection: bookings for them re-check their calendars first.</summary>
    Task<IReadOnlySet<string>> OwnersWithConnectionsAsync(CancellationToken cancellationToken);

    /// <summary>How many connections are in each state, for metrics.</summary>
    Task<IReadOnlyDictionary<string, long>> CountConnectionsByStateAsync(CancellationToken cancellationToken);
}

public static class ConnectionKinds
{
    public const string CalDav = "caldav";
    public const string Ics = "ics";
}

/// <summary>What becomes of an owner's slots when a calendar cannot be read for longer than the allowed age.</summary>
public static class WhenUnreachable
{
    /// <summary>Offer nothing while the calendar is stale (nothing is offered that might be busy).</summary>
    public const string Block = "block";

    /// <summary>Offer slots as if the calendar had no busy times.</summary>
    public const string Offer = "offer";
}

/// <summary>A connection's health: pending (never read), ok, failing (last good copy still used) or stale (too old to count).</summary>
public static class ConnectionStates
{
    public const string Pending = "pending";
    public const string Ok = "ok";
    public const string Failing = "failing";
    public const string Stale = "stale";
}

/// <param name="BusyCalendars">For CalDAV: the calendars (absolute URLs) whose events count as busy; null for every calendar holding events.</param>
/// <param name="WriteCalendar">For CalDAV: the calendar (absolute URL) bookings are written into; null for none.</param>
public sealed record ConnectionSettings(IReadOnlyList<string>? BusyCalendars, string? WriteCalendar, string WhenUnreachable);

/// <param name="SecretBox">The URL and credentials, encrypted by the service; never shown.</param>
/// <param name="DisplayHost">Scheme and host of the URL: what the owner is shown.</param>
/// <param name="Validators">What the last read left to make the next one conditional (ETag, ctag), as the sync wrote it.</param>
public sealed record StoredConnection(
    string Id,
    string OwnerId,
    string Kind,
    byte[] SecretBox,
    string DisplayHost,
    ConnectionSettings Settings,
    string State,
    string? LastError,
    Instant? LastAttemptAt,
    Instant? LastSuccessAt,
    Instant NextSyncAt,
    string? Validators,
    Instant CreatedAt);

/// <summary>The result of reading one connection.</summary>
/// <param name="Busy">The busy times read within <paramref name="Window"/>; null when the read failed or nothing changed.</param>
/// <param name="Unchanged">The calendar answered that nothing changed since the last read (the busy times stay).</param>
/// <param name="Error">Why the read failed, in words without secrets; null on success.</param>
/// <param name="MaxAge">How long the last good copy counts after a failure; past it the connection is stale.</param>
public sealed record SyncRecord(
    string ConnectionId,
    string OwnerId,
    Instant At,
    Instant NextSyncAt,
    Interval Window,
    IReadOnlyList<Interval>? Busy,
    bool Unchanged,
    string? Validators,
    string? Error,
    Duration MaxAge);
