using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Availability;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Availability;

/// <summary>
/// A named schedule as it is written: a <paramref name="Name"/>, its weekly hours (as <c>/weekly-hours</c> takes them),
/// its date overrides (each a date with either <c>unavailable</c> or <c>hours</c>), the zone its hours are in
/// (<paramref name="TimeZone"/>; absent: the owner's) and the dates whose hours are in another zone while its owner
/// travels (<paramref name="Travel"/>).
/// </summary>
internal sealed record ScheduleBody(
    string? Name = null, WeeklyHoursBody? WeeklyHours = null, IReadOnlyList<ScheduleOverrideBody?>? DateOverrides = null, string? TimeZone = null,
    IReadOnlyList<TravelBody?>? Travel = null);

/// <summary>Dates (<paramref name="From"/> to <paramref name="To"/>, both included) whose hours are in <paramref name="TimeZone"/>.</summary>
internal sealed record TravelBody(string? From = null, string? To = null, string? TimeZone = null);

internal sealed record TravelResponse(string From, string To, string TimeZone);

/// <summary>One date of a named schedule that does not follow its weekly hours: a day off, or other hours.</summary>
internal sealed record ScheduleOverrideBody(string? Date = null, bool? Unavailable = null, IReadOnlyList<HoursBody?>? Hours = null);

/// <summary>A named schedule as it is shown; <paramref name="TimeZone"/> is null when its hours are in the owner's zone.</summary>
internal sealed record ScheduleResponse(
    string Id, string Name, WeeklyHoursResponse WeeklyHours, IReadOnlyList<DateOverrideResponse> DateOverrides, string? TimeZone, IReadOnlyList<TravelResponse> Travel);

internal sealed record SchedulesResponse(IReadOnlyList<ScheduleResponse> Schedules);

/// <summary>
/// An owner's named schedules, as the API (<c>/v1/owners/{o}/schedules</c>) and the console read and change them: each
/// body is read and checked here, once, for every door. A meeting type chooses one by its id (<c>schedule</c>).
/// </summary>
internal sealed class OwnerSchedules(ISchedulesStore store, TimeProvider time)
{
    /// <summary>The most date overrides one schedule keeps.</summary>
    public const int MaxOverrides = 366;

    public Task<IReadOnlyList<StoredSchedule>?> ListAsync(string ownerId, CancellationToken cancellationToken) => store.ListSchedulesAsync(ownerId, cancellationToken);

    public Task<StoredSchedule?> GetAsync(string ownerId, string id, CancellationToken cancellationToken) => store.GetScheduleAsync(ownerId, id, cancellationToken);

    /// <summary>Creates or replaces the schedule <paramref name="id"/>: the errors of the body, or what the store made of it.</summary>
    public async Task<(RequestErrors? Errors, ScheduleWrite Written, StoredSchedule? Saved)> PutAsync(string ownerId, string id, ScheduleBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var slug = errors.Slug("id", id);
        var name = errors.Name("name", body?.Name);
        var weekly = body?.WeeklyHours is { } hours ? OwnerAvailability.ReadWeekly(errors, hours, "weekly_hours.") : WeeklyHours.None;
        var overrides = new List<DateOverride>();
        var posted = body?.DateOverrides ?? [];
        if (posted.Count > MaxOverrides)
        {
            errors.Add("date_overrides", "TooManyDates", "date_overrides", MaxOverrides);
        }

        for (var i = 0; i < Math.Min(posted.Count, MaxOverrides); i++)
        {
            var field = $"date_overrides[{i}]";
            var entry = posted[i];
            var date = errors.Date($"{field}.date", entry?.Date);
            var ranges = OwnerAvailability.HoursList(errors, $"{field}.hours", entry?.Hours);
            if (entry is null || (entry.Unavailable == true) == (entry.Hours is { Count: > 0 }))
            {
                errors.Add(field, "OverrideBody", """{"date": "2027-03-01", "unavailable": true}""", """{"date": "2027-03-01", "hours": [{"start": "09:00", "end": "12:00"}]}""");
            }
            else if (date is { } day)
            {
                if (overrides.Any(o => o.Date == day))
                {
                    errors.Add($"{field}.date", "DuplicateDate", "date_overrides", WireFormat.FormatDate(day));
                }

                overrides.Add(new DateOverride(day, entry.Unavailable == true ? [] : ranges));
            }
        }

        var zone = body?.TimeZone is null ? null : errors.Zone("time_zone", body.TimeZone);
        var travel = ReadTravel(errors, body?.Travel ?? []);
        if (errors.Any || slug is null || name is null || weekly is null)
        {
            return (errors, ScheduleWrite.Saved, null);
        }

        var schedule = new StoredSchedule(slug, name, weekly, overrides) { TimeZone = zone, Travel = travel };
        var written = await store.PutScheduleAsync(ownerId, schedule, time.GetCurrentInstant(), cancellationToken);
        return (null, written, written == ScheduleWrite.Saved ? schedule : null);
    }

