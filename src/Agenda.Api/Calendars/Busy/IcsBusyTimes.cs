using Ical.Net;
using NodaTime;

namespace Agenda.Api.Calendars.Busy;

/// <summary>
/// Turns the owner's own calendars (iCalendar text, RFC 5545) into the times they are busy, so those times are never offered
/// as slots. Ical.Net parses the text and expands recurrence rules; this class decides what blocks time and places every
/// occurrence on the time line. docs/calendars.md ("Reading calendars") states the rules.
/// </summary>
internal static class IcsBusyTimes
{
    /// <summary>At most this many occurrences may fall in the window of one read; more makes the read fail.</summary>
    public const int MaxOccurrences = 10_000;

    /// <summary>At most this many rule instances are looked at in one read, including those before the window.</summary>
    public const int MaxExaminedInstances = 200_000;

    private const int ExcerptLength = 100;

    /// <summary>
    /// The busy intervals of one iCalendar text within [<paramref name="from"/>, <paramref name="to"/>), clipped to it, sorted
    /// and merged (overlapping or touching intervals become one).
    /// </summary>
    /// <param name="ownerZone">The zone for all-day events, floating times and TZIDs nobody defines.</param>
    /// <param name="ownerEmails">The owner's addresses: an event whose attendee with one of them declined does not block time.</param>
    /// <exception cref="CalendarFormatException">The text is not iCalendar, or it has more occurrences than <see cref="MaxOccurrences"/>.</exception>
    public static IReadOnlyList<BusyInterval> Read(string icsText, Instant from, Instant to, DateTimeZone ownerZone, IReadOnlyCollection<string> ownerEmails) =>
        Read([icsText], from, to, ownerZone, ownerEmails);

    /// <summary>
    /// The busy intervals of several iCalendar texts together, as a CalDAV server returns them (one calendar object per event,
    /// each with its own VTIMEZONE components). Limits apply to the read as a whole.
    /// </summary>
    public static IReadOnlyList<BusyInterval> Read(IEnumerable<string> icsTexts, Instant from, Instant to, DateTimeZone ownerZone, IReadOnlyCollection<string> ownerEmails)
    {
        ArgumentNullException.ThrowIfNull(icsTexts);
        ArgumentNullException.ThrowIfNull(ownerZone);
        ArgumentNullException.ThrowIfNull(ownerEmails);
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The window ends after it starts.");
        }

        var emails = ownerEmails.Select(e => e.Trim()).Where(e => e.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var budget = new OccurrenceBudget(MaxOccurrences, MaxExaminedInstances);
        var busy = new List<BusyInterval>();
        foreach (var text in icsTexts)
        {
            foreach (var calendar in Parse(text))
            {
                new CalendarBusyReader(calendar, from, to, ownerZone, emails, budget).AddTo(busy);
            }
        }

        return Merge(busy);
    }

    /// <summary>The intervals sorted by start, with overlapping or touching ones merged into one.</summary>
    public static IReadOnlyList<BusyInterval> Merge(IEnumerable<BusyInterval> intervals)
    {
        var merged = new List<BusyInterval>();
        foreach (var interval in intervals.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
            {
                if (interval.End > merged[^1].End)
                {
                    merged[^1] = new BusyInterval(merged[^1].Start, interval.End);
                }
            }
            else
            {
                merged.Add(interval);
            }
        }

        return merged;
    }

    private static CalendarCollection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (!start.StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            throw new CalendarFormatException(start.Length == 0
                ? "The calendar is not valid iCalendar: it is empty."
                : $"The calendar is not valid iCalendar: it starts with \"{Excerpt(start)}\" instead of BEGIN:VCALENDAR.");
        }

        CalendarCollection calendars;
        try
        {
            calendars = CalendarCollection.Load(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CalendarFormatException($"The calendar is not valid iCalendar: {Excerpt(e.Message)}", e);
        }

        return calendars.Count > 0 ? calendars : throw new CalendarFormatException("The calendar is not valid iCalendar: it holds no VCALENDAR object.");
    }

    /// <summary>A short, single-line excerpt, so a message never carries a whole (possibly huge) calendar.</summary>
    private static string Excerpt(string text)
    {
        var line = new string(text.Take(ExcerptLength + 1).Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return line.Length > ExcerptLength ? line[..ExcerptLength] + "..." : line;
    }
}
