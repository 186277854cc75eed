using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Availability;
using NodaTime;

namespace Agenda.Api.Availability;

// Request and response bodies of the /v1 API. Property names are written in snake_case by the host's
// JSON options, as in the documented API. Request fields are nullable so that a missing value reaches
// validation, which names the field.

/// <summary>A daily range, "09:00" to "17:00"; an end may be "24:00".</summary>
internal sealed record HoursBody(string? Start, string? End);

internal sealed record HoursResponse(string Start, string End);

/// <summary>Weekly hours: per weekday, any number of ranges. A missing or empty weekday is a day off.</summary>
internal sealed record WeeklyHoursBody(
    IReadOnlyList<HoursBody?>? Monday,
    IReadOnlyList<HoursBody?>? Tuesday,
    IReadOnlyList<HoursBody?>? Wednesday,
    IReadOnlyList<HoursBody?>? Thursday,
    IReadOnlyList<HoursBody?>? Friday,
    IReadOnlyList<HoursBody?>? Saturday,
    IReadOnlyList<HoursBody?>? Sunday);

internal sealed record WeeklyHoursResponse(
    IReadOnlyList<HoursResponse> Monday,
    IReadOnlyList<HoursResponse> Tuesday,
    IReadOnlyList<HoursResponse> Wednesday,
    IReadOnlyList<HoursResponse> Thursday,
    IReadOnlyList<HoursResponse> Friday,
    IReadOnlyList<HoursResponse> Saturday,
    IReadOnlyList<HoursResponse> Sunday);

/// <summary>Date-range rules, each written as the documented set_availability writes one.</summary>
internal sealed record DateRangeRulesBody(IReadOnlyList<Compatibility.AvailabilityRuleBody?>? Rules);

internal sealed record DateRangeRuleResponse(string StartDate, string EndDate, string StartTime, string EndTime);

internal sealed record DateRangeRulesResponse(IReadOnlyList<DateRangeRuleResponse> Rules);

/// <summary>An override of one date: either <c>"unavailable": true</c>, or replacement <c>hours</c>.</summary>
internal sealed record DateOverrideBody(bool? Unavailable, IReadOnlyList<HoursBody?>? Hours);

internal sealed record DateOverrideResponse(string Date, bool Unavailable, IReadOnlyList<HoursResponse> Hours);

internal sealed record DateOverridesResponse(IReadOnlyList<DateOverrideResponse> Overrides);

/// <summary>The engine's availability values as /v1 response bodies.</summary>
internal static class AvailabilityMapping
{
    public static HoursResponse ToResponse(this TimeOfDayRange range) =>
        new(WireFormat.FormatTime(range.Start, isEnd: false), WireFormat.FormatTime(range.End, isEnd: true));

    public static WeeklyHoursResponse ToResponse(this WeeklyHours hours)
    {
        IReadOnlyList<HoursResponse> On(IsoDayOfWeek day) => hours.On(day).Select(h => h.ToResponse()).ToList();
        return new WeeklyHoursResponse(
            On(IsoDayOfWeek.Monday), On(IsoDayOfWeek.Tuesday), On(IsoDayOfWeek.Wednesday), On(IsoDayOfWeek.Thursday),
            On(IsoDayOfWeek.Friday), On(IsoDayOfWeek.Saturday), On(IsoDayOfWeek.Sunday));
    }

    public static HoursBody ToBody(this TimeOfDayRange range) =>
        new(WireFormat.FormatTime(range.Start, isEnd: false), WireFormat.FormatTime(range.End, isEnd: true));

    /// <summary>The weekly hours as a body that writes them again unchanged.</summary>
    public static WeeklyHoursBody ToBody(this WeeklyHours hours)
    {
        IReadOnlyList<HoursBody?> On(IsoDayOfWeek day) => [.. hours.On(day).Select(h => (HoursBody?)h.ToBody())];
        return new WeeklyHoursBody(
            On(IsoDayOfWeek.Monday), On(IsoDayOfWeek.Tuesday), On(IsoDayOfWeek.Wednesday), On(IsoDayOfWeek.Thursday),
            On(IsoDayOfWeek.Friday), On(IsoDayOfWeek.Saturday), On(IsoDayOfWeek.Sunday));
    }

    public static DateRangeRuleResponse ToResponse(this DateRangeRule rule) =>
        new(WireFormat.FormatDate(rule.Dates.Start), WireFormat.FormatDate(rule.Dates.End),
            WireFormat.FormatTime(rule.Hours.Start, isEnd: false), WireFormat.FormatTime(rule.Hours.End, isEnd: true));

    public static DateOverrideResponse ToResponse(this DateOverride dateOverride) =>
        new(WireFormat.FormatDate(dateOverride.Date), dateOverride.IsUnavailable, dateOverride.Hours.Select(h => h.ToResponse()).ToList());
}
