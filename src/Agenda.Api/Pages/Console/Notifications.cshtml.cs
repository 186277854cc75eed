using Agenda.Api.Notifications;
using Agenda.Api.Observability;
using Agenda.Api.OwnerConsole;
using Agenda.Api.V1;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// Who is told of bookings: the owner's e-mail address and language with the e-mail sent (and whether the mail server
/// took it), and the webhook endpoints, through the /v1 handlers. A new endpoint's signing secret is shown once, in the answer to the post that made it.
/// </summary>
public sealed class NotificationsModel(IWebhookEndpointStore endpoints, IDeliveryLogStore deliveries, INotificationSettingsStore notificationSettings, WebhookTargets targets, LimitMetrics limits, EmailAvailability email, TimeProvider time) : ConsolePage
{
    public NotificationSettingsBody Settings { get; private set; } = new(null, "en");

    public IReadOnlyList<WebhookResponse> Webhooks { get; private set; } = [];

    /// <summary>The newest e-mail about the owner's bookings, with each one's state and the mail server's last answer.</summary>
    public IReadOnlyList<EmailDeliveryResponse> EmailDeliveries { get; private set; } = [];

    /// <summary>Whether this service sends e-mail at all (SMTP configured); without it the address is kept for later.</summary>
    public bool EmailEnabled => email.Enabled;

    /// <summary>The endpoint just made, with its secret.</summary>
    public WebhookResponse? Created { get; private set; }

    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Form.Events = [.. BookingEvents.All];
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostEmailAsync(string? address, string? language, CancellationToken cancellationToken)
    {
        var body = new NotificationSettingsBody(string.IsNullOrWhiteSpace(address) ? null : address.Trim(), language);
        var answer = await NotificationSettingsApi.PutAsync(OwnerId, body, notificationSettings, cancellationToken);
        return Accepted(answer.Result) ? Done("Saved") : await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAddWebhookAsync(CancellationToken cancellationToken)
    {
        var answer = (await WebhooksApi.CreateAsync(OwnerId, Form.ToRequest(enabled: null), endpoints, targets, limits, time, cancellationToken)).Result;
        if (Accepted(answer))
        {
            Created = ApiAnswer.ValueOf<WebhookResponse>(answer);
            Form = new() { Events = [.. BookingEvents.All] };
        }

        // No redirect: the secret is in this answer only (and, like every console page, it is not cached).
        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (ApiAnswer.ValueOf<NotificationSettingsBody>((await NotificationSettingsApi.GetAsync(OwnerId, notificationSettings, cancellationToken)).Result) is not { } settings
            || ApiAnswer.ValueOf<WebhooksResponse>((await WebhooksApi.ListAsync(OwnerId, endpoints, cancellationToken)).Result) is not { } webhooks
            || ApiAnswer.ValueOf<EmailDeliveriesResponse>((await EmailDeliveriesApi.ListAsync(OwnerId, deliveries, cancellationToken)).Result) is not { } sent)
        {
            return NotFoundPage();
        }

        Settings = settings;
        Webhooks = webhooks.Webhooks;
        EmailDeliveries = sent.Deliveries;
        return Page();
    }
}

/// <summary>A webhook endpoint as typed in the console: its URL and the events ticked (none ticked is refused, as in the API).</summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }

    public List<string> Events { get; set; } = [];

    public WebhookRequest ToRequest(bool? enabled) => new(Url?.Trim(), Events, enabled);
}
