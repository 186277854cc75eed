using System.Globalization;
using System.Text.Json.Serialization;
using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using NodaTime;
using NodaTime.Text;

namespace Agenda.Api.Explanations;

/// <summary>Why an owner's time is or is not offered: every reason, in the order a booking is decided; none when it is offered.</summary>
internal sealed record ExplanationResponse(
    string OwnerId, string MeetingType, string TimeZone, string Start, string End, string StartUtc, string EndUtc, bool Offered, IReadOnlyList<ReasonResponse> Reasons);

/// <summary>
/// Why a team's time is or is not offered: each host's reasons, whether the host must be free (required: every fixed
/// host, or every host of a collective type without hosts_per_booking), and how many of the others must be
/// (others_needed).
/// </summary>
internal sealed record TeamExplanationResponse(
    string TeamId, string MeetingType, string TimeZone, string Start, string End, string StartUtc, string EndUtc, bool Offered, int OthersNeeded,
    IReadOnlyList<HostReasonsResponse> Hosts);

internal sealed record HostReasonsResponse(string OwnerId, string? Name, bool Required, bool Free, IReadOnlyList<ReasonResponse> Reasons);

/// <summary>
/// One reason: <c>code</c> (the refusal a booking of the time would get when this is its first reason, or
/// <c>out_of_office</c>), a sentence for a person in the request's language, and the facts behind it.
/// </summary>
internal sealed record ReasonResponse(string Code, string Message)
{
    /// <summary>outside_availability: the date's hours in the owner's zone (none on a day off).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HoursResponse>? Hours { get; init; }

    /// <summary>outside_availability: whether a date override gives those hours.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Override { get; init; }

    /// <summary>not_on_slot_grid: the steps slots start on, from the start of each window.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StepMinutes { get; init; }

    /// <summary>too_soon: the type's notice, and the first instant it allows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinimumNoticeMinutes { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Earliest { get; init; }

    /// <summary>beyond_horizon: how far ahead the type may be booked, and the last instant it allows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? HorizonMinutes { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Latest { get; init; }

    /// <summary>
    /// daily_limit_reached: the type's limit and how many of its meetings start that date. booking_limit_reached: the
    /// limit, how many bookings start in its period (<see cref="Period"/>, dates) and how many minutes they last.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Limit { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? BookedMinutes { get; init; }

    /// <summary>booking_limit_reached: day, week, month or year.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LimitPeriod { get; init; }

    /// <summary>booking_limit_reached: bookings or minutes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LimitUnit { get; init; }

    /// <summary>booking_limit_reached: meeting_type (the type's own limit) or all_types (the owner's, across their types).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LimitScope { get; init; }

    /// <summary>taken: what blocks part of the time.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BlockerResponse? BlockedBy { get; init; }

    /// <summary>
    /// outside_availability, when the hours are in another zone than the owner's (a schedule's own zone, or travel): the
    /// date whose hours <see cref="Hours"/> are, and their zone.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HoursDate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeZone { get; init; }

    /// <summary>outside_availability: the named schedule whose hours the type offers (absent for the owner's default hours).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schedule { get; init; }

    /// <summary>out_of_office: the host's period away (instants). booking_limit_reached: the dates the limit counts over.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PeriodResponse? Period { get; init; }
}


internal sealed record PeriodResponse(string Start, string End);

/// <summary>
/// What blocks a time: <c>kind</c> is booking, hold, calendar (a busy time of a connected calendar) or
/// calendar_unreachable (a calendar that could not be read and blocks meanwhile); the meeting's time and the time it
/// blocks with its buffers.
/// </summary>
internal sealed record BlockerResponse(string Kind, string Start, string End, string BlockedStart, string BlockedEnd)
{
    /// <summary>For a booking or hold: its meeting type (a slug; a team's as team:{team}/{slug}; "" for the documented API's).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MeetingType { get; init; }

    /// <summary>For a class: how many seats are taken of how many.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SeatsTaken { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SeatsCapacity { get; init; }

    /// <summary>For a calendar: the connection and its server (never an event's title).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CalendarId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CalendarName { get; init; }
}

/// <summary>Explanations as the API and the console show them: codes, facts and sentences, times in a zone.</summary>
internal static class ExplanationWords
{
    private static readonly LocalDateTimePattern Readable = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm");

