using Agenda.Api.Platform.Hosting;
using Agenda.Scheduling;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Explanations;

/// <summary>
/// Why a time is or is not offered: the use case beneath the explain routes and the console's view. It reads the owner's
/// (or every host's) schedule as a booking of that time would read it, at this moment, and asks the engine
/// (<see cref="OwnerSchedule.Explain"/>, <see cref="TeamRules.Explain"/>), which gives every reason in the order a
/// booking is decided; so the answer agrees with what booking that time would answer. It names the owner's connected
/// calendars by their server, never an event's title (the service never reads titles).
/// </summary>
internal sealed class SlotExplainer(IScheduleReader schedules, ICalendarConnectionStore calendars, ISchedulesStore named, TimeProvider time)
{
    /// <summary>Why the owner's <paramref name="type"/> does or does not offer <paramref name="slot"/>; null for an unknown owner.</summary>
    public async Task<OwnerExplanation?> ExplainAsync(string ownerId, string typeKey, MeetingType type, Slot slot, CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant();
        if (await schedules.LoadScheduleAsync(ownerId, DatesAround(slot), now, cancellationToken, type) is not { } read)
        {
            return null;
        }

        var reasons = read.Schedule.Explain(slot, type, typeKey, now);
        var schedule = type.Schedule is { } id ? await named.GetScheduleAsync(ownerId, id, cancellationToken) : null;
        return new OwnerExplanation(read.Owner, slot, reasons, await CalendarNamesAsync(ownerId, reasons, cancellationToken)) { Schedule = schedule };
    }

    /// <summary>Why the team's <paramref name="type"/> does or does not offer <paramref name="slot"/>: each host's reasons, read as a team booking reads them.</summary>
    public async Task<TeamExplanationResult> ExplainTeamAsync(StoredTeam team, StoredTeamMeetingType type, MeetingType rules, Slot slot, CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant();
        var reads = new Dictionary<string, ScheduleRead>(StringComparer.Ordinal);
        var offered = new Dictionary<string, StoredSchedule>(StringComparer.Ordinal);
        foreach (var host in type.Team.Hosts)
        {
            // Hosts are members, and members are owners: a host missing here left the service between two reads.
            reads[host.OwnerId] = await schedules.LoadScheduleAsync(host.OwnerId, DatesAround(slot), now, cancellationToken, type.Team.RulesOf(host.OwnerId, rules))
                ?? throw new InvalidOperationException($"Host '{host.OwnerId}' of team '{team.Id}' is no owner.");
            if (host.Schedule is { } id && await named.GetScheduleAsync(host.OwnerId, id, cancellationToken) is { } schedule)
            {
                offered[host.OwnerId] = schedule;
            }
        }

        var explanation = type.Team.Explain(
            reads.ToDictionary(r => r.Key, r => r.Value.Schedule, StringComparer.Ordinal), team.Absences, slot, rules, StoredTeamMeetingType.KeyOf(team.Id, type.Slug), now);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in explanation.Hosts)
        {
            foreach (var (id, name) in await CalendarNamesAsync(host.OwnerId, host.Reasons, cancellationToken))
            {
                names[id] = name;
            }
        }

