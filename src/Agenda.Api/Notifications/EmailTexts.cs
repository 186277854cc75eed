using System.Globalization;
using Agenda.Api.Platform.Localisation;

namespace Agenda.Api.Notifications;

/// <summary>
/// The words of the e-mail, from the resource files beside this class (<c>EmailTexts.resx</c> in English,
/// <c>EmailTexts.{language}.resx</c> for the others); the recipient's language picks them (the invitee's where known,
/// else the owner's setting), not the request's. <see cref="Culture"/> names the formats of dates and times in it.
/// </summary>
internal sealed record EmailTexts(
    string Culture, string Confirmed, string Cancelled, string Moved, string Reminder, string With, string When, string Previously, string Reason, string Manage, string Note, string Appointment, string Email, string ManageLink, string ManageButton,
    string Where, string VideoCall, string Online, string CallAt, string CallsYouAt, string Yes, string No, string About,
    string Requested, string NewRequest, string Declined, string Expired, string AnswerBy, string AnswerLink, string AnswerButton, string AnswerInConsole, string AwaitingAnswer, string Series)
{
    private static readonly TextResource Texts = new(typeof(EmailTexts));

    public static readonly IReadOnlyList<string> Languages = Platform.Localisation.Languages.Codes;

    public static EmailTexts For(string language)
    {
        var culture = Platform.Localisation.Languages.Of(language).Culture;
        string T(string key) => Texts.Get(key, culture);
        return new(
            T("Culture"), T("Confirmed"), T("Cancelled"), T("Moved"), T("Reminder"), T("With"), T("When"), T("Previously"), T("Reason"), T("Manage"),
            T("Note"), T("Appointment"), T("Email"), T("ManageLink"), T("ManageButton"),
            T("Where"), T("VideoCall"), T("Online"), T("CallAt"), T("CallsYouAt"), T("Yes"), T("No"), T("About"),
            T("Requested"), T("NewRequest"), T("Declined"), T("Expired"), T("AnswerBy"), T("AnswerLink"), T("AnswerButton"), T("AnswerInConsole"), T("AwaitingAnswer"), T("Series"));
    }

    /// <summary>One of the e-mail texts in <paramref name="language"/>, with <paramref name="values"/> put into its {0}, {1}…</summary>
    public static string Format(string language, string key, params object?[] values)
    {
        var culture = Platform.Localisation.Languages.Of(language).Culture;
        return string.Format(culture, Texts.Get(key, culture), values);
    }
}
