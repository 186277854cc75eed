using System.Globalization;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Bookings;

/// <summary>
/// What an invitee chose and answered when booking, as a door read it, before it is checked against the meeting type:
/// the length (minutes; null for the type's own), the location (by kind and, when the type offers several of that
/// kind, value; or, from a booking page, by its position), the invitee's phone number for a call to them, and the
/// answers by question id (each answer as the texts given: one for most kinds, one per choice of a multiple choice).
/// </summary>
internal sealed record BookingChoices(
    int? DurationMinutes = null,
    string? LocationKind = null,
    string? LocationValue = null,
    int? LocationIndex = null,
    string? InviteePhone = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Answers = null)
{
    public static readonly BookingChoices None = new();

    /// <summary>How many meetings of a weekly series the invitee asks for; null for one meeting.</summary>
    public int? SeriesCount { get; init; }

    /// <summary>
    /// The choices checked against <paramref name="type"/>, every door alike: the rules of the chosen length, the
    /// location resolved (a video room made for this booking, the invitee's number in E.164) and the answers checked;
    /// null with field errors when any is wrong.
    /// </summary>
    public ResolvedChoices? Resolve(StoredMeetingType type, RequestErrors errors)
    {
        var rules = Rules(type, errors);
        var location = Location(type.Details.Locations, errors);
        var answers = CheckAnswers(type.Details.Questions, errors);
        var series = Series(type, errors);
        return errors.Any || rules is null ? null : new ResolvedChoices(rules, location, answers) { Series = series };
    }

    /// <summary>The series asked for, of a type that offers series: 2 to its most meetings, its weeks apart.</summary>
    private SeriesRule? Series(StoredMeetingType type, RequestErrors errors)
    {
        if (SeriesCount is not { } count)
        {
            return null;
        }

        if (type.Details.Recurrence is not { } recurrence)
        {
            errors.Add("recurrence", "RecurrenceNotOffered", "recurrence");
            return null;
        }

        return errors.Number("recurrence.count", count, 2, recurrence.MaxCount, required: true) is { } checkedCount ? recurrence.RuleFor(checkedCount) : null;
    }

    private MeetingType? Rules(StoredMeetingType type, RequestErrors errors) => MeetingTypeDetailsInput.RulesOfLength(type, DurationMinutes, errors);

    private BookingLocation? Location(IReadOnlyList<MeetingLocation> offered, RequestErrors errors)
    {
        var asked = LocationKind is not null || LocationValue is not null || LocationIndex is not null;
        if (offered.Count == 0)
        {
            if (asked)
            {
                errors.Add("location", "NoLocations", "location");
            }

            return null;
        }

        MeetingLocation? chosen;
        if (LocationIndex is { } index)
        {
            chosen = index >= 0 && index < offered.Count ? offered[index] : null;
        }
        else if (!asked)
        {
            chosen = offered.Count == 1 ? offered[0] : null;
            if (chosen is null)
            {
                errors.Add("location", "LocationRequired", "location.kind", Kinds(offered));
                return null;
            }
        }
        else
        {
            var ofKind = offered.Where(l => MeetingTypeDetailsInput.LocationKinds[l.Kind] == LocationKind).ToList();
            chosen = ofKind.Count == 1 && LocationValue is null ? ofKind[0] : ofKind.FirstOrDefault(l => l.Value == LocationValue);
        }

        if (chosen is null)
        {
            errors.Add("location", "LocationNotOffered", "location", Kinds(offered));
            return null;
        }

        switch (chosen.Kind)
        {
            case Storage.LocationKind.InviteePhone:
                if (string.IsNullOrWhiteSpace(InviteePhone))
                {
                    errors.Add("location.phone", "Required", "location.phone");
                    return null;
                }

                return MeetingTypeDetailsInput.PhoneNumber("location.phone", InviteePhone.Trim(), errors) is { } phone
                    ? new BookingLocation(chosen.Kind, phone, chosen.Label)
                    : null;
            case Storage.LocationKind.Video:
                return new BookingLocation(chosen.Kind, MeetingTypeDetailsInput.NewRoom(chosen.Value!), chosen.Label);
            default:
                return new BookingLocation(chosen.Kind, chosen.Value!, chosen.Label);
        }
    }

    private static string Kinds(IReadOnlyList<MeetingLocation> offered) =>
        string.Join(", ", offered.Select(l => l.Value is null || l.Kind == Storage.LocationKind.Video
            ? MeetingTypeDetailsInput.LocationKinds[l.Kind]
            : $"{MeetingTypeDetailsInput.LocationKinds[l.Kind]} ({l.Value})"));

    private List<BookingAnswer> CheckAnswers(IReadOnlyList<BookingQuestion> questions, RequestErrors errors)
    {
        var given = Answers ?? new Dictionary<string, IReadOnlyList<string>>();
        foreach (var id in given.Keys.Where(id => questions.All(q => q.Id != id)))
        {
            errors.Add($"answers.{Clip(id)}", "UnknownQuestion", $"answers.{Clip(id)}", questions.Count == 0 ? "-" : string.Join(", ", questions.Select(q => q.Id)));
        }

        var answers = new List<BookingAnswer>();
        foreach (var question in questions)
        {
            var field = $"answers.{question.Id}";
            var values = (given.TryGetValue(question.Id, out var v) ? v : []).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()).ToList();
            if (question.Kind == QuestionKind.Checkbox)
            {
                var yes = values.Count == 1 && values[0].ToLowerInvariant() is "true" or "yes" or "on";
                if (values.Count > 1 || (values.Count == 1 && !yes && values[0].ToLowerInvariant() is not ("false" or "no" or "off")))
                {
                    errors.Add(field, "AnswerBoolean", field);
                }
                else if (question.Required && !yes)
                {
                    errors.Add(field, "AnswerCheckboxRequired", field, question.Label);
                }
                else
                {
                    answers.Add(new BookingAnswer(question.Id, question.Label, [yes ? "yes" : "no"]));
                }

                continue;
            }

            if (values.Count == 0)
            {
                if (question.Required)
                {
                    errors.Add(field, "AnswerRequired", field, question.Label);
                }

                continue;
            }

            if (question.Kind != QuestionKind.MultipleChoice && values.Count > 1)
            {
                errors.Add(field, "AnswerOneValue", field);
                continue;
            }

            if (Checked(question, field, values, errors) is { } ok)
            {
                answers.Add(new BookingAnswer(question.Id, question.Label, ok));
            }
        }

        return answers;
    }

    private static List<string>? Checked(BookingQuestion question, string field, List<string> values, RequestErrors errors)
    {
        var value = values[0];
        switch (question.Kind)
        {
            case QuestionKind.ShortText or QuestionKind.LongText:
                return errors.Text(field, value, question.MaxLength ?? MeetingTypeDetailsInput.LongTextLimit) is { } text ? [text] : null;
            case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                var options = question.Options ?? [];
                if (values.FirstOrDefault(x => !options.Contains(x, StringComparer.Ordinal)) is { } other)
                {
                    errors.Add(field, "AnswerNotOffered", field, Clip(other), string.Join(", ", options));
                    return null;
                }

                var distinct = values.Distinct(StringComparer.Ordinal).ToList();
                if (question.MaxLength is { } most && distinct.Count > most)
                {
                    errors.Add(field, "TooManyChoices", field, most);
                    return null;
                }

                // Kept in the order the question lists them, whatever order they came in.
                return [.. options.Where(distinct.Contains)];
            case QuestionKind.Number:
                if (value.Length > 40 || !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    errors.Add(field, "AnswerNumber", field, Clip(value));
                    return null;
                }

                if (number < question.Minimum || number > question.Maximum)
                {
                    errors.Add(field, "AnswerNumberRange", field, question.Minimum?.ToString(CultureInfo.CurrentCulture) ?? "−∞", question.Maximum?.ToString(CultureInfo.CurrentCulture) ?? "∞", Clip(value));
                    return null;
                }

                return [number.ToString(CultureInfo.InvariantCulture)];
            case QuestionKind.Phone:
                return MeetingTypeDetailsInput.PhoneNumber(field, value, errors) is { } phone ? [phone] : null;
            case QuestionKind.Url:
                return MeetingTypeDetailsInput.HttpUrl(field, value, errors) is { } url ? [url] : null;
            default:
                return null;
        }
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

/// <summary>Choices checked against a meeting type: the rules of the chosen length, where to meet, the answers.</summary>
internal sealed record ResolvedChoices(MeetingType Rules, BookingLocation? Location, IReadOnlyList<BookingAnswer> Answers)
{
    /// <summary>The weekly series asked for; null for one meeting.</summary>
    public SeriesRule? Series { get; init; }
}
