using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Availability;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Availability;

/// <summary>
/// A named schedule as it is written: a <paramref name="Name"/>, its weekly hours (as <c>/weekly-hours</c> takes them)
/// and its date overrides (each a date with either <c>unavailable</c> or <c>hours</c>).
/// </summary>
internal sealed record ScheduleBody(string? Name = null, WeeklyHoursBody? WeeklyHours = null, IReadOnlyList<ScheduleOverrideBody?>? DateOverrides = null);

/// <summary>One date of a named schedule that does not follow its weekly hours: a day off, or other hours.</summary>
internal sealed record ScheduleOverrideBody(string? Date = null, bool? Unavailable = null, IReadOnlyList<HoursBody?>? Hours = null);

/// <summary>A named schedule as it is shown.</summary>
internal sealed record ScheduleResponse(string Id, string Name, WeeklyHoursResponse WeeklyHours, IReadOnlyList<DateOverrideResponse> DateOverrides);

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

        if (errors.Any || slug is null || name is null || weekly is null)
        {
            return (errors, ScheduleWrite.Saved, null);
        }

        var schedule = new StoredSchedule(slug, name, weekly, overrides);
        var written = await store.PutScheduleAsync(ownerId, schedule, time.GetCurrentInstant(), cancellationToken);
        return (null, written, written == ScheduleWrite.Saved ? schedule : null);
    }

    public Task<ScheduleDeletion> DeleteAsync(string ownerId, string id, CancellationToken cancellationToken) => store.DeleteScheduleAsync(ownerId, id, cancellationToken);

    /// <summary>Whether the owner keeps a schedule of that id (what a meeting type may name).</summary>
    public async Task<bool> ExistsAsync(string ownerId, string id, CancellationToken cancellationToken) => await store.GetScheduleAsync(ownerId, id, cancellationToken) is not null;
}

internal static class ScheduleMapping
{
    public static ScheduleResponse ToResponse(this StoredSchedule schedule) =>
        new(schedule.Id, schedule.Name, schedule.Weekly.ToResponse(), [.. schedule.Overrides.OrderBy(o => o.Date).Select(o => o.ToResponse())]);
}
