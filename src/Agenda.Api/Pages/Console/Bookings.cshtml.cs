using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Calendars;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Owners;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The owner's bookings (upcoming, past, cancelled) as the /v1 list gives them, and cancelling one, through the same
/// use cases as the API (<see cref="BookingService"/>). A booking id that is not the session owner's is a 404, as if it
/// did not exist.
/// </summary>
internal sealed class BookingsModel(IBookingStore bookings, IMeetingTypeStore meetingTypes, BookingService service, NoShows noShows, PrivateNotes notes, BookingExport export, TimeProvider time) : ConsolePage
{
    private const int PageSize = 50;

    private Dictionary<string, string> titles = [];

    private Dictionary<(string Slug, string Question), QuestionKind> questionKinds = [];

    private Dictionary<string, SeatList> seats = [];

    private HashSet<string> begun = [];

    /// <summary>The reason typed for the booking whose cancellation was refused, to show it again.</summary>
    private (string? Id, string? Reason) posted;

    /// <summary>The private note typed for the booking whose note was refused, to show it again.</summary>
    private (string? Id, string? Note) postedNote;

    [BindProperty(SupportsGet = true)]
    public string Status { get; set; } = "upcoming";

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    /// <summary>Only bookings of this meeting type (slug); empty for every type.</summary>
    [BindProperty(SupportsGet = true, Name = "type")]
    public string? MeetingType { get; set; }

    /// <summary>Only bookings whose invitee's name or address contains this.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>The owner's meeting types, to filter by.</summary>
    public IReadOnlyList<(string Slug, string Title)> Types { get; private set; } = [];

    /// <summary>The filters as a query string, for the tabs, the next page and the export.</summary>
    public string FilterQuery =>
        (string.IsNullOrEmpty(MeetingType) ? "" : "&type=" + Uri.EscapeDataString(MeetingType)) + (string.IsNullOrEmpty(Search) ? "" : "&q=" + Uri.EscapeDataString(Search));

    /// <summary>The bookings of the tab and filters as a CSV file, as the API's export writes it.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var errors = new Platform.Wire.RequestErrors();
        if (BookingListRequest.Read(Status, null, null, BookingListRequest.MaxPageSize, null, MeetingType, Search, errors) is { } request
            && await export.CsvAsync(OwnerId, request, cancellationToken) is Platform.Wire.Outcome<byte[]>.Done done)
        {
            return File(done.Value, "text/csv; charset=utf-8", BookingExport.FileName);
        }

