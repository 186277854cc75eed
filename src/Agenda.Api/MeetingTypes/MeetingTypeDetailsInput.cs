using System.Globalization;
using System.Security.Cryptography;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using PhoneNumbers;

namespace Agenda.Api.MeetingTypes;

/// <summary>
/// How a meeting type's details (<see cref="MeetingTypeDetails"/>) are read from a body and checked, for the API and the
/// console alike, and the wire names of their kinds. Every limit is here.
/// </summary>
internal static class MeetingTypeDetailsInput
{
    public const int MaxLocations = 10;
    public const int MaxQuestions = 20;
    public const int MaxOptions = 50;
    public const int MaxDurationOptions = 10;
    public const int MaxLabel = 200;
    public const int MaxHelp = 500;
    public const int MaxLocationValue = 500;
    public const int MaxUrl = 2000;
    public const int ShortTextLimit = 1000;
    public const int LongTextLimit = 5000;
    private const int MaxNoticeMinutes = 366 * 24 * 60;

    public static readonly IReadOnlyDictionary<LocationKind, string> LocationKinds = new Dictionary<LocationKind, string>
    {
        [LocationKind.InPerson] = "in_person",
        [LocationKind.Phone] = "phone",
        [LocationKind.InviteePhone] = "invitee_phone",
        [LocationKind.Link] = "link",
        [LocationKind.Video] = "video",
    };

    public static readonly IReadOnlyDictionary<QuestionKind, string> QuestionKinds = new Dictionary<QuestionKind, string>
    {
        [QuestionKind.ShortText] = "short_text",
        [QuestionKind.LongText] = "long_text",
        [QuestionKind.SingleChoice] = "single_choice",
        [QuestionKind.MultipleChoice] = "multiple_choice",
        [QuestionKind.Checkbox] = "checkbox",
        [QuestionKind.Number] = "number",
        [QuestionKind.Phone] = "phone",
        [QuestionKind.Url] = "url",
    };

    /// <summary>The placeholder a video room template carries, replaced by a room name made for each booking.</summary>
    public const string RoomPlaceholder = "{room}";

    /// <summary>The details of <paramref name="body"/>, checked into <paramref name="errors"/>; <paramref name="length"/> is the type's own length in minutes, if valid.</summary>
    public static MeetingTypeDetails Read(MeetingTypeBody? body, int? length, RequestErrors errors)
    {
        var description = errors.Text("description", body?.Description, MeetingDescription.MaxLength);
        var locations = ReadLocations(body?.Locations, errors);
        var questions = ReadQuestions(body?.Questions, errors);
        var durations = ReadDurations(body?.DurationOptionsMinutes, length, errors);
        var redirect = body?.RedirectUrl is { } url ? HttpUrl("redirect_url", url, errors) : null;
        var changes = body?.InviteeChanges;
        var cancelNotice = errors.Number("invitee_changes.cancel_notice_minutes", changes?.CancelNoticeMinutes, 0, MaxNoticeMinutes, required: false);
        var rescheduleNotice = errors.Number("invitee_changes.reschedule_notice_minutes", changes?.RescheduleNoticeMinutes, 0, MaxNoticeMinutes, required: false);
        var approval = ReadApproval(body, errors);
        var recurrence = ReadRecurrence(body, errors);
        return new MeetingTypeDetails
        {
            Approval = approval,
            Recurrence = recurrence,
            Description = string.IsNullOrWhiteSpace(description) ? null : description,
            Locations = locations,
            Questions = questions,
            DurationOptions = durations,
            Private = body?.Private ?? false,
            RedirectUrl = redirect,
            CancelNoticeMinutes = cancelNotice,
            RescheduleNoticeMinutes = rescheduleNotice,
            CancelReasonRequired = changes?.ReasonRequired ?? false,
        };
    }

