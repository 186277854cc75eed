using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Workflows;

/// <summary>The owner's workflows over /v1, with the owner's key: through <see cref="OwnerWorkflows"/>, as the console.</summary>
internal static class WorkflowsApi
{
    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners/{ownerId}/workflows").WithTags("Workflows").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("ListWorkflows").WithSummary("List the owner's workflows");
        group.MapPost("/", CreateAsync).WithName("CreateWorkflow").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Create a workflow")
            .WithDescription("name; trigger: booked (made, or a request confirmed), before_start and after_end (with offset_minutes, 0 to 525600), cancelled, rescheduled, no_show (the owner marked the invitee as a no-show), requested, declined, expired; action: email_invitee, email_owner, email_address (with address) or webhook (with url, https; not this service's own address); subject and body: Liquid templates over booking.*, invitee.*, owner.*, workflow.*, answers and answer.<question id>, checked when saved (a template that does not parse, or names a field or filter that does not exist, is a 400 naming its line); translations: subject and body by language code, chosen by the recipient's language; meeting_types: the owner's type slugs or team types as team_id/slug (left out: every type); enabled (default true). A timed workflow is planned for every booking still to come. A webhook workflow's answer carries its signing secret, once. More than 50 workflows is a 409 with reason too_many_workflows.");
        group.MapGet("/{workflowId}", GetAsync).WithName("GetWorkflow").WithSummary("Read a workflow");
        group.MapPut("/{workflowId}", ReplaceAsync).WithName("ReplaceWorkflow").ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Replace a workflow")
            .WithDescription("As creating one; a workflow that becomes a webhook gets its secret, shown in this answer once. Runs not yet attempted follow the new settings: timed runs are planned again at the times they now set (none while it is off); a run already attempted is never planned twice.");
        group.MapDelete("/{workflowId}", DeleteAsync).WithName("DeleteWorkflow").WithSummary("Delete a workflow with its runs");
        group.MapGet("/{workflowId}/runs", RunsAsync).WithName("ListWorkflowRuns").WithSummary("The workflow's 50 newest runs")
            .WithDescription("Each run: the booking, the event that planned it, status (pending, sent, failed, skipped with a note why), next_attempt_at while pending, and every attempt with its recipient and the receiver's answer.");
        group.MapPost("/{workflowId}/runs/{runId}/run-again", RunAgainAsync).WithName("RunWorkflowAgain").WithSummary("Make a run due again at once, whatever became of it");
        routes.MapPost("/v1/owners/{ownerId}/workflow-preview", PreviewAsync).WithTags("Workflows").RequireOwnerKey().ProducesDatabaseUnavailable()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("PreviewWorkflow").WithSummary("Render a subject and body for a made-up booking")
            .WithDescription("subject and body as a workflow takes them; language (default the owner's e-mail language) and trigger. Answers the text and the HTML part as e-mail would carry them.");
        return routes;
    }

    public static async Task<Results<Ok<WorkflowsResponse>, ProblemHttpResult>> ListAsync(string ownerId, OwnerWorkflows workflows, CancellationToken cancellationToken) =>
        await workflows.ListAsync(ownerId, cancellationToken) is { } list
            ? TypedResults.Ok(new WorkflowsResponse([.. list.Select(w => WorkflowResponse.From(w))]))
            : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Created<WorkflowResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string ownerId, WorkflowBody? body, HttpContext http, OwnerWorkflows workflows, CancellationToken cancellationToken) =>
        (await workflows.CreateAsync(ownerId, body, ServiceAddress.Of(http.Request), cancellationToken))
            .Answer(w => TypedResults.Created($"/v1/owners/{ownerId}/workflows/{w.Id}", WorkflowResponse.From(w, withSecret: true)));

    public static async Task<Results<Ok<WorkflowResponse>, ProblemHttpResult>> GetAsync(string ownerId, string workflowId, OwnerWorkflows workflows, CancellationToken cancellationToken) =>
        await workflows.GetAsync(ownerId, workflowId, cancellationToken) is { } workflow
            ? TypedResults.Ok(WorkflowResponse.From(workflow))
            : OwnerWorkflows.UnknownWorkflow(workflowId).ToProblem();

    public static async Task<Results<Ok<WorkflowResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        string ownerId, string workflowId, WorkflowBody? body, HttpContext http, OwnerWorkflows workflows, CancellationToken cancellationToken) =>
        (await workflows.ReplaceAsync(ownerId, workflowId, body, ServiceAddress.Of(http.Request), cancellationToken)).Answer(w => TypedResults.Ok(WorkflowResponse.From(w, withSecret: true)));

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string ownerId, string workflowId, OwnerWorkflows workflows, CancellationToken cancellationToken) =>
        await workflows.DeleteAsync(ownerId, workflowId, cancellationToken) ? TypedResults.NoContent() : OwnerWorkflows.UnknownWorkflow(workflowId).ToProblem();

    public static async Task<Results<Ok<WorkflowRunsResponse>, ProblemHttpResult>> RunsAsync(string ownerId, string workflowId, OwnerWorkflows workflows, CancellationToken cancellationToken) =>
        await workflows.RunsAsync(ownerId, workflowId, cancellationToken) is { } runs
            ? TypedResults.Ok(new WorkflowRunsResponse([.. runs.Select(WorkflowRunResponse.From)]))
            : OwnerWorkflows.UnknownWorkflow(workflowId).ToProblem();

    public static async Task<Results<NoContent, ProblemHttpResult>> RunAgainAsync(
        string ownerId, string workflowId, string runId, OwnerWorkflows workflows, CancellationToken cancellationToken) =>
        await workflows.RunAgainAsync(ownerId, workflowId, runId, cancellationToken) ? TypedResults.NoContent() : Refusal.NotFound(new Message("UnknownWorkflowRun", runId)).ToProblem();

    public static async Task<Results<Ok<WorkflowPreviewResponse>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        string ownerId, WorkflowPreviewBody? body, OwnerWorkflows workflows, CancellationToken cancellationToken) =>
        (await workflows.PreviewAsync(ownerId, body, cancellationToken)).Answer(TypedResults.Ok);
}

internal static class WorkflowsRegistration
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddSingleton<OwnerWorkflows>();
        // E-mail is optional: without it, e-mail runs are skipped with a note saying so.
        services.AddSingleton(s => new WorkflowRunner(
            s.GetRequiredService<IWorkflowStore>(), s.GetRequiredService<IBookingStore>(), s.GetRequiredService<IOwnerStore>(), s.GetRequiredService<INotificationSettingsStore>(),
            s.GetService<Notifications.EmailSender>(), s.GetService<Notifications.EmailOptions>(), s.GetRequiredService<Notifications.WebhookSender>(),
            s.GetRequiredService<Notifications.RetrySchedule>(), s.GetRequiredService<Notifications.MeetingNames>(), s.GetRequiredService<BookingLinks>(),
            s.GetRequiredService<Notifications.OutboxMetrics>(), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILogger<WorkflowRunner>>()));
        // The outbox's dispatcher runs them each round.
        services.AddSingleton<Notifications.IOutboxRoundStep>(s => s.GetRequiredService<WorkflowRunner>());
        return services;
    }
}
