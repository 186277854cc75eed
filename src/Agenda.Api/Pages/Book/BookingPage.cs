using Agenda.Api.Platform.Access;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// A page of one booking, reached with its management token (<c>?token=</c>, as the API's links): without the right
/// token it shows nothing of the booking, and answers the same 404 as for a booking that does not exist. A host's share
/// of a team booking (the invitee's is the first host's) is shown with its team meeting type and every host.
/// </summary>
internal abstract class BookingPage(IBookingStore bookings, IOwnerStore owners, IMeetingTypeStore meetingTypes, ITeamStore teams, ITeamBookingStore teamBookings, PageTexts texts)
    : InviteePage(texts)
{
    /// <summary>The store the booking is read from and changed in.</summary>
    protected IBookingStore Bookings => bookings;

    public StoredBooking? Booking { get; protected set; }

    public OwnerSnapshot? Owner { get; private set; }

    /// <summary>The booking's meeting type, or null when it was deleted since.</summary>
    public StoredMeetingType? MeetingType { get; private set; }

    /// <summary>For a team booking: its team and team meeting type, when they still exist.</summary>
    public StoredTeam? Team { get; private set; }

    public StoredTeamMeetingType? TeamMeetingType { get; private set; }

    /// <summary>For a team booking: the owner ids of its hosts (the booking's owner first); empty for a personal one.</summary>
    public IReadOnlyList<string> HostIds { get; private set; } = [];

    /// <summary>The hosts' names, for a team booking.</summary>
    public IReadOnlyList<string> HostNames { get; private set; } = [];

    public string Token { get; private set; } = "";

    /// <summary>The booking's meeting type as it is now, personal or the team's; null when it is gone.</summary>
    public StoredMeetingType? TypeNow => TeamMeetingType?.Shared ?? MeetingType;

    /// <summary>An answer as the invitee reads it: a checkbox's yes or no in their language, a phone number spaced, choices joined.</summary>
    public string AnswerText(BookingAnswer answer)
    {
        var kind = TypeNow?.Details.Questions.FirstOrDefault(q => q.Id == answer.Id)?.Kind;
        return string.Join(", ", answer.Values.Select(value => (kind, value) switch
        {
            (QuestionKind.Checkbox, "yes") => T.Yes,
            (QuestionKind.Checkbox, "no") => T.No,
            (QuestionKind.Phone, _) => MeetingTypes.MeetingTypeDetailsInput.FormatPhone(value),
            _ => value,
        }));
    }

    public string MeetingTitle => TeamMeetingType?.Title ?? MeetingType?.Title ?? Booking?.MeetingTypeKey ?? "";

    public string OwnerName => Owner?.DisplayName ?? Booking?.OwnerId ?? "";

    /// <summary>The booking as an iCalendar file, from the API's route, which checks the same token.</summary>
    public string CalendarLink => $"/v1/bookings/{Uri.EscapeDataString(Booking!.Id)}/calendar.ics?token={Uri.EscapeDataString(Token)}";

    public string ManageLink => ManagePath(Booking!.Id, Token);

    protected Task<IActionResult?> LoadAsync(string bookingId, string? token, string? tz, CancellationToken cancellationToken) =>
        LoadAsync(bookingId, token, tz, (links, booking) => links.Opens(token, booking), cancellationToken);

    /// <param name="opens">Whether the token opens the booking for this page (the invitee's pages: their token or e-mail link).</param>
    protected async Task<IActionResult?> LoadAsync(
        string bookingId, string? token, string? tz, Func<BookingLinks, StoredBooking, bool> opens, CancellationToken cancellationToken)
    {
        if (await bookings.GetBookingAsync(bookingId, cancellationToken) is not { } booking
            || !opens(HttpContext.RequestServices.GetRequiredService<BookingLinks>(), booking))
        {
            return NotFoundPage(T.UnknownBooking);
        }

        Booking = booking;
        Token = token!;
        Owner = await owners.FindOwnerAsync(booking.OwnerId, cancellationToken);
        if (booking.TeamBookingId is { } group)
        {
            await LoadTeamAsync(booking, group, cancellationToken);
        }
        else
        {
            MeetingType = booking.MeetingTypeKey == "" ? null : (await meetingTypes.FindMeetingTypeAsync(booking.OwnerId, booking.MeetingTypeKey, cancellationToken)).MeetingType;
        }

        ChooseZone(tz, Owner?.Zone ?? NodaTime.DateTimeZone.Utc);
        return null;
    }

    private async Task LoadTeamAsync(StoredBooking booking, string group, CancellationToken cancellationToken)
    {
        if (StoredTeamMeetingType.ParseKey(booking.MeetingTypeKey) is { } key && await teams.GetTeamAsync(key.TeamId, cancellationToken) is { } team)
        {
            Team = team;
            TeamMeetingType = team.MeetingTypes.FirstOrDefault(t => t.Slug == key.Slug);
        }

        HostIds = [.. (await teamBookings.GetTeamBookingAsync(group, cancellationToken)).Select(b => b.OwnerId)];
        var names = new List<string>();
        foreach (var hostId in HostIds)
        {
            // A host who left the team is still a host of this booking: their name then comes from the owner store.
            var host = Team?.Members.FirstOrDefault(m => m.OwnerId == hostId)?.Owner ?? await owners.FindOwnerAsync(hostId, cancellationToken);
            names.Add(host?.DisplayName ?? hostId);
        }

        HostNames = names;
    }
}
