using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// Owners' connected calendars and the busy times last read from them. Busy times are part of the owner's schedule:
/// every write that changes what counts as busy raises the owner's schedule version in its transaction.
/// </summary>
public interface ICalendarConnectionStore
{
    /// <summary>
    /// Adds a connection, within <see cref="OwnerLimits.MaxCalendarConnections"/>, as pending. The read that verified it
    /// is read number 1 (<see cref="SyncRecord.ReadTicket"/>); record it with <see cref="RecordSyncAsync"/>.
    /// </summary>
    Task<OwnerWrite> AddConnectionAsync(StoredConnection connection, CancellationToken cancellationToken);

    /// <returns>Null for an unknown owner.</returns>
    Task<IReadOnlyList<StoredConnection>?> ListConnectionsAsync(string ownerId, CancellationToken cancellationToken);

    Task<StoredConnection?> FindConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Changes which calendars count, where bookings are written and what happens when it is unreachable.</summary>
    Task<bool> UpdateConnectionAsync(string ownerId, string connectionId, ConnectionSettings settings, CancellationToken cancellationToken);

    /// <summary>Removes the connection and its busy times.</summary>
    Task<bool> DeleteConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> connections due for a sync at <paramref name="now"/> and not being read, each
    /// leased until <paramref name="now"/> + <paramref name="lease"/> so no other background round reads it meanwhile.
    /// With <paramref name="ownerId"/>, claims all of that owner's connections, due or not, even those being read: a
    /// read on demand reads again rather than rely on a read that began before it. Each claimed connection carries the
    /// number of its read (<see cref="StoredConnection.ReadTicket"/>), in the order the reads began.
    /// </summary>
    Task<IReadOnlyList<StoredConnection>> ClaimForSyncAsync(Instant now, Duration lease, int max, string? ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a sync: on success the busy times replace the last ones within the window (the version is raised only
    /// when they differ) and the copy counts until <see cref="SyncRecord.MaxAge"/> from now; on failure the state, and
    /// the version when the state changes what counts. A read is not recorded when a read that began after it has been
    /// recorded already (false then). A working connection that starts failing, or a connection that goes stale, writes
    /// <see cref="CalendarEvents.Failing"/> or <see cref="CalendarEvents.Stale"/> to the outbox in the same transaction.
    /// </summary>
    Task<bool> RecordSyncAsync(SyncRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the connections whose last good copy stopped counting by <paramref name="now"/> as stale, each with its
    /// <see cref="CalendarEvents.Stale"/> event in the same transaction (staleness counts from that moment anyway: every
    /// read of the schedule judges it at its own clock). Returns how many it marked.
    /// </summary>
    Task<int> MarkStaleAsync(Instant now, CancellationToken cancellationToken);

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

    /// <summary>
    /// The state at <paramref name="now"/>: a connection recorded ok or failing whose last good copy stopped counting
    /// at <paramref name="staleAt"/> is stale from that moment on, before anything is read or recorded again.
    /// </summary>
    public static string At(string state, Instant? staleAt, Instant now) =>
        state is Ok or Failing && staleAt is { } at && now >= at ? Stale : state;
}

/// <summary>What the owner is told about their calendars, through the outbox (webhooks that subscribe, and e-mail).</summary>
public static class CalendarEvents
{
    /// <summary>A connection that was read fine cannot be read now; its last good copy still counts.</summary>
    public const string Failing = "calendar.failing";

    /// <summary>A connection's last good copy is too old to count: its when_unreachable applies.</summary>
    public const string Stale = "calendar.stale";

    public static readonly IReadOnlyList<string> All = [Failing, Stale];

    /// <summary>Whether an outbox event is about a calendar connection (its booking id is then the connection's id).</summary>
    public static bool IsCalendarEvent(string eventType) => All.Contains(eventType);
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
    Instant CreatedAt)
{
    /// <summary>When the last good copy stops counting (its last successful read plus the allowed age); null before one.</summary>
    public Instant? StaleAt { get; init; }

    /// <summary>The number of the read this connection was claimed for (0 when not claimed for a read).</summary>
    public long ReadTicket { get; init; }

    /// <summary>The state at <paramref name="now"/> (<see cref="ConnectionStates.At"/>).</summary>
    public string StateAt(Instant now) => ConnectionStates.At(State, StaleAt, now);
}

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
    Duration MaxAge)
{
    /// <summary>The number of the read (<see cref="StoredConnection.ReadTicket"/>): a read is recorded only if no later-begun read was.</summary>
    public long ReadTicket { get; init; }
}
