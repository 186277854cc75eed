namespace Agenda.Api.Calendars.Busy;

/// <summary>
/// Bounds the work of one read: how many occurrences may land in the window, and how many rule instances may be looked at
/// in all (including those before the window). A rule such as FREQ=SECONDLY stops at the limit with a
/// <see cref="CalendarFormatException"/> instead of filling memory.
/// </summary>
internal sealed class OccurrenceBudget(int maxInWindow, int maxExamined)
{
    private int inWindow;
    private int examined;

    public void CountExamined()
    {
        if (++examined > maxExamined)
        {
            throw new CalendarFormatException(
                $"The calendar's recurrence rules produce more than {maxExamined} instances to look at; a rule repeats too often (for example every second or minute) to be read.");
        }
    }

    public void CountInWindow()
    {
        if (++inWindow > maxInWindow)
        {
            throw new CalendarFormatException(
                $"The calendar has more than {maxInWindow} event occurrences in the period read; a rule repeats too often (for example every second or minute) to be read.");
        }
    }
}
