using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Observability;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// /v1/owners/{ownerId}/webhooks: an owner's webhook endpoints, each with the booking events it receives, its signing
/// secret (shown when made or rotated), and its delivery log.
/// </summary>
internal static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners/{ownerId}/webhooks").WithTags("Webhooks").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateWebhook").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Add a webhook endpoint (its signing secret is shown once)")
            .WithDescription("url: where to POST (https; public addresses only unless Webhooks:AllowPrivateTargets). events: any of booking.created, booking.cancelled, booking.rescheduled, booking.requested, booking.confirmed, booking.declined, booking.expired and booking.no_show (all of these when left out), and calendar.failing (a connected calendar that was read fine cannot be read; its last good copy still counts) and calendar.stale (its copy is too old to count; its when_unreachable applies), sent only when named. Past the owner's limit (Limits:MaxWebhookEndpointsPerOwner), a 409 with reason limit_reached.");
        group.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("List the owner's webhook endpoints (never their secrets)");
        group.MapGet("/{endpointId}", GetAsync).WithName("GetWebhook").WithSummary("Read a webhook endpoint, with why it was disabled if it was");
        group.MapPut("/{endpointId}", UpdateAsync).WithName("UpdateWebhook").ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Change an endpoint's URL, events or state; enabling it again clears why it was disabled");
        group.MapDelete("/{endpointId}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Delete an endpoint with its deliveries and log");
        group.MapPost("/{endpointId}/rotate-secret", RotateAsync).WithName("RotateWebhookSecret")
            .WithSummary("Make a new signing secret (shown once); the old one signs too for 24 hours");
        group.MapGet("/{endpointId}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The endpoint's 50 newest deliveries, newest first, each with its attempts");
        group.MapPost("/{endpointId}/deliveries/{deliveryId}/redeliver", RedeliverAsync).WithName("RedeliverWebhook")
            .WithSummary("Send a delivery again as soon as possible, whatever became of it");
        return routes;
    }

    public static async Task<Results<Created<WebhookResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string ownerId, WebhookRequest? body, OwnerNotifications notifications, LimitMetrics limits, CancellationToken cancellationToken) =>
        await notifications.AddEndpointAsync(ownerId, body?.Url, body?.Events, cancellationToken) switch
        {
            EndpointWrite.Saved saved => TypedResults.Created(
                $"/v1/owners/{Uri.EscapeDataString(ownerId)}/webhooks/{saved.Endpoint.Id}", WebhookResponse.Of(saved.Endpoint, showSecret: true)),
            EndpointWrite.Invalid invalid => invalid.Errors.Problem(),
            EndpointWrite.LimitReached reached => OwnerLimitRefusals.ToProblem(reached.Reached, limits),
            _ => ApiProblems.UnknownOwner(ownerId),
        };

    public static async Task<Results<Ok<WebhooksResponse>, ProblemHttpResult>> ListAsync(string ownerId, OwnerNotifications notifications, CancellationToken cancellationToken) =>
        await notifications.ListEndpointsAsync(ownerId, cancellationToken) is { } list
            ? TypedResults.Ok(new WebhooksResponse(list.Select(e => WebhookResponse.Of(e, showSecret: false)).ToList()))
            : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(string ownerId, string endpointId, OwnerNotifications notifications, CancellationToken cancellationToken) =>
        await notifications.FindEndpointAsync(ownerId, endpointId, cancellationToken) is { } endpoint
            ? TypedResults.Ok(WebhookResponse.Of(endpoint, showSecret: false))
            : UnknownEndpoint(ownerId, endpointId);

    public static async Task<Results<Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string ownerId, string endpointId, WebhookRequest? body, OwnerNotifications notifications, CancellationToken cancellationToken) =>
        await notifications.UpdateEndpointAsync(ownerId, endpointId, body?.Url, body?.Events, body?.Enabled ?? true, cancellationToken) switch
        {
            EndpointWrite.Saved saved => TypedResults.Ok(WebhookResponse.Of(saved.Endpoint, showSecret: false)),
            EndpointWrite.Invalid invalid => invalid.Errors.Problem(),
            _ => UnknownEndpoint(ownerId, endpointId),
        };

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string ownerId, string endpointId, OwnerNotifications notifications, CancellationToken cancellationToken) =>
        await notifications.DeleteEndpointAsync(ownerId, endpointId, cancellationToken) ? TypedResults.NoContent() : UnknownEndpoint(ownerId, endpointId);

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> RotateAsync(
        string ownerId, string endpointId, OwnerNotifications notifications, CancellationToken cancellationToken) =>
        await notifications.RotateSecretAsync(ownerId, endpointId, cancellationToken) is { } rotated
            ? TypedResults.Ok(WebhookResponse.Of(rotated, showSecret: true))
            : UnknownEndpoint(ownerId, endpointId);

    public static async Task<Results<Ok<DeliveriesResponse>, ProblemHttpResult>> DeliveriesAsync(
        string ownerId, string endpointId, OwnerNotifications notifications, CancellationToken cancellationToken) =>
        await notifications.DeliveriesAsync(ownerId, endpointId, cancellationToken) is { } log
            ? TypedResults.Ok(DeliveriesResponse.Of(log))
            : UnknownEndpoint(ownerId, endpointId);

    public static async Task<Results<Accepted, ProblemHttpResult>> RedeliverAsync(
        string ownerId, string endpointId, string deliveryId, OwnerNotifications notifications, CancellationToken cancellationToken) =>
        await notifications.RedeliverAsync(ownerId, endpointId, deliveryId, cancellationToken)
            ? TypedResults.Accepted($"/v1/owners/{Uri.EscapeDataString(ownerId)}/webhooks/{endpointId}/deliveries")
            : ApiProblems.NotFound($"Webhook endpoint '{endpointId}' of owner '{ownerId}' has no delivery '{deliveryId}'.");

    private static ProblemHttpResult UnknownEndpoint(string ownerId, string endpointId) =>
        ApiProblems.NotFound($"Owner '{ownerId}' has no webhook endpoint '{endpointId}'.");

}