    /// <summary>
    /// <c>approval</c>: present, a booking is a request the owner answers; <c>holds_time</c> (default true) whether it keeps
    /// its time meanwhile, <c>expires_after_minutes</c> (default a day, an hour to thirty days) how long it waits. Not with
    /// seats: a seat is taken at once or not at all.
    /// </summary>
    private static ApprovalSettings? ReadApproval(MeetingTypeBody? body, RequestErrors errors)
    {
        if (body?.Approval is not { } approval)
        {
            return null;
        }

        var expiry = errors.Number(
            "approval.expires_after_minutes", approval.ExpiresAfterMinutes,
            (int)ApprovalPolicy.MinExpiry.TotalMinutes, (int)ApprovalPolicy.MaxExpiry.TotalMinutes, required: false);
        if (body.Seats is not null)
        {
            errors.Add("approval", "ApprovalWithSeats", "approval", "seats");
        }

        return new ApprovalSettings(approval.HoldsTime ?? true, expiry ?? (int)ApprovalPolicy.DefaultExpiry.TotalMinutes);
    }

    /// <summary>
    /// <c>recurrence</c>: present, an invitee may book a weekly series; <c>interval_weeks</c> (default 1) and
    /// <c>max_count</c> (default 12). Not with seats (a seat is one invitee's place in one class) nor approval (a series is
    /// booked whole, at once).
    /// </summary>
    private static RecurrenceSettings? ReadRecurrence(MeetingTypeBody? body, RequestErrors errors)
    {
        if (body?.Recurrence is not { } recurrence)
        {
            return null;
        }

        var interval = errors.Number("recurrence.interval_weeks", recurrence.IntervalWeeks, 1, SeriesRule.MaxIntervalWeeks, required: false);
        var count = errors.Number("recurrence.max_count", recurrence.MaxCount, 2, SeriesRule.MaxCount, required: false);
        if (body.Seats is not null)
        {
            errors.Add("recurrence", "RecurrenceWith", "recurrence", "seats");
        }

        if (body.Approval is not null)
        {
            errors.Add("recurrence", "RecurrenceWith", "recurrence", "approval");
        }

        return new RecurrenceSettings(interval ?? 1, count ?? DefaultSeriesCount);
    }

    /// <summary>How many meetings a series may have when the type does not say.</summary>
    public const int DefaultSeriesCount = 12;

    /// <summary>The rules of the length asked for (<c>duration_minutes</c>), or of the type's own; null when the type does not offer it.</summary>
    public static Scheduling.MeetingTypes.MeetingType? RulesOfLength(StoredMeetingType type, int? durationMinutes, RequestErrors errors)
    {
        if (durationMinutes is not { } minutes)
        {
            return type.Rules;
        }

        if (minutes is >= 1 and <= 24 * 60 && type.RulesFor(NodaTime.Duration.FromMinutes(minutes)) is { } rules)
        {
            return rules;
        }

        errors.Add("duration_minutes", "DurationNotOffered", "duration_minutes", string.Join(", ", type.Lengths));
        return null;
    }

    private static List<MeetingLocation> ReadLocations(IReadOnlyList<LocationBody?>? bodies, RequestErrors errors)
    {
        var locations = new List<MeetingLocation>();
        if (bodies is null)
        {
            return locations;
        }

        if (bodies.Count > MaxLocations)
        {
            errors.Add("locations", "TooManyItems", "locations", MaxLocations);
            return locations;
        }

        for (var i = 0; i < bodies.Count; i++)
        {
            var field = $"locations[{i}]";
            if (bodies[i] is not { } body || Kind(body.Kind, LocationKinds) is not { } kind)
            {
                errors.Add($"{field}.kind", "OneOf", $"{field}.kind", string.Join(", ", LocationKinds.Values));
                continue;
            }

            var label = body.Label is null ? null : errors.Name($"{field}.label", body.Label);
            string? value = kind switch
            {
                LocationKind.InPerson => errors.Text($"{field}.value", Required($"{field}.value", body.Value, errors), MaxLocationValue),
                LocationKind.Phone => PhoneNumber($"{field}.value", Required($"{field}.value", body.Value, errors), errors),
                LocationKind.Link => HttpUrl($"{field}.value", Required($"{field}.value", body.Value, errors), errors),
                LocationKind.Video => VideoTemplate($"{field}.value", Required($"{field}.value", body.Value, errors), errors),
                _ => null,
            };
            if (kind == LocationKind.InviteePhone && !string.IsNullOrEmpty(body.Value))
            {
                errors.Add($"{field}.value", "InviteePhoneNoValue", $"{field}.value");
            }

            locations.Add(new MeetingLocation(kind, value, label));
        }

        return locations;
    }

