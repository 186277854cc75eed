using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Calendars;
using Agenda.Api.Calendars.Sync;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Owners;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The owner's own calendars (<see cref="OwnerCalendars"/>): connected (CalDAV or an iCalendar feed), each with its state
/// and last error, read again now, switched between withholding and offering slots when unreadable, and removed.
/// Passwords and feed addresses are taken in and never shown again.
/// </summary>
internal sealed class CalendarsModel(OwnerCalendars calendars) : ConsolePage
{
    public IReadOnlyList<CalendarConnectionResponse> Connections { get; private set; } = [];

    /// <summary>Whether the service can keep calendar credentials (Calendars:EncryptionKey is set).</summary>
    public bool Available => calendars.Available;

    [BindProperty]
    public CalendarForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostConnectAsync(CancellationToken cancellationToken)
    {
        var body = new ConnectCalendarRequest(Form.Kind, Form.Url?.Trim(), Blank(Form.Username), Blank(Form.Password), WhenUnreachable: Form.WhenUnreachable);
        if (Accepted(await calendars.ConnectAsync(OwnerId, body, cancellationToken), key => key switch
        {
            "url" => "calendar-url",
            "username" => "calendar-user",
            "password" => "calendar-password",
            _ => null,
        }))
        {
            return Done("CalendarConnected");
        }

        // The password is not sent back into the form.
        Form.Password = null;
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSyncAsync(string? connectionId, CancellationToken cancellationToken) =>
        await calendars.SyncAsync(OwnerId, connectionId ?? "", cancellationToken) is Outcome<StoredConnection>.Done ? Done("CalendarRead") : NotFoundPage();

    public async Task<IActionResult> OnPostRemoveAsync(string? connectionId, CancellationToken cancellationToken) =>
        await calendars.DeleteAsync(OwnerId, connectionId ?? "", cancellationToken) ? Done("CalendarRemoved") : NotFoundPage();

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (await calendars.ListAsync(OwnerId, cancellationToken) is not { } list)
        {
            return NotFoundPage();
        }

        var now = calendars.Now;
        Connections = [.. list.Select(c => c.ToResponse(now))];
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>A calendar to connect, as typed.</summary>
internal sealed class CalendarForm
{
    public string Kind { get; set; } = ConnectionKinds.Ics;

    public string? Url { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string WhenUnreachable { get; set; } = Storage.WhenUnreachable.Block;
}
