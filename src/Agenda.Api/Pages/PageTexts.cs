using System.Globalization;
using Agenda.Scheduling.Booking;

namespace Agenda.Api.Pages;

/// <summary>
/// Every sentence the pages show, in English and German, picked by the request's UI culture (set by request
/// localization from the language switch, its cookie, or Accept-Language). Add a text as one property with both
/// languages; owner-provided text is never part of these (pages show it through Razor, which escapes it).
/// </summary>
internal sealed class PageTexts
{
    private readonly bool german = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de";

    public CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

    public string Language => german ? "de" : "en";

    private string Pick(string english, string deutsch) => german ? deutsch : english;

    // Layout
    public string SkipToContent => Pick("Skip to content", "Zum Inhalt springen");
    public string LanguageSwitch => Pick("Language", "Sprache");
    public string OtherLanguageName => Pick("Deutsch", "English");
    public string OtherLanguage => Pick("de", "en");
    public string PoweredBy => Pick("Scheduling by Agenda", "Terminplanung mit Agenda");

    // Home page (/)
    public string HomeTitle => Pick("Agenda: appointment scheduling", "Agenda: Terminplanung");
    public string HomeHeading => Pick("Let people book time with you", "Lassen Sie andere Termine bei Ihnen buchen");
    public string HomeLead => Pick(
        "Agenda publishes when you are free. Invitees pick a time that suits them and book it; you see what is coming.",
        "Agenda zeigt, wann Sie frei sind. Ihre Gäste wählen eine passende Zeit und buchen sie; Sie sehen, was ansteht.");
    public string HomePointZones => Pick(
        "Every time is shown in the invitee's own time zone, right across daylight saving changes.",
        "Jede Zeit erscheint in der Zeitzone des Gastes, auch über Zeitumstellungen hinweg.");
    public string HomePointNoDoubleBooking => Pick(
        "A time is never booked twice, not even when two people click at once.",
        "Eine Zeit wird nie doppelt gebucht, auch nicht, wenn zwei Personen gleichzeitig klicken.");
    public string HomePointCalendars => Pick(
        "Busy times in your own calendars are never offered.",
        "Belegte Zeiten in Ihren eigenen Kalendern werden nie angeboten.");
    public string HomeSignIn => Pick("Sign in to your console", "In Ihre Konsole anmelden");
    public string HomeInviteeHeading => Pick("Here to book a time?", "Sie möchten einen Termin buchen?");
    public string HomeInviteeText => Pick(
        "Open the link the person you are meeting gave you: it leads to their page and the times they offer.",
        "Öffnen Sie den Link, den Ihr Gegenüber Ihnen gegeben hat: Er führt zu dessen Seite und den angebotenen Zeiten.");
    public string HomeDevelopersHeading => Pick("For developers", "Für Entwickler");
    public string HomeApiReference => Pick("API reference", "API-Referenz");
    public string HomeOpenApi => Pick("OpenAPI description (JSON)", "OpenAPI-Beschreibung (JSON)");

    // Owner page
    public string ChooseMeetingType => Pick("Choose a kind of meeting", "Wählen Sie eine Terminart");
    public string NoMeetingTypes => Pick("Nothing can be booked here at the moment.", "Hier kann im Moment nichts gebucht werden.");
    public string Minutes(int minutes) => Pick($"{minutes} minutes", $"{minutes} Minuten");
    public string BookWith(string owner) => Pick($"Book a meeting with {owner}", $"Termin mit {owner} buchen");

    // Month and slots
    public string ChooseDate => Pick("Choose a date", "Wählen Sie ein Datum");
    public string PreviousMonth => Pick("Previous month", "Vorheriger Monat");
    public string NextMonth => Pick("Next month", "Nächster Monat");
    public string HasFreeTimes => Pick("free times", "freie Zeiten");
    public string NothingFreeInMonth(string month) => Pick($"Nothing is free in {month}.", $"Im {month} ist nichts frei.");
    public string TryNextMonth => Pick("See the next month", "Nächsten Monat ansehen");
    public string ChooseTime(string date) => Pick($"Free times on {date}", $"Freie Zeiten am {date}");
    public string NothingFreeOnDate => Pick("Nothing is free on this date. Choose another date.", "An diesem Tag ist nichts frei. Wählen Sie ein anderes Datum.");
    public string PickDateHint => Pick("Dates with free times are marked; choose one to see its times.", "Tage mit freien Zeiten sind markiert; wählen Sie einen, um die Zeiten zu sehen.");
    public string TimeZone => Pick("Time zone", "Zeitzone");
    public string ChangeTimeZone => Pick("Show in this zone", "In dieser Zone anzeigen");
    public string TimesShownIn(string zone) => Pick($"Times are shown in {zone}.", $"Zeiten in {zone}.");
    public string Back => Pick("Back", "Zurück");

