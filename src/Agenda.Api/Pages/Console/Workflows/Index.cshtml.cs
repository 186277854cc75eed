using Agenda.Api.Workflows;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console.Workflows;

/// <summary>
/// The owner's workflows, each with what sets it off and what it does, and a form for a new one, through the same use
/// case as the API (<see cref="OwnerWorkflows"/>). A webhook workflow's signing secret is shown once, in the answer to the
/// post that made it.
/// </summary>
internal sealed class IndexModel(OwnerWorkflows workflows, IMeetingTypeStore meetingTypes, ITeamStore teams) : ConsolePage
{
    public IReadOnlyList<StoredWorkflow> Workflows { get; private set; } = [];

    /// <summary>The meeting types a workflow may name: the owner's own and their teams'.</summary>
    public IReadOnlyList<(string Name, string Title)> Types { get; private set; } = [];

    /// <summary>The webhook workflow just made, with its secret.</summary>
    public StoredWorkflow? Created { get; private set; }

    [BindProperty]
    public WorkflowForm Form { get; set; } = WorkflowForm.New();

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (BindingFailed(WorkflowForm.Labels, name => name.EndsWith(nameof(WorkflowForm.OffsetMinutes), StringComparison.Ordinal) ? "wf-offset" : null))
        {
            return await PageAsync(cancellationToken);
        }

        var outcome = await workflows.CreateAsync(OwnerId, Form.ToBody(), ServiceAddress.Of(Request), cancellationToken);
        if (!Accepted(outcome, WorkflowForm.FieldOf))
        {
            return await PageAsync(cancellationToken);
        }

        var created = ((Platform.Wire.Outcome<StoredWorkflow>.Done)outcome).Value;
        if (created.Secret is null)
        {
            return Done("Saved");
        }

        // No redirect: the secret is in this answer only.
        Created = created;
        Form = WorkflowForm.New();
        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (await workflows.ListAsync(OwnerId, cancellationToken) is not { } list)
        {
            return NotFoundPage();
        }

        Workflows = list;
        Types = await WorkflowTypes.OfAsync(OwnerId, meetingTypes, teams, cancellationToken);
        return Page();
    }
}

/// <summary>The meeting types a workflow of the owner's may name, as the API names them, with their titles.</summary>
internal static class WorkflowTypes
{
    public static async Task<IReadOnlyList<(string Name, string Title)>> OfAsync(string ownerId, IMeetingTypeStore meetingTypes, ITeamStore teams, CancellationToken cancellationToken)
    {
        var own = (await meetingTypes.ListMeetingTypesAsync(ownerId, cancellationToken) ?? []).Select(t => (t.Slug, t.Title));
        var team = (await teams.ListTeamsOfAsync(ownerId, cancellationToken))
            .SelectMany(t => t.MeetingTypes.Select(m => ($"{t.Id}/{m.Slug}", $"{m.Title} ({t.Name})")));
        return [.. own, .. team];
    }
}
