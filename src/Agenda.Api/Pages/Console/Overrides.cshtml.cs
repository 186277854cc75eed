using Agenda.Api.Availability;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Observability;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Availability;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// Date overrides: listed in runs of consecutive dates that are alike, set for one date or a range of dates at once (a
/// day off, or other hours) and removed run by run, each in one call of the same use case as the API
/// (<see cref="OwnerAvailability"/>). The page's own checks (a day off or hours; the end of the range not before its
/// start and not more than <see cref="OwnerAvailability.MaxOverrideDays"/> days away) are worded for a person. With
/// <c>?schedule=id</c>, the same page edits a named schedule's overrides, through <see cref="OwnerSchedules"/>.
/// </summary>
internal sealed class OverridesModel(OwnerAvailability availability, OwnerSchedules schedules, LimitMetrics limits) : ConsolePage
{
    /// <summary>The named schedule whose overrides are edited; null for the default hours'.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Schedule { get; set; }

    /// <summary>The named schedule, once read.</summary>
    public Agenda.Storage.StoredSchedule? Named { get; private set; }

    /// <summary>The zone the overrides' hours are in: the named schedule's, or the owner's.</summary>
    public string HoursZone => Named?.TimeZone?.Id ?? Owner.Zone.Id;

    /// <summary>How many intervals the form offers for other hours.</summary>
    public const int HourRows = 2;

    /// <summary>The overrides, in runs of consecutive dates with the same hours (or all days off), in date order.</summary>
    public IReadOnlyList<OverrideRun> Runs { get; private set; } = [];

    [BindProperty]
    public OverrideForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var hours = Form.Starts.Zip(Form.Ends)
            .Where(r => !string.IsNullOrWhiteSpace(r.First) || !string.IsNullOrWhiteSpace(r.Second))
            .Select(r => (HoursBody?)new HoursBody(r.First?.Trim(), r.Second?.Trim()))
            .ToList();
        var dayOff = Form.Kind != "hours";
        if (!dayOff && hours.Count == 0)
        {
            Errors.Add("override-start-0", ConsoleTexts.Get("OverrideNeedsHours"));
        }

        var to = string.IsNullOrWhiteSpace(Form.To) ? null : Form.To.Trim();
        if (WireFormat.TryParseDate(Form.From?.Trim() ?? "", out var first) && to is not null && WireFormat.TryParseDate(to, out var last))
        {
            if (last < first)
            {
                Errors.Add("override-to", ConsoleTexts.Get("OverrideRangeBackwards"));
            }
            else if (Period.DaysBetween(first, last) + 1 > OwnerAvailability.MaxOverrideDays)
            {
                Errors.Add("override-to", ConsoleTexts.Format("OverrideRangeTooLong", OwnerAvailability.MaxOverrideDays));
            }
        }

        if (Errors.Count > 0)
        {
            return await PageAsync(cancellationToken);
        }

        var body = new DateOverrideBody(dayOff ? true : null, dayOff ? null : hours);
        if (Schedule is not null)
        {
            var (errors, saved) = await schedules.SetOverridesAsync(OwnerId, Schedule, Form.From?.Trim() ?? "", to, body, cancellationToken);
            return ScheduleWritten(errors, saved, to is null || to == Form.From?.Trim() ? "OverrideSaved" : "OverridesSaved") ?? await PageAsync(cancellationToken);
        }

        switch (await availability.PutOverridesAsync(OwnerId, Form.From?.Trim() ?? "", to, body, cancellationToken))
        {
            case OverrideWrite.Saved saved:
                return Done(saved.Dates.Length == 1 ? "OverrideSaved" : "OverridesSaved");
            case OverrideWrite.Invalid invalid:
                Errors.Add(invalid.Errors, FieldOf);
                break;
            case OverrideWrite.LimitReached reached:
                Errors.Add(OwnerLimitRefusals.Describe(reached.Reached, limits));
                break;
            default:
                return NotFoundPage();
        }

        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        if (Schedule is not null)
        {
            var (errors, saved) = await schedules.RemoveOverridesAsync(OwnerId, Schedule, from ?? "", string.IsNullOrEmpty(to) ? null : to, cancellationToken);
            return ScheduleWritten(errors, saved, "OverrideRemoved") ?? await PageAsync(cancellationToken);
        }

