using System.Globalization;
using Agenda.Api.Bookings;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// The length an invitee chose (<c>?duration=</c>) of a meeting type that offers several; a value the type does not
/// offer (or none) is the type's own length. Every link and form of the booking pages carries it on.
/// </summary>
internal sealed record LengthChoice(IReadOnlyList<int> Lengths, int Minutes)
{
    public const string Parameter = "duration";

    /// <summary>Whether the type offers more than one length, so the invitee chooses.</summary>
    public bool IsChoice => Lengths.Count > 1;

    public static LengthChoice Of(StoredMeetingType type, string? duration)
    {
        var own = (int)type.Rules.Length.TotalMinutes;
        var minutes = int.TryParse(duration, NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && type.Lengths.Contains(asked) ? asked : own;
        return new LengthChoice(type.Lengths, minutes);
    }

    /// <summary>The type's rules for a meeting of the chosen length (the step, buffers and limits stay).</summary>
    public MeetingType RulesOf(StoredMeetingType type) => type.RulesFor(Duration.FromMinutes(Minutes)) ?? type.Rules;

    /// <summary>The type as the slot search sees it for the chosen length.</summary>
    public StoredMeetingType Apply(StoredMeetingType type) => type with { Rules = RulesOf(type) };

    /// <summary>A team type as the team's offer sees it for the chosen length.</summary>
    public StoredTeamMeetingType Apply(StoredTeamMeetingType type) => type with { Shared = Apply(type.Shared) };

    /// <summary>The query parameter that keeps the choice, when there is one to keep.</summary>
    public KeyValuePair<string, string>? Kept => IsChoice ? new(Parameter, Minutes.ToString(CultureInfo.InvariantCulture)) : null;
}

/// <summary>The lengths to choose from, each a link (<c>_Durations</c>), so choosing needs no script.</summary>
internal sealed record LengthPickerView(LengthChoice Choice, Func<int, string> Link);

/// <summary>The state of the single-use link (<c>?link=</c>) a booking page is reached through.</summary>
internal enum LinkState
{
    /// <summary>The page is not reached through a link.</summary>
    None,

    /// <summary>The link books this meeting type and is open.</summary>
    Open,

    /// <summary>The link was used or revoked.</summary>
    Used,

    /// <summary>No such link, or a link of another meeting type.</summary>
    Unknown,
}

/// <summary>
/// Single-use links as the booking pages use them: <c>/link/{token}</c> leads to the type's page with the token in
/// <c>?link=</c>, which every link and form of the page carries on, and the booking names it
/// (<see cref="BookingRequest.SingleUseLinkHash"/>), so the store books through it once.
/// </summary>
internal static class LinkOnPage
{
    public const string Parameter = "link";

    /// <summary>Whether <paramref name="token"/> is an open link to <paramref name="target"/>.</summary>
    public static async Task<LinkState> CheckAsync(SingleUseLinks links, string? token, LinkTarget target, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return LinkState.None;
        }

        if (await links.FindAsync(token, cancellationToken) is not { } link || link.Target != target)
        {
            return LinkState.Unknown;
        }

        return link.IsOpen ? LinkState.Open : LinkState.Used;
    }
}

/// <summary>
/// What the booking form asks besides the invitee's name, e-mail and note: where to meet (the position of an offered
/// location, and the invitee's phone number for a call to them) and the answers to the type's questions, as posted
/// (<c>location</c>, <c>location_phone</c>, <c>answer.{id}</c>, several values for a multiple choice). Checked by the
/// same <see cref="BookingChoices.Resolve"/> as the API's bookings; each error is put in the page's words next to its
/// field (ids <c>location-0</c>, <c>location-phone</c>, <c>q-{position}</c>).
/// </summary>
internal sealed class InviteeChoices(StoredMeetingType type)
{
    public const string AnswerPrefix = "answer.";

    public StoredMeetingType Type { get; } = type;

    public IReadOnlyList<MeetingLocation> Locations => Type.Details.Locations;

    public IReadOnlyList<BookingQuestion> Questions => Type.Details.Questions;

    /// <summary>The position of the chosen location among <see cref="Locations"/>, when one was chosen.</summary>
    public int? LocationIndex { get; private set; }

    public string? InviteePhone { get; private set; }

