using NodaTime;

namespace Agenda.Scheduling.Availability;

/// <summary>
/// "Available during <see cref="Hours"/> on every date of <see cref="Dates"/>", in the owner's time zone.
/// This is the rule that the documented <c>set_availability</c> endpoint posts. The date interval includes
/// both its first and its last date, as <see cref="DateInterval"/> always does.
/// </summary>
public sealed record DateRangeRule(DateInterval Dates, TimeOfDayRange Hours)
{
    public bool AppliesOn(LocalDate date) => Dates.Contains(date);
}
