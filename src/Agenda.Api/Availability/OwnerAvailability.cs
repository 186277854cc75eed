using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Availability;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Availability;

/// <summary>
/// An owner's weekly hours and date overrides, as the API (<c>/v1/owners/{o}/weekly-hours</c>,
/// <c>/date-overrides</c>) and the console's hours and overrides pages read and change them: each body is read and
/// checked here, once, for every door.
/// </summary>
internal sealed class OwnerAvailability(IAvailabilityStore store)
{
    /// <summary>How many ranges one day may hold.</summary>
    public const int MaxRangesPerDay = 24;

    public Task<WeeklyHours?> GetWeeklyHoursAsync(string ownerId, CancellationToken cancellationToken) => store.GetWeeklyHoursAsync(ownerId, cancellationToken);

    /// <summary>Replaces the owner's weekly hours: the errors of the body, or the hours saved (null for an unknown owner).</summary>
    public async Task<(RequestErrors? Errors, WeeklyHours? Saved)> ReplaceWeeklyHoursAsync(string ownerId, WeeklyHoursBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (body is null)
        {
            errors.Add("body", "WeeklyHoursBody", """{"monday": [{"start": "09:00", "end": "17:00"}]}""");
            return (errors, null);
        }

        var days = new Dictionary<IsoDayOfWeek, IReadOnlyList<TimeOfDayRange>>();
        foreach (var (day, ranges) in new[]
        {
            (IsoDayOfWeek.Monday, body.Monday), (IsoDayOfWeek.Tuesday, body.Tuesday), (IsoDayOfWeek.Wednesday, body.Wednesday),
            (IsoDayOfWeek.Thursday, body.Thursday), (IsoDayOfWeek.Friday, body.Friday), (IsoDayOfWeek.Saturday, body.Saturday),
            (IsoDayOfWeek.Sunday, body.Sunday),
        })
        {
            var field = day.ToString().ToLowerInvariant();
            if (ranges?.Count > MaxRangesPerDay)
            {
                errors.Add(field, "TooManyRanges", field, MaxRangesPerDay);
                continue;
            }

            days[day] = HoursList(errors, field, ranges);
        }

        if (errors.Any)
        {
            return (errors, null);
        }

        var hours = new WeeklyHours(days);
        return (null, await store.ReplaceWeeklyHoursAsync(ownerId, hours, cancellationToken) ? hours : null);
    }

    /// <summary>The owner's overrides, in date order; null for an unknown owner.</summary>
    public Task<IReadOnlyList<DateOverride>?> GetOverridesAsync(string ownerId, CancellationToken cancellationToken) => store.GetOverridesAsync(ownerId, cancellationToken);

    /// <summary>Sets what applies on <paramref name="date"/>: a day off, or other hours.</summary>
    public async Task<OverrideWrite> PutOverrideAsync(string ownerId, string date, DateOverrideBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var day = errors.Date("date", date);
        var unavailable = body?.Unavailable == true;
        var hours = HoursList(errors, "hours", body?.Hours);
        if (body is null || unavailable == (body.Hours is { Count: > 0 }))
        {
            errors.Add("body", "OverrideBody", """{"unavailable": true}""", """{"hours": [{"start": "09:00", "end": "12:00"}]}""");
        }
        else if (hours.Count > MaxRangesPerDay)
        {
            errors.Add("hours", "TooManyRanges", "hours", MaxRangesPerDay);
        }

        if (errors.Any || day is not { } overridden)
        {
            return new OverrideWrite.Invalid(errors);
        }

        var dateOverride = new DateOverride(overridden, unavailable ? [] : hours);
        return await store.PutOverrideAsync(ownerId, dateOverride, cancellationToken) switch
        {
            OwnerWrite.Written => new OverrideWrite.Saved(dateOverride),
            OwnerWrite.LimitReached reached => new OverrideWrite.LimitReached(reached),
            _ => new OverrideWrite.NotFound(),
        };
    }

    /// <summary>Removes the override of <paramref name="date"/>; not found when the owner or the override does not exist.</summary>
    public async Task<OverrideWrite> DeleteOverrideAsync(string ownerId, string date, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (errors.Date("date", date) is not { } day)
        {
            return new OverrideWrite.Invalid(errors);
        }

        return await store.DeleteOverrideAsync(ownerId, day, cancellationToken) ? new OverrideWrite.Deleted() : new OverrideWrite.NotFound();
    }

    /// <summary>Reads a list of daily ranges (for weekly hours or an override); null entries and invalid ranges are errors.</summary>
    private static List<TimeOfDayRange> HoursList(RequestErrors errors, string field, IReadOnlyList<HoursBody?>? hours)
    {
        var ranges = new List<TimeOfDayRange>();
        for (var i = 0; i < (hours?.Count ?? 0); i++)
        {
            var prefix = $"{field}[{i}]";
            if (hours![i] is not { } entry)
            {
                errors.Add(prefix, "RangeObject", prefix, """{"start": "09:00", "end": "17:00"}""");
                continue;
            }

            if (errors.Hours($"{prefix}.start", entry.Start, $"{prefix}.end", entry.End) is { } range)
            {
                ranges.Add(range);
            }
        }

        return ranges;
    }
}

/// <summary>What setting or removing a date override came to.</summary>
internal abstract record OverrideWrite
{
    private OverrideWrite()
    {
    }

    public sealed record Saved(DateOverride Override) : OverrideWrite;

    public sealed record Deleted : OverrideWrite;

    /// <summary>The date or body cannot be used; nothing was written.</summary>
    public sealed record Invalid(RequestErrors Errors) : OverrideWrite;

    public sealed record LimitReached(OwnerWrite.LimitReached Reached) : OverrideWrite;

    /// <summary>No such owner (or, on removal, no override on that date).</summary>
    public sealed record NotFound : OverrideWrite;
}
