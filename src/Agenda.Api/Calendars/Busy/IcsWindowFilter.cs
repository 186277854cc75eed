using System.Globalization;
using System.Text;
using NodaTime;

namespace Agenda.Api.Calendars.Busy;

/// <summary>
/// Cuts iCalendar text down, line by line as it streams in, to what can block time in a window, so a feed of many
/// megabytes of mostly past events costs memory for the events that matter only. It unfolds content lines and keeps:
/// everything outside components (VCALENDAR's own properties), every VTIMEZONE, and each VEVENT unless its own
/// DTSTART and DTEND (or DURATION) show cheaply that it lies outside the window. It drops VTODO, VJOURNAL, VFREEBUSY and
/// other components, which <see cref="IcsBusyTimes"/> does not read. An event is kept whenever it cannot be judged
/// cheaply: one with RRULE, RDATE or EXRULE (recurring), a time it cannot read, or no DTSTART. An overridden occurrence
/// (RECURRENCE-ID) is kept when its RECURRENCE-ID or its own time comes near the window.
/// </summary>
/// <remarks>
/// A local time (a TZID, floating, or a DATE) is judged as if it could be up to a day earlier or later than the same
/// digits in UTC, more than any UTC offset, so no event that touches the window is dropped for its zone. An overridden
/// occurrence whose RECURRENCE-ID lies more than <see cref="OverrideReach"/> before the window is dropped: its master's
/// occurrence there could reach into the window only if it lasted longer than that, and then the owner is shown busy
/// rather than free.
/// </remarks>
public static class IcsWindowFilter
{
    /// <summary>How far a local time can lie from the same digits read as UTC: more than any UTC offset (at most 14 hours).</summary>
    private static readonly Duration LocalReach = Duration.FromDays(1);

    /// <summary>How long before the window an overridden occurrence still counts, for its master's occurrence there.</summary>
    public static readonly Duration OverrideReach = Duration.FromDays(14);

    /// <summary>Longer than any calendar day (a day with a DST change has 23 or 25 hours).</summary>
    private static readonly Duration LongestDay = Duration.FromHours(25);

