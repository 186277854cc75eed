using Agenda.Api.Workflows;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console.Workflows;

/// <summary>
/// One workflow: edited, previewed with a made-up booking, turned off or deleted, and its log of runs (sent, failed and
/// why, skipped and why, with every attempt), each run sent again on request; all through <see cref="OwnerWorkflows"/>.
/// Another owner's workflow answers the same 404 as one that does not exist.
/// </summary>
internal sealed class EditModel(OwnerWorkflows workflows, IMeetingTypeStore meetingTypes, ITeamStore teams) : ConsolePage
{
    public StoredWorkflow? Workflow { get; private set; }

    public IReadOnlyList<(string Name, string Title)> Types { get; private set; } = [];

    public IReadOnlyList<WorkflowRunLog> Runs { get; private set; } = [];

    /// <summary>The signing secret of a workflow that has just become a webhook, shown once.</summary>
    public string? NewSecret { get; private set; }

    /// <summary>The preview asked for, rendered for a made-up booking.</summary>
    public WorkflowPreviewResponse? Preview { get; private set; }

    [BindProperty]
    public WorkflowForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFoundPage();
        }

        Form = WorkflowForm.From(Workflow!);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFoundPage();
        }

        if (BindingFailed(WorkflowForm.Labels, name => name.EndsWith(nameof(WorkflowForm.OffsetMinutes), StringComparison.Ordinal) ? "wf-offset" : null))
        {
            return Page();
        }

        // The translations are kept as they are: the console does not edit them (the API does).
        var translations = Workflow!.Translations.ToDictionary(t => t.Key, t => (WorkflowTextBody?)new WorkflowTextBody(t.Value.Subject, t.Value.Body));
        var outcome = await workflows.ReplaceAsync(OwnerId, id, Form.ToBody(translations), ServiceAddress.Of(Request), cancellationToken);
        if (!Accepted(outcome, WorkflowForm.FieldOf))
        {
            return Page();
        }

        // A workflow that has just become a webhook shows its new secret in this answer only (no redirect).
        if (((Platform.Wire.Outcome<StoredWorkflow>.Done)outcome).Value.Secret is { } secret)
        {
            NewSecret = secret;
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        return Done("Saved");
    }

    /// <summary>Renders the posted subject and body for a made-up booking, in the owner's language; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFoundPage();
        }

        var outcome = await workflows.PreviewAsync(OwnerId, new WorkflowPreviewBody(Form.Subject, Form.Body, Trigger: Form.Trigger), cancellationToken);
        if (Accepted(outcome, WorkflowForm.FieldOf))
        {
            Preview = ((Platform.Wire.Outcome<WorkflowPreviewResponse>.Done)outcome).Value;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRunAgainAsync(string id, string? run, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !await workflows.RunAgainAsync(OwnerId, id, run ?? "", cancellationToken))
        {
            return NotFoundPage();
        }

        return Done("WorkflowRunAgainNotice");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken) =>
        await workflows.DeleteAsync(OwnerId, id, cancellationToken) ? Done("Deleted", "/Console/Workflows/Index") : NotFoundPage();

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await workflows.GetAsync(OwnerId, id, cancellationToken) is not { } workflow)
        {
            return false;
        }

        Workflow = workflow;
        Runs = await workflows.RunsAsync(OwnerId, id, cancellationToken) ?? [];
        Types = await WorkflowTypes.OfAsync(OwnerId, meetingTypes, teams, cancellationToken);
        return true;
    }
}
