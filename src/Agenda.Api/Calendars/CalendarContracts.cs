using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Calendars;

/// <param name="Kind">caldav or ics.</param>
/// <param name="Url">For caldav, the calendar or the account's calendar home; for ics, the feed's (secret) address.</param>
/// <param name="Password">The CalDAV password or app token; stored encrypted, never shown again.</param>
/// <param name="WhenUnreachable">block (default) or offer: what happens to the owner's slots when the calendar is unreadable longer than allowed.</param>
internal sealed record ConnectCalendarRequest(
    string? Kind, string? Url, string? Username = null, string? Password = null, IReadOnlyList<string>? BusyCalendars = null, string? WriteCalendar = null,
    string? WhenUnreachable = null);

internal sealed record CalendarSettingsRequest(IReadOnlyList<string>? BusyCalendars, string? WriteCalendar, string? WhenUnreachable);

/// <param name="Host">The scheme and host of the calendar's address; the rest of it, and the credentials, are never shown.</param>
/// <param name="State">pending (not read yet), ok, failing (its last good copy counts) or stale (too old to count: when_unreachable applies).</param>
/// <param name="LastSyncedAt">When it was last read successfully.</param>
internal sealed record CalendarConnectionResponse(
    string Id, string Kind, string Host, IReadOnlyList<string>? BusyCalendars, string? WriteCalendar, string WhenUnreachable, string State, string? LastError,
    string? LastSyncedAt, string? LastAttemptAt, string NextSyncAt, string CreatedAt);

internal sealed record CalendarConnectionsResponse(IReadOnlyList<CalendarConnectionResponse> Calendars);

internal sealed record CalendarCollectionResponse(string Url, string? DisplayName, bool HoldsEvents, bool CountsAsBusy, bool ReceivesBookings);

internal sealed record CalendarCollectionsResponse(IReadOnlyList<CalendarCollectionResponse> Calendars);

/// <summary>A stored connection as its /v1 response body.</summary>
internal static class CalendarMapping
{
    /// <summary>The connection as it stands at <paramref name="now"/>: a copy past its age is stale, read or not since.</summary>
    public static CalendarConnectionResponse ToResponse(this StoredConnection c, Instant now) =>
        new(c.Id, c.Kind, c.DisplayHost, c.Settings.BusyCalendars, c.Settings.WriteCalendar, c.Settings.WhenUnreachable, c.StateAt(now), c.LastError,
            Utc(c.LastSuccessAt), Utc(c.LastAttemptAt), WireFormat.FormatUtc(c.NextSyncAt), WireFormat.FormatUtc(c.CreatedAt));

    private static string? Utc(Instant? instant) => instant is { } i ? WireFormat.FormatUtc(i) : null;
}