    public static ReasonResponse ToResponse(Unavailable reason, DateTimeZone zone, IReadOnlyDictionary<string, string> calendarNames, StoredSchedule? schedule = null) => reason switch
    {
        Unavailable.OutsideHours outside => new ReasonResponse(Code(reason), Sentence(reason, zone, calendarNames, schedule))
        {
            Hours = [.. outside.Hours.Select(h => new HoursResponse(WireFormat.Format(h.Start), WireFormat.Format(h.End)))],
            Override = outside.FromOverride,
            Schedule = schedule?.Id,
            HoursDate = outside.Date is { } date ? WireFormat.FormatDate(date) : null,
            TimeZone = outside.In?.Id,
        },
        Unavailable.OffGrid grid => new ReasonResponse(Code(reason), Sentence(reason, zone, calendarNames)) { StepMinutes = (int)grid.Step.TotalMinutes },
        Unavailable.Notice notice => new ReasonResponse(Code(reason), Sentence(reason, zone, calendarNames))
        {
            MinimumNoticeMinutes = (int)notice.MinimumNotice.TotalMinutes,
            Earliest = WireFormat.FormatWithOffset(notice.Earliest, zone),
        },
        Unavailable.BeyondHorizon horizon => new ReasonResponse(Code(reason), Sentence(reason, zone, calendarNames))
        {
            HorizonMinutes = (int)horizon.Horizon.TotalMinutes,
            Latest = WireFormat.FormatWithOffset(horizon.Latest, zone),
        },
        Unavailable.DailyCap cap => new ReasonResponse(Code(reason), Sentence(reason, zone, calendarNames)) { Limit = cap.Limit, Count = cap.Count },
        Unavailable.LimitReached limit => new ReasonResponse(Code(reason), Sentence(reason, zone, calendarNames))
        {
            Limit = limit.Limit.Max,
            Count = limit.Count,
            BookedMinutes = limit.Minutes,
            LimitPeriod = PeriodName(limit.Limit.Period),
            LimitUnit = limit.Limit.Minutes ? "minutes" : "bookings",
            LimitScope = limit.AcrossTypes ? "all_types" : "meeting_type",
            Period = new PeriodResponse(WireFormat.FormatDate(limit.Period.Start), WireFormat.FormatDate(limit.Period.End)),
        },
        Unavailable.Blocked blocked => new ReasonResponse(Code(reason), Sentence(reason, zone, calendarNames)) { BlockedBy = Blocker(blocked.By, zone, calendarNames) },
        Unavailable.OutOfOffice away => new ReasonResponse(Code(reason), Sentence(reason, zone, calendarNames))
        {
            Period = new PeriodResponse(WireFormat.FormatWithOffset(away.Period.Start, zone), WireFormat.FormatWithOffset(away.Period.End, zone)),
        },
        _ => new ReasonResponse(Code(reason), Sentence(reason, zone, calendarNames)),
    };

    private static string PeriodName(LimitPeriod period) => period switch
    {
        LimitPeriod.Day => "day",
        LimitPeriod.Week => "week",
        LimitPeriod.Month => "month",
        _ => "year",
    };

    public static string Code(Unavailable reason) => reason is Unavailable.OutOfOffice ? "out_of_office" : BookingRefusals.Code(reason.Outcome);

    /// <summary>The reason as a sentence for a person, in the current UI culture, its times in <paramref name="zone"/>.</summary>
    /// <param name="schedule">The named schedule whose hours the type offers, which a reason about hours names; null for the default hours.</param>
    public static string Sentence(Unavailable reason, DateTimeZone zone, IReadOnlyDictionary<string, string> calendarNames, StoredSchedule? schedule = null)
    {
        string At(Instant instant) => Readable.Format(instant.InZone(zone).LocalDateTime);
        var message = reason switch
        {
            Unavailable.OutsideHours { Hours.Count: 0, FromOverride: true } => new Message("ExplainDayOffOverride"),
            Unavailable.OutsideHours { Hours.Count: 0 } => new Message("ExplainDayOff"),
            Unavailable.OutsideHours outside => new Message(
                outside.FromOverride ? "ExplainOutsideOverride" : "ExplainOutsideHours",
                string.Join(", ", outside.Hours.Select(h => $"{h.Start.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture)}–{h.End.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture)}"))),
            Unavailable.OffGrid grid => new Message("ExplainOffGrid", (int)grid.Step.TotalMinutes),
            Unavailable.Past => new Message("ExplainPast"),
            Unavailable.Notice notice => new Message("ExplainNotice", (int)notice.MinimumNotice.TotalMinutes, At(notice.Earliest)),
            Unavailable.BeyondHorizon horizon => new Message("ExplainHorizon", At(horizon.Latest)),
            Unavailable.DailyCap cap => new Message("ExplainDailyCap", cap.Limit, cap.Count),
            Unavailable.LimitReached limit => new Message(
                (limit.AcrossTypes, limit.Limit.Minutes) switch
                {
                    (false, false) => "ExplainTypeLimit",
                    (true, false) => "ExplainOwnerLimit",
                    (false, true) => "ExplainTypeMinutes",
                    _ => "ExplainOwnerMinutes",
                },
                limit.Limit.Max,
                new Message("LimitPeriod" + limit.Limit.Period).ToString(),
                limit.Limit.Minutes ? limit.Minutes : limit.Count,
                WireFormat.FormatDate(limit.Period.Start),
                WireFormat.FormatDate(limit.Period.End)),
            Unavailable.Blocked { By.Kind: BlockKind.Hold } hold => new Message("ExplainHold", At(hold.By.Meeting.Start), At(hold.By.Meeting.End)),
            Unavailable.Blocked { By.Kind: BlockKind.CalendarBusy } busy => new Message("ExplainCalendar", CalendarName(busy.By, calendarNames), At(busy.By.Meeting.Start), At(busy.By.Meeting.End)),
            Unavailable.Blocked { By.Kind: BlockKind.CalendarUnreachable } unreachable => new Message("ExplainCalendarUnreachable", CalendarName(unreachable.By, calendarNames)),
            Unavailable.Blocked { By.Seats: { } seats } full => new Message("ExplainClassFull", At(full.By.Meeting.Start), At(full.By.Meeting.End), seats.Taken, seats.Capacity),
            Unavailable.Blocked booking when booking.By.Blocked == booking.By.Meeting => new Message("ExplainBookingPlain", At(booking.By.Meeting.Start), At(booking.By.Meeting.End)),
            Unavailable.Blocked booking => new Message("ExplainBooking", At(booking.By.Meeting.Start), At(booking.By.Meeting.End), At(booking.By.Blocked.Start), At(booking.By.Blocked.End)),
            Unavailable.OutOfOffice away => new Message("ExplainOutOfOffice", At(away.Period.Start), At(away.Period.End)),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a reason this service gives."),
        };
        var sentence = reason is Unavailable.OutsideHours { In: { } hoursZone, Date: { } hoursDate }
            ? $"{message} {new Message("ExplainHoursZone", WireFormat.FormatDate(hoursDate), hoursZone.Id)}"
            : message.ToString();
        return reason is Unavailable.OutsideHours && schedule is not null ? $"{sentence} {new Message("ExplainInSchedule", schedule.Name)}" : sentence;
    }