    private static List<BookingQuestion> ReadQuestions(IReadOnlyList<QuestionBody?>? bodies, RequestErrors errors)
    {
        var questions = new List<BookingQuestion>();
        if (bodies is null)
        {
            return questions;
        }

        if (bodies.Count > MaxQuestions)
        {
            errors.Add("questions", "TooManyItems", "questions", MaxQuestions);
            return questions;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < bodies.Count; i++)
        {
            var field = $"questions[{i}]";
            var body = bodies[i];
            var label = errors.Name($"{field}.label", body?.Label);
            var kind = Kind(body?.Kind, QuestionKinds);
            if (kind is null)
            {
                errors.Add($"{field}.kind", "OneOf", $"{field}.kind", string.Join(", ", QuestionKinds.Values));
            }

            // An id left out is made from the label: "Company name" answers as company-name.
            var id = body?.Id is { } given ? errors.Slug($"{field}.id", given) : label is null ? null : MeetingTypeSlugs.Unique(MeetingTypeSlugs.FromTitle(label) is { Length: > 0 } s ? s : "question", ids);
            if (id is not null && !ids.Add(id))
            {
                errors.Add($"{field}.id", "DuplicateQuestionId", $"{field}.id", id);
            }

            var help = errors.Text($"{field}.help", body?.Help, MaxHelp);
            var options = ReadOptions(field, kind, body?.Options, errors);
            var maxLength = kind switch
            {
                QuestionKind.ShortText => errors.Number($"{field}.max_length", body?.MaxLength, 1, ShortTextLimit, required: false) ?? 200,
                QuestionKind.LongText => errors.Number($"{field}.max_length", body?.MaxLength, 1, LongTextLimit, required: false) ?? 2000,
                QuestionKind.MultipleChoice => errors.Number($"{field}.max_length", body?.MaxLength, 1, MaxOptions, required: false),
                _ => NotFor($"{field}.max_length", body?.MaxLength, errors),
            };
            decimal? minimum = null, maximum = null;
            if (kind == QuestionKind.Number)
            {
                (minimum, maximum) = (ToDecimal(body?.Minimum), ToDecimal(body?.Maximum));
                if (minimum > maximum)
                {
                    errors.Add($"{field}.maximum", "NotBefore", $"{field}.maximum", maximum, $"{field}.minimum", minimum);
                }
            }
            else if (body?.Minimum is not null || body?.Maximum is not null)
            {
                errors.Add($"{field}.minimum", "OnlyForNumber", $"{field}.minimum", $"{field}.maximum");
            }

            if (id is not null && label is not null && kind is { } k)
            {
                questions.Add(new BookingQuestion(id, label, k, body?.Required ?? false, string.IsNullOrWhiteSpace(help) ? null : help, options, maxLength, minimum, maximum));
            }
        }

        return questions;
    }

    private static List<string>? ReadOptions(string field, QuestionKind? kind, IReadOnlyList<string?>? given, RequestErrors errors)
    {
        if (kind is not (QuestionKind.SingleChoice or QuestionKind.MultipleChoice))
        {
            if (given is { Count: > 0 })
            {
                errors.Add($"{field}.options", "OptionsOnlyForChoices", $"{field}.options");
            }

            return null;
        }

        if (given is null || given.Count < 2 || given.Count > MaxOptions)
        {
            errors.Add($"{field}.options", "OptionsRequired", $"{field}.options", MaxOptions);
            return null;
        }

        var options = new List<string>();
        for (var j = 0; j < given.Count; j++)
        {
            if (errors.Name($"{field}.options[{j}]", given[j]) is { } option)
            {
                if (options.Contains(option, StringComparer.Ordinal))
                {
                    errors.Add($"{field}.options[{j}]", "DuplicateOption", $"{field}.options[{j}]", option);
                }

                options.Add(option);
            }
        }

        return options;
    }

