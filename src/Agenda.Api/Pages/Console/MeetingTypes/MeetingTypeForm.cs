using System.Text.RegularExpressions;
using Agenda.Api.MeetingTypes;

namespace Agenda.Api.Pages.Console.MeetingTypes;

/// <summary>A meeting type's form as typed; the /v1 handler validates it as it validates a JSON body.</summary>
internal sealed partial class MeetingTypeForm
{
    /// <summary>The lengths offered as ticks (besides the type's own and any saved one), in minutes.</summary>
    public static readonly IReadOnlyList<int> CommonDurations = [15, 30, 45, 60, 90, 120];

    /// <summary>Empty rows shown after the saved locations and questions, for a browser without script.</summary>
    public const int SpareRows = 2;

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
        [nameof(MaxPerWeek)] = "MaxPerWeek",
        [nameof(MaxPerMonth)] = "MaxPerMonth",
        [nameof(MaxPerYear)] = "MaxPerYear",
        [nameof(MaxMinutesPerDay)] = "MaxMinutesPerDay",
        [nameof(MaxMinutesPerWeek)] = "MaxMinutesPerWeek",
        [nameof(Seats)] = "Seats",
        [nameof(QuestionRow.MaxLength)] = "QuestionMaxLength",
        [nameof(QuestionRow.Minimum)] = "QuestionMinimum",
        [nameof(QuestionRow.Maximum)] = "QuestionMaximum",
        [nameof(CancelNotice)] = "CancelNotice",
        [nameof(RescheduleNotice)] = "RescheduleNotice",
        [nameof(Durations)] = "DurationsOffered",
        [nameof(ApprovalExpiresHours)] = "ApprovalExpiresHours",
        [nameof(SeriesIntervalWeeks)] = "SeriesIntervalWeeks",
        [nameof(SeriesMaxCount)] = "SeriesMaxCount",
    };

    /// <summary>The form row of each location and question in the body <see cref="ToBody"/> made (empty and removed rows are left out).</summary>
    private readonly List<int> locationRows = [];
    private readonly List<int> questionRows = [];

    public string? Slug { get; set; }

    public string? Title { get; set; }

    public int? DurationMinutes { get; set; }

    public int? StepMinutes { get; set; }

    public int? BufferBeforeMinutes { get; set; }

    public int? BufferAfterMinutes { get; set; }

    public int? MinimumNoticeMinutes { get; set; }

    public int? HorizonDays { get; set; }

    public int? MaxPerDay { get; set; }

    public int? MaxPerWeek { get; set; }

    public int? MaxPerMonth { get; set; }

    public int? MaxPerYear { get; set; }

    public int? MaxMinutesPerDay { get; set; }

    public int? MaxMinutesPerWeek { get; set; }

    /// <summary>How many invitees share one slot (empty: one).</summary>
    public int? Seats { get; set; }

    /// <summary>The named schedule whose hours the type offers (empty: the default hours).</summary>
    public string? Schedule { get; set; }

    /// <summary>The description in Markdown.</summary>
    public string? Description { get; set; }

    public List<LocationRow> Locations { get; set; } = [];

    public List<QuestionRow> Questions { get; set; } = [];

    /// <summary>The lengths ticked, in minutes; the type's own is added when any is ticked.</summary>
    public List<int> Durations { get; set; } = [];

    public bool Private { get; set; }

    public string? RedirectUrl { get; set; }

    public int? CancelNotice { get; set; }

    /// <summary>"hours" or "minutes": the unit of <see cref="CancelNotice"/>.</summary>
    public string CancelNoticeUnit { get; set; } = "hours";

    public int? RescheduleNotice { get; set; }

    public string RescheduleNoticeUnit { get; set; } = "hours";

    public bool ReasonRequired { get; set; }

    /// <summary>Bookings are requests the owner confirms or declines.</summary>
    public bool RequiresApproval { get; set; }

    /// <summary>A request keeps its time from others while it waits (the checkbox is sent only when ticked).</summary>
    public bool ApprovalHoldsTime { get; set; }

    /// <summary>How many hours a request waits for an answer (empty: 24).</summary>
    public int? ApprovalExpiresHours { get; set; }

    /// <summary>Invitees may book a weekly series.</summary>
    public bool OffersSeries { get; set; }

    /// <summary>How many weeks apart a series' meetings are (empty: every week).</summary>
    public int? SeriesIntervalWeeks { get; set; }

    /// <summary>The most meetings one series may have (empty: 12).</summary>
    public int? SeriesMaxCount { get; set; }

    public static MeetingTypeForm From(MeetingTypeResponse type)
    {
        var (cancel, cancelUnit) = InUnit(type.InviteeChanges.CancelNoticeMinutes);
        var (reschedule, rescheduleUnit) = InUnit(type.InviteeChanges.RescheduleNoticeMinutes);
        return new()
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
            Schedule = type.Schedule,
            MaxPerWeek = type.Limits.PerWeek,
            MaxPerMonth = type.Limits.PerMonth,
            MaxPerYear = type.Limits.PerYear,
            MaxMinutesPerDay = type.Limits.MinutesPerDay,
            MaxMinutesPerWeek = type.Limits.MinutesPerWeek,
            Seats = type.Seats,
            Description = type.Description,
            Locations = [.. type.Locations.Select(l => new LocationRow { Kind = l.Kind, Value = l.Value, Label = l.Label })],
            Questions = [.. type.Questions.Select(q => new QuestionRow
        {
            Id = q.Id,
            Label = q.Label,
            Kind = q.Kind,
            Required = q.Required,
            Help = q.Help,
            Options = q.Options is { } options ? string.Join("\n", options) : null,
            MaxLength = q.MaxLength,
            Minimum = q.Minimum,
            Maximum = q.Maximum,
        })],
            Durations = [.. type.DurationOptionsMinutes],
            Private = type.Private,
            RedirectUrl = type.RedirectUrl,
            CancelNotice = cancel,
            CancelNoticeUnit = cancelUnit,
            RescheduleNotice = reschedule,
            RescheduleNoticeUnit = rescheduleUnit,
            ReasonRequired = type.InviteeChanges.ReasonRequired,
            RequiresApproval = type.Approval is not null,
            ApprovalHoldsTime = type.Approval?.HoldsTime ?? true,
            ApprovalExpiresHours = type.Approval is { } approval ? approval.ExpiresAfterMinutes / 60 : null,
            OffersSeries = type.Recurrence is not null,
            SeriesIntervalWeeks = type.Recurrence?.IntervalWeeks,
            SeriesMaxCount = type.Recurrence?.MaxCount,
        };
    }

    /// <summary>
    /// The body the use case reads: empty and removed rows left out, options one per line, notices in minutes, and the
    /// type's own length among the lengths offered whenever another is ticked.
    /// </summary>
    public MeetingTypeBody ToBody(string? slug)
    {
        locationRows.Clear();
        questionRows.Clear();
        var locations = new List<LocationBody?>();
        for (var i = 0; i < Locations.Count; i++)
        {
            if (Locations[i] is { IsEmpty: false, Remove: false } row)
            {
                locationRows.Add(i);
                locations.Add(new LocationBody(Blank(row.Kind), Blank(row.Value), Blank(row.Label)));
            }
        }

        var questions = new List<QuestionBody?>();
        for (var i = 0; i < Questions.Count; i++)
        {
            if (Questions[i] is { IsEmpty: false, Remove: false } row)
            {
                questionRows.Add(i);
                var options = (row.Options ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                questions.Add(new QuestionBody(
                    Blank(row.Id), Blank(row.Label), Blank(row.Kind), row.Required, Blank(row.Help), options.Length > 0 ? options : null, row.MaxLength, row.Minimum, row.Maximum));
            }
        }

        var durations = Durations.Count > 0 && DurationMinutes is { } own ? Durations.Append(own).Distinct().Order().ToList() : Durations;
        return new MeetingTypeBody(
            slug, Title, DurationMinutes, StepMinutes, BufferBeforeMinutes, BufferAfterMinutes, MinimumNoticeMinutes, HorizonDays, MaxPerDay, Seats,
            string.IsNullOrWhiteSpace(Description) ? null : Description,
            locations,
            questions,
            durations,
            Private,
            Blank(RedirectUrl),
            new InviteeChangesBody(InMinutes(CancelNotice, CancelNoticeUnit), InMinutes(RescheduleNotice, RescheduleNoticeUnit), ReasonRequired),
            RequiresApproval ? new ApprovalBody(ApprovalHoldsTime, ApprovalExpiresHours is { } hours ? hours * 60 : null) : null,
            OffersSeries ? new RecurrenceBody(SeriesIntervalWeeks, SeriesMaxCount) : null)
        {
            Limits = new TypeLimitsBody(MaxPerWeek, MaxPerMonth, MaxPerYear, MaxMinutesPerDay, MaxMinutesPerWeek),
            Schedule = Blank(Schedule),
        };
    }

    /// <summary>The id of the form's field that a use case's error key names (title: mt-title, duration_minutes: mt-durationminutes); null for a key of no field here.</summary>
    public static string? FieldOf(string key) =>
        key is "slug" or "title" or "duration_minutes" or "step_minutes" or "buffer_before_minutes" or "buffer_after_minutes" or "minimum_notice_minutes" or "horizon_days" or "max_per_day" or "seats"
            ? "mt-" + key.Replace("_", "", StringComparison.Ordinal)
            : key switch
            {
                "description" => "mt-description",
                "locations" => "mt-locations",
                "questions" => "mt-questions",
                "duration_options_minutes" => "mt-durations",
                "redirect_url" => "mt-redirecturl",
                "schedule" => "mt-schedule",
                "limits.per_week" => "mt-maxperweek",
                "limits.per_month" => "mt-maxpermonth",
                "limits.per_year" => "mt-maxperyear",
                "limits.minutes_per_day" => "mt-maxminutesperday",
                "limits.minutes_per_week" => "mt-maxminutesperweek",
                "invitee_changes.cancel_notice_minutes" => "mt-cancelnotice",
                "invitee_changes.reschedule_notice_minutes" => "mt-reschedulenotice",
                "approval.expires_after_minutes" or "approval" => "mt-approvalexpireshours",
                "recurrence.interval_weeks" => "mt-seriesintervalweeks",
                "recurrence.max_count" or "recurrence" => "mt-seriesmaxcount",
                _ => null,
            };

    /// <summary>
    /// The id of the field a use case's error key names, as <see cref="FieldOf(string)"/>, and for a location's or a
    /// question's key (<c>locations[0].value</c>, <c>questions[1].options[2]</c>) the field of the row it came from in
    /// the last <see cref="ToBody"/>.
    /// </summary>
    public string? FieldOfKey(string key)
    {
        if (ItemKey().Match(key) is not { Success: true } match)
        {
            return FieldOf(key);
        }

        var (rows, prefix) = match.Groups[1].Value == "locations" ? (locationRows, "loc") : (questionRows, "q");
        var index = int.Parse(match.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        if (index >= rows.Count)
        {
            return "mt-" + match.Groups[1].Value;
        }

        // A question's id is made from its label, so an error about the id is shown beside the label.
        var part = match.Groups[3].Value.Replace("_", "", StringComparison.Ordinal) is "id" ? "label" : match.Groups[3].Value.Replace("_", "", StringComparison.Ordinal);
        return $"mt-{prefix}{rows[index]}-{part}";
    }

    /// <summary>The id of the field whose posted value (such as Form.DurationMinutes or Form.Questions[1].MaxLength) did not bind.</summary>
    public static string FieldOfPosted(string name)
    {
        if (PostedRow().Match(name) is { Success: true } row)
        {
            return $"mt-{(row.Groups[1].Value == "Locations" ? "loc" : "q")}{row.Groups[2].Value}-{row.Groups[3].Value.ToLowerInvariant()}";
        }

        var field = name[(name.LastIndexOf('.') + 1)..].ToLowerInvariant();
        return field.StartsWith("durations", StringComparison.Ordinal) ? "mt-durations" : "mt-" + field;
    }

    /// <summary>Every length to offer as a tick: the common ones, the saved or posted ones, and the type's own.</summary>
    public IEnumerable<int> DurationChoices =>
        CommonDurations.Concat(Durations).Concat(DurationMinutes is { } own and >= 5 and <= 1440 ? [own] : []).Distinct().Order();

    /// <summary>The location rows to show: the saved (or posted) ones, then empty ones up to <see cref="SpareRows"/>, within the most a type may have.</summary>
    public IReadOnlyList<LocationRow> LocationRows => WithSpares(Locations, l => l.IsEmpty, MeetingTypeDetailsInput.MaxLocations);

    /// <summary>The question rows to show, as <see cref="LocationRows"/>.</summary>
    public IReadOnlyList<QuestionRow> QuestionRows => WithSpares(Questions, q => q.IsEmpty, MeetingTypeDetailsInput.MaxQuestions);

    private static List<T> WithSpares<T>(List<T> rows, Func<T, bool> isEmpty, int most)
        where T : new()
    {
        // Posted rows keep their places (errors name them by index); spare rows come after them.
        var spares = Math.Min(SpareRows - rows.Count(isEmpty), most - rows.Count);
        return [.. rows, .. Enumerable.Range(0, Math.Max(0, spares)).Select(_ => new T())];
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static (int? Value, string Unit) InUnit(int? minutes) =>
        minutes is { } m && m % 60 == 0 ? (m / 60, "hours") : (minutes, minutes is null ? "hours" : "minutes");

    /// <summary>A notice in minutes; a number too large for minutes stays too large, so the use case says so.</summary>
    private static int? InMinutes(int? value, string unit) =>
        value is { } v && unit == "hours" ? (int)Math.Clamp(v * 60L, int.MinValue, int.MaxValue) : value;

    [GeneratedRegex(@"^(locations|questions)\[(\d+)\]\.([a-z_]+)")]
    private static partial Regex ItemKey();

    [GeneratedRegex(@"^Form\.(Locations|Questions)\[(\d+)\]\.(\w+)$")]
    private static partial Regex PostedRow();

    /// <summary>Whether a rule beyond the title and duration is set (the form then shows them opened).</summary>
    public bool HasMoreRules => StepMinutes is not null || BufferBeforeMinutes is not null || BufferAfterMinutes is not null
        || MinimumNoticeMinutes is not null || HorizonDays is not null || MaxPerDay is not null || Seats is not null
        || MaxPerWeek is not null || MaxPerMonth is not null || MaxPerYear is not null || MaxMinutesPerDay is not null || MaxMinutesPerWeek is not null;
}

/// <summary>A place to meet as the form has it: the API's kind name (empty: no location in this row), the value and the label.</summary>
internal sealed class LocationRow
{
    public string? Kind { get; set; }

    public string? Value { get; set; }

    public string? Label { get; set; }

    /// <summary>Ticked to take the row out when saving.</summary>
    public bool Remove { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Kind) && string.IsNullOrWhiteSpace(Value) && string.IsNullOrWhiteSpace(Label);
}

/// <summary>A question as the form has it: its id (kept for a saved one, so its answers keep their name), and the options one per line.</summary>
internal sealed class QuestionRow
{
    public string? Id { get; set; }

    public string? Label { get; set; }

    public string? Kind { get; set; } = "short_text";

    public bool Required { get; set; }

    public string? Help { get; set; }

    public string? Options { get; set; }

    public int? MaxLength { get; set; }

    [Microsoft.AspNetCore.Mvc.ModelBinder(typeof(DecimalNumberBinder))]
    public double? Minimum { get; set; }

    [Microsoft.AspNetCore.Mvc.ModelBinder(typeof(DecimalNumberBinder))]
    public double? Maximum { get; set; }

    public bool Remove { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Label) && string.IsNullOrWhiteSpace(Help) && string.IsNullOrWhiteSpace(Options)
        && MaxLength is null && Minimum is null && Maximum is null && string.IsNullOrWhiteSpace(Id);
}

/// <summary>The fields of a meeting type's form (<c>_MeetingTypeFields</c>) with the errors to show beside them.</summary>
/// <param name="OpenRules">Whether the rules beyond the duration are shown opened (always when one of them is wrong).</param>
/// <param name="SavedDescriptionHtml">The saved description as the booking page shows it (sanitized by <see cref="MeetingDescription.ToHtml"/>), for the preview; null on a create form.</param>
/// <param name="Team">A team's meeting type: the fields only personal types have (seats) are left out.</param>
internal sealed record MeetingTypeFieldsView(MeetingTypeForm Form, FormErrors Errors, bool OpenRules, string? SavedDescriptionHtml = null, bool Team = false)
{
    /// <summary>The owner's named schedules a personal type may offer the hours of (none: the choice is not shown).</summary>
    public IReadOnlyList<Agenda.Storage.StoredSchedule> Schedules { get; init; } = [];

    /// <summary>Whether a field whose id starts with <paramref name="prefix"/> has an error (its disclosure then opens).</summary>
    public bool HasErrorIn(string prefix) => Errors.Any(e => e.FieldId?.StartsWith(prefix, StringComparison.Ordinal) == true);
}
