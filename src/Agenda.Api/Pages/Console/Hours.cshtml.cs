using System.Globalization;
using Agenda.Api.Availability;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Wire;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The weekly hours editor: per weekday whether the owner is available and the intervals (two time selects each),
/// replaced as a whole through the same use case as the API (<see cref="OwnerAvailability"/>). Without script every day
/// has a spare empty row, and "Copy to all days" is a post that copies one day's intervals into the form (not saved yet).
/// The page's own checks (an interval that ends before it starts, intervals that overlap) are worded for a person,
/// beside the day; the use case still checks everything. The same editor edits the owner's named schedules
/// (<c>?schedule=id</c>, or <see cref="NewSchedule"/>), with a name, the zone its hours are in and the dates the owner
/// travels (each with the zone of those dates' hours), through <see cref="OwnerSchedules"/>; its date overrides are kept as
/// they are (the overrides page edits them, <c>/console/overrides?schedule=id</c>).
/// </summary>
internal sealed class HoursModel(OwnerAvailability availability, OwnerSchedules schedules, OwnerTravel travel) : ConsolePage
{
    /// <summary>The named schedule edited (<see cref="NewSchedule"/> for one not made yet); null for the default hours.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Schedule { get; set; }

    /// <summary>The named schedule's name, as typed.</summary>
    [BindProperty]
    public string? ScheduleName { get; set; }

    /// <summary>The zone of a named schedule's hours, as chosen; the owner's own zone keeps the schedule in the owner's zone.</summary>
    [BindProperty]
    public string? ScheduleZone { get; set; }

    /// <summary>A named schedule's travel periods as posted (rows with neither date are left out), and one spare row.</summary>
    [BindProperty]
    public List<TravelRow> Travel { get; set; } = [];

    /// <summary>The owner's named schedules, for the tabs above the editor.</summary>
    public IReadOnlyList<Agenda.Storage.StoredSchedule> Schedules { get; private set; } = [];

    /// <summary>Whether a schedule not made yet is edited.</summary>
    public bool IsNew => Schedule == NewSchedule;

    /// <summary>The <c>?schedule=</c> of a schedule not made yet: not a slug, so never a schedule's id.</summary>
    public const string NewSchedule = "-new";

    public static readonly IReadOnlyList<IsoDayOfWeek> Week =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    /// <summary>Empty rows offered per weekday beyond its intervals, so an interval can be added without script.</summary>
    private const int SpareRows = 1;

    /// <summary>The weekdays that have hours (ticked); the rows of the others are kept in the form but not saved.</summary>
    [BindProperty]
    public List<IsoDayOfWeek> Available { get; set; } = [];

    /// <summary>The intervals as posted, keyed by row (<c>Rows.Index</c>), so script can add and remove rows in any order.</summary>
    [BindProperty]
    public List<HoursRow> Rows { get; set; } = [];

    /// <summary>The weekdays in the order of the page culture's week (Monday first in Germany, Sunday first in the US).</summary>
    public static IReadOnlyList<IsoDayOfWeek> Days
    {
        get
        {
            var first = (int)CultureInfo.CurrentCulture.DateTimeFormat.FirstDayOfWeek;
            return [.. Week.OrderBy(d => ((int)d % 7 - first + 7) % 7)];
        }
    }

    /// <summary>The part of the ids and names of a weekday's fields: monday.</summary>
    public static string Key(IsoDayOfWeek day) => day.ToString().ToLowerInvariant();

    /// <summary>The field a day's errors are about (and the summary links to): its first start time.</summary>
    public static string ErrorField(IsoDayOfWeek day) => $"{Key(day)}-1-start";

    public IReadOnlyList<HoursRow> RowsOf(IsoDayOfWeek day) => [.. Rows.Where(r => r.Day == day)];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Schedules = await schedules.ListAsync(OwnerId, cancellationToken) ?? [];
        WeeklyHoursResponse? hours;
        if (Schedule is null)
        {
            hours = (await availability.GetWeeklyHoursAsync(OwnerId, cancellationToken))?.ToResponse();
            Travel = [.. Owner.Travel.Select(t => new TravelRow { From = WireFormat.FormatDate(t.Dates.Start), To = WireFormat.FormatDate(t.Dates.End), Zone = t.Zone.Id })];
        }
        else if (IsNew)
        {
            hours = Scheduling.Availability.WeeklyHours.None.ToResponse();
        }
        else if (Schedules.FirstOrDefault(s => s.Id == Schedule) is { } named)
        {
            hours = named.Weekly.ToResponse();
            ScheduleName = named.Name;
            ScheduleZone = named.TimeZone?.Id;
            Travel = [.. named.Travel.Select(t => new TravelRow { From = WireFormat.FormatDate(t.Dates.Start), To = WireFormat.FormatDate(t.Dates.End), Zone = t.Zone.Id })];
        }
        else
        {
            hours = null;
        }

