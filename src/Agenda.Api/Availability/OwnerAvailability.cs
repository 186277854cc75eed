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

    /// <summary>Whether the owner is ever available: weekly hours on some day, or a date-range rule; null for an unknown owner.</summary>
    public async Task<bool?> HasHoursAsync(string ownerId, CancellationToken cancellationToken) =>
        await store.GetWeeklyHoursAsync(ownerId, cancellationToken) is not { } hours ? null
        : !hours.IsEmpty || await store.GetRulesAsync(ownerId, cancellationToken) is { Count: > 0 };

    /// <summary>Replaces the owner's weekly hours: the errors of the body, or the hours saved (null for an unknown owner).</summary>
    public async Task<(RequestErrors? Errors, WeeklyHours? Saved)> ReplaceWeeklyHoursAsync(string ownerId, WeeklyHoursBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (body is null)
        {
            errors.Add("body", "WeeklyHoursBody", """{"monday": [{"start": "09:00", "end": "17:00"}]}""");
            return (errors, null);
        }

        if (ReadWeekly(errors, body, "") is not { } hours)
        {
            return (errors, null);
        }

        return (null, await store.ReplaceWeeklyHoursAsync(ownerId, hours, cancellationToken) ? hours : null);
    }

    /// <summary>The weekly hours of a body, each day's field named after <paramref name="prefix"/>; null (with errors) when any day is not valid.</summary>
    internal static WeeklyHours? ReadWeekly(RequestErrors errors, WeeklyHoursBody body, string prefix)
    {
        var days = new Dictionary<IsoDayOfWeek, IReadOnlyList<TimeOfDayRange>>();
        foreach (var (day, ranges) in new[]
        {
            (IsoDayOfWeek.Monday, body.Monday), (IsoDayOfWeek.Tuesday, body.Tuesday), (IsoDayOfWeek.Wednesday, body.Wednesday),
            (IsoDayOfWeek.Thursday, body.Thursday), (IsoDayOfWeek.Friday, body.Friday), (IsoDayOfWeek.Saturday, body.Saturday),
            (IsoDayOfWeek.Sunday, body.Sunday),
        })
        {
            var field = prefix + day.ToString().ToLowerInvariant();
            if (ranges?.Count > MaxRangesPerDay)
            {
                errors.Add(field, "TooManyRanges", field, MaxRangesPerDay);
                continue;
            }

            days[day] = HoursList(errors, field, ranges);
        }

        if (errors.Any)
        {
            return null;
        }

        return new WeeklyHours(days);
    }

    /// <summary>The owner's overrides, in date order; null for an unknown owner.</summary>
    public Task<IReadOnlyList<DateOverride>?> GetOverridesAsync(string ownerId, CancellationToken cancellationToken) => store.GetOverridesAsync(ownerId, cancellationToken);

    /// <summary>Sets what applies on <paramref name="date"/>: a day off, or other hours.</summary>
    public Task<OverrideWrite> PutOverrideAsync(string ownerId, string date, DateOverrideBody? body, CancellationToken cancellationToken) =>
        PutOverridesAsync(ownerId, date, null, body, cancellationToken);

    /// <summary>
    /// Sets what applies on every date from <paramref name="from"/> to <paramref name="to"/>, both included (no
    /// <paramref name="to"/>: the one date): a day off, or the same other hours on each, all written in one transaction
    /// or none. A range covers at most <see cref="MaxOverrideDays"/> dates.
    /// </summary>
    public async Task<OverrideWrite> PutOverridesAsync(string ownerId, string from, string? to, DateOverrideBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (ReadOverrides(errors, from, to, body) is not { } overrides)
        {
            return new OverrideWrite.Invalid(errors);
        }

        return await store.PutOverridesAsync(ownerId, overrides, cancellationToken) switch
        {
            OwnerWrite.Written => new OverrideWrite.Saved(overrides[0], new DateInterval(overrides[0].Date, overrides[^1].Date)),
            OwnerWrite.LimitReached reached => new OverrideWrite.LimitReached(reached),
            _ => new OverrideWrite.NotFound(),
        };
    }

    /// <summary>
    /// The overrides a request sets (every date from <paramref name="from"/> to <paramref name="to"/>, the same day off
    /// or hours on each), in date order; null, with the errors, when the request is not one. Named schedules read theirs
    /// here too (<see cref="OwnerSchedules"/>).
    /// </summary>
    internal static List<DateOverride>? ReadOverrides(RequestErrors errors, string from, string? to, DateOverrideBody? body)
    {
        var day = errors.Date(to is null ? "date" : "from", from);
        var last = to is null ? day : errors.Date("to", to);
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

        var dates = DateRange(errors, day, last);
        return errors.Any || dates is null ? null : [.. dates.Select(date => new DateOverride(date, unavailable ? [] : hours))];
    }

    /// <summary>Removes the override of <paramref name="date"/>; not found when the owner or the override does not exist.</summary>
    public Task<OverrideWrite> DeleteOverrideAsync(string ownerId, string date, CancellationToken cancellationToken) =>
        DeleteOverridesAsync(ownerId, date, null, cancellationToken);

    /// <summary>
    /// Removes the overrides of every date from <paramref name="from"/> to <paramref name="to"/>, both included (no
    /// <paramref name="to"/>: the one date); not found when the owner does not exist or had no override there.
    /// </summary>
    public async Task<OverrideWrite> DeleteOverridesAsync(string ownerId, string from, string? to, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (ReadDates(errors, from, to) is not { } dates)
        {
            return new OverrideWrite.Invalid(errors);
        }

        return await store.DeleteOverridesAsync(ownerId, dates, cancellationToken) is > 0 and var count
            ? new OverrideWrite.Deleted(count)
            : new OverrideWrite.NotFound();
    }

    /// <summary>The dates from <paramref name="from"/> to <paramref name="to"/> (none: the one date) whose overrides a request removes; null, with the errors, when they are not dates in order.</summary>
    internal static DateInterval? ReadDates(RequestErrors errors, string from, string? to)
    {
        var day = errors.Date(to is null ? "date" : "from", from);
        var last = to is null ? day : errors.Date("to", to);
        return DateRange(errors, day, last, capped: false);
    }

    /// <summary>The longest range of dates that one request sets: a year, leap day included.</summary>
    public const int MaxOverrideDays = 366;

    /// <summary>The dates from <paramref name="first"/> to <paramref name="last"/>, both included; null (with an error) when either is missing, the range runs backwards or, if <paramref name="capped"/>, is longer than <see cref="MaxOverrideDays"/>.</summary>
    private static DateInterval? DateRange(RequestErrors errors, LocalDate? first, LocalDate? last, bool capped = true)
    {
        if (first is not { } start || last is not { } end)
        {
            return null;
        }

        if (end < start)
        {
            errors.Add("to", "NotBefore", "to", WireFormat.FormatDate(end), "from", WireFormat.FormatDate(start));
            return null;
        }

        var dates = new DateInterval(start, end);
        if (capped && dates.Length > MaxOverrideDays)
        {
            errors.Add("to", "DateRange", "to", WireFormat.FormatDate(start), WireFormat.FormatDate(start.PlusDays(MaxOverrideDays - 1)));
            return null;
        }

        return dates;
    }

    /// <summary>Reads a list of daily ranges (for weekly hours or an override); null entries and invalid ranges are errors.</summary>
    internal static List<TimeOfDayRange> HoursList(RequestErrors errors, string field, IReadOnlyList<HoursBody?>? hours)
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

    /// <summary>Written on every date of <paramref name="Dates"/>, each as <paramref name="Override"/> is on its first.</summary>
    public sealed record Saved(DateOverride Override, DateInterval Dates) : OverrideWrite;

    /// <summary>Removed from <paramref name="Count"/> dates.</summary>
    public sealed record Deleted(int Count) : OverrideWrite;

    /// <summary>The date or body cannot be used; nothing was written.</summary>
    public sealed record Invalid(RequestErrors Errors) : OverrideWrite;

    public sealed record LimitReached(OwnerWrite.LimitReached Reached) : OverrideWrite;

    /// <summary>No such owner (or, on removal, no override on that date).</summary>
    public sealed record NotFound : OverrideWrite;
}
