using Agenda.Api.Workflows;
using Agenda.Storage;

namespace Agenda.Api.Pages.Console.Workflows;

/// <summary>A workflow as its console form has it, the same fields as the API's body (<see cref="WorkflowBody"/>).</summary>
internal sealed class WorkflowForm
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string> { [nameof(OffsetMinutes)] = "WorkflowOffset" };

    public string? Name { get; set; }

    public string Trigger { get; set; } = "before_start";

    public int? OffsetMinutes { get; set; } = 1440;

    public string Action { get; set; } = "email_invitee";

    public string? Address { get; set; }

    public string? Url { get; set; }

    public string? Subject { get; set; }

    public string? Body { get; set; }

    /// <summary>The meeting types ticked, as the API names them (slug, or team_id/slug); none: every type.</summary>
    public List<string> MeetingTypes { get; set; } = [];

    public bool Enabled { get; set; } = true;

    /// <summary>A new workflow's form: a reminder a day before, with texts in the owner's language to start from.</summary>
    public static WorkflowForm New() => new()
    {
        Name = ConsoleTexts.Get("WorkflowSampleName"),
        Subject = ConsoleTexts.Get("WorkflowSampleSubject"),
        Body = ConsoleTexts.Get("WorkflowSampleBody").Replace("\\n", "\n", StringComparison.Ordinal),
    };

    public static WorkflowForm From(StoredWorkflow workflow)
    {
        var shown = WorkflowResponse.From(workflow);
        return new()
        {
            Name = shown.Name,
            Trigger = shown.Trigger,
            OffsetMinutes = shown.OffsetMinutes,
            Action = shown.Action,
            Address = shown.Address,
            Url = shown.Url,
            Subject = shown.Subject,
            Body = shown.Body,
            MeetingTypes = [.. shown.MeetingTypes],
            Enabled = shown.Enabled,
        };
    }

    /// <summary>The API's body; a field the chosen trigger or action does not use is left out, so it is not checked.</summary>
    public WorkflowBody ToBody(IReadOnlyDictionary<string, WorkflowTextBody?>? translations = null)
    {
        var timed = Trigger is "before_start" or "after_end";
        return new WorkflowBody(
            Name?.Trim(), Trigger, timed ? OffsetMinutes : null, Action, Action == "email_address" ? Address?.Trim() : null, Action == "webhook" ? Url?.Trim() : null,
            Subject, Body, MeetingTypes, translations, Enabled);
    }

    /// <summary>The form's field of a use case's error key.</summary>
    public static string? FieldOf(string key) => key switch
    {
        "name" => "wf-name",
        "trigger" => "wf-trigger",
        "offset_minutes" => "wf-offset",
        "action" => "wf-action",
        "address" => "wf-address",
        "url" => "wf-url",
        "subject" => "wf-subject",
        "body" => "wf-body",
        _ when key.StartsWith("meeting_types", StringComparison.Ordinal) => "wf-types",
        _ => null,
    };
}

/// <summary>The workflow form's fields, for <c>_WorkflowFields</c>: the form, its errors, and the meeting types to tick (API name and title).</summary>
internal sealed record WorkflowFieldsView(WorkflowForm Form, FormErrors Errors, IReadOnlyList<(string Name, string Title)> Types);
