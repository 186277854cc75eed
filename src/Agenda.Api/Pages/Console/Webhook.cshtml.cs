using Agenda.Api.Availability;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Wire;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// One webhook endpoint: its settings (URL, events, on or off), a new secret, deletion, and its delivery log with a
/// redeliver action, through the same use cases as the API (<see cref="OwnerNotifications"/>). Another owner's endpoint
/// is a 404, like one that does not exist.
/// </summary>
internal sealed class WebhookModel(OwnerNotifications notifications) : ConsolePage
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
        switch (await notifications.UpdateEndpointAsync(OwnerId, EndpointId, Form.Url?.Trim(), Form.Events, enabled, cancellationToken))
        {
            case EndpointWrite.Saved:
                return Done("Saved");
            case EndpointWrite.Invalid invalid:
                Errors.Add(invalid.Errors, NotificationsModel.WebhookFieldOf);
                return await PageAsync(cancellationToken, fillForm: false);
            default:
                return NotFoundPage();
        }
    }

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        if (await notifications.RotateSecretAsync(OwnerId, EndpointId, cancellationToken) is not { } rotated)
        {
            return NotFoundPage();
        }

        // No redirect: the secret is in this answer only.
        RotatedSecret = rotated.Secret;
        return await PageAsync(cancellationToken, fillForm: true);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        await notifications.DeleteEndpointAsync(OwnerId, EndpointId, cancellationToken) ? Done("WebhookDeleted", "/Console/Notifications") : NotFoundPage();

    public async Task<IActionResult> OnPostRedeliverAsync(string? deliveryId, CancellationToken cancellationToken) =>
        await notifications.RedeliverAsync(OwnerId, EndpointId, deliveryId ?? "", cancellationToken) ? Done("RedeliveryQueued") : NotFoundPage();

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken, bool fillForm)
    {
        if (await notifications.FindEndpointAsync(OwnerId, EndpointId, cancellationToken) is not { } endpoint
            || await notifications.DeliveriesAsync(OwnerId, EndpointId, cancellationToken) is not { } log)
        {
            return NotFoundPage();
        }

        Endpoint = WebhookResponse.Of(endpoint, showSecret: false);
        Deliveries = DeliveriesResponse.Of(log).Deliveries;
        if (fillForm)
        {
            Form = new WebhookForm { Url = endpoint.Url, Events = [.. endpoint.EventTypes] };
            FormEnabled = endpoint.Enabled;
        }

        return Page();
    }
}
