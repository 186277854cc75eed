using System.Globalization;
using Agenda.Api.Platform.Localisation;
using Agenda.Scheduling.Booking;
using Microsoft.Extensions.Localization;

namespace Agenda.Api.Pages;

/// <summary>
/// Every sentence the invitee pages show, from the resource files beside this class (<c>PageTexts.resx</c> in English,
/// <c>PageTexts.{language}.resx</c> for each other language), through <see cref="IStringLocalizer{T}"/> in the request's
/// UI culture (set by request localization from the language menu, its cookie, or Accept-Language). A text missing in
/// a language falls back to English; a test holds every language complete. Owner-provided text is never part of
/// these (pages show it through Razor, which escapes it).
/// </summary>
internal sealed class PageTexts(IStringLocalizer<PageTexts> localizer)
{
    /// <summary>The culture whose formats (dates, times, first weekday) the pages use: CLDR's, as .NET's cultures carry them.</summary>
    public CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

    /// <summary>The page's language, one of <see cref="Languages.All"/>.</summary>
    public Language Language { get; } = Languages.Current;

    private string Text(string key) => localizer[key];

    private string Format(string key, params object[] values) => localizer[key, values];

    // Layout
    public string SkipToContent => Text("SkipToContent");
    public string LanguageSwitch => Text("LanguageSwitch");
    public string PoweredBy => Text("PoweredBy");

    // Home page (/)
    public string HomeTitle => Text("HomeTitle");
    public string HomeHeading => Text("HomeHeading");
    public string HomeLead => Text("HomeLead");
    public string HomePointZones => Text("HomePointZones");
    public string HomePointNoDoubleBooking => Text("HomePointNoDoubleBooking");
    public string HomePointCalendars => Text("HomePointCalendars");
    public string HomeSignIn => Text("HomeSignIn");
    public string HomeInviteeHeading => Text("HomeInviteeHeading");
    public string HomeInviteeText => Text("HomeInviteeText");
    public string HomeDevelopersHeading => Text("HomeDevelopersHeading");
    public string HomeApiReference => Text("HomeApiReference");
    public string HomeOpenApi => Text("HomeOpenApi");

    // Owner page
    public string ChooseMeetingType => Text("ChooseMeetingType");
    public string NoMeetingTypes => Text("NoMeetingTypes");
    public string Minutes(int minutes) => Format("Minutes", minutes);
    public string BookWith(string owner) => Format("BookWith", owner);

    // Meeting panel and booking steps
    public string AboutMeeting => Text("AboutMeeting");
    public string AllMeetingTypes => Text("AllMeetingTypes");
    public string SelectDateAndTime => Text("SelectDateAndTime");
    public string ChooseDateFirst => Text("ChooseDateFirst");
    public string ChooseAnotherTime => Text("ChooseAnotherTime");
    public string PickAnotherTime(string date) => Format("PickAnotherTime", date);
    public string HeldCountdown => Text("HeldCountdown");

    // Month and slots
    public string ChooseDate => Text("ChooseDate");
    public string PreviousMonth => Text("PreviousMonth");
    public string NextMonth => Text("NextMonth");
    public string HasFreeTimes => Text("HasFreeTimes");
    public string NothingFreeInMonth(string month) => Format("NothingFreeInMonth", month);
    public string TryNextMonth => Text("TryNextMonth");
    public string ChooseTime(string date) => Format("ChooseTime", date);
    public string NothingFreeOnDate => Text("NothingFreeOnDate");
    public string PickDateHint => Text("PickDateHint");
    public string TimeZone => Text("TimeZone");
    public string SearchZones => Text("SearchZones");

    /// <summary>The name of a group of the zone picker: a region of the tz database (Europe, America…), or UTC.</summary>
    public string ZoneRegion(string region) => localizer["ZoneRegion" + region] is { ResourceNotFound: false } found ? found : region;

    public string ChangeTimeZone => Text("ChangeTimeZone");
    public string TimesShownIn(string zone) => Format("TimesShownIn", zone);
    public string Back => Text("Back");

    // Form
    public string YourDetails => Text("YourDetails");
    public string Name => Text("Name");
    public string Email => Text("Email");
    public string Note => Text("Note");
    public string Book => Text("Book");
    public string NameRequired => Text("NameRequired");
    public string EmailInvalid => Text("EmailInvalid");
    public string NoteInvalid => Text("NoteInvalid");
    public string FixErrors => Text("FixErrors");
    /// <summary>"Group of up to 10" in the panel of a type with seats.</summary>
    public string GroupOf(int seats) => Format("GroupOf", seats);

    /// <summary>"3 of 10 seats left" on a slot of a type with seats.</summary>
    public string SeatsLeft(int left, int seats) => left == 1 ? Format("SeatsLeft1", seats) : Format("SeatsLeft", left, seats);

