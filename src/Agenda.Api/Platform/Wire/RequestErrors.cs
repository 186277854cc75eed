using System.Net.Mail;
using System.Text.RegularExpressions;
using Agenda.Scheduling;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Zones;
using NodaTime;

namespace Agenda.Api.Platform.Wire;

/// <summary>
/// Collects what is wrong with a request, field by field, while reading its values into engine types. Each error is kept
/// as a <see cref="Message"/> (a rule's text and its values) and worded when read, in the current UI culture: each
/// names the field and says what a valid value looks like.
/// </summary>
internal sealed partial class RequestErrors
{
    public const int MaxIdLength = 200;

    public const int MaxIdempotencyKeyLength = 255;

    private readonly Dictionary<string, List<Message>> errors = [];

    public bool Any => errors.Count > 0;

    /// <summary>An error of <paramref name="field"/>: the text named <paramref name="key"/> in ValidationTexts, with <paramref name="arguments"/> put in.</summary>
    public void Add(string field, string key, params object?[] arguments) => Add(field, new Message(key, arguments));

    public void Add(string field, Message message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Each field's errors in the current UI language, for a page that shows an error next to its field.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByField =>
        errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value.Select(m => m.ToString())]);

    /// <summary>Every message, field by field, in the current UI language, as a page lists them.</summary>
    public IEnumerable<string> Messages => errors.SelectMany(e => e.Value).Select(m => m.ToString());

    /// <summary>Each field's messages in the current UI language, as the 400 answer's <c>errors</c> member lists them.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.ToString()).ToArray());

    /// <summary>The 400 answer that lists what is wrong, field by field, in the current UI language.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem() => Platform.Hosting.ProblemHandling.InvalidRequest(ToDictionary());

    /// <summary>A required name or id: present, not blank, at most <see cref="MaxIdLength"/> characters, no control characters.</summary>
    public string? Name(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Required", field);
            return null;
        }

        if (value.Length > MaxIdLength || value.Any(char.IsControl) || !IsWellFormed(value))
        {
            Add(field, "NameTooLong", field, MaxIdLength);
            return null;
        }

        return value;
    }

    /// <summary>
    /// Whether text can be stored and shown alike everywhere: valid Unicode (no lone surrogate), and no control
    /// character but, where <paramref name="lineBreaks"/>, tabs and line breaks. PostgreSQL cannot store NUL at all,
    /// and calendar files may not carry control characters, so both stores refuse the same text.
    /// </summary>
    private static bool IsWellFormed(string value, bool lineBreaks = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && !(lineBreaks && c is '\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }

    public LocalDate? Date(string field, string? value)
    {
        if (Present(field, value, "RequiredDate") is not { } text)
        {
            return null;
        }

        if (WireFormat.TryParseDate(text, out var date))
        {
            return Supported(field, date, date);
        }

        Add(field, "Date", field, text);
        return null;
    }

    public LocalDateTime? DateTime(string field, string? value)
    {
        if (Present(field, value, "RequiredDateTime") is not { } text)
        {
            return null;
        }

        if (WireFormat.TryParseDateTime(text, out var dateTime))
        {
            return Supported(field, dateTime.Date, dateTime);
        }

        Add(field, "DateTime", field, text);
        return null;
    }

    /// <summary>Reads a rule's daily hours; the end may be 24:00 and must be after the start.</summary>
    public TimeOfDayRange? Hours(string startField, string? startValue, string endField, string? endValue)
    {
        var start = Time(startField, startValue, allowEndOfDay: false);
        var end = Time(endField, endValue, allowEndOfDay: true);
        if (start is not { } from || end is not { } to)
        {
            return null;
        }

        // 24:00 and 00:00 are both LocalTime.Midnight: only the text says which end of the day is meant.
        if (endValue != WireFormat.EndOfDay && to <= from)
        {
            Add(endField, "After", endField, endValue, startField, startValue);
            return null;
        }

        return new TimeOfDayRange(from, to);
    }

    /// <summary>Optional free text: at most <paramref name="maxLength"/> characters, without control characters but tabs and line breaks.</summary>
    public string? Text(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, "TextTooLong", field, maxLength);
            return null;
        }

        if (value is not null && !IsWellFormed(value, lineBreaks: true))
        {
            Add(field, "TextControlCharacters", field);
            return null;
        }

        return value;
    }

    /// <summary>An id that is safe in a URL: 1 to 64 letters, digits, '-', '_', '.' or '@'.</summary>
    /// <summary>
    /// The id of an owner about to be created: URL-safe (<see cref="UrlSafeId"/>), and not a first path segment the host
    /// uses itself (<see cref="Platform.Hosting.ReservedSegments"/>), since the owner's booking page lives at <c>/{id}</c>.
    /// </summary>
    public string? NewOwnerId(string field, string? value)
    {
        if (UrlSafeId(field, value) is not { } id)
        {
            return null;
        }

        if (Platform.Hosting.ReservedSegments.Contains(id))
        {
            Add(field, "ReservedOwnerId", id, id.ToLowerInvariant());
            return null;
        }

        return id;
    }

    public string? UrlSafeId(string field, string? value)
    {
        if (Name(field, value) is not { } id)
        {
            return null;
        }

        if (!UrlSafe().IsMatch(id))
        {
            Add(field, "UrlSafeId", field, id);
            return null;
        }

        return id;
    }

    /// <summary>A slug: lowercase letters and digits in words joined by single hyphens, at most 64 characters.</summary>
    public string? Slug(string field, string? value)
    {
        if (Present(field, value, "RequiredSlug") is not { } slug)
        {
            return null;
        }

        if (slug.Length > 64 || !SlugPattern().IsMatch(slug))
        {
            Add(field, "Slug", field, slug);
            return null;
        }

        return slug;
    }

    /// <summary>An optional Idempotency-Key header: 1 to 255 characters without control characters.</summary>
    public string? IdempotencyKey(string? value)
    {
        if (value is not null && (value.Length is 0 or > MaxIdempotencyKeyLength || value.Any(char.IsControl)))
        {
            Add("Idempotency-Key", "IdempotencyKey", MaxIdempotencyKeyLength);
            return null;
        }

        return value;
    }

    /// <summary>An IANA time zone id such as Europe/Berlin, from the tz database the service ships.</summary>
    public DateTimeZone? Zone(string field, string? value)
    {
        if (Present(field, value, "RequiredTimeZone") is not { } id)
        {
            return null;
        }

        if (ZoneRules.Find(id) is { } zone)
        {
            return zone;
        }

        Add(field, "TimeZone", field, id);
        return null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; null when absent and not required.</summary>
    public int? Number(string field, int? value, int min, int max, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "RequiredNumber", field, min, max);
            }

            return null;
        }

        if (value < min || value > max)
        {
            Add(field, "NumberRange", field, min, max, value);
            return null;
        }

        return value;
    }

    /// <summary>An optional e-mail address.</summary>
    public string? Email(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > 254 || !MailAddress.TryCreate(value, out var address) || address.Address != value)
        {
            Add(field, "EmailAddress", field, value);
            return null;
        }

        return value;
    }

    /// <summary>An instant written as ISO 8601 with an offset or Z, such as 2027-03-01T09:00:00+01:00.</summary>
    public Instant? Instant(string field, string? value)
    {
        if (Present(field, value, "RequiredInstant") is not { } text)
        {
            return null;
        }

        if (WireFormat.TryParseOffsetDateTime(text, out var written))
        {
            // The local date is checked first: an instant beyond NodaTime's range cannot even be computed.
            if (CalendarDates.IsSupported(written.Date) && written.ToInstant() is var instant && CalendarDates.IsSupported(instant))
            {
                return instant;
            }

            Add(field, "InstantRange", field, WireFormat.FormatDate(CalendarDates.Supported.Start), WireFormat.FormatDate(CalendarDates.Supported.End));
            return null;
        }

        Add(field, "Instant", field, text);
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex UrlSafe();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    private LocalTime? Time(string field, string? value, bool allowEndOfDay)
    {
        if (Present(field, value, "RequiredTime") is not { } text)
        {
            return null;
        }

        if (allowEndOfDay && text == WireFormat.EndOfDay)
        {
            return LocalTime.Midnight;
        }

        if (WireFormat.TryParseTime(text, out var time))
        {
            return time;
        }

        Add(field, "TimeOfDay", field, "00:00", allowEndOfDay ? WireFormat.EndOfDay : "23:59", text);
        return null;
    }

    /// <summary>A value on a date the service schedules on (<see cref="CalendarDates.Supported"/>), or an error naming the range.</summary>
    private T? Supported<T>(string field, LocalDate date, T value)
        where T : struct
    {
        if (CalendarDates.IsSupported(date))
        {
            return value;
        }

        Add(field, "DateRange", field, WireFormat.FormatDate(CalendarDates.Supported.Start), WireFormat.FormatDate(CalendarDates.Supported.End));
        return null;
    }

    /// <summary>The value, or an error (the text <paramref name="requiredKey"/>, which says what a value looks like) when it is missing or blank.</summary>
    private string? Present(string field, string? value, string requiredKey)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, requiredKey, field);
            return null;
        }

        return value;
    }
}