    /// <summary>Travel periods: each with its dates in order and a zone, no two sharing a date, at most <see cref="HoursZones.MaxTravel"/>.</summary>
    internal static List<TravelPeriod> ReadTravel(RequestErrors errors, IReadOnlyList<TravelBody?> posted)
    {
        var travel = new List<TravelPeriod>();
        if (posted.Count > HoursZones.MaxTravel)
        {
            errors.Add("travel", "TooManyTravel", "travel", HoursZones.MaxTravel);
            return travel;
        }

        for (var i = 0; i < posted.Count; i++)
        {
            var field = $"travel[{i}]";
            var from = errors.Date($"{field}.from", posted[i]?.From);
            var to = errors.Date($"{field}.to", posted[i]?.To);
            var zone = errors.Zone($"{field}.time_zone", posted[i]?.TimeZone);
            if (from is not { } first || to is not { } last || zone is null)
            {
                continue;
            }

            if (last < first)
            {
                errors.Add($"{field}.to", "TravelOrder", $"{field}.to", $"{field}.from");
                continue;
            }

            var dates = new DateInterval(first, last);
            if (travel.FirstOrDefault(t => t.Dates.Intersection(dates) is not null) is { } other)
            {
                errors.Add(field, "TravelOverlap", WireFormat.FormatDate(other.Dates.Start), WireFormat.FormatDate(other.Dates.End));
                continue;
            }

            travel.Add(new TravelPeriod(dates, zone));
        }

        return [.. travel.OrderBy(t => t.Dates.Start)];
    }

    /// <summary>
    /// Sets the dates from <paramref name="from"/> to <paramref name="to"/> of the schedule <paramref name="id"/> to a day
    /// off or other hours (as <see cref="OwnerAvailability.PutOverridesAsync"/> reads them), keeping the rest of the
    /// schedule; null (not found) for no such schedule.
    /// </summary>
    public async Task<(RequestErrors? Errors, StoredSchedule? Saved)> SetOverridesAsync(
        string ownerId, string id, string from, string? to, DateOverrideBody? body, CancellationToken cancellationToken)
    {
        if (await store.GetScheduleAsync(ownerId, id, cancellationToken) is not { } schedule)
        {
            return (null, null);
        }

        var errors = new RequestErrors();
        if (OwnerAvailability.ReadOverrides(errors, from, to, body) is not { } overrides)
        {
            return (errors, null);
        }

        return await PutWholeAsync(ownerId, schedule with { Overrides = [.. schedule.Overrides.Where(o => !overrides.Any(n => n.Date == o.Date)), .. overrides] }, cancellationToken);
    }

    /// <summary>Removes the overrides of the dates from <paramref name="from"/> to <paramref name="to"/> of the schedule <paramref name="id"/>; null (not found) for no such schedule.</summary>
    public async Task<(RequestErrors? Errors, StoredSchedule? Saved)> RemoveOverridesAsync(string ownerId, string id, string from, string? to, CancellationToken cancellationToken)
    {
        if (await store.GetScheduleAsync(ownerId, id, cancellationToken) is not { } schedule)
        {
            return (null, null);
        }

        var errors = new RequestErrors();
        if (OwnerAvailability.ReadDates(errors, from, to) is not { } dates)
        {
            return (errors, null);
        }

        return await PutWholeAsync(ownerId, schedule with { Overrides = [.. schedule.Overrides.Where(o => !dates.Contains(o.Date))] }, cancellationToken);
    }

    /// <summary>Writes a changed schedule through <see cref="PutAsync"/>, so its checks hold (at most <see cref="MaxOverrides"/> dates).</summary>
    private async Task<(RequestErrors? Errors, StoredSchedule? Saved)> PutWholeAsync(string ownerId, StoredSchedule changed, CancellationToken cancellationToken)
    {
        var (errors, _, saved) = await PutAsync(ownerId, changed.Id, changed.ToBody(), cancellationToken);
        return (errors, saved);
    }

    public Task<ScheduleDeletion> DeleteAsync(string ownerId, string id, CancellationToken cancellationToken) => store.DeleteScheduleAsync(ownerId, id, cancellationToken);

    /// <summary>Whether the owner keeps a schedule of that id (what a meeting type may name).</summary>
    public async Task<bool> ExistsAsync(string ownerId, string id, CancellationToken cancellationToken) => await store.GetScheduleAsync(ownerId, id, cancellationToken) is not null;
}

internal static class ScheduleMapping
{
    /// <summary>The schedule as a body that writes it again unchanged: what an edit of one part starts from.</summary>
    public static ScheduleBody ToBody(this StoredSchedule schedule) => new(
        schedule.Name,
        schedule.Weekly.ToBody(),
        [.. schedule.Overrides.OrderBy(o => o.Date).Select(o => (ScheduleOverrideBody?)new ScheduleOverrideBody(
            WireFormat.FormatDate(o.Date), o.IsUnavailable ? true : null, o.IsUnavailable ? null : [.. o.Hours.Select(h => (HoursBody?)h.ToBody())]))],
        schedule.TimeZone?.Id,
        [.. schedule.Travel.Select(t => (TravelBody?)new TravelBody(WireFormat.FormatDate(t.Dates.Start), WireFormat.FormatDate(t.Dates.End), t.Zone.Id))]);

    public static ScheduleResponse ToResponse(this StoredSchedule schedule) =>
        new(
            schedule.Id, schedule.Name, schedule.Weekly.ToResponse(), [.. schedule.Overrides.OrderBy(o => o.Date).Select(o => o.ToResponse())], schedule.TimeZone?.Id,
            [.. schedule.Travel.Select(t => t.ToResponse())]);
}