        Errors.AddRange(errors.Messages);
        return await PageAsync(cancellationToken);
    }

    public IReadOnlyList<BookingResponse> Bookings { get; private set; } = [];

    /// <summary>
    /// Whether the booking's meeting has begun, so that its invitee can be marked as a no-show: every past meeting, and
    /// an upcoming one once its start has passed (the invitee is late now, not after the meeting's end).
    /// </summary>
    public bool HasBegun(BookingResponse booking) => begun.Contains(booking.Id);

    public string? NextCursor { get; private set; }

    /// <summary>For a seat of a class, its class's seats (taken and capacity); null for any other booking.</summary>
    public SeatList? SeatsOf(BookingResponse booking) => booking.SeatSlotId is { } id && seats.TryGetValue(id, out var found) ? found : null;

    public string? ReasonFor(string bookingId) => posted.Id == bookingId ? posted.Reason : null;

    /// <summary>The private note to show in the booking's note field: as typed when it was refused, else as kept.</summary>
    public string? NoteFor(BookingResponse booking) => postedNote.Id == booking.Id ? postedNote.Note : booking.PrivateNote;

    /// <summary>The meeting type's title; its slug if it was deleted; a dash for the documented API's bookings, which have none.</summary>
    public string TitleOf(string slug) => titles.TryGetValue(slug, out var title) ? title : slug.Length > 0 ? slug : "—";

    /// <summary>The console text that names how a booking's meeting happens, by the API's kind name.</summary>
    public static string WhereKey(string kind) => kind switch
    {
        "phone" => "WhereInviteeCalls",
        "invitee_phone" => "WhereYouCall",
        "link" => "WhereLink",
        "video" => "WhereVideo",
        _ => "WhereInPerson",
    };

    /// <summary>
    /// An answer as the owner reads it: a checkbox's yes or no in the page's language and a phone number formatted, when
    /// the meeting type still asks that question so; anything else as given.
    /// </summary>
    public string AnswerText(string slug, BookingAnswerResponse answer)
    {
        var kind = questionKinds.TryGetValue((slug, answer.Id), out var k) ? k : (QuestionKind?)null;
        return string.Join(", ", answer.Values.Select(value => (kind, value) switch
        {
            (QuestionKind.Checkbox, "yes") => ConsoleTexts.Get("Yes"),
            (QuestionKind.Checkbox, "no") => ConsoleTexts.Get("No"),
            (QuestionKind.Phone, _) => MeetingTypeDetailsInput.FormatPhone(value),
            _ => value,
        }));
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    /// <summary>Cancels a booking of the session owner; with <paramref name="following"/>, a meeting of a series with every later one.</summary>
    public async Task<IActionResult> OnPostCancelAsync(string? bookingId, string? reason, bool following, CancellationToken cancellationToken)
    {
        if (await bookings.GetBookingAsync(bookingId ?? "", cancellationToken) is not { } booking || booking.OwnerId != OwnerId)
        {
            return NotFoundPage();
        }

        // The reason is read as the API reads it.
        posted = (booking.Id, reason);
        var check = new Platform.Wire.RequestErrors();
        var readReason = check.Text("reason", string.IsNullOrWhiteSpace(reason) ? null : reason, 2000);
        if (check.Any)
        {
            Errors.Add(check, _ => $"reason-{booking.Id}");
            return await PageAsync(cancellationToken);
        }

        var result = await service.CancelAsync(booking.Id, BookingAccess.Owner, readReason, following, cancellationToken);
        if (result is null)
        {
            return NotFoundPage();
        }

        if (result.Outcome == Scheduling.Booking.ChangeOutcome.Allowed)
        {
            return Done("BookingCancelled");
        }

        Errors.Add(BookingRefusals.Of(result.Outcome, "cancelled").Detail);
        return await PageAsync(cancellationToken);
    }

    /// <summary>Marks the invitee of a past booking as a no-show, or takes the mark back, through the use case of the API's.</summary>
    public async Task<IActionResult> OnPostNoShowAsync(string? bookingId, bool noShow, CancellationToken cancellationToken)
    {
        var outcome = await noShows.MarkAsync(OwnerId, bookingId ?? "", noShow, cancellationToken);
        if (outcome is Platform.Wire.Outcome<bool>.Refused { Refusal.IsNotFound: true })
        {
            return NotFoundPage();
        }

        return Accepted(outcome)
            ? RedirectToPage(null, null, new { notice = noShow ? "NoShowMarked" : "NoShowCleared", status = Status, type = MeetingType, q = Search }, $"booking-{bookingId}")
            : await PageAsync(cancellationToken);
    }

    /// <summary>Writes the owner's private note on a booking of theirs, through the use case of the API's, and comes back to the booking.</summary>
    public async Task<IActionResult> OnPostNoteAsync(string? bookingId, string? note, CancellationToken cancellationToken)
    {
        var outcome = await notes.WriteAsync(OwnerId, bookingId ?? "", note, cancellationToken);
        if (outcome is Platform.Wire.Outcome<string?>.Refused { Refusal.IsNotFound: true })
        {
            return NotFoundPage();
        }

        if (Accepted(outcome, _ => $"note-{bookingId}"))
        {
            return RedirectToPage(null, null, new { notice = "PrivateNoteSaved", status = Status, type = MeetingType, q = Search }, $"booking-{bookingId}");
        }

        postedNote = (bookingId, note);
        return await PageAsync(cancellationToken);
    }

    /// <summary>Confirms a request of the session owner, through the use case of the API's confirm.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string? bookingId, CancellationToken cancellationToken)
    {
        if (await bookings.GetBookingAsync(bookingId ?? "", cancellationToken) is not { } booking || booking.OwnerId != OwnerId)
        {
            return NotFoundPage();
        }

        var attempt = await service.ConfirmAsync(booking.Id, cancellationToken);
        switch (attempt)
        {
            case BookingAttempt.Booked:
                return Done("RequestConfirmed");
            case BookingAttempt.Refused refused:
                Errors.Add(BookingRefusals.Of(refused.Reason, Platform.Wire.WireFormat.FormatUtc(booking.Slot.Start), Platform.Wire.WireFormat.FormatUtc(booking.Slot.End)).Detail);
                break;
            case BookingAttempt.NotChangeable why:
                Errors.Add(BookingRefusals.Of(why.Reason, "confirmed").Detail);
                break;
        }

        return await PageAsync(cancellationToken);
    }

    /// <summary>Declines a request of the session owner, with an optional word for the invitee.</summary>
    public async Task<IActionResult> OnPostDeclineAsync(string? bookingId, string? reason, CancellationToken cancellationToken)
    {
        if (await bookings.GetBookingAsync(bookingId ?? "", cancellationToken) is not { } booking || booking.OwnerId != OwnerId)
        {
            return NotFoundPage();
        }

        var check = new Platform.Wire.RequestErrors();
        var readReason = check.Text("reason", string.IsNullOrWhiteSpace(reason) ? null : reason, 2000);
        if (check.Any)
        {
            Errors.Add(check, _ => $"decline-{booking.Id}");
            return await PageAsync(cancellationToken);
        }

        var result = await service.DeclineAsync(booking.Id, readReason, cancellationToken);
        if (result is { Outcome: Scheduling.Booking.ChangeOutcome.Allowed })
        {
            return Done("RequestDeclined");
        }

        Errors.Add(BookingRefusals.Of(result?.Outcome ?? Scheduling.Booking.ChangeOutcome.AlreadyCancelled, "declined").Detail);
        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        var errors = new Platform.Wire.RequestErrors();
        if (BookingListRequest.Read(Status, null, null, PageSize, Cursor, MeetingType, Search, errors) is not { } request)
        {
            Errors.AddRange(errors.Messages);
            Status = "upcoming";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (await service.ListAsync(OwnerId, request, cancellationToken) is not { } list)
        {
            return NotFoundPage();
        }

        Bookings = [.. list.Page.Select(b => b.ToOwnersResponse(list.Owner.Zone))];
        var now = time.GetCurrentInstant();
        begun = [.. list.Page.Where(b => b.IsActive && b.Slot.Start <= now).Select(b => b.Id)];
        NextCursor = request.NextCursor(list.Page);
        var types = await meetingTypes.ListMeetingTypesAsync(OwnerId, cancellationToken) ?? [];
        titles = types.ToDictionary(t => t.Slug, t => t.Title);
        Types = [.. types.Select(t => (t.Slug, t.Title))];
        questionKinds = types.SelectMany(t => t.Details.Questions.Select(q => (Key: (t.Slug, q.Id), q.Kind))).ToDictionary(q => q.Key, q => q.Kind);
        foreach (var id in list.Page.Select(b => b.SeatSlotId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await service.SeatsAsync(OwnerId, id, cancellationToken) is var (_, found))
            {
                seats[id] = found;
            }
        }

        return Page();
    }
}