    public string HeldFor(int minutes) => minutes == 1 ? Text("HeldFor1") : Format("HeldFor", minutes);

    public string HoldExpired => Text("HoldExpired");
    public string JustTaken => Text("JustTaken");
    public string FormSentAlready => Text("FormSentAlready");
    public string NoLongerOffered => Text("NoLongerOffered");

    // Confirmation and management
    public string Confirmed => Text("Confirmed");
    public string YourTime => Text("YourTime");
    public string OwnersTime(string owner) => Format("OwnersTime", owner);
    public string AddToCalendar => Text("AddToCalendar");
    public string ManageLinkIntro => Text("ManageLinkIntro");

    public string RequestLinkIntro => Text("RequestLinkIntro");

    public string RequestLinkText => Text("RequestLinkText");
    public string ManageBooking => Text("ManageBooking");
    public string Booking => Text("Booking");
    public string Cancelled => Text("Cancelled");

    public string RequestSent => Text("RequestSent");

    public string RequestSentNote(string owner) => Format("RequestSentNote", owner);

    public string WithdrawButton => Text("WithdrawButton");

    public string RequestTitle => Text("RequestTitle");

    public string ConfirmRequest => Text("ConfirmRequest");

    public string DeclineRequest => Text("DeclineRequest");

    public string DeclineReason => Text("DeclineReason");

    public string AnswerBy(string when) => Format("AnswerBy", when);

    public string RequestConfirmedDone(string invitee) => Format("RequestConfirmedDone", invitee);

    public string RequestDeclinedDone(string invitee) => Format("RequestDeclinedDone", invitee);

    /// <summary>What a booking that is not active is, in words: cancelled, awaiting the host, declined or expired.</summary>
    public string StatusOf(Scheduling.Booking.BookingStatus status) => status switch
    {
        Scheduling.Booking.BookingStatus.Pending or Scheduling.Booking.BookingStatus.Requested => Text("StatusPending"),
        Scheduling.Booking.BookingStatus.Declined => Text("StatusDeclined"),
        Scheduling.Booking.BookingStatus.Expired => Text("StatusExpired"),
        _ => Cancelled,
    };
    public string CancelHeading => Text("CancelHeading");
    public string CancelReason => Text("CancelReason");
    public string CancelButton => Text("CancelButton");
    public string ReasonInvalid => Text("ReasonInvalid");
    public string CancelConfirm => Text("CancelConfirm");
    public string CancelIntro => Text("CancelIntro");
    public string MoveReviewHeading => Text("MoveReviewHeading");
    public string MoveFrom => Text("MoveFrom");
    public string MoveTo => Text("MoveTo");
    public string MoveConfirm => Text("MoveConfirm");
    public string KeepTime => Text("KeepTime");
    public string ConfirmationSent(string email) => Format("ConfirmationSent", email);
    public string RescheduleHeading => Text("RescheduleHeading");
    public string Rescheduled => Text("Rescheduled");
    public string WasCancelled => Text("WasCancelled");
    public string Invitee => Text("Invitee");
    public string Meeting => Text("Meeting");
    public string With => Text("With");
    public string Hosts => Text("Hosts");

    // Meeting details: lengths, places, questions (issue 26)
    public string Duration => Text("Duration");
    public string WhereToMeet => Text("WhereToMeet");
    public string ChooseLocation => Text("ChooseLocation");
    public string ChooseLocationError => Text("ChooseLocationError");
    public string YourPhone => Text("YourPhone");
    public string YourPhoneHelp => Text("YourPhoneHelp");
    public string PhoneRequired => Text("PhoneRequired");
    public string PhoneInvalid => Text("PhoneInvalid");
    public string RequiredMark => Text("RequiredMark");
    public string AnswerRequired => Text("AnswerRequired");
    public string AnswerTick => Text("AnswerTick");
    public string AnswerTooLong(int characters) => Format("AnswerTooLong", characters);
    public string AnswerNumber => Text("AnswerNumber");
    public string AnswerNumberRange(string minimum, string maximum) => Format("AnswerNumberRange", minimum, maximum);
    public string AnswerUrl => Text("AnswerUrl");
    public string AnswerChoices(int most) => Format("AnswerChoices", most);
    public string AnswerChoose => Text("AnswerChoose");
    public string Yes => Text("Yes");
    public string No => Text("No");
    public string JoinVideoCall => Text("JoinVideoCall");
    public string OpenMeetingLink => Text("OpenMeetingLink");
    public string YouCall(string number) => Format("YouCall", number);
    public string HostCallsYou(string number) => Format("HostCallsYou", number);
    public string CancelReasonRequired => Text("CancelReasonRequired");
    public string CancelReasonMandatory => Text("CancelReasonMandatory");
    public string CancelUntil(string when) => Format("CancelUntil", when);
    public string MoveUntil(string when) => Format("MoveUntil", when);
    public string TooLateToCancel => Text("TooLateToCancel");
    public string TooLateToMove => Text("TooLateToMove");
    public string LinkUsedTitle => Text("LinkUsedTitle");
    public string LinkUsed => Text("LinkUsed");
    public string UnknownLink => Text("UnknownLink");