/// <param name="Enabled">On PUT: false pauses deliveries (new events are not queued for it); true (the default) resumes.</param>
internal sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events, bool? Enabled = null);

/// <summary>A webhook endpoint. <see cref="Secret"/> appears only when the endpoint is made or its secret rotated.</summary>
internal sealed record WebhookResponse(
    string Id, string Url, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason, string? FailingSince, string CreatedAt, string? Secret)
{
    public static WebhookResponse Of(StoredEndpoint e, bool showSecret) =>
        new(e.Id, e.Url, e.EventTypes, e.Enabled, e.DisabledReason, e.FailingSince is { } since ? WireFormat.FormatUtc(since) : null,
            WireFormat.FormatUtc(e.CreatedAt), showSecret ? e.Secret : null);
}

internal sealed record WebhooksResponse(IReadOnlyList<WebhookResponse> Webhooks);


/// <summary>/v1/owners/{ownerId}/notifications: where the owner's booking e-mail goes, and its language (also that of the invitees' e-mail).</summary>
internal static class NotificationSettingsApi
{
    public static IEndpointRouteBuilder MapNotificationSettings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners/{ownerId}/notifications").WithTags("Webhooks").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", GetAsync).WithName("GetNotificationSettings").WithSummary("The owner's e-mail address for booking notices, and the e-mail's language");
        group.MapPut("/", PutAsync).WithName("PutNotificationSettings").ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Set where the owner's booking e-mail goes (email: null for none) and its language (en or de), which invitees' e-mail about the owner's bookings uses too");
        return routes;
    }

    public static async Task<Results<Ok<NotificationSettingsBody>, ProblemHttpResult>> GetAsync(string ownerId, OwnerNotifications notifications, CancellationToken cancellationToken) =>
        await notifications.GetSettingsAsync(ownerId, cancellationToken) is { } settings
            ? TypedResults.Ok(new NotificationSettingsBody(settings.Email, settings.Language))
            : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<NotificationSettingsBody>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string ownerId, NotificationSettingsBody? body, OwnerNotifications notifications, CancellationToken cancellationToken)
    {
        var (errors, saved) = await notifications.SetSettingsAsync(ownerId, body?.Email, body?.Language, cancellationToken);
        if (errors is not null)
        {
            return errors.Problem();
        }

        return saved is null ? ApiProblems.UnknownOwner(ownerId) : TypedResults.Ok(new NotificationSettingsBody(saved.Email, saved.Language));
    }
}

internal sealed record NotificationSettingsBody(string? Email, string? Language);
