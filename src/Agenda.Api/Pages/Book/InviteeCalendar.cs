using System.Globalization;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Slots;
using Agenda.Api.Teams;
using Agenda.Scheduling;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using NodaTime;
using NodaTime.TimeZones;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// A month of a meeting type's free slots as an invitee sees them: which dates of the month (in the invitee's zone)
/// have free slots, and the slots of one chosen date. The slots come from <see cref="SlotSearch"/>, as the API's search,
/// or for a team meeting type from <see cref="TeamOffers.FreeSlotsAsync"/>, as the API's team search.
/// </summary>
internal sealed class InviteeCalendar(SlotSearch search, TeamOffers teamOffers, TimeProvider time)
{
    /// <summary>The free slots in a range at an instant; null when whoever offers them is gone.</summary>
    public delegate Task<IReadOnlyList<Slot>?> SlotSource(Interval range, Instant now, CancellationToken cancellationToken);

    /// <returns>Null for an owner that is gone.</returns>
    /// <remarks>For a type with seats, each slot says how many are left.
    public async Task<SlotMonth?> MonthAsync(
        OwnerCopy owner, StoredMeetingType meetingType, DateTimeZone zone, YearMonth? month, LocalDate? date, CancellationToken cancellationToken)
    {
        SlotSearchResult? found = null;
        var shown = await MonthAsync(
            async (range, now, ct) => (found = await search.FreeSlotsAsync(owner, _ => range, meetingType.Rules, meetingType.Slug, now, ct))?.Slots,
            zone, month, date, cancellationToken);
        return shown is not null && found is { Seats: { } seats } offer ? shown with { Seats = seats, SeatsLeft = offer.SeatsLeft } : shown;
    }

    /// <summary>
    /// A month of a team meeting type's offer; with <paramref name="hostIds"/>, where a team booking of those hosts can
    /// be moved to.
    /// </summary>
    public async Task<SlotMonth> TeamMonthAsync(
        StoredTeam team, StoredTeamMeetingType type, DateTimeZone zone, YearMonth? month, LocalDate? date, CancellationToken cancellationToken,
        IReadOnlyList<string>? hostIds = null) =>
        await MonthAsync(
            async (range, now, ct) => await teamOffers.FreeSlotsAsync(team, type, range, now, ct, hostIds),
            zone, month, date, cancellationToken) ?? Empty(zone);

    /// <returns>Null when <paramref name="source"/> answers null.</returns>
    public async Task<SlotMonth?> MonthAsync(SlotSource source, DateTimeZone zone, YearMonth? month, LocalDate? date, CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant();
        var today = now.InZone(zone).Date;
        var shown = month ?? date?.ToYearMonth() ?? today.ToYearMonth();
        if (shown < today.ToYearMonth() || !CalendarDates.IsSupported(shown.OnDayOfMonth(1)) || !CalendarDates.IsSupported(shown.ToDateInterval().End))
        {
            shown = today.ToYearMonth();
        }

        var dates = shown.ToDateInterval();
        if (await source(CalendarDates.Span(dates, zone), now, cancellationToken) is not { } slots)
        {
            return null;
        }

        var byDate = slots.GroupBy(s => s.Start.InZone(zone).Date).ToDictionary(g => g.Key, g => (IReadOnlyList<Slot>)[.. g]);
        var selected = date is { } d && dates.Contains(d) ? d : (LocalDate?)null;
        return new SlotMonth(shown, byDate, selected, selected is { } s && byDate.TryGetValue(s, out var chosen) ? chosen : [], zone, shown > today.ToYearMonth());
    }

    /// <summary>An empty month of <paramref name="zone"/>'s today, for a page whose source failed.</summary>
    public SlotMonth Empty(DateTimeZone zone) =>
        new(time.GetCurrentInstant().InZone(zone).Date.ToYearMonth(), new Dictionary<LocalDate, IReadOnlyList<Slot>>(), null, [], zone, false);
}

/// <summary>A month of free slots in <paramref name="Zone"/>: the dates that have some, and the slots of the selected date.</summary>
internal sealed record SlotMonth(
    YearMonth Month, IReadOnlyDictionary<LocalDate, IReadOnlyList<Slot>> FreeDates, LocalDate? Selected, IReadOnlyList<Slot> SelectedSlots, DateTimeZone Zone, bool HasPrevious)
{
    public bool IsEmpty => FreeDates.Count == 0;

    /// <summary>For a meeting type with seats, how many each slot offers; null for any other type.</summary>
    public int? Seats { get; init; }

    /// <summary>How many seats of a slot are left to book; null for a type without seats.</summary>
    public Func<Slot, int?> SeatsLeft { get; init; } = _ => null;

    /// <summary>The selected date's slot that starts at <paramref name="start"/>, or null when none is offered then.</summary>
    public Slot? Offered(Instant start)
    {
        foreach (var slot in SelectedSlots)
        {
            if (slot.Start == start)
            {
                return slot;
            }
        }

        return null;
    }

    /// <summary>
    /// The free slots nearest <paramref name="start"/>, for an invitee whose time was just taken: those of its date, else
    /// those of the month's next date with free slots; empty when the rest of the month has none.
    /// </summary>
    public IReadOnlyList<Slot> NearestTo(Instant start)
    {
        var date = start.InZone(Zone).Date;
        var next = FreeDates.Keys.Where(d => d >= date).Select(d => (LocalDate?)d).Min();
        return next is { } found ? FreeDates[found] : [];
    }

    /// <summary>The weeks of the month for a calendar grid, each seven dates from the culture's first weekday; dates outside the month are null.</summary>
    public IReadOnlyList<LocalDate?[]> Weeks(CultureInfo culture)
    {
        var first = Month.OnDayOfMonth(1);
        var firstWeekday = culture.DateTimeFormat.FirstDayOfWeek == DayOfWeek.Sunday ? IsoDayOfWeek.Sunday : IsoDayOfWeek.Monday;
        var lead = ((int)first.DayOfWeek - (int)firstWeekday + 7) % 7;
        var weeks = new List<LocalDate?[]>();
        var cells = Enumerable.Repeat<LocalDate?>(null, lead).Concat(Month.ToDateInterval().Select(d => (LocalDate?)d)).ToList();
        while (cells.Count % 7 != 0)
        {
            cells.Add(null);
        }

        for (var i = 0; i < cells.Count; i += 7)
        {
            weeks.Add([.. cells.Skip(i).Take(7)]);
        }

        return weeks;
    }

    /// <summary>The culture's abbreviated and full weekday names, in the order of <see cref="Weeks"/>.</summary>
    public static IReadOnlyList<(string Short, string Full)> WeekdayNames(CultureInfo culture)
    {
        var format = culture.DateTimeFormat;
        var start = format.FirstDayOfWeek == DayOfWeek.Sunday ? 0 : 1;
        return [.. Enumerable.Range(0, 7).Select(i => (format.AbbreviatedDayNames[(start + i) % 7], format.DayNames[(start + i) % 7]))];
    }
}