    /// <summary>How a meeting happens, in words: the owner's label for it, else its kind's name.</summary>
    public string LocationName(Storage.LocationKind kind, string? label) => label ?? kind switch
    {
        Storage.LocationKind.InPerson => Text("LocationInPerson"),
        Storage.LocationKind.Phone => Text("LocationPhone"),
        Storage.LocationKind.InviteePhone => Text("LocationInviteePhone"),
        Storage.LocationKind.Link => Text("LocationLink"),
        _ => Text("LocationVideo"),
    };

    // Team pages
    public string BookWithTeam(string team) => Format("BookWithTeam", team);
    public string WithHosts(int hosts) => Format("WithHosts", hosts);
    public string RoundRobin => Text("RoundRobin");
    public string UnknownTeam => Text("UnknownTeam");

    // A form refused by antiforgery
    public string FormRefusedTitle => Text("FormRefusedTitle");
    public string FormRefused => Text("FormRefused");
    public string LoadFormAgain => Text("LoadFormAgain");

    // Not found
    public string NotFoundTitle => Text("NotFoundTitle");
    public string UnknownOwner => Text("UnknownOwner");
    public string UnknownMeetingType => Text("UnknownMeetingType");
    public string SeeOwnerPage => Text("SeeOwnerPage");
    public string UnknownBooking => Text("UnknownBooking");

    public string Repeat => Text("Repeat");
    public string RepeatHelp => Text("RepeatHelp");
    public string RepeatOnce => Text("RepeatOnce");
    public string RepeatInvalid => Text("RepeatInvalid");
    public string SeriesTitle => Text("SeriesTitle");
    public string CancelFollowing => Text("CancelFollowing");
    public string MoveFollowing => Text("MoveFollowing");

    /// <summary>Why the rest of a series could not move: how many of its meetings would not be free.</summary>
    public string SeriesMoveRefused(int refused, int moving) => string.Format(Culture, Text("RefusalSeriesMove"), refused, moving);

    /// <summary>"Every week, 4 times", or every N weeks: a choice of how many meetings a series has.</summary>
    public string RepeatTimes(int count, int intervalWeeks) =>
        string.Format(Culture, intervalWeeks == 1 ? Text("RepeatWeekly") : Text("RepeatEveryWeeks"), count, intervalWeeks);

    /// <summary>Why a booking form did not book, for the invitee.</summary>
    public string Refusal(Bookings.BookResult result) => result switch
    {
        Bookings.BookResult.Refused refused => Refusal(refused.Reason),
        Bookings.BookResult.SeriesRefused series => string.Format(Culture, Text("RefusalSeries"), series.Meetings.Count, series.Count),
        Bookings.BookResult.KeyReused => FormSentAlready,
        _ => NoLongerOffered,
    };

    /// <summary>Why the store refused a booking or a move, for the invitee.</summary>
    public string Refusal(BookingOutcome reason) => reason switch
    {
        BookingOutcome.Taken => JustTaken,
        BookingOutcome.InviteeLimitReached => Text("RefusalInviteeLimit"),
        BookingOutcome.DailyLimitReached => Text("RefusalDailyLimit"),
        BookingOutcome.LimitReached => Text("RefusalLimit"),
        BookingOutcome.LinkUsed => LinkUsed,
        _ => NoLongerOffered,
    };

    /// <summary>Why a cancellation or move was refused.</summary>
    public string Refusal(ChangeOutcome reason) => reason switch
    {
        ChangeOutcome.AlreadyCancelled => Text("RefusalAlreadyCancelled"),
        ChangeOutcome.AlreadyBegun => Text("RefusalAlreadyBegun"),
        ChangeOutcome.MeetingTypeDeleted => Text("RefusalMeetingTypeDeleted"),
        ChangeOutcome.TooLateForInvitee => Text("RefusalTooLateForInvitee"),
        ChangeOutcome.ReasonRequired => CancelReasonRequired,
        ChangeOutcome.AlreadyConfirmed => Text("RefusalAlreadyConfirmed"),
        ChangeOutcome.AlreadyDeclined => Text("StatusDeclined"),
        ChangeOutcome.RequestExpired => Text("StatusExpired"),
        ChangeOutcome.AwaitingApproval => Text("StatusPending"),
        _ => Text("RefusalUnchangeable"),
    };
}
