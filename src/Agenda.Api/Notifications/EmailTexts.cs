namespace Agenda.Api.Notifications;

/// <summary>The words of the e-mail, in English and German; the recipient's language picks them (the invitee's where known, else the owner's setting).</summary>
internal sealed record EmailTexts(
    string Culture, string Confirmed, string Cancelled, string Moved, string Reminder, string With, string When, string Previously, string Reason, string Manage, string Note, string Appointment, string Email, string ManageLink)
{
    public static readonly EmailTexts English = new(
        "en-GB", "Booking confirmed", "Booking cancelled", "Booking moved", "Reminder", "with", "When", "Previously", "Reason", "Your calendar program updates the event from the attached file.", "Note", "Appointment", "E-mail", "To cancel or move the booking:");

    public static readonly EmailTexts German = new(
        "de-DE", "Termin bestätigt", "Termin abgesagt", "Termin verschoben", "Erinnerung", "mit", "Wann", "Vorher", "Grund", "Ihr Kalenderprogramm aktualisiert den Termin aus der angehängten Datei.", "Notiz", "Termin", "E-Mail", "Termin absagen oder verschieben:");

    public static readonly IReadOnlyList<string> Languages = Platform.Hosting.SupportedLanguages.Codes;

    public static EmailTexts For(string language) => language == "de" ? German : English;
}