        if (hours is null)
        {
            return NotFoundPage();
        }

        var stored = Week.SelectMany(day => Of(hours, day).Select(h => new HoursRow(day, h.Start, h.End))).ToList();
        Available = [.. Week.Where(day => stored.Any(r => r.Day == day))];
        Show(stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var filled = Filled();
        if (Schedule is not null && string.IsNullOrWhiteSpace(ScheduleName))
        {
            Errors.Add("schedule-name", ConsoleTexts.Get("ScheduleNameNeeded"));
        }

        if (!Checked(filled) | !TravelChecked())
        {
            Schedules = await schedules.ListAsync(OwnerId, cancellationToken) ?? [];
            Show(filled);
            return Page();
        }

        List<HoursBody?>? On(IsoDayOfWeek day) =>
            Available.Contains(day) ? [.. filled.Where(r => r.Day == day).Select(r => (HoursBody?)new HoursBody(r.Start, r.End))] : [];
        var body = new WeeklyHoursBody(
            On(IsoDayOfWeek.Monday), On(IsoDayOfWeek.Tuesday), On(IsoDayOfWeek.Wednesday), On(IsoDayOfWeek.Thursday),
            On(IsoDayOfWeek.Friday), On(IsoDayOfWeek.Saturday), On(IsoDayOfWeek.Sunday));
        if (Schedule is not null)
        {
            return await SaveScheduleAsync(body, filled, cancellationToken);
        }

        // The default hours' trips are the owner's. Both halves are checked before either is written, so a refusal of
        // either leaves both as they were; then the hours are saved, and the trips, which can no longer be refused.
        var trips = new TravelListBody([.. FilledTravel().Select(t => (TravelBody?)new TravelBody(t.From, t.To, t.Zone))]);
        var tripErrors = new RequestErrors();
        OwnerSchedules.ReadTravel(tripErrors, trips.Travel!);
        if (tripErrors.Any)
        {
            Errors.Add(tripErrors, TravelField);
            Show(filled);
            return Page();
        }

        var (errors, saved) = await availability.ReplaceWeeklyHoursAsync(OwnerId, body, cancellationToken);
        if (errors is not null)
        {
            // The use case names a day's field (monday, monday[0].end...): its message goes beside that day.
            Errors.Add(errors, FieldOf);
            Show(filled);
            return Page();
        }

        var (_, travelled) = await travel.SetAsync(OwnerId, trips, cancellationToken);
        return saved is null || travelled is null ? NotFoundPage() : Done("Saved");
    }