    /// <summary>The text's parts that can block time within [<paramref name="from"/>, <paramref name="to"/>), as iCalendar text.</summary>
    /// <exception cref="CalendarFormatException">The text does not start with BEGIN:VCALENDAR.</exception>
    public static async Task<string> FilterAsync(TextReader reader, Instant from, Instant to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lines = new UnfoldingReader(reader);
        var output = new StringBuilder();
        var stack = new List<string>();
        List<string>? held = null; // the lines of the VEVENT being read, until its END decides
        var heldAt = -1;
        var skippedAt = -1;
        var started = false;
        while (await lines.ReadAsync(cancellationToken) is { } line)
        {
            if (!started)
            {
                var start = line.TrimStart('\uFEFF', ' ', '\t');
                if (start.Length == 0)
                {
                    continue;
                }

                if (!start.StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
                {
                    throw new CalendarFormatException("The calendar is not valid iCalendar: it does not start with BEGIN:VCALENDAR.");
                }

                started = true;
                line = start;
            }

            var name = NameOf(line);
            if (name.Equals("BEGIN", StringComparison.OrdinalIgnoreCase))
            {
                var component = ValueOf(line).Trim().ToUpperInvariant();
                stack.Add(component);
                var topLevel = stack.Count == 2 && stack[0] == "VCALENDAR";
                if (held is null && skippedAt < 0 && topLevel && component == "VEVENT")
                {
                    held = [line];
                    heldAt = stack.Count;
                    continue;
                }

                if (held is null && skippedAt < 0 && topLevel && component != "VTIMEZONE")
                {
                    skippedAt = stack.Count;
                    continue;
                }
            }

            var ends = name.Equals("END", StringComparison.OrdinalIgnoreCase);
            var depth = stack.Count;
            if (ends && stack.Count > 0)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            if (skippedAt >= 0)
            {
                if (ends && depth == skippedAt)
                {
                    skippedAt = -1;
                }
            }
            else if (held is not null)
            {
                held.Add(line);
                if (ends && depth == heldAt)
                {
                    if (Matters(held, from, to))
                    {
                        foreach (var kept in held)
                        {
                            output.Append(kept).Append("\r\n");
                        }
                    }

                    held = null;
                }
            }
            else
            {
                output.Append(line).Append("\r\n");
            }
        }

        if (!started)
        {
            throw new CalendarFormatException("The calendar is not valid iCalendar: it is empty.");
        }

        // An event cut off by the end of the text is left to the parser to judge, as it was.
        foreach (var rest in held ?? [])
        {
            output.Append(rest).Append("\r\n");
        }

        return output.ToString();
    }

    /// <summary>Whether the event (its unfolded lines, BEGIN to END) can block time in the window, or cannot be judged cheaply.</summary>
    private static bool Matters(List<string> lines, Instant from, Instant to)
    {
        string? start = null, end = null, duration = null, recurrenceId = null;
        var depth = 0;
        foreach (var line in lines)
        {
            var name = NameOf(line);
            if (name.Equals("BEGIN", StringComparison.OrdinalIgnoreCase))
            {
                depth++;
                continue;
            }

            if (name.Equals("END", StringComparison.OrdinalIgnoreCase))
            {
                depth--;
                continue;
            }

            if (depth != 1)
            {
                continue; // a VALARM's properties say nothing about the event's time
            }

            if (Is(name, "RRULE") || Is(name, "RDATE") || Is(name, "EXRULE"))
            {
                return true;
            }

            if (Is(name, "DTSTART"))
            {
                start = line;
            }
            else if (Is(name, "DTEND"))
            {
                end = line;
            }
            else if (Is(name, "DURATION"))
            {
                duration = line;
            }
            else if (Is(name, "RECURRENCE-ID"))
            {
                recurrenceId = line;
            }
        }

        if (start is null || Bounds(start) is not { } begins)
        {
            return true;
        }

        Instant latestEnd;
        if (end is not null)
        {
            if (Bounds(end) is not { } ends)
            {
                return true;
            }

            latestEnd = ends.Latest;
        }
        else if (duration is not null)
        {
            if (LongestOf(ValueOf(duration)) is not { } length)
            {
                return true;
            }

            latestEnd = begins.Latest + length;
        }
        else
        {
            latestEnd = begins.IsDate ? begins.Latest + LongestDay : begins.Latest;
        }

        var own = begins.Earliest < to && latestEnd > from;
        if (recurrenceId is null)
        {
            return own;
        }

        return own || Bounds(recurrenceId) is not { } replaces || (replaces.Earliest < to && replaces.Latest + OverrideReach > from);
    }

    /// <summary>
    /// The earliest and latest instant a DATE or DATE-TIME property can mean: exact for UTC, within a day of the same
    /// digits in UTC for a local time or a date. Null when the value is not one this reads cheaply (then the event is kept).
    /// </summary>
    private static (Instant Earliest, Instant Latest, bool IsDate)? Bounds(string line)
    {
        var value = ValueOf(line).Trim();
        if (value.Length == 8 && AllDigits(value, 0, 8) && AsUtc(value, withTime: false) is { } midnight)
        {
            return (midnight - LocalReach, midnight + LocalReach, true);
        }

        if (value.Length is 15 or 16 && value[8] is 'T' or 't' && AllDigits(value, 0, 8) && AllDigits(value, 9, 6)
            && (value.Length == 15 || value[15] is 'Z' or 'z') && AsUtc(value, withTime: true) is { } at)
        {
            return value.Length == 16 ? (at, at, false) : (at - LocalReach, at + LocalReach, false);
        }

        return null;
    }

    /// <summary>The digits (yyyyMMdd, then HHmmss after a T) read as UTC; null for a date or time that does not exist.</summary>
    private static Instant? AsUtc(string value, bool withTime)
    {
        int Number(int start, int length) => int.Parse(value.AsSpan(start, length), CultureInfo.InvariantCulture);
        try
        {
            var date = new LocalDate(Number(0, 4), Number(4, 2), Number(6, 2));
            var time = withTime ? new LocalTime(Number(9, 2), Number(11, 2), Math.Min(59, Number(13, 2))) : LocalTime.Midnight;
            return (date + time).InUtc().ToInstant();
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool AllDigits(string value, int start, int count)
    {
        var end = start + count;
        for (var i = start; i < end; i++)
        {
            if (value[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The longest a DURATION value (RFC 5545 §3.3.6) can last, a nominal day counted as 25 hours; null for one this does not read.</summary>
    private static Duration? LongestOf(string value)
    {
        var text = value.Trim();
        if (text.StartsWith('+'))
        {
            text = text[1..];
        }

        if (text.Length < 2 || text[0] is not ('P' or 'p'))
        {
            return null;
        }

        var total = Duration.Zero;
        var number = 0L;
        var digits = 0;
        var inTime = false;
        foreach (var c in text[1..])
        {
            if (c is >= '0' and <= '9' && digits < 9)
            {
                number = (number * 10) + (c - '0');
                digits++;
                continue;
            }

            switch (char.ToUpperInvariant(c))
            {
                case 'T' when digits == 0 && !inTime:
                    inTime = true;
                    continue;
                case 'W' when digits > 0 && !inTime:
                    total += LongestDay * (7 * number);
                    break;
                case 'D' when digits > 0 && !inTime:
                    total += LongestDay * number;
                    break;
                case 'H' when digits > 0 && inTime:
                    total += Duration.FromHours(number);
                    break;
                case 'M' when digits > 0 && inTime:
                    total += Duration.FromMinutes(number);
                    break;
                case 'S' when digits > 0 && inTime:
                    total += Duration.FromSeconds(number);
                    break;
                default:
                    return null;
            }

            number = 0;
            digits = 0;
        }

        return digits == 0 ? total : null;
    }

    /// <summary>A content line's name: up to the first ';' or ':' (a span, so the many lines skipped cost no string).</summary>
    private static ReadOnlySpan<char> NameOf(string line)
    {
        var end = line.AsSpan().IndexOfAny(';', ':');
        return end < 0 ? line : line.AsSpan(0, end);
    }

    private static bool Is(ReadOnlySpan<char> name, string expected) => name.Equals(expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>A content line's value: after the first ':' that is not inside a quoted parameter value.</summary>
    private static string ValueOf(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ':' && !quoted)
            {
                return line[(i + 1)..];
            }
        }

        return "";
    }

    /// <summary>Content lines with their folds undone (RFC 5545 §3.1: a line starting with a space or tab continues the one before).</summary>
    private sealed class UnfoldingReader(TextReader reader)
    {
        private string? next;
        private bool primed;

        public async Task<string?> ReadAsync(CancellationToken cancellationToken)
        {
            if (!primed)
            {
                next = await reader.ReadLineAsync(cancellationToken);
                primed = true;
            }

            if (next is null)
            {
                return null;
            }

            var line = next;
            StringBuilder? unfolded = null;
            while ((next = await reader.ReadLineAsync(cancellationToken)) is { Length: > 0 } continued && continued[0] is ' ' or '\t')
            {
                (unfolded ??= new StringBuilder(line)).Append(continued, 1, continued.Length - 1);
            }

            return unfolded?.ToString() ?? line;
        }
    }
}
