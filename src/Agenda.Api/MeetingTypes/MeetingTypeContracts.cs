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
    int? MaxPerDay = null);

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
    int? MaxPerDay);

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
            rules.MaxPerDay);
    }
}
