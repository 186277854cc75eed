using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// <c>/booking/{id}/confirmed?token=</c>: the booking just made, at its time in the invitee's and the owner's zone,
/// with the calendar file and the management link. An embedding site learns of it by postMessage (docs/booking-page.md).
/// </summary>
[Embeddable]
internal sealed class ConfirmedModel(
    IBookingStore bookings, IOwnerStore owners, IMeetingTypeStore meetingTypes, ITeamStore teams, ITeamBookingStore teamBookings, PageTexts texts, ISeriesStore series)
    : BookingPage(bookings, owners, meetingTypes, teams, teamBookings, texts)
{
    /// <summary>For a meeting of a weekly series, the series: the page lists every meeting of it.</summary>
    public StoredSeries? Series { get; private set; }

    /// <summary>The page's address for booking <paramref name="bookingId"/>, with its management token, in <paramref name="zone"/>.</summary>
    public static string Address(string bookingId, string token, NodaTime.DateTimeZone zone) =>
        $"/booking/{Uri.EscapeDataString(bookingId)}/confirmed?token={Uri.EscapeDataString(token)}&tz={Uri.EscapeDataString(zone.Id)}";

    /// <summary>Whether the service sends e-mail, so the page may say a confirmation is on its way (never when it is not).</summary>
    public bool MailIsSent => HttpContext.RequestServices.GetRequiredService<Notifications.EmailAvailability>().Enabled;

    /// <summary>
    /// The confirmation; for a meeting type with a redirect address, a 303 to that address instead, with the booking's
    /// id and times (ISO 8601, UTC) added to its query (<c>booking_id</c>, <c>start</c>, <c>end</c>).
    /// </summary>
    public async Task<IActionResult> OnGetAsync(string bookingId, string? token, string? tz, CancellationToken cancellationToken)
    {
        if (await LoadAsync(bookingId, token, tz, cancellationToken) is { } missing)
        {
            return missing;
        }

        Series = Booking!.SeriesId is { } seriesId ? await series.GetSeriesAsync(seriesId, cancellationToken) : null;
        if (TypeNow?.Details.RedirectUrl is { } redirect)
        {
            Response.Headers.Location = RedirectAddress(redirect, Booking!);
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        return Page();
    }

    /// <summary><paramref name="url"/> with the booking's id, start and end added to its query (its own parameters and fragment kept).</summary>
    public static string RedirectAddress(string url, StoredBooking booking) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(url, new Dictionary<string, string?>
        {
            ["booking_id"] = booking.Id,
            ["start"] = Platform.Wire.InviteeFormat.Wire(booking.Slot.Start),
            ["end"] = Platform.Wire.InviteeFormat.Wire(booking.Slot.End),
        });
}
