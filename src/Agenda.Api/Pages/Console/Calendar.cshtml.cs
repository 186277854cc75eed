using Agenda.Api.Calendars.Sync;
using Agenda.Api.OwnerConsole;
using Agenda.Api.V1;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// One CalDAV connection: the server's calendars, which of them count as busy and which receives the bookings, what
/// happens when it cannot be read, and the log of bookings written into it. Another owner's connection is a 404.
/// </summary>
public sealed class CalendarModel(
    ICalendarConnectionStore store, IDeliveryLogStore deliveries, CalendarSecrets secrets, CalendarSync sync, IHttpClientFactory http, TimeProvider time) : ConsolePage
{
    [FromRoute]
    public string ConnectionId { get; set; } = "";

    public CalendarConnectionResponse? Connection { get; private set; }

    public IReadOnlyList<CalendarCollectionResponse> Collections { get; private set; } = [];

    public IReadOnlyList<DeliveryResponse> Deliveries { get; private set; } = [];

    /// <summary>Why the server's calendars could not be listed, when they could not.</summary>
    public string? ListingError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(List<string>? busy, string? write, string? whenUnreachable, CancellationToken cancellationToken)
    {
        var body = new CalendarSettingsRequest(busy ?? [], string.IsNullOrEmpty(write) ? null : write, whenUnreachable);
        var answer = ApiAnswer.Of((await CalendarsApi.UpdateAsync(OwnerId, ConnectionId, body, store, secrets, sync, time, cancellationToken)).Result);
        if (answer.NotFound)
        {
            return NotFoundPage();
        }

        Errors.AddRange(answer.Errors);
        return answer.Succeeded ? Done("Saved") : await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (ApiAnswer.ValueOf<CalendarConnectionResponse>((await CalendarsApi.GetAsync(OwnerId, ConnectionId, store, time, cancellationToken)).Result) is not { } connection)
        {
            return NotFoundPage();
        }

        Connection = connection;
        var listing = (await CalendarsApi.CalendarsOfAsync(OwnerId, ConnectionId, store, secrets, http, cancellationToken)).Result;
        if (ApiAnswer.ValueOf<CalendarCollectionsResponse>(listing) is { } collections)
        {
            Collections = [.. collections.Calendars.Where(c => c.HoldsEvents)];
        }
        else
        {
            ListingError = ApiAnswer.Of(listing).Errors.FirstOrDefault();
        }

        Deliveries = ApiAnswer.ValueOf<DeliveriesResponse>((await CalendarsApi.DeliveriesAsync(OwnerId, ConnectionId, store, deliveries, cancellationToken)).Result)?.Deliveries ?? [];
        return Page();
    }
}
