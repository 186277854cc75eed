using Agenda.Api.Calendars.Sync;
using Agenda.Api.Observability;
using Agenda.Api.OwnerConsole;
using Agenda.Api.V1;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The owner's own calendars, through the /v1 handlers: connected (CalDAV or an iCalendar feed), each with its state
/// and last error, read again now, switched between withholding and offering slots when unreadable, and removed.
/// Passwords and feed addresses are taken in and never shown again.
/// </summary>
public sealed class CalendarsModel(
    ICalendarConnectionStore store, CalendarSecrets secrets, CalendarSync sync, CalendarOptions options, LimitMetrics limits, TimeProvider time) : ConsolePage
{
    public IReadOnlyList<CalendarConnectionResponse> Connections { get; private set; } = [];

    /// <summary>Whether the service can keep calendar credentials (Calendars:EncryptionKey is set).</summary>
    public bool Available => secrets.Available;

    [BindProperty]
    public CalendarForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostConnectAsync(CancellationToken cancellationToken)
    {
        var body = new ConnectCalendarRequest(Form.Kind, Form.Url?.Trim(), Blank(Form.Username), Blank(Form.Password), WhenUnreachable: Form.WhenUnreachable);
        var answer = await CalendarsApi.ConnectAsync(OwnerId, body, store, secrets, sync, options, limits, time, cancellationToken);
        if (Accepted(answer.Result))
        {
            return Done("CalendarConnected");
        }

        // The password is not sent back into the form.
        Form.Password = null;
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSyncAsync(string? connectionId, CancellationToken cancellationToken) =>
        ApiAnswer.Of((await CalendarsApi.SyncAsync(OwnerId, connectionId ?? "", store, sync, time, cancellationToken)).Result).Succeeded
            ? Done("CalendarRead")
            : NotFoundPage();

    public async Task<IActionResult> OnPostRemoveAsync(string? connectionId, CancellationToken cancellationToken) =>
        ApiAnswer.Of((await CalendarsApi.DeleteAsync(OwnerId, connectionId ?? "", store, sync, cancellationToken)).Result).Succeeded
            ? Done("CalendarRemoved")
            : NotFoundPage();

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (ApiAnswer.ValueOf<CalendarConnectionsResponse>((await CalendarsApi.ListAsync(OwnerId, store, time, cancellationToken)).Result) is not { } list)
        {
            return NotFoundPage();
        }

        Connections = list.Calendars;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>A calendar to connect, as typed.</summary>
public sealed class CalendarForm
{
    public string Kind { get; set; } = ConnectionKinds.Ics;

    public string? Url { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string WhenUnreachable { get; set; } = Storage.WhenUnreachable.Block;
}
