using Agenda.Storage;

namespace Agenda.Api.MeetingTypes;

// Request and response bodies of the /v1 API. Property names are written in snake_case by the host's
// JSON options, as in the documented API. Request fields are nullable so that a missing value reaches
// validation, which names the field.

/// <summary>
/// A meeting type as it is written, personal or a team's (<c>TeamMeetingTypeBody</c> adds the team's fields to these):
/// a field added here is read by both, and by the console's form through <see cref="OwnerMeetingTypes.Read"/>.
/// </summary>
internal record MeetingTypeBody(
    string? Slug = null,
    string? Title = null,
    int? DurationMinutes = null,
    int? StepMinutes = null,
    int? BufferBeforeMinutes = null,
    int? BufferAfterMinutes = null,
    int? MinimumNoticeMinutes = null,
    int? HorizonDays = null,
    int? MaxPerDay = null,
    int? Seats = null,
    string? Description = null,
    IReadOnlyList<LocationBody?>? Locations = null,
    IReadOnlyList<QuestionBody?>? Questions = null,
    IReadOnlyList<int>? DurationOptionsMinutes = null,
    bool? Private = null,
    string? RedirectUrl = null,
    InviteeChangesBody? InviteeChanges = null,
    ApprovalBody? Approval = null,
    RecurrenceBody? Recurrence = null)
{
    /// <summary>Limits beyond the daily count (<c>max_per_day</c>): per week, month and year, and minutes per day and week.</summary>
    public TypeLimitsBody? Limits { get; init; }

    /// <summary>The id of the owner's named schedule whose hours this type offers; left out, the owner's default hours.</summary>
    public string? Schedule { get; init; }
}

/// <summary>
/// A type an invitee may book as a weekly series, all or nothing: every <paramref name="IntervalWeeks"/> weeks (default 1,
/// 1 to 12), up to <paramref name="MaxCount"/> meetings (default 12, 2 to 52), the invitee choosing how many. Each meeting
/// keeps the owner's wall-clock time across clock changes. Not with seats or approval, and only on personal types.
/// </summary>
internal sealed record RecurrenceBody(int? IntervalWeeks = null, int? MaxCount = null);

/// <summary>How a type's weekly series repeat, and how many meetings one may have.</summary>
internal sealed record RecurrenceResponse(int IntervalWeeks, int MaxCount);

/// <summary>
/// A type that requires approval: each booking is a request that the owner confirms or declines. <paramref name="HoldsTime"/>
/// (default true) says whether a request keeps its time from others meanwhile; <paramref name="ExpiresAfterMinutes"/>
/// (default 1440, 60 to 43200) how long it waits for an answer before it expires (at the latest when its meeting begins).
/// </summary>
internal sealed record ApprovalBody(bool? HoldsTime = null, int? ExpiresAfterMinutes = null);

/// <summary>How a type that requires approval treats its requests.</summary>
internal sealed record ApprovalResponse(bool HoldsTime, int ExpiresAfterMinutes);

/// <summary>
/// A place or way to meet. <paramref name="Kind"/>: in_person (<paramref name="Value"/> is the address), phone (the
/// owner's number, which the invitee calls), invitee_phone (the owner calls the invitee, whose number the booking asks
/// for; no value), link (a fixed address) or video (an https address template with <c>{room}</c>, which each booking
/// replaces by a room name of its own). <paramref name="Label"/> names it to the invitee, when given.
/// </summary>
internal sealed record LocationBody(string? Kind = null, string? Value = null, string? Label = null);

/// <summary>
/// A question asked when booking. <paramref name="Id"/> names its answer (made from the label when left out);
/// <paramref name="Kind"/>: short_text, long_text, single_choice, multiple_choice, checkbox, number, phone or url;
/// <paramref name="Options"/>: the choices of a choice question; <paramref name="MaxLength"/>: the longest text answer
/// (short_text 200 and long_text 2000 when left out), or the most choices of a multiple choice;
/// <paramref name="Minimum"/> and <paramref name="Maximum"/>: the bounds of a number.
/// </summary>
internal sealed record QuestionBody(
    string? Id = null,
    string? Label = null,
    string? Kind = null,
    bool? Required = null,
    string? Help = null,
    IReadOnlyList<string?>? Options = null,
    int? MaxLength = null,
    double? Minimum = null,
    double? Maximum = null);