        switch (await availability.DeleteOverridesAsync(OwnerId, from ?? "", string.IsNullOrEmpty(to) ? null : to, cancellationToken))
        {
            case OverrideWrite.Deleted:
                return Done("OverrideRemoved");
            case OverrideWrite.Invalid invalid:
                Errors.Add(invalid.Errors, _ => null);
                return await PageAsync(cancellationToken);
            default:
                return NotFoundPage();
        }
    }

    /// <summary>
    /// Where a change of a named schedule's overrides leads: back to its page with <paramref name="notice"/> when saved, a
    /// not-found page for no such schedule, or null (with the errors beside their fields) to show the form again.
    /// </summary>
    private IActionResult? ScheduleWritten(RequestErrors? errors, Agenda.Storage.StoredSchedule? saved, string notice)
    {
        if (saved is not null)
        {
            return RedirectToPage(null, new { notice, schedule = Schedule });
        }

        if (errors is null)
        {
            return NotFoundPage();
        }

        Errors.Add(errors, key => FieldOf(key) ?? (key.StartsWith("date_overrides", StringComparison.Ordinal) ? "override-from" : null));
        return null;
    }

    /// <summary>The form's field of a use case's error key.</summary>
    private static string? FieldOf(string key) => key switch
    {
        "date" or "from" => "override-from",
        "to" => "override-to",
        _ when key.StartsWith("hours[", StringComparison.Ordinal) => $"override-{(key.EndsWith(".end", StringComparison.Ordinal) ? "end" : "start")}-{key[6..key.IndexOf(']', StringComparison.Ordinal)]}",
        "hours" => "override-start-0",
        _ => null,
    };

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (Schedule is not null)
        {
            Named = await schedules.GetAsync(OwnerId, Schedule, cancellationToken);
            if (Named is null)
            {
                return NotFoundPage();
            }

            Runs = OverrideRun.Of(Named.Overrides);
            return Page();
        }

        if (await availability.GetOverridesAsync(OwnerId, cancellationToken) is not { } overrides)
        {
            return NotFoundPage();
        }

        Runs = OverrideRun.Of(overrides);
        return Page();
    }
}

/// <summary>Consecutive dates with the same override: all days off, or all the same hours.</summary>
internal sealed record OverrideRun(DateInterval Dates, IReadOnlyList<TimeOfDayRange> Hours)
{
    public bool IsDayOff => Hours.Count == 0;

    /// <summary>The overrides in runs, in date order.</summary>
    public static IReadOnlyList<OverrideRun> Of(IEnumerable<DateOverride> overrides)
    {
        var runs = new List<OverrideRun>();
        foreach (var item in overrides.OrderBy(o => o.Date))
        {
            if (runs.Count > 0 && runs[^1] is var last && last.Dates.End.PlusDays(1) == item.Date && last.Hours.SequenceEqual(item.Hours))
            {
                runs[^1] = last with { Dates = new DateInterval(last.Dates.Start, item.Date) };
            }
            else
            {
                runs.Add(new OverrideRun(new DateInterval(item.Date, item.Date), item.Hours));
            }
        }

        return runs;
    }
}

/// <summary>The add form as typed: the first date, the last (empty: the first only), and either a day off or up to <see cref="OverridesModel.HourRows"/> intervals.</summary>
internal sealed class OverrideForm
{
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>off (a day off) or hours (other hours).</summary>
    public string Kind { get; set; } = "off";

    public List<string?> Starts { get; set; } = [];

    public List<string?> Ends { get; set; } = [];
}
