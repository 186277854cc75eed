using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Calendars;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Owners;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// One CalDAV connection: the server's calendars, which of them count as busy and which receives the bookings, what
/// happens when it cannot be read, and the log of bookings written into it. Another owner's connection is a 404.
/// </summary>
internal sealed class CalendarModel(OwnerCalendars calendars) : ConsolePage
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
        var outcome = await calendars.UpdateAsync(OwnerId, ConnectionId, body, cancellationToken);
        if (outcome is Outcome<StoredConnection>.Refused { Refusal.IsNotFound: true })
        {
            return NotFoundPage();
        }

        return Accepted(outcome) ? Done("Saved") : await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (await calendars.FindAsync(OwnerId, ConnectionId, cancellationToken) is not Outcome<StoredConnection>.Done found)
        {
            return NotFoundPage();
        }

        Connection = found.Value.ToResponse(calendars.Now);
        switch (await calendars.CollectionsAsync(OwnerId, ConnectionId, cancellationToken))
        {
            case Outcome<IReadOnlyList<CalendarCollectionResponse>>.Done listed:
                Collections = [.. listed.Value.Where(c => c.HoldsEvents)];
                break;
            case var refused:
                ListingError = refused.Messages.FirstOrDefault();
                break;
        }

        if (await calendars.DeliveriesAsync(OwnerId, ConnectionId, cancellationToken) is Outcome<IReadOnlyList<DeliveryLog>>.Done log)
        {
            Deliveries = DeliveriesResponse.Of(log.Value).Deliveries;
        }

        return Page();
    }
}
