using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using NodaTime;

namespace Agenda.Api.Calendars.Busy;

/// <summary>
/// Expands one RRULE in local (floating) time with Ical.Net and leaves turning local times into instants to the caller.
/// RFC 5545 defines a rule's instances as local date-times in DTSTART's zone; only afterwards is each one placed on the
/// time line (§3.3.5: a nonexistent time moves forward by the gap, an ambiguous one takes the earlier offset). Expanding
/// without a zone keeps Ical.Net's own zone handling, and its ignorance of VTIMEZONE-defined TZIDs, out of the way.
/// </summary>
internal static class FloatingRecurrence
{
    /// <summary>Unmatched rule increments Ical.Net may try before giving up (a rule like FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30 never matches).</summary>
    private const int MaxUnmatchedIncrements = 50_000;

    /// <summary>
    /// The rule's instances from <paramref name="start"/> that are not after <paramref name="notAfter"/>, in order.
    /// When <paramref name="notBefore"/> is given and the rule allows it, expansion starts near it instead of at DTSTART,
    /// so a rule begun years ago costs no more than one begun yesterday.
    /// </summary>
    public static IEnumerable<LocalDateTime> Expand(
        LocalDateTime start, bool dateOnly, RecurrencePattern rule, Func<Instant, LocalDateTime> utcToLocal,
        LocalDateTime? notBefore, LocalDateTime notAfter, OccurrenceBudget budget)
    {
        var first = notBefore is { } earliest ? FastForward(start, rule, earliest) : start;
        var source = new CalendarEvent { DtStart = Floating(first, dateOnly) };
        var copy = rule.Copy<RecurrencePattern>() ?? throw new CalendarFormatException("A recurrence rule could not be read.");
        if (copy.Until is { } until)
        {
            copy.Until = FloatingUntil(until, dateOnly, utcToLocal);
        }

#pragma warning disable CS0618 // RecurrencePattern is what the parsed calendar holds; Ical.Net still evaluates it.
        source.RecurrenceRules.Add(copy);
#pragma warning restore CS0618
        var options = new EvaluationOptions { MaxUnmatchedIncrementsLimit = MaxUnmatchedIncrements };
        using var occurrences = source.GetOccurrences(null, options).GetEnumerator();
        while (true)
        {
            LocalDateTime local;
            try
            {
                if (!occurrences.MoveNext())
                {
                    yield break;
                }

                local = LocalOf(occurrences.Current.Period.StartTime);
            }
            catch (Exception e) when (e is EvaluationException or ArgumentException or InvalidOperationException)
            {
                throw new CalendarFormatException($"The recurrence rule {Describe(rule)} cannot be expanded: {e.Message}", e);
            }

            if (local > notAfter)
            {
                yield break;
            }

            budget.CountExamined();
            yield return local;
        }
    }

    public static LocalDateTime LocalOf(CalDateTime value) =>
        new(value.Year, value.Month, value.Day, value.HasTime ? value.Hour : 0, value.HasTime ? value.Minute : 0, value.HasTime ? value.Second : 0);

    private static CalDateTime Floating(LocalDateTime local, bool dateOnly)
    {
        var date = new DateOnly(local.Year, local.Month, local.Day);
        return dateOnly ? new CalDateTime(date) : new CalDateTime(date, new TimeOnly(local.Hour, local.Minute, local.Second), null);
    }

    /// <summary>UNTIL in UTC (as RFC 5545 asks when DTSTART has a TZID) becomes local time in the event's zone, so it compares with floating instances.</summary>
    private static CalDateTime FloatingUntil(CalDateTime until, bool dateOnly, Func<Instant, LocalDateTime> utcToLocal)
    {
        if (dateOnly || !until.HasTime)
        {
            var date = new LocalDate(until.Year, until.Month, until.Day);
            return dateOnly ? Floating(date.AtMidnight(), true) : Floating(date.At(new LocalTime(23, 59, 59)), false);
        }

        var local = until.IsUtc ? utcToLocal(LocalOf(until).InUtc().ToInstant()) : LocalOf(until);
        return Floating(local, false);
    }

    /// <summary>
    /// Moves DTSTART forward by whole rule periods to just before <paramref name="notBefore"/>. Without COUNT, and for
    /// frequencies whose period has a fixed length in local time (a week, a day, an hour, ...), this leaves the set of
    /// instances after the new start unchanged: BYxxx parts repeat with the period, and the week start stays aligned.
    /// The moved DTSTART is itself reported as an instance by Ical.Net, but it lies before <paramref name="notBefore"/>.
    /// </summary>
    private static LocalDateTime FastForward(LocalDateTime start, RecurrencePattern rule, LocalDateTime notBefore)
    {
        long unitSeconds = rule.Frequency switch
        {
            FrequencyType.Secondly => 1,
            FrequencyType.Minutely => 60,
            FrequencyType.Hourly => 3_600,
            FrequencyType.Daily => 86_400,
            FrequencyType.Weekly => 604_800,
            _ => 0,
        };
        if (unitSeconds == 0 || rule.Count is not null || notBefore <= start)
        {
            return start;
        }

        var step = unitSeconds * Math.Max(1, rule.Interval);
        var gap = NodaTime.Period.Between(start, notBefore, PeriodUnits.Seconds).Seconds;
        var periods = (gap / step) - 1;
        return periods <= 0 ? start : start.PlusSeconds(periods * step);
    }

    private static string Describe(RecurrencePattern rule)
    {
        var text = rule.ToString() ?? "";
        return text.Length <= 80 ? text : text[..80] + "...";
    }
}