    // Form
    public string YourDetails => Pick("Your details", "Ihre Angaben");
    public string Name => Pick("Name", "Name");
    public string Email => Pick("Email", "E-Mail");
    public string Note => Pick("Note (optional)", "Notiz (optional)");
    public string Book => Pick("Book", "Buchen");
    public string NameRequired => Pick("Please enter your name (at most 200 characters).", "Bitte geben Sie Ihren Namen ein (höchstens 200 Zeichen).");
    public string EmailInvalid => Pick("Please enter an email address such as ana@example.com.", "Bitte geben Sie eine E-Mail-Adresse wie ana@example.com ein.");
    public string NoteInvalid => Pick("The note may have at most 2000 characters.", "Die Notiz darf höchstens 2000 Zeichen haben.");
    public string FixErrors => Pick("Please correct the marked fields.", "Bitte korrigieren Sie die markierten Felder.");
    public string HeldFor(int minutes) => minutes == 1
        ? Pick("This time is kept for you for 1 more minute.", "Diese Zeit wird noch 1 Minute für Sie freigehalten.")
        : Pick($"This time is kept for you for {minutes} more minutes.", $"Diese Zeit wird noch {minutes} Minuten für Sie freigehalten.");

    public string HoldExpired => Pick("This time is no longer kept for you; book now and it is yours if it is still free.", "Diese Zeit wird nicht mehr für Sie freigehalten; buchen Sie jetzt, dann gehört sie Ihnen, wenn sie noch frei ist.");
    public string JustTaken => Pick("Sorry, this time was just taken by someone else. Here are the times that are still free:", "Diese Zeit wurde leider gerade von jemand anderem gebucht. Diese Zeiten sind noch frei:");
    public string FormSentAlready => Pick("This form was sent already, with other details. Choose a time to book again:", "Dieses Formular wurde schon gesendet, mit anderen Angaben. Wählen Sie eine Zeit, um erneut zu buchen:");
    public string NoLongerOffered => Pick("This time can no longer be booked. Here are the times that are free:", "Diese Zeit kann nicht mehr gebucht werden. Diese Zeiten sind frei:");

    // Confirmation and management
    public string Confirmed => Pick("Your meeting is booked", "Ihr Termin ist gebucht");
    public string YourTime => Pick("Your time", "Ihre Zeit");
    public string OwnersTime(string owner) => Pick($"{owner}'s time", $"Zeit von {owner}");
    public string AddToCalendar => Pick("Add to calendar (.ics)", "Zum Kalender hinzufügen (.ics)");
    public string ManageLinkIntro => Pick("Keep this link to cancel or move the meeting:", "Mit diesem Link können Sie den Termin absagen oder verschieben:");
    public string ManageBooking => Pick("Manage your booking", "Buchung verwalten");
    public string Booking => Pick("Your booking", "Ihre Buchung");
    public string Cancelled => Pick("This booking is cancelled.", "Diese Buchung ist abgesagt.");
    public string CancelHeading => Pick("Cancel the meeting", "Termin absagen");
    public string CancelReason => Pick("Reason (optional)", "Grund (optional)");
    public string CancelButton => Pick("Cancel meeting", "Termin absagen");
    public string ReasonInvalid => Pick("The reason may have at most 2000 characters.", "Der Grund darf höchstens 2000 Zeichen haben.");
    public string RescheduleHeading => Pick("Move to another time", "Auf eine andere Zeit verschieben");
    public string Rescheduled => Pick("Your meeting was moved.", "Ihr Termin wurde verschoben.");
    public string WasCancelled => Pick("Your meeting was cancelled.", "Ihr Termin wurde abgesagt.");
    public string Invitee => Pick("Invitee", "Teilnehmer");
    public string Meeting => Pick("Meeting", "Termin");
    public string With => Pick("With", "Mit");
    public string Hosts => Pick("Hosts", "Gastgeber");

