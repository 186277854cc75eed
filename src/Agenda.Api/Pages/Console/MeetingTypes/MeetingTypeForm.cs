using Agenda.Api.MeetingTypes;

namespace Agenda.Api.Pages.Console.MeetingTypes;

/// <summary>A meeting type's form as typed; the /v1 handler validates it as it validates a JSON body.</summary>
internal sealed class MeetingTypeForm
{
    /// <summary>The console text key of each number field's label, for errors about that field.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(DurationMinutes)] = "Duration",
        [nameof(StepMinutes)] = "Step",
        [nameof(BufferBeforeMinutes)] = "BufferBefore",
        [nameof(BufferAfterMinutes)] = "BufferAfter",
        [nameof(MinimumNoticeMinutes)] = "Notice",
        [nameof(HorizonDays)] = "Horizon",
        [nameof(MaxPerDay)] = "MaxPerDay",
    };

    public string? Slug { get; set; }

    public string? Title { get; set; }

    public int? DurationMinutes { get; set; }

    public int? StepMinutes { get; set; }

    public int? BufferBeforeMinutes { get; set; }

    public int? BufferAfterMinutes { get; set; }

    public int? MinimumNoticeMinutes { get; set; }

    public int? HorizonDays { get; set; }

    public int? MaxPerDay { get; set; }

    public static MeetingTypeForm From(MeetingTypeResponse type) => new()
    {
        Slug = type.Slug,
        Title = type.Title,
        DurationMinutes = type.DurationMinutes,
        StepMinutes = type.StepMinutes,
        BufferBeforeMinutes = type.BufferBeforeMinutes,
        BufferAfterMinutes = type.BufferAfterMinutes,
        MinimumNoticeMinutes = type.MinimumNoticeMinutes,
        HorizonDays = type.HorizonDays,
        MaxPerDay = type.MaxPerDay,
    };

    public MeetingTypeBody ToBody(string? slug) => new(
        slug, Title, DurationMinutes, StepMinutes, BufferBeforeMinutes, BufferAfterMinutes, MinimumNoticeMinutes, HorizonDays, MaxPerDay);
}