    /// <summary>How many meetings of a weekly series were asked for (<c>repeat</c>); null for one meeting.</summary>
    public int? SeriesCount { get; private set; }

    /// <summary>The type's weekly series, when it offers them: the choices of how many meetings, 2 to its most.</summary>
    public RecurrenceSettings? Recurrence => Type.Details.Recurrence;

    /// <summary>The answers as posted, by question id.</summary>
    public Dictionary<string, IReadOnlyList<string>> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>The values posted for a question (empty when none).</summary>
    public IReadOnlyList<string> ValuesOf(BookingQuestion question) => Answers.TryGetValue(question.Id, out var values) ? values : [];

    public string ValueOf(BookingQuestion question) => ValuesOf(question) is [var first, ..] ? first : "";

    /// <summary>Whether location <paramref name="index"/> is the chosen one (the first when none was chosen and only one is offered).</summary>
    public bool IsChosen(int index) => LocationIndex == index || (LocationIndex is null && Locations.Count == 1 && index == 0);

    /// <summary>Reads what the form posted.</summary>
    public void Read(IFormCollection form)
    {
        LocationIndex = int.TryParse(form["location"], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
        InviteePhone = form["location_phone"].ToString() is { Length: > 0 } phone ? phone : null;
        SeriesCount = int.TryParse(form["repeat"], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 1 ? count : null;
        foreach (var question in Questions)
        {
            var values = form[AnswerPrefix + question.Id];
            if (values.Count > 0)
            {
                Answers[question.Id] = [.. values.Take(MeetingTypeDetailsInput.MaxOptions).Select(v => v ?? "")];
            }
        }
    }

    /// <summary>
    /// The choices checked against the type for a meeting of <paramref name="length"/>; null with the page's message for
    /// each wrong field in <paramref name="errors"/>.
    /// </summary>
    public ResolvedChoices? Resolve(LengthChoice length, PageTexts texts, Dictionary<string, string> errors)
    {
        var check = new RequestErrors();
        var resolved = new BookingChoices(
            length.IsChoice ? length.Minutes : null, LocationIndex: LocationIndex, InviteePhone: InviteePhone, Answers: Answers)
        { SeriesCount = SeriesCount }.Resolve(Type, check);
        foreach (var field in check.ByField.Keys)
        {
            if (field == "location")
            {
                errors["location-0"] = texts.ChooseLocationError;
            }
            else if (field.StartsWith("recurrence", StringComparison.Ordinal))
            {
                errors["repeat"] = texts.RepeatInvalid;
            }
            else if (field == "location.phone")
            {
                errors["location-phone"] = string.IsNullOrWhiteSpace(InviteePhone) ? texts.PhoneRequired : texts.PhoneInvalid;
            }
            else if (field.StartsWith("answers.", StringComparison.Ordinal))
            {
                var position = Questions.ToList().FindIndex(q => "answers." + q.Id == field);
                if (position >= 0)
                {
                    errors[$"q-{position}"] = Problem(Questions[position], texts);
                }
            }
        }

        return check.Any ? null : resolved;
    }

    /// <summary>What is wrong with the answer to <paramref name="question"/>, in the page's words.</summary>
    private string Problem(BookingQuestion question, PageTexts texts)
    {
        var values = ValuesOf(question).Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        return question.Kind switch
        {
            QuestionKind.Checkbox => texts.AnswerTick,
            QuestionKind.SingleChoice => texts.AnswerChoose,
            QuestionKind.MultipleChoice when question.MaxLength is { } most && values.Count > most => texts.AnswerChoices(most),
            QuestionKind.MultipleChoice => texts.AnswerChoose,
            _ when values.Count == 0 => texts.AnswerRequired,
            QuestionKind.ShortText or QuestionKind.LongText => texts.AnswerTooLong(question.MaxLength ?? MeetingTypeDetailsInput.LongTextLimit),
            QuestionKind.Number when question.Minimum is { } min && question.Maximum is { } max =>
                texts.AnswerNumberRange(min.ToString(texts.Culture), max.ToString(texts.Culture)),
            QuestionKind.Number => texts.AnswerNumber,
            QuestionKind.Phone => texts.PhoneInvalid,
            _ => texts.AnswerUrl,
        };
    }
}
