using Agenda.Storage;

namespace Agenda.Api.MeetingTypes;

// Request and response bodies of the /v1 API. Property names are written in snake_case by the host's
// JSON options, as in the documented API. Request fields are nullable so that a missing value reaches
// validation, which names the field.

public sealed record MeetingTypeBody(
    string? Slug,
    string? Title,
    int? DurationMinutes,
    int? StepMinutes,
    int? BufferBeforeMinutes,
    int? BufferAfterMinutes,
    int? MinimumNoticeMinutes,
    int? HorizonDays,
    int? MaxPerDay);

public sealed record MeetingTypeResponse(
    string Slug,
    string Title,
    int DurationMinutes,
    int StepMinutes,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    int MinimumNoticeMinutes,
    int? HorizonDays,
    int? MaxPerDay);

public sealed record MeetingTypesResponse(IReadOnlyList<MeetingTypeResponse> MeetingTypes);

/// <summary>A stored meeting type as its /v1 response body.</summary>
public static class MeetingTypeMapping
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