/// <summary>
/// How late an invitee may change a booking: cancel until <paramref name="CancelNoticeMinutes"/> before it starts,
/// move until <paramref name="RescheduleNoticeMinutes"/> before (left out: until it begins), and whether a reason is
/// required to cancel. The owner may always cancel or move a booking that has not begun.
/// </summary>
internal sealed record InviteeChangesBody(int? CancelNoticeMinutes = null, int? RescheduleNoticeMinutes = null, bool? ReasonRequired = null);

/// <summary>A place or way to meet, as a meeting type offers it.</summary>
internal sealed record LocationResponse(string Kind, string? Value, string? Label);

/// <summary>A question a meeting type asks.</summary>
internal sealed record QuestionResponse(
    string Id, string Label, string Kind, bool Required, string? Help, IReadOnlyList<string>? Options, int? MaxLength, double? Minimum, double? Maximum);

internal sealed record InviteeChangesResponse(int? CancelNoticeMinutes, int? RescheduleNoticeMinutes, bool ReasonRequired);

/// <summary>A meeting type as it is shown, personal or a team's (<c>TeamMeetingTypeResponse</c> adds the team's fields).</summary>
internal record MeetingTypeResponse(
    string Slug,
    string Title,
    int DurationMinutes,
    int StepMinutes,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    int MinimumNoticeMinutes,
    int? HorizonDays,
    int? MaxPerDay,
    int? Seats,
    string? Description,
    string DescriptionHtml,
    IReadOnlyList<LocationResponse> Locations,
    IReadOnlyList<QuestionResponse> Questions,
    IReadOnlyList<int> DurationOptionsMinutes,
    bool Private,
    string? RedirectUrl,
    InviteeChangesResponse InviteeChanges,
    ApprovalResponse? Approval,
    RecurrenceResponse? Recurrence)
{
    /// <summary>Limits beyond the daily count (<c>max_per_day</c>); each null for no limit.</summary>
    public TypeLimitsResponse Limits { get; init; } = new(null, null, null, null, null);

    /// <summary>The owner's named schedule whose hours this type offers; null for the owner's default hours.</summary>
    public string? Schedule { get; init; }
}

internal sealed record MeetingTypesResponse(IReadOnlyList<MeetingTypeResponse> MeetingTypes);

/// <summary>A stored meeting type as its /v1 response body.</summary>
internal static class MeetingTypeMapping
{
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
            rules.MaxPerDay,
            rules.Seats,
            meetingType.Details.Description,
            MeetingDescription.ToHtml(meetingType.Details.Description),
            [.. meetingType.Details.Locations.Select(l => new LocationResponse(MeetingTypeDetailsInput.LocationKinds[l.Kind], l.Value, l.Label))],
            [.. meetingType.Details.Questions.Select(q => new QuestionResponse(
                q.Id, q.Label, MeetingTypeDetailsInput.QuestionKinds[q.Kind], q.Required, q.Help, q.Options, q.MaxLength, (double?)q.Minimum, (double?)q.Maximum))],
            meetingType.Lengths,
            meetingType.Details.Private,
            meetingType.Details.RedirectUrl,
            new InviteeChangesResponse(meetingType.Details.CancelNoticeMinutes, meetingType.Details.RescheduleNoticeMinutes, meetingType.Details.CancelReasonRequired),
            meetingType.Details.Approval is { } approval ? new ApprovalResponse(approval.HoldsTime, approval.ExpiresAfterMinutes) : null,
            meetingType.Details.Recurrence is { } recurrence ? new RecurrenceResponse(recurrence.IntervalWeeks, recurrence.MaxCount) : null)
        {
            Limits = BookingLimitsInput.ToTypeResponse(rules.Limits),
            Schedule = rules.Schedule,
        };
    }
}
