using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.MeetingTypes;

/// <summary>
/// A meeting type's limits beyond its daily count (which stays <c>max_per_day</c>): bookings per week, month and year,
/// and minutes of meetings per day and week. Each is left out for no limit.
/// </summary>
internal sealed record TypeLimitsBody(int? PerWeek = null, int? PerMonth = null, int? PerYear = null, int? MinutesPerDay = null, int? MinutesPerWeek = null);

/// <summary>A meeting type's limits beyond its daily count; null: no limit.</summary>
internal sealed record TypeLimitsResponse(int? PerWeek, int? PerMonth, int? PerYear, int? MinutesPerDay, int? MinutesPerWeek);

/// <summary>
/// An owner's limits across all their meeting types (team bookings included): bookings per day, week, month and year,
/// minutes of meetings per day and week (each left out for no limit), and the day their weeks start on
/// (<paramref name="WeekStartsOn"/>, monday to sunday; left out: monday).
/// </summary>
internal sealed record OwnerLimitsBody(
    int? PerDay = null, int? PerWeek = null, int? PerMonth = null, int? PerYear = null, int? MinutesPerDay = null, int? MinutesPerWeek = null, string? WeekStartsOn = null);

/// <summary>An owner's limits across all their meeting types, and the day their weeks start on.</summary>
internal sealed record OwnerLimitsResponse(int? PerDay, int? PerWeek, int? PerMonth, int? PerYear, int? MinutesPerDay, int? MinutesPerWeek, string WeekStartsOn);

/// <summary>How limits are read from a body and written in a response, for meeting types and owners alike.</summary>
internal static class BookingLimitsInput
{
    /// <summary>The days a week may start on, as the API names them.</summary>
    public static readonly IReadOnlyDictionary<string, IsoDayOfWeek> WeekDays = new Dictionary<string, IsoDayOfWeek>(StringComparer.Ordinal)
    {
        ["monday"] = IsoDayOfWeek.Monday,
        ["tuesday"] = IsoDayOfWeek.Tuesday,
        ["wednesday"] = IsoDayOfWeek.Wednesday,
        ["thursday"] = IsoDayOfWeek.Thursday,
        ["friday"] = IsoDayOfWeek.Friday,
        ["saturday"] = IsoDayOfWeek.Saturday,
        ["sunday"] = IsoDayOfWeek.Sunday,
    };

    /// <summary>A type's limits with its daily count <paramref name="perDay"/>; null when the body has errors (added to <paramref name="errors"/>).</summary>
    public static BookingLimits? Read(TypeLimitsBody? body, int? perDay, RequestErrors errors)
    {
        var week = errors.Number("limits.per_week", body?.PerWeek, 1, BookingLimits.MaxCount, required: false);
        var month = errors.Number("limits.per_month", body?.PerMonth, 1, BookingLimits.MaxCount, required: false);
        var year = errors.Number("limits.per_year", body?.PerYear, 1, BookingLimits.MaxCount, required: false);
        var minutesPerDay = errors.Number("limits.minutes_per_day", body?.MinutesPerDay, 1, 24 * 60, required: false);
        var minutesPerWeek = errors.Number("limits.minutes_per_week", body?.MinutesPerWeek, 1, 7 * 24 * 60, required: false);
        return errors.Any ? null : new BookingLimits(perDay, week, month, year, minutesPerDay, minutesPerWeek);
    }

    /// <summary>An owner's limits and first day of the week; null when the body has errors (added to <paramref name="errors"/>).</summary>
    public static (BookingLimits Limits, IsoDayOfWeek FirstDayOfWeek)? Read(OwnerLimitsBody? body, RequestErrors errors)
    {
        var day = errors.Number("per_day", body?.PerDay, 1, BookingLimits.MaxCount, required: false);
        var week = errors.Number("per_week", body?.PerWeek, 1, BookingLimits.MaxCount, required: false);
        var month = errors.Number("per_month", body?.PerMonth, 1, BookingLimits.MaxCount, required: false);
        var year = errors.Number("per_year", body?.PerYear, 1, BookingLimits.MaxCount, required: false);
        var minutesPerDay = errors.Number("minutes_per_day", body?.MinutesPerDay, 1, 24 * 60, required: false);
        var minutesPerWeek = errors.Number("minutes_per_week", body?.MinutesPerWeek, 1, 7 * 24 * 60, required: false);
        var first = IsoDayOfWeek.Monday;
        if (body?.WeekStartsOn is { } named && !WeekDays.TryGetValue(named, out first))
        {
            errors.Add("week_starts_on", "OneOf", "week_starts_on", string.Join(", ", WeekDays.Keys));
        }

        return errors.Any ? null : (new BookingLimits(day, week, month, year, minutesPerDay, minutesPerWeek), first);
    }

    public static TypeLimitsResponse ToTypeResponse(this BookingLimits limits) =>
        new(limits.PerWeek, limits.PerMonth, limits.PerYear, limits.MinutesPerDay, limits.MinutesPerWeek);

    public static OwnerLimitsResponse ToOwnerResponse(this OwnerSnapshot owner) =>
        new(owner.Limits.PerDay, owner.Limits.PerWeek, owner.Limits.PerMonth, owner.Limits.PerYear, owner.Limits.MinutesPerDay, owner.Limits.MinutesPerWeek,
            WeekDays.First(d => d.Value == owner.FirstDayOfWeek).Key);
}
