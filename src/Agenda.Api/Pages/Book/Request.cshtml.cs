using Agenda.Api.Bookings;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// <c>/booking/{id}/answer?token=</c>: the page the owner's e-mail about a new request links to, to confirm or decline it without
/// signing in. The token (<see cref="BookingLinks.AnswerToken"/>) opens this request's answer only, never the booking as
/// the invitee's token does. Both answers go through the use cases of the API's confirm and decline. Not embeddable.
/// </summary>
internal sealed class RequestModel(
    IBookingStore bookings, IOwnerStore owners, IMeetingTypeStore meetingTypes, ITeamStore teams, ITeamBookingStore teamBookings, BookingService service, PageTexts texts)
    : BookingPage(bookings, owners, meetingTypes, teams, teamBookings, texts)
{
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>What the answer came to, or why it was refused.</summary>
    public string? Message { get; private set; }

    public bool MessageIsRefusal { get; private set; }

    public MeetingPanel Panel => new(OwnerName)
    {
        Title = MeetingTitle,
        TitleIsHeading = false,
        Minutes = Booking is { } b ? (int)(b.Slot.End - b.Slot.Start).TotalMinutes : null,
    };

    /// <summary>When the request expires, in the owner's zone.</summary>
    public string? Expires => Booking?.ExpiresAt is { } at && Owner is { } owner ? InviteeFormat.Moment(at, owner.Zone, T.Culture) : null;

    public Task<IActionResult> OnGetAsync(string bookingId, string? token, CancellationToken cancellationToken) => OpenAsync(bookingId, token, null, cancellationToken);

    public Task<IActionResult> OnPostConfirmAsync(string bookingId, string? token, CancellationToken cancellationToken) => OpenAsync(bookingId, token, async () =>
    {
        var attempt = await service.ConfirmAsync(bookingId, cancellationToken);
        return attempt switch
        {
            BookingAttempt.Booked => (T.RequestConfirmedDone(Booking!.Invitee), false),
            BookingAttempt.Refused refused => (T.Refusal(refused.Reason), true),
            BookingAttempt.NotChangeable why => (T.Refusal(why.Reason), true),
            _ => (T.UnknownBooking, true),
        };
    }, cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(string bookingId, string? token, CancellationToken cancellationToken) => OpenAsync(bookingId, token, async () =>
    {
        var check = new RequestErrors();
        var reason = check.Text("reason", string.IsNullOrWhiteSpace(Reason) ? null : Reason, InviteeInput.MaxNoteLength);
        if (check.Any)
        {
            return (T.ReasonInvalid, true);
        }

        var result = await service.DeclineAsync(bookingId, reason, cancellationToken);
        return result switch
        {
            { Outcome: ChangeOutcome.Allowed } => (T.RequestDeclinedDone(Booking!.Invitee), false),
            null => (T.UnknownBooking, true),
            _ => (T.Refusal(result.Outcome), true),
        };
    }, cancellationToken);

    /// <summary>Where a form of this page posts: its handler, with the token.</summary>
    public string Action(string handler) =>
        $"/booking/{Uri.EscapeDataString(Booking!.Id)}/answer" + new QueryBuilder { { "token", Token }, { "handler", handler } }.ToQueryString();

    /// <summary>Opens the request with the answer's token, answers it when asked, and shows it as it stands then.</summary>
    private async Task<IActionResult> OpenAsync(string bookingId, string? token, Func<Task<(string Message, bool Refused)>>? answer, CancellationToken cancellationToken)
    {
        if (await LoadAsync(bookingId, token, null, (links, booking) => links.OpensAnswer(token, booking), cancellationToken) is { } missing)
        {
            return missing;
        }

        if (answer is not null)
        {
            (Message, MessageIsRefusal) = await answer();
            Booking = await Bookings.GetBookingAsync(bookingId, cancellationToken) ?? Booking;
        }

        return Page();
    }
}
