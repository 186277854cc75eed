using Agenda.Api.Explanations;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The owner's week or month as it stands (<see cref="SlotExplainer.DatesAsync"/>): each date's hours (and whether an
/// override gives them), what blocks time that day (bookings, holds, busy times of connected calendars, named by their
/// server), and the times of one meeting type offered now. A week shows it all, each date linked to "Why not offered?"
/// for it; a month shows each date in brief, linked to its week.
/// </summary>
internal sealed class AvailabilityModel(IMeetingTypeStore meetingTypes, SlotExplainer explainer, TimeProvider time) : ConsolePage
{
    public IReadOnlyList<StoredMeetingType> Types { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Week { get; set; }

    /// <summary>A month to show (YYYY-MM) instead of a week.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    /// <summary>The first of the month shown, when a month is.</summary>
    public LocalDate? FirstOfMonth { get; private set; }

    public StoredMeetingType? Chosen { get; private set; }

    public EffectiveDates? Shown { get; private set; }

    /// <summary>The Monday of the week shown, and of the weeks before and after.</summary>
    public LocalDate Monday { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Types = await meetingTypes.ListMeetingTypesAsync(OwnerId, cancellationToken) ?? [];
        Chosen = Types.FirstOrDefault(t => t.Slug == Type) ?? Types.FirstOrDefault();
        var today = time.GetCurrentInstant().InZone(Owner.Zone).Date;
        // A date the service does not schedule on (before 1900, after 9998) shows this week instead.
        var asked = WireFormat.TryParseDate(Week?.Trim() ?? "", out var date) && Scheduling.CalendarDates.IsSupported(date) ? date : today;
        Monday = asked.PlusDays(1 - (int)asked.DayOfWeek);
        var dates = new DateInterval(Monday, Monday.PlusDays(6));
        if (Month is not null)
        {
            var first = WireFormat.TryParseDate($"{Month.Trim()}-01", out var firstOfMonth) && Scheduling.CalendarDates.IsSupported(firstOfMonth)
                ? firstOfMonth
                : new LocalDate(today.Year, today.Month, 1);
            FirstOfMonth = first;
            dates = new DateInterval(first, first.PlusMonths(1).PlusDays(-1));
        }

        if (Chosen is not null)
        {
            Shown = await explainer.DatesAsync(OwnerId, Chosen.Slug, Chosen.Rules, dates, cancellationToken);
        }

        return Page();
    }

    /// <summary>What a block is, in words: a booking (of which type), a class, a hold, or a calendar's busy time.</summary>
    public string Describe(ExistingBooking block) => block.Kind switch
    {
        BlockKind.Hold => ConsoleTexts.Get("WeekHold"),
        BlockKind.CalendarBusy => ConsoleTexts.Format("WeekCalendar", CalendarName(block)),
        BlockKind.CalendarUnreachable => ConsoleTexts.Format("WeekCalendarUnreachable", CalendarName(block)),
        _ when block.Seats is { } seats => ConsoleTexts.Format("WeekClass", TypeTitle(block.MeetingTypeKey), seats.Taken, seats.Capacity),
        _ => ConsoleTexts.Format("WeekBooking", TypeTitle(block.MeetingTypeKey)),
    };

    private string CalendarName(ExistingBooking block) =>
        block.SourceId is { } id && Shown?.CalendarNames.TryGetValue(id, out var name) == true ? name : block.SourceId ?? "";

    private string TypeTitle(string key) =>
        Types.FirstOrDefault(t => t.Slug == key)?.Title ?? (StoredTeamMeetingType.ParseKey(key) is var (team, slug) ? $"{team}/{slug}" : key);
}
