using Agenda.Api.Notifications;
using Agenda.Api.OwnerConsole;
using Agenda.Api.V1;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// One webhook endpoint: its settings (URL, events, on or off), a new secret, deletion, and its delivery log with a
/// redeliver action, all through the /v1 handlers. Another owner's endpoint is a 404, like one that does not exist.
/// </summary>
public sealed class WebhookModel(IWebhookEndpointStore endpoints, IDeliveryLogStore deliveries, WebhookTargets targets, TimeProvider time) : ConsolePage
{
    [FromRoute]
    public string EndpointId { get; set; } = "";

    /// <summary>The endpoint shown; null on a 404 page.</summary>
    public WebhookResponse? Endpoint { get; private set; }

    public IReadOnlyList<DeliveryResponse> Deliveries { get; private set; } = [];

    /// <summary>The secret just made by a rotation, shown in that answer only.</summary>
    public string? RotatedSecret { get; private set; }

    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    public bool FormEnabled { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken, fillForm: true);

    public async Task<IActionResult> OnPostUpdateAsync(bool enabled, CancellationToken cancellationToken)
    {
        FormEnabled = enabled;
        var answer = ApiAnswer.Of((await WebhooksApi.UpdateAsync(OwnerId, EndpointId, Form.ToRequest(enabled), endpoints, targets, cancellationToken)).Result);
        if (answer.NotFound)
        {
            return NotFoundPage();
        }

        Errors.AddRange(answer.Errors);
        return answer.Succeeded ? Done("Saved") : await PageAsync(cancellationToken, fillForm: false);
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        var answer = (await WebhooksApi.RotateAsync(OwnerId, EndpointId, endpoints, time, cancellationToken)).Result;
        if (ApiAnswer.ValueOf<WebhookResponse>(answer) is not { } rotated)
        {
            return NotFoundPage();
        }

        // No redirect: the secret is in this answer only.
        RotatedSecret = rotated.Secret;
        return await PageAsync(cancellationToken, fillForm: true);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        ApiAnswer.Of((await WebhooksApi.DeleteAsync(OwnerId, EndpointId, endpoints, cancellationToken)).Result).Succeeded
            ? Done("WebhookDeleted", "/Console/Notifications")
            : NotFoundPage();

    public async Task<IActionResult> OnPostRedeliverAsync(string? deliveryId, CancellationToken cancellationToken) =>
        ApiAnswer.Of((await WebhooksApi.RedeliverAsync(OwnerId, EndpointId, deliveryId ?? "", deliveries, time, cancellationToken)).Result).Succeeded
            ? Done("RedeliveryQueued")
            : NotFoundPage();

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken, bool fillForm)
    {
        if (ApiAnswer.ValueOf<WebhookResponse>((await WebhooksApi.GetAsync(OwnerId, EndpointId, endpoints, cancellationToken)).Result) is not { } endpoint
            || ApiAnswer.ValueOf<DeliveriesResponse>((await WebhooksApi.DeliveriesAsync(OwnerId, EndpointId, deliveries, cancellationToken)).Result) is not { } log)
        {
            return NotFoundPage();
        }

        Endpoint = endpoint;
        Deliveries = log.Deliveries;
        if (fillForm)
        {
            Form = new WebhookForm { Url = endpoint.Url, Events = [.. endpoint.Events] };
            FormEnabled = endpoint.Enabled;
        }

        return Page();
    }
}
