using Agenda.Api.Bookings;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The attendees of one slot of a meeting type with seats, through the use case the API's seat slot answer uses
/// (<see cref="BookingService.SeatsAsync"/>). Another owner's seat slot is a 404, as if it did not exist.
/// </summary>
internal sealed class SeatsModel(BookingService service, IMeetingTypeStore meetingTypes) : ConsolePage
{
    [FromRoute]
    public string SeatSlotId { get; set; } = "";

    public SeatList? Seats { get; private set; }

    /// <summary>The meeting type's title, or its slug when it was deleted.</summary>
    public string Title { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await service.SeatsAsync(OwnerId, SeatSlotId, cancellationToken) is not var (_, seats))
        {
            return NotFoundPage();
        }

        Seats = seats;
        Title = (await meetingTypes.FindMeetingTypeAsync(OwnerId, seats.MeetingTypeKey, cancellationToken)).MeetingType?.Title ?? seats.MeetingTypeKey;
        return Page();
    }
}
