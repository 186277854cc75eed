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

    /// <summary>The id of the form's field that a use case's error key names (title: mt-title, duration_minutes: mt-durationminutes); null for a key of no field here.</summary>
    public static string? FieldOf(string key) =>
        key is "slug" or "title" or "duration_minutes" or "step_minutes" or "buffer_before_minutes" or "buffer_after_minutes" or "minimum_notice_minutes" or "horizon_days" or "max_per_day"
            ? "mt-" + key.Replace("_", "", StringComparison.Ordinal)
            : null;

    /// <summary>The id of the field whose posted value (such as Form.DurationMinutes) did not bind.</summary>
    public static string FieldOfPosted(string name) => "mt-" + name[(name.LastIndexOf('.') + 1)..].ToLowerInvariant();

    /// <summary>Whether a rule beyond the title and duration is set (the form then shows them opened).</summary>
    public bool HasMoreRules => StepMinutes is not null || BufferBeforeMinutes is not null || BufferAfterMinutes is not null
        || MinimumNoticeMinutes is not null || HorizonDays is not null || MaxPerDay is not null;
}

/// <summary>The fields of a meeting type's form (<c>_MeetingTypeFields</c>) with the errors to show beside them.</summary>
/// <param name="OpenRules">Whether the rules beyond the duration are shown opened (always when one of them is wrong).</param>
internal sealed record MeetingTypeFieldsView(MeetingTypeForm Form, FormErrors Errors, bool OpenRules);