    private static List<int> ReadDurations(IReadOnlyList<int>? given, int? length, RequestErrors errors)
    {
        if (given is null || given.Count == 0)
        {
            return [];
        }

        if (given.Count > MaxDurationOptions)
        {
            errors.Add("duration_options_minutes", "TooManyItems", "duration_options_minutes", MaxDurationOptions);
            return [];
        }

        var durations = new SortedSet<int>();
        foreach (var minutes in given)
        {
            if (errors.Number("duration_options_minutes", minutes, 5, 24 * 60, required: true) is { } ok)
            {
                durations.Add(ok);
            }
        }

        if (length is { } own && !durations.Contains(own))
        {
            errors.Add("duration_options_minutes", "DurationOptionsContain", "duration_options_minutes", "duration_minutes", own);
        }

        // A single option is the type's own length: nothing to choose.
        return durations.Count > 1 ? [.. durations] : [];
    }

    private static decimal? ToDecimal(double? value) =>
        value is { } v && double.IsFinite(v) && Math.Abs(v) < 1e15 ? (decimal)v : null;

    private static string? Required(string field, string? value, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Required", field);
            return null;
        }

        return value.Trim();
    }

    private static int? NotFor(string field, int? value, RequestErrors errors)
    {
        if (value is not null)
        {
            errors.Add(field, "MaxLengthNotFor", field);
        }

        return null;
    }

    private static T? Kind<T>(string? given, IReadOnlyDictionary<T, string> names)
        where T : struct =>
        names.FirstOrDefault(n => n.Value == given) is { Value: not null } found ? found.Key : null;

    /// <summary>An absolute http or https address, at most <see cref="MaxUrl"/> characters, without credentials.</summary>
    public static string? HttpUrl(string field, string? value, RequestErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxUrl || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(field, "AbsoluteUrl", field, MaxUrl, "https://example.com/thanks");
            return null;
        }

        return uri.AbsoluteUri;
    }

    private static string? VideoTemplate(string field, string? value, RequestErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var sample = value.Replace(RoomPlaceholder, "room", StringComparison.Ordinal);
        if (!value.Contains(RoomPlaceholder, StringComparison.Ordinal) || value.Length > MaxUrl || !Uri.TryCreate(sample, UriKind.Absolute, out var uri) || uri.Scheme != "https" || uri.UserInfo.Length > 0)
        {
            errors.Add(field, "VideoTemplate", field, RoomPlaceholder, "https://meet.jit.si/" + RoomPlaceholder);
            return null;
        }

        return value;
    }

    /// <summary>
    /// A phone number in E.164 (+4930123456): written with its country code, or, without one, read in the country of the
    /// current culture when it names one.
    /// </summary>
    public static string? PhoneNumber(string field, string? value, RequestErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var phones = PhoneNumberUtil.GetInstance();
        var region = RegionOf(CultureInfo.CurrentCulture);
        try
        {
            if (value.Length <= 40)
            {
                var number = phones.Parse(value, region);
                if (phones.IsValidNumber(number))
                {
                    return phones.Format(number, PhoneNumberFormat.E164);
                }
            }
        }
        catch (NumberParseException)
        {
            // Said below, like a number that parses but cannot exist.
        }

        errors.Add(field, "PhoneNumber", field, value.Length > 40 ? value[..40] + "…" : value);
        return null;
    }

    /// <summary>The country a culture names (DE for de-DE), or ZZ (none) for a neutral culture such as de or zh-Hans.</summary>
    private static string RegionOf(CultureInfo culture)
    {
        if (culture.IsNeutralCulture || culture.Name.Length == 0)
        {
            return "ZZ";
        }

        try
        {
            return new RegionInfo(culture.Name).TwoLetterISORegionName;
        }
        catch (ArgumentException)
        {
            return "ZZ";
        }
    }

    /// <summary>A number in E.164 as people read it: +49 30 1234567.</summary>
    public static string FormatPhone(string e164)
    {
        var phones = PhoneNumberUtil.GetInstance();
        try
        {
            return phones.Format(phones.Parse(e164, "ZZ"), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    /// <summary>A video room's address: the template with an unguessable room name (128 random bits) in place of <see cref="RoomPlaceholder"/>.</summary>
    public static string NewRoom(string template)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var room = new System.Text.StringBuilder("agenda-");
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                room.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            room.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return template.Replace(RoomPlaceholder, room.ToString(), StringComparison.Ordinal);
    }
}