    /// <summary>Deletes the named schedule edited, unless a meeting type uses it.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        switch (await schedules.DeleteAsync(OwnerId, Schedule ?? "", cancellationToken))
        {
            case Agenda.Storage.ScheduleDeletion.Deleted:
                return RedirectToPage(null, new { notice = "ScheduleDeleted", schedule = (string?)null });
            case Agenda.Storage.ScheduleDeletion.InUse inUse:
                Errors.Add(ConsoleTexts.Format("ScheduleInUse", ScheduleName ?? Schedule ?? "", string.Join(", ", inUse.MeetingTypes)));
                return await OnGetAsync(cancellationToken);
            default:
                return NotFoundPage();
        }
    }

    /// <summary>Saves a named schedule's weekly hours and name, keeping its date overrides; a new one gets an id made from its name.</summary>
    private async Task<IActionResult> SaveScheduleAsync(WeeklyHoursBody weekly, List<HoursRow> filled, CancellationToken cancellationToken)
    {
        Schedules = await schedules.ListAsync(OwnerId, cancellationToken) ?? [];
        var existing = Schedules.FirstOrDefault(s => s.Id == Schedule);
        if (!IsNew && existing is null)
        {
            return NotFoundPage();
        }

        var id = existing?.Id ?? MeetingTypeSlugs.Unique(MeetingTypeSlugs.FromTitle(ScheduleName ?? "") is { Length: > 0 } made ? made : "schedule", Schedules.Select(s => s.Id));
        // The date overrides stay as they are (their own page edits them); the owner's own zone means "follow mine".
        var travel = FilledTravel();
        var body = (existing?.ToBody() ?? new ScheduleBody()) with
        {
            Name = ScheduleName,
            WeeklyHours = weekly,
            TimeZone = string.IsNullOrEmpty(ScheduleZone) || ScheduleZone == Owner.Zone.Id ? null : ScheduleZone,
            Travel = [.. travel.Select(t => (TravelBody?)new TravelBody(t.From, t.To, t.Zone))],
        };
        var (errors, written, saved) = await schedules.PutAsync(OwnerId, id, body, cancellationToken);
        if (saved is not null)
        {
            return RedirectToPage(null, new { notice = "ScheduleSaved", schedule = saved.Id });
        }

        if (errors is not null)
        {
            Errors.Add(errors, key => key switch
            {
                "name" => "schedule-name",
                "time_zone" => "schedule-zone",
                _ when key.StartsWith("travel[", StringComparison.Ordinal) => TravelField(key),
                _ => FieldOf(key),
            });
        }
        else if (written == Agenda.Storage.ScheduleWrite.TooMany)
        {
            Errors.Add(ConsoleTexts.Format("TooManySchedules", Agenda.Storage.ISchedulesStore.SchedulesPerOwner));
        }
        else
        {
            return NotFoundPage();
        }

        Show(filled);
        return Page();
    }

    /// <summary>The page's own checks of the trips, worded for a person: both days given, the last not before the first.</summary>
    private bool TravelChecked()
    {
        var travel = FilledTravel();
        var fine = true;
        for (var i = 0; i < travel.Count; i++)
        {
            var (from, to) = (travel[i].From, travel[i].To);
            if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(to))
            {
                Errors.Add($"travel-{i}-{(string.IsNullOrEmpty(from) ? "from" : "to")}", ConsoleTexts.Format("TravelIncomplete", i + 1));
                fine = false;
            }
            else if (WireFormat.TryParseDate(from, out var first) && WireFormat.TryParseDate(to, out var last) && last < first)
            {
                Errors.Add($"travel-{i}-to", ConsoleTexts.Format("TravelBackwards", i + 1));
                fine = false;
            }
        }

        return fine;
    }

    /// <summary>The travel rows with a date, trimmed: what is saved.</summary>
    private List<TravelRow> FilledTravel() =>
        [.. Travel.Where(t => !string.IsNullOrWhiteSpace(t.From) || !string.IsNullOrWhiteSpace(t.To))
            .Select(t => new TravelRow { From = t.From?.Trim(), To = t.To?.Trim(), Zone = t.Zone })];

    /// <summary>The field of a travel error (travel[1].to: the second row's last date; travel[1]: its first date).</summary>
    private static string TravelField(string key)
    {
        var index = key["travel[".Length..key.IndexOf(']', StringComparison.Ordinal)];
        var part = key.EndsWith(".to", StringComparison.Ordinal) ? "to" : key.EndsWith(".time_zone", StringComparison.Ordinal) ? "zone" : "from";
        return $"travel-{index}-{part}";
    }

    /// <summary>The rows the form shows: the travel periods, then a spare one to add a trip.</summary>
    public IReadOnlyList<TravelRow> TravelRows() => [.. FilledTravel(), new TravelRow()];

    /// <summary>The field beside which a use case's error about a day goes (monday, weekly_hours.monday[0].end: Monday's).</summary>
    private static string? FieldOf(string key)
    {
        var plain = key.StartsWith("weekly_hours.", StringComparison.Ordinal) ? key["weekly_hours.".Length..] : key;
        return Week.FirstOrDefault(d => plain.StartsWith(Key(d), StringComparison.Ordinal)) is var day && day != IsoDayOfWeek.None ? ErrorField(day) : null;
    }

    /// <summary>"Copy to all days" without script: the form again, every day with the intervals of <paramref name="copyFrom"/>; saved only with Save.</summary>
    public async Task<IActionResult> OnPostCopyAsync(IsoDayOfWeek copyFrom, CancellationToken cancellationToken)
    {
        Schedules = await schedules.ListAsync(OwnerId, cancellationToken) ?? [];
        if (!Week.Contains(copyFrom))
        {
            return BadRequest();
        }

        var source = Filled().Where(r => r.Day == copyFrom).ToList();
        Available = Available.Contains(copyFrom) ? [.. Week] : [];
        Show([.. Week.SelectMany(day => source.Select(r => r with { Day = day }))]);
        Notice = ConsoleTexts.Format("HoursCopied", ConsoleTexts.Get(copyFrom.ToString()));
        return Page();
    }

    /// <summary>The rows with a start or an end, trimmed.</summary>
    private List<HoursRow> Filled() =>
        [.. Rows.Where(r => !string.IsNullOrWhiteSpace(r.Start) || !string.IsNullOrWhiteSpace(r.End)).Select(r => r with { Start = r.Start?.Trim(), End = r.End?.Trim() })];

    /// <summary>The page's own checks of the ticked days, worded for a person: each interval complete and forwards, none overlapping.</summary>
    private bool Checked(List<HoursRow> filled)
    {
        foreach (var day in Week.Where(Available.Contains))
        {
            var name = ConsoleTexts.Get(day.ToString());
            var rows = filled.Where(r => r.Day == day).ToList();
            if (rows.Count == 0)
            {
                Errors.Add(ErrorField(day), ConsoleTexts.Format("HoursDayEmpty", name));
                continue;
            }

            if (rows.Any(r => string.IsNullOrEmpty(r.Start) || string.IsNullOrEmpty(r.End)))
            {
                Errors.Add(ErrorField(day), ConsoleTexts.Format("HoursIncomplete", name));
                continue;
            }

            // Times that are not times at all are left to the use case, which says what is wrong with them.
            var ranges = rows.Select(r => (Start: Minutes(r.Start!, isEnd: false), End: Minutes(r.End!, isEnd: true), Row: r))
                .Where(r => r.Start is not null && r.End is not null)
                .Select(r => (Start: r.Start!.Value, End: r.End!.Value, r.Row))
                .OrderBy(r => r.Start).ThenBy(r => r.End)
                .ToList();
            if (ranges.FirstOrDefault(r => r.End <= r.Start) is { Row: { } inverted })
            {
                Errors.Add(ErrorField(day), ConsoleTexts.Format("HoursInverted", name, Interval(inverted)));
                continue;
            }

            for (var i = 1; i < ranges.Count; i++)
            {
                if (ranges[i].Start < ranges[i - 1].End)
                {
                    Errors.Add(ErrorField(day), ConsoleTexts.Format("HoursOverlap", name, Interval(ranges[i - 1].Row), Interval(ranges[i].Row)));
                    break;
                }
            }
        }

        return Errors.Count == 0;
    }

    /// <summary>An interval as the page shows it: 09:00–12:00, or 9:00 AM–12:00 PM.</summary>
    private static string Interval(HoursRow row) => $"{Text(row.Start!, isEnd: false)}–{Text(row.End!, isEnd: true)}";

    private static string Text(string value, bool isEnd) =>
        Minutes(value, isEnd) is { } minutes ? ConsoleFormat.Time(LocalTime.Midnight.PlusMinutes(minutes), isEnd) : value;

    /// <summary>Minutes since midnight of a time as the wire writes it; 24:00 is 1440 for an end.</summary>
    private static int? Minutes(string value, bool isEnd) =>
        isEnd && value == WireFormat.EndOfDay ? 24 * 60
        : WireFormat.TryParseTime(value, out var time) ? (time.Hour * 60) + time.Minute
        : null;

    /// <summary>The form's rows: the intervals of each day, 09:00–17:00 for a day not ticked that has none (shown once it is ticked), and a spare empty row.</summary>
    private void Show(IReadOnlyList<HoursRow> rows) =>
        Rows = [.. Week.SelectMany(day =>
        {
            var ofDay = rows.Where(r => r.Day == day).ToList();
            if (ofDay.Count == 0 && !Available.Contains(day))
            {
                ofDay.Add(new HoursRow(day, "09:00", "17:00"));
            }

            return ofDay.Concat(Enumerable.Range(0, SpareRows).Select(_ => new HoursRow(day, null, null)));
        })];

    private static IReadOnlyList<HoursResponse> Of(WeeklyHoursResponse hours, IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => hours.Monday,
        IsoDayOfWeek.Tuesday => hours.Tuesday,
        IsoDayOfWeek.Wednesday => hours.Wednesday,
        IsoDayOfWeek.Thursday => hours.Thursday,
        IsoDayOfWeek.Friday => hours.Friday,
        IsoDayOfWeek.Saturday => hours.Saturday,
        _ => hours.Sunday,
    };
}

/// <summary>One row of the form: an interval on a weekday, as chosen (HH:MM; an end may be 24:00).</summary>
internal sealed record HoursRow(IsoDayOfWeek Day, string? Start, string? End);

/// <summary>One travel period of a named schedule as typed: its first and last dates and the zone of their hours.</summary>
internal sealed class TravelRow
{
    public string? From { get; set; }

    public string? To { get; set; }

    public string? Zone { get; set; }
}
