using Agenda.Scheduling.Availability;
using NodaTime;

namespace Agenda.Api.Wire;

/// <summary>
/// Collects what is wrong with a request, field by field, while reading its values into engine types.
/// Each message names the field and says what a valid value looks like.
/// </summary>
public sealed class RequestErrors
{
    public const int MaxIdLength = 200;

    private readonly Dictionary<string, List<string>> errors = [];

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>A required name or id: present, not blank, at most <see cref="MaxIdLength"/> characters, no control characters.</summary>
    public string? Name(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"'{field}' is required and must not be empty.");
            return null;
        }

        if (value.Length > MaxIdLength || value.Any(char.IsControl))
        {
            Add(field, $"'{field}' must be at most {MaxIdLength} characters without control characters.");
            return null;
        }

        return value;
    }

    public LocalDate? Date(string field, string? value)
    {
        if (Present(field, value, "a date such as 2024-12-01") is not { } text)
        {
            return null;
        }

        if (WireFormat.TryParseDate(text, out var date))
        {
            return date;
        }

        Add(field, $"'{field}' must be a real calendar date in the form YYYY-MM-DD; '{text}' is not.");
        return null;
    }

    public LocalDateTime? DateTime(string field, string? value)
    {
        if (Present(field, value, "a date and time such as 2024-12-01T09:00") is not { } text)
        {
            return null;
        }

        if (WireFormat.TryParseDateTime(text, out var dateTime))
        {
            return dateTime;
        }

        Add(field, $"'{field}' must be a real date and time in the form YYYY-MM-DDTHH:MM; '{text}' is not.");
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
            Add(endField, $"'{endField}' ({endValue}) must be after '{startField}' ({startValue}).");
            return null;
        }

        return new TimeOfDayRange(from, to);
    }

    private LocalTime? Time(string field, string? value, bool allowEndOfDay)
    {
        if (Present(field, value, "a time such as 09:00") is not { } text)
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

        var range = allowEndOfDay ? "00:00 to 24:00" : "00:00 to 23:59";
        Add(field, $"'{field}' must be a time of day in the form HH:MM, from {range}; '{text}' is not.");
        return null;
    }

    private string? Present(string field, string? value, string example)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"'{field}' is required: {example}.");
            return null;
        }

        return value;
    }
}