    private static string CalendarName(ExistingBooking busy, IReadOnlyDictionary<string, string> names) =>
        busy.SourceId is { } id && names.TryGetValue(id, out var name) ? name : busy.SourceId ?? "";

    private static BlockerResponse Blocker(ExistingBooking by, DateTimeZone zone, IReadOnlyDictionary<string, string> calendarNames)
    {
        var calendar = by.Kind is BlockKind.CalendarBusy or BlockKind.CalendarUnreachable;
        return new BlockerResponse(
            by.Kind switch
            {
                BlockKind.Hold => "hold",
                BlockKind.CalendarBusy => "calendar",
                BlockKind.CalendarUnreachable => "calendar_unreachable",
                _ => "booking",
            },
            WireFormat.FormatWithOffset(by.Meeting.Start, zone),
            WireFormat.FormatWithOffset(by.Meeting.End, zone),
            WireFormat.FormatWithOffset(by.Blocked.Start, zone),
            WireFormat.FormatWithOffset(by.Blocked.End, zone))
        {
            MeetingType = calendar ? null : by.MeetingTypeKey,
            SeatsTaken = by.Seats?.Taken,
            SeatsCapacity = by.Seats?.Capacity,
            CalendarId = calendar ? by.SourceId : null,
            CalendarName = calendar ? CalendarName(by, calendarNames) : null,
        };
    }

    public static ExplanationResponse ToResponse(OwnerExplanation explained, string slug, DateTimeZone zone)
    {
        var (start, end, startUtc, endUtc) = Times(explained.Slot, zone);
        return new(
            explained.Owner.Id, slug, zone.Id, start, end, startUtc, endUtc, explained.Offered, [.. explained.Reasons.Select(r => ToResponse(r, zone, explained.CalendarNames, explained.Schedule))]);
    }

    public static TeamExplanationResponse ToResponse(TeamExplanationResult explained, string teamId, string slug, DateTimeZone zone)
    {
        var (start, end, startUtc, endUtc) = Times(explained.Slot, zone);
        var hosts = explained.Explanation.Hosts.Select(h => new HostReasonsResponse(
            h.OwnerId,
            explained.Hosts.TryGetValue(h.OwnerId, out var owner) ? owner.DisplayName : null,
            h.Required,
            h.Free,
            [.. h.Reasons.Select(r => ToResponse(r, zone, explained.CalendarNames, explained.ScheduleOf(h.OwnerId)))]));
        return new(teamId, slug, zone.Id, start, end, startUtc, endUtc, explained.Explanation.Offered, explained.Explanation.FromPool, [.. hosts]);
    }

    /// <summary>The time asked about, shown in <paramref name="zone"/> and in UTC.</summary>
    private static (string Start, string End, string StartUtc, string EndUtc) Times(Slot slot, DateTimeZone zone) =>
        (WireFormat.FormatWithOffset(slot.Start, zone), WireFormat.FormatWithOffset(slot.End, zone), WireFormat.FormatUtc(slot.Start), WireFormat.FormatUtc(slot.End));
}
