namespace Agenda.Api.Calendars.Sources;

/// <summary>The account on a CalDAV server, sent as HTTP Basic credentials (an app password or token where the server offers them).</summary>
internal sealed record CalDavCredentials(string UserName, string Password)
{
    /// <summary>Leaves the password out, so logging the record cannot leak it.</summary>
    public override string ToString() => $"CalDavCredentials {{ UserName = {UserName} }}";
}

/// <summary>
/// A calendar collection found on the server. <see cref="HoldsEvents"/> is false for task-only or journal-only calendars.
/// <see cref="CTag"/> and <see cref="SyncToken"/> change whenever anything in the calendar changes; either may be missing.
/// </summary>
internal sealed record CalDavCalendar(Uri Href, string? DisplayName, bool HoldsEvents, string? CTag, string? SyncToken);

/// <summary>A calendar's change markers: compare with the last ones to skip reading an unchanged calendar.</summary>
internal sealed record CalDavCalendarState(string? CTag, string? SyncToken);

/// <summary>One calendar object resource: its address, entity tag and iCalendar text (one event with its overrides and VTIMEZONEs).</summary>
internal sealed record CalDavEvent(Uri Href, string? ETag, string IcsText);

/// <summary>Where an event was written and its new entity tag, for the next update (If-Match) or delete.</summary>
internal sealed record CalDavWrite(Uri Href, string? ETag);