        return new TeamExplanationResult(slot, explanation, reads.ToDictionary(r => r.Key, r => r.Value.Owner, StringComparer.Ordinal), names) { Schedules = offered };
    }

    /// <summary>
    /// The owner's effective availability on <paramref name="dates"/> (a week or a month, in their zone): each date's
    /// hours and whether an override gives them, everything that blocks time that day (bookings, holds, connected
    /// calendars' busy times), and the slots of <paramref name="type"/> offered now. Null for an unknown owner.
    /// </summary>
    public async Task<EffectiveDates?> DatesAsync(string ownerId, string typeKey, MeetingType type, DateInterval dates, CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant();
        if (await schedules.LoadScheduleAsync(ownerId, dates, now, cancellationToken, type) is not { } read)
        {
            return null;
        }

        var schedule = read.Schedule;
        var zone = read.Owner.Zone;
        var free = schedule.FreeSlots(CalendarDates.Span(dates, zone), type, typeKey, now);
        var days = dates.Select(date =>
        {
            var day = CalendarDates.Span(new DateInterval(date, date), zone);
            var (hours, fromOverride) = schedule.HoursOn(date);
            return new EffectiveDay(
                date,
                hours,
                fromOverride,
                [.. schedule.Bookings.Where(b => b.Blocked.Start < day.End && day.Start < b.Blocked.End).OrderBy(b => b.Meeting.Start)],
                [.. free.Where(s => s.Start.InZone(zone).Date == date)]);
        }).ToList();
        var blocks = days.SelectMany(d => d.Blocks).ToList();
        return new EffectiveDates(read.Owner, days, await CalendarNamesAsync(ownerId, [.. blocks.Select(b => new Unavailable.Blocked(b))], cancellationToken));
    }

    /// <summary>The UTC dates around the slot's: its date in any zone is among them, as a booking's read takes them.</summary>
    private static DateInterval DatesAround(Slot slot)
    {
        var date = slot.Start.InUtc().Date;
        return new DateInterval(date.PlusDays(-1), date.PlusDays(1));
    }

    /// <summary>The server of each connected calendar the reasons name, by connection id.</summary>
    private async Task<IReadOnlyDictionary<string, string>> CalendarNamesAsync(string ownerId, IReadOnlyList<Unavailable> reasons, CancellationToken cancellationToken)
    {
        if (!reasons.OfType<Unavailable.Blocked>().Any(r => r.By.SourceId is not null))
        {
            return new Dictionary<string, string>();
        }

        return (await calendars.ListConnectionsAsync(ownerId, cancellationToken) ?? []).ToDictionary(c => c.Id, c => c.DisplayHost, StringComparer.Ordinal);
    }
}

/// <summary>Why an owner's time is or is not offered: the owner as read, the time, every reason (none when it is offered), and the calendars they name.</summary>
internal sealed record OwnerExplanation(OwnerSnapshot Owner, Slot Slot, IReadOnlyList<Unavailable> Reasons, IReadOnlyDictionary<string, string> CalendarNames)
{
    /// <summary>The named schedule whose hours the type offers; null for the owner's default hours.</summary>
    public StoredSchedule? Schedule { get; init; }

    public bool Offered => Reasons.Count == 0;
}

/// <summary>Why a team's time is or is not offered: the engine's explanation, each host as read, and the calendars the reasons name.</summary>
internal sealed record TeamExplanationResult(Slot Slot, TeamExplanation Explanation, IReadOnlyDictionary<string, OwnerSnapshot> Hosts, IReadOnlyDictionary<string, string> CalendarNames)
{
    /// <summary>The named schedule each host offers the type, by owner id; a host offering their default hours is not here.</summary>
    public IReadOnlyDictionary<string, StoredSchedule> Schedules { get; init; } = new Dictionary<string, StoredSchedule>();

    /// <summary>The named schedule <paramref name="ownerId"/> offers the type; null for their default hours.</summary>
    public StoredSchedule? ScheduleOf(string ownerId) => Schedules.GetValueOrDefault(ownerId);
}

/// <summary>An owner's dates as they stand: each date, and the calendars its blocks name.</summary>
internal sealed record EffectiveDates(OwnerSnapshot Owner, IReadOnlyList<EffectiveDay> Days, IReadOnlyDictionary<string, string> CalendarNames);

/// <summary>
/// One date of an owner's week or month: its hours in their zone (none on a day off), whether a date override gives them, what
/// blocks time that day (bookings, holds, calendars' busy times, by start), and the slots of the type offered now.
/// </summary>
internal sealed record EffectiveDay(
    LocalDate Date, IReadOnlyList<Scheduling.Availability.LocalWindow> Hours, bool FromOverride, IReadOnlyList<Scheduling.Booking.ExistingBooking> Blocks, IReadOnlyList<Slot> Offered);
