using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Calendars;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Owners;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Console;

/// <summary>The weekly hours editor: rows of ranges per weekday, replaced as a whole through the same use case as the API (<see cref="OwnerAvailability"/>).</summary>
internal sealed class HoursModel(OwnerAvailability availability) : ConsolePage
{
    public static readonly IReadOnlyList<IsoDayOfWeek> Week =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    /// <summary>Empty rows offered per weekday beyond its ranges, so a range can be added without script.</summary>
    private const int SpareRows = 1;

    private const int MinimumRows = 2;

    [BindProperty]
    public List<HoursRow> Rows { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if ((await availability.GetWeeklyHoursAsync(OwnerId, cancellationToken))?.ToResponse() is not { } hours)
        {
            return NotFoundPage();
        }

        Rows = WithSpareRows(Week.SelectMany(day => Of(hours, day).Select(h => new HoursRow(day, h.Start, h.End))));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var filled = Rows.Where(r => !string.IsNullOrWhiteSpace(r.Start) || !string.IsNullOrWhiteSpace(r.End)).ToList();
        List<HoursBody?>? On(IsoDayOfWeek day) => filled.Where(r => r.Day == day).Select(r => (HoursBody?)new HoursBody(r.Start?.Trim(), r.End?.Trim())).ToList();
        var body = new WeeklyHoursBody(
            On(IsoDayOfWeek.Monday), On(IsoDayOfWeek.Tuesday), On(IsoDayOfWeek.Wednesday), On(IsoDayOfWeek.Thursday),
            On(IsoDayOfWeek.Friday), On(IsoDayOfWeek.Saturday), On(IsoDayOfWeek.Sunday));
        var (errors, saved) = await availability.ReplaceWeeklyHoursAsync(OwnerId, body, cancellationToken);
        if (errors is null)
        {
            return saved is null ? NotFoundPage() : Done("Saved");
        }

        Errors.AddRange(errors.Messages);
        Rows = WithSpareRows(filled);
        return Page();
    }

    private static List<HoursRow> WithSpareRows(IEnumerable<HoursRow> rows)
    {
        var all = rows.ToList();
        return Week.SelectMany(day =>
        {
            var ofDay = all.Where(r => r.Day == day).ToList();
            var spare = Math.Max(SpareRows, MinimumRows - ofDay.Count);
            return ofDay.Concat(Enumerable.Range(0, spare).Select(_ => new HoursRow(day, null, null)));
        }).ToList();
    }

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

/// <summary>One row of the form: a range on a weekday, as typed.</summary>
internal sealed record HoursRow(IsoDayOfWeek Day, string? Start, string? End);