    // Team pages
    public string BookWithTeam(string team) => Pick($"Book a meeting with {team}", $"Termin mit {team} buchen");
    public string WithHosts(int hosts) => hosts == 1 ? Pick("with 1 host", "mit 1 Person") : Pick($"with {hosts} hosts", $"mit {hosts} Personen");
    public string RoundRobin => Pick("round robin: one host of the team", "im Wechsel: eine Person des Teams");
    public string UnknownTeam => Pick("There is no team booking page at this address. Please check the link you were given.", "Unter dieser Adresse gibt es keine Team-Buchungsseite. Bitte prüfen Sie den Link, den Sie erhalten haben.");

    // A form refused by antiforgery
    public string FormRefusedTitle => Pick("Please try again", "Bitte versuchen Sie es noch einmal");
    public string FormRefused => Pick("This form could not be accepted: it has expired, or your browser did not send its security cookie. Nothing was changed.", "Dieses Formular konnte nicht angenommen werden: Es ist abgelaufen, oder Ihr Browser hat sein Sicherheits-Cookie nicht gesendet. Es wurde nichts geändert.");
    public string LoadFormAgain => Pick("Load the page again", "Seite neu laden");

    // Not found
    public string NotFoundTitle => Pick("Not found", "Nicht gefunden");
    public string UnknownOwner => Pick("There is no booking page at this address. Please check the link you were given.", "Unter dieser Adresse gibt es keine Buchungsseite. Bitte prüfen Sie den Link, den Sie erhalten haben.");
    public string UnknownMeetingType => Pick("This kind of meeting does not exist (any more).", "Diese Terminart gibt es nicht (mehr).");
    public string SeeOwnerPage => Pick("See what can be booked", "Buchbare Termine ansehen");
    public string UnknownBooking => Pick("No booking can be shown with this link. Please use the full link from your confirmation.", "Mit diesem Link kann keine Buchung angezeigt werden. Bitte verwenden Sie den vollständigen Link aus Ihrer Bestätigung.");

    /// <summary>Why a booking form did not book, for the invitee.</summary>
    public string Refusal(Bookings.BookResult result) => result switch
    {
        Bookings.BookResult.Refused refused => Refusal(refused.Reason),
        Bookings.BookResult.KeyReused => FormSentAlready,
        _ => NoLongerOffered,
    };

    /// <summary>Why the store refused a booking or a move, for the invitee.</summary>
    public string Refusal(BookingOutcome reason) => reason switch
    {
        BookingOutcome.Taken => JustTaken,
        BookingOutcome.InviteeLimitReached => Pick("You already have as many upcoming meetings with this person as one may. Cancel one first.", "Sie haben bereits so viele kommende Termine mit dieser Person wie möglich. Sagen Sie zuerst einen ab."),
        BookingOutcome.DailyLimitReached => Pick("This day is fully booked. Here are the times that are free:", "Dieser Tag ist ausgebucht. Diese Zeiten sind frei:"),
        _ => NoLongerOffered,
    };

    /// <summary>Why a cancellation or move was refused.</summary>
    public string Refusal(ChangeOutcome reason) => reason switch
    {
        ChangeOutcome.AlreadyCancelled => Pick("This booking is already cancelled.", "Diese Buchung ist bereits abgesagt."),
        ChangeOutcome.AlreadyBegun => Pick("The meeting has already begun, so it can no longer be changed.", "Der Termin hat bereits begonnen und kann nicht mehr geändert werden."),
        ChangeOutcome.MeetingTypeDeleted => Pick("This kind of meeting no longer exists, so it cannot be moved. You can still cancel it.", "Diese Terminart gibt es nicht mehr, daher kann der Termin nicht verschoben werden. Sie können ihn absagen."),
        _ => Pick("This booking cannot be changed.", "Diese Buchung kann nicht geändert werden."),
    };
}
