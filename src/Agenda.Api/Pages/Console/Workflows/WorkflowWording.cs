using Agenda.Api.Workflows;

namespace Agenda.Api.Pages.Console.Workflows;

/// <summary>How the console says when a workflow acts: "1 day before the meeting starts", "When a booking is made".</summary>
internal static class WorkflowWording
{
    public static string When(WorkflowResponse workflow) => workflow.Trigger switch
    {
        "before_start" => ConsoleTexts.Format("WorkflowBeforeStart", Span(workflow.OffsetMinutes)),
        "after_end" => ConsoleTexts.Format("WorkflowAfterEnd", Span(workflow.OffsetMinutes)),
        var other => ConsoleTexts.Get("WorkflowTrigger_" + other),
    };

    /// <summary>An offset in the largest whole unit: days, hours or minutes.</summary>
    public static string Span(int minutes) =>
        minutes > 0 && minutes % 1440 == 0 ? ConsoleTexts.Format("WorkflowDays", minutes / 1440)
        : minutes > 0 && minutes % 60 == 0 ? ConsoleTexts.Format("WorkflowHours", minutes / 60)
        : ConsoleTexts.Format("WorkflowMinutes", minutes);
}
