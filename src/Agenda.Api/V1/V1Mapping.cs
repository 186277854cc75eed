using Agenda.Api.Wire;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.V1;

/// <summary>Engine and store values as /v1 response bodies, and the /v1 answers shared by several routes.</summary>
public static class V1Mapping
{
    public static OwnerResponse ToResponse(this OwnerSnapshot owner) => new(owner.Id, owner.DisplayName, owner.Zone.Id);

    public static HoursResponse ToResponse(this TimeOfDayRange range) =>
        new(WireFormat.FormatTime(range.Start, isEnd: false), WireFormat.FormatTime(range.End, isEnd: true));

    public static WeeklyHoursResponse ToResponse(this WeeklyHours hours)
    {
        IReadOnlyList<HoursResponse> On(IsoDayOfWeek day) => hours.On(day).Select(h => h.ToResponse()).ToList();
        return new WeeklyHoursResponse(
            On(IsoDayOfWeek.Monday), On(IsoDayOfWeek.Tuesday), On(IsoDayOfWeek.Wednesday), On(IsoDayOfWeek.Thursday),
            On(IsoDayOfWeek.Friday), On(IsoDayOfWeek.Saturday), On(IsoDayOfWeek.Sunday));
    }

    public static DateRangeRuleResponse ToResponse(this DateRangeRule rule) =>
        new(WireFormat.FormatDate(rule.Dates.Start), WireFormat.FormatDate(rule.Dates.End),
            WireFormat.FormatTime(rule.Hours.Start, isEnd: false), WireFormat.FormatTime(rule.Hours.End, isEnd: true));

    public static DateOverrideResponse ToResponse(this DateOverride dateOverride) =>
        new(WireFormat.FormatDate(dateOverride.Date), dateOverride.IsUnavailable, dateOverride.Hours.Select(h => h.ToResponse()).ToList());

    public static MeetingTypeResponse ToResponse(this StoredMeetingType meetingType)
    {
        var rules = meetingType.Rules;
        return new MeetingTypeResponse(
            meetingType.Slug,
            meetingType.Title,
            (int)rules.Length.TotalMinutes,
            (int)rules.Step.TotalMinutes,
            (int)rules.BufferBefore.TotalMinutes,
            (int)rules.BufferAfter.TotalMinutes,
            (int)rules.MinimumNotice.TotalMinutes,
            rules.Horizon is { } horizon ? (int)horizon.TotalDays : null,
            rules.MaxPerDay);
    }

    public static BookingResponse ToResponse(this StoredBooking booking, DateTimeZone zone, IReadOnlyList<Scheduling.Slots.Slot>? history = null, string? managementToken = null) =>
        new(
            booking.Id,
            booking.OwnerId,
            booking.MeetingTypeKey,
            booking.Status switch
            {
                BookingStatus.Active => "active",
                BookingStatus.Cancelled => "cancelled",
                _ => throw new ArgumentOutOfRangeException(nameof(booking), booking.Status, "Unknown booking status."),
            },
            WireFormat.FormatWithOffset(booking.Slot.Start, zone),
            WireFormat.FormatWithOffset(booking.Slot.End, zone),
            WireFormat.FormatUtc(booking.Slot.Start),
            WireFormat.FormatUtc(booking.Slot.End),
            zone.Id,
            new InviteeResponse(booking.Invitee, booking.InviteeEmail, booking.InviteeLanguage, booking.InviteeTimeZone),
            booking.Note,
            WireFormat.FormatUtc(booking.CreatedAt),
            booking.Sequence,
            (history ?? booking.PreviousTimes).Select(h => new PreviousTimeResponse(WireFormat.FormatUtc(h.Start), WireFormat.FormatUtc(h.End))).ToList(),
            booking.CancelledAt is { } cancelledAt ? WireFormat.FormatUtc(cancelledAt) : null,
            booking.CancelledBy,
            booking.CancelReason,
            managementToken);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult UnknownOwner(string ownerId) =>
        NotFound($"No owner '{ownerId}' exists. Create one with POST /v1/owners.");

    /// <summary>The 404 for a lookup that found no owner, or an owner without that meeting type.</summary>
    public static ProblemHttpResult Missing(MeetingTypeLookup lookup, string ownerId, string slug) =>
        lookup.Owner is null ? UnknownOwner(ownerId) : UnknownMeetingType(ownerId, slug);

    public static ProblemHttpResult UnknownMeetingType(string ownerId, string slug) =>
        NotFound($"Owner '{ownerId}' has no meeting type '{slug}'. GET /v1/owners/{ownerId}/meeting-types lists them.");
}

/// <summary>A use case's <see cref="Outcome{T}"/> as the API answers it.</summary>
public static class OutcomeAnswers
{
    /// <summary>Done as <paramref name="done"/> says; wrong fields as a 400; a refusal as its problem details.</summary>
    public static Results<TDone, ValidationProblem, ProblemHttpResult> Answer<T, TDone>(this Outcome<T> outcome, Func<T, TDone> done)
        where TDone : IResult => outcome switch
        {
            Outcome<T>.Done value => done(value.Value),
            Outcome<T>.Invalid invalid => invalid.Errors.Problem(),
            Outcome<T>.Refused refused => refused.Refusal.ToProblem(),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
        };

    /// <summary>As <see cref="Answer{T, TDone}"/> for a use case that reads no body, so never answers 400.</summary>
    public static Results<TDone, ProblemHttpResult> AnswerRead<T, TDone>(this Outcome<T> outcome, Func<T, TDone> done)
        where TDone : IResult => outcome switch
        {
            Outcome<T>.Done value => done(value.Value),
            Outcome<T>.Refused refused => refused.Refusal.ToProblem(),
            _ => throw new InvalidOperationException("This use case reads no body, so it has no field errors."),
        };
}
