using Agenda.Api.Access;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// A page of one booking, reached with its management token (<c>?token=</c>, as the API's links): without the right
/// token it shows nothing of the booking, and answers the same 404 as for a booking that does not exist.
/// </summary>
public abstract class BookingPage(IBookingStore bookings, IOwnerStore owners, IMeetingTypeStore meetingTypes, PageTexts texts) : InviteePage(texts)
{
    /// <summary>The store the booking is read from and changed in.</summary>
    protected IBookingStore Bookings => bookings;

    public StoredBooking? Booking { get; protected set; }

    public OwnerSnapshot? Owner { get; private set; }

    /// <summary>The booking's meeting type, or null when it was deleted since.</summary>
    public StoredMeetingType? MeetingType { get; private set; }

    public string Token { get; private set; } = "";

    public string MeetingTitle => MeetingType?.Title ?? Booking?.MeetingTypeKey ?? "";

    public string OwnerName => Owner?.DisplayName ?? Booking?.OwnerId ?? "";

    /// <summary>The booking as an iCalendar file, from the API's route, which checks the same token.</summary>
    public string CalendarLink => $"/v1/bookings/{Uri.EscapeDataString(Booking!.Id)}/calendar.ics?token={Uri.EscapeDataString(Token)}";

    public string ManageLink => ManagePath(Booking!.Id, Token);

    protected async Task<IActionResult?> LoadAsync(string bookingId, string? token, string? tz, CancellationToken cancellationToken)
    {
        if (await bookings.GetBookingAsync(bookingId, cancellationToken) is not { } booking || !BookingAccess.IsManagementToken(token, booking))
        {
            return NotFoundPage(T.UnknownBooking);
        }

        Booking = booking;
        Token = token!;
        Owner = await owners.FindOwnerAsync(booking.OwnerId, cancellationToken);
        MeetingType = booking.MeetingTypeKey == "" ? null : (await meetingTypes.FindMeetingTypeAsync(booking.OwnerId, booking.MeetingTypeKey, cancellationToken)).MeetingType;
        ChooseZone(tz, Owner?.Zone ?? NodaTime.DateTimeZone.Utc);
        return null;
    }
}
