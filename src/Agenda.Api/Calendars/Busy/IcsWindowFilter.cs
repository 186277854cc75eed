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
internal static class IcsWindowFilter
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
        var filter = new Filter(from, to);
        while (await lines.ReadAsync(cancellationToken))
        {
            filter.Take(lines.Current.Span);
        }

        return filter.Finish();
    }

    /// <summary>
    /// Follows the components line by line and copies what is kept. Lines arrive as spans of a reused buffer, and an
    /// event is held in a reused builder until its END decides, so the many lines dropped cost no allocation.
    /// </summary>
    private sealed class Filter(Instant from, Instant to)
    {
        private readonly StringBuilder output = new();
        private readonly StringBuilder held = new(); // the VEVENT being read, until its END decides
        private readonly List<string> stack = [];
        private int heldAt = -1;
        private int skippedAt = -1;
        private bool started;
        private EventTimes times;

        public void Take(ReadOnlySpan<char> line)
        {
            if (!started)
            {
                line = line.TrimStart("\uFEFF \t");
                if (line.IsEmpty)
                {
                    return;
                }

                if (!line.StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
                {
                    throw new CalendarFormatException("The calendar is not valid iCalendar: it does not start with BEGIN:VCALENDAR.");
                }

                started = true;
            }

            var name = NameOf(line);
            if (Is(name, "BEGIN"))
            {
                var component = ComponentName(ValueOf(line).Trim());
                stack.Add(component);
                var topLevel = stack.Count == 2 && stack[0] == "VCALENDAR";
                if (heldAt < 0 && skippedAt < 0 && topLevel)
                {
                    if (component == "VEVENT")
                    {
                        heldAt = stack.Count;
                        times = default;
                        held.Append(line).Append("\r\n");
                        return;
                    }

                    if (component != "VTIMEZONE")
                    {
                        skippedAt = stack.Count;
                        return;
                    }
                }
            }

            var ends = Is(name, "END");
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
            else if (heldAt >= 0)
            {
                held.Append(line).Append("\r\n");
                if (depth == heldAt && !ends)
                {
                    times.Note(name, line); // a VALARM's properties say nothing about the event's time
                }

                if (ends && depth == heldAt)
                {
                    if (times.Matters(from, to))
                    {
                        output.Append(held);
                    }

                    held.Clear();
                    heldAt = -1;
                }
            }
            else
            {
                output.Append(line).Append("\r\n");
            }
        }

        public string Finish()
        {
            if (!started)
            {
                throw new CalendarFormatException("The calendar is not valid iCalendar: it is empty.");
            }

            // An event cut off by the end of the text is left to the parser to judge, as it was.
            return output.Append(held).ToString();
        }

        private static readonly string[] KnownComponents = ["VEVENT", "VALARM", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VCALENDAR", "VTODO", "VJOURNAL", "VFREEBUSY"];

        /// <summary>Component names as constants for the usual ones, so each BEGIN costs no new string.</summary>
        private static string ComponentName(ReadOnlySpan<char> value)
        {
            foreach (var known in KnownComponents)
            {
                if (Is(value, known))
                {
                    return known;
                }
            }

            return value.ToString().ToUpperInvariant();
        }
    }

    /// <summary>What an event's own properties say about its time, noted as its lines pass.</summary>
    private struct EventTimes
    {
        private bool recurring;
        private bool startSeen, endSeen, durationSeen, recurrenceSeen;
        private (Instant Earliest, Instant Latest, bool IsDate)? start, end, recurrenceId;
        private Duration? duration;

        public void Note(ReadOnlySpan<char> name, ReadOnlySpan<char> line)
        {
            if (Is(name, "RRULE") || Is(name, "RDATE") || Is(name, "EXRULE"))
            {
                recurring = true;
            }
            else if (Is(name, "DTSTART"))
            {
                (startSeen, start) = (true, Bounds(line));
            }
            else if (Is(name, "DTEND"))
            {
                (endSeen, end) = (true, Bounds(line));
            }
            else if (Is(name, "DURATION"))
            {
                (durationSeen, duration) = (true, LongestOf(ValueOf(line)));
            }
            else if (Is(name, "RECURRENCE-ID"))
            {
                (recurrenceSeen, recurrenceId) = (true, Bounds(line));
            }
        }

        /// <summary>Whether the event can block time in the window, or cannot be judged cheaply.</summary>
        public readonly bool Matters(Instant from, Instant to)
        {
            if (recurring || !startSeen || start is not { } begins)
            {
                return true;
            }

            Instant latestEnd;
            if (endSeen)
            {
                if (end is not { } ends)
                {
                    return true;
                }

                latestEnd = ends.Latest;
            }
            else if (durationSeen)
            {
                if (duration is not { } length)
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
            if (!recurrenceSeen)
            {
                return own;
            }

            return own || recurrenceId is not { } replaces || (replaces.Earliest < to && replaces.Latest + OverrideReach > from);
        }
    }

    /// <summary>
    /// The earliest and latest instant a DATE or DATE-TIME property can mean: exact for UTC, within a day of the same
    /// digits in UTC for a local time or a date. Null when the value is not one this reads cheaply (then the event is kept).
    /// </summary>
    private static (Instant Earliest, Instant Latest, bool IsDate)? Bounds(ReadOnlySpan<char> line)
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
    private static Instant? AsUtc(ReadOnlySpan<char> value, bool withTime)
    {
        try
        {
            var date = new LocalDate(Number(value, 0, 4), Number(value, 4, 2), Number(value, 6, 2));
            var time = withTime ? new LocalTime(Number(value, 9, 2), Number(value, 11, 2), Math.Min(59, Number(value, 13, 2))) : LocalTime.Midnight;
            return (date + time).InUtc().ToInstant();
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static int Number(ReadOnlySpan<char> value, int start, int length) => int.Parse(value.Slice(start, length), CultureInfo.InvariantCulture);

    private static bool AllDigits(ReadOnlySpan<char> value, int start, int count)
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
    private static Duration? LongestOf(ReadOnlySpan<char> value)
    {
        var text = value.Trim();
        if (text.StartsWith("+", StringComparison.Ordinal))
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
    private static ReadOnlySpan<char> NameOf(ReadOnlySpan<char> line)
    {
        var end = line.IndexOfAny(';', ':');
        return end < 0 ? line : line[..end];
    }

    private static bool Is(ReadOnlySpan<char> name, string expected) => name.Equals(expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>A content line's value: after the first ':' that is not inside a quoted parameter value.</summary>
    private static ReadOnlySpan<char> ValueOf(ReadOnlySpan<char> line)
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

        return [];
    }

    /// <summary>
    /// Content lines with their folds undone (RFC 5545 §3.1: a line starting with a space or tab continues the one
    /// before), read in blocks into buffers that are reused: <see cref="Current"/> is valid until the next read. A line
    /// ends at CRLF, LF or CR.
    /// </summary>
    private sealed class UnfoldingReader(TextReader reader)
    {
        private readonly char[] block = new char[16 * 1024];
        private int position;
        private int filled;
        private bool ended;
        private bool skipLineFeed;
        private char[] logical = new char[256];
        private int logicalLength;
        private bool holdsLogical;
        private char[] physical = new char[256];
        private int physicalLength;

        public ReadOnlyMemory<char> Current { get; private set; }

        public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                if (!await ReadPhysicalAsync(cancellationToken))
                {
                    if (!holdsLogical)
                    {
                        return false;
                    }

                    holdsLogical = false;
                    Current = logical.AsMemory(0, logicalLength);
                    return true;
                }

                if (holdsLogical && physicalLength > 0 && physical[0] is ' ' or '\t')
                {
                    Append(ref logical, ref logicalLength, physical.AsSpan(1, physicalLength - 1));
                    continue;
                }

                // The new line starts the next logical line: hand out the one held, keep the new one.
                (logical, physical) = (physical, logical);
                (logicalLength, physicalLength) = (physicalLength, logicalLength);
                if (!holdsLogical)
                {
                    holdsLogical = true;
                    continue;
                }

                Current = physical.AsMemory(0, physicalLength);
                return true;
            }
        }

        private async ValueTask<bool> ReadPhysicalAsync(CancellationToken cancellationToken)
        {
            physicalLength = 0;
            var any = false;
            while (true)
            {
                if (position == filled)
                {
                    if (ended || (filled = await reader.ReadAsync(block, cancellationToken)) == 0)
                    {
                        ended = true;
                        filled = position = 0;
                        return any;
                    }

                    position = 0;
                }

                if (skipLineFeed)
                {
                    skipLineFeed = false;
                    if (block[position] == '\n')
                    {
                        position++;
                        continue;
                    }
                }

                var rest = block.AsSpan(position, filled - position);
                var end = rest.IndexOfAny('\r', '\n');
                any = true;
                if (end < 0)
                {
                    Append(ref physical, ref physicalLength, rest);
                    position = filled;
                    continue;
                }

                Append(ref physical, ref physicalLength, rest[..end]);
                skipLineFeed = rest[end] == '\r';
                position += end + 1;
                return true;
            }
        }

        private static void Append(ref char[] buffer, ref int length, ReadOnlySpan<char> text)
        {
            if (length + text.Length > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + text.Length));
            }

            text.CopyTo(buffer.AsSpan(length));
            length += text.Length;
        }
    }
}
