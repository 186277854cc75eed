using Agenda.Api.Availability;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Observability;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// Who is told of bookings: the owner's e-mail address and language with the e-mail sent (and whether the mail server
/// took it), and the webhook endpoints, through the same use cases as the API (<see cref="OwnerNotifications"/>). A new
/// endpoint's signing secret is shown once, in the answer to the post that made it.
/// </summary>
internal sealed class NotificationsModel(OwnerNotifications notifications, LimitMetrics limits, EmailAvailability email) : ConsolePage
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
        var (errors, saved) = await notifications.SetSettingsAsync(OwnerId, string.IsNullOrWhiteSpace(address) ? null : address.Trim(), language, cancellationToken);
        if (errors is not null)
        {
            Errors.Add(errors, key => key == "email" ? "notify-email" : null);
            return await PageAsync(cancellationToken);
        }

        return saved is null ? NotFoundPage() : Done("Saved");
    }

    public async Task<IActionResult> OnPostAddWebhookAsync(CancellationToken cancellationToken)
    {
        switch (await notifications.AddEndpointAsync(OwnerId, Form.Url?.Trim(), Form.Events, cancellationToken))
        {
            case EndpointWrite.Saved saved:
                Created = WebhookResponse.Of(saved.Endpoint, showSecret: true);
                Form = new() { Events = [.. BookingEvents.All] };
                break;
            case EndpointWrite.Invalid invalid:
                Errors.Add(invalid.Errors, WebhookFieldOf);
                break;
            case EndpointWrite.LimitReached reached:
                Errors.Add(OwnerLimitRefusals.Describe(reached.Reached, limits));
                break;
            default:
                return NotFoundPage();
        }

        // No redirect: the secret is in this answer only (and, like every console page, it is not cached).
        return await PageAsync(cancellationToken);
    }

    /// <summary>The field of the webhook forms that a use case's error key names.</summary>
    public static string? WebhookFieldOf(string key) => key == "url" ? "webhook-url" : null;

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (await notifications.GetSettingsAsync(OwnerId, cancellationToken) is not { } settings
            || await notifications.ListEndpointsAsync(OwnerId, cancellationToken) is not { } webhooks
            || await notifications.EmailSentAsync(OwnerId, cancellationToken) is not { } sent)
        {
            return NotFoundPage();
        }

        Settings = new NotificationSettingsBody(settings.Email, settings.Language);
        Webhooks = [.. webhooks.Select(w => WebhookResponse.Of(w, showSecret: false))];
        EmailDeliveries = [.. sent.Select(EmailDeliveryResponse.Of)];
        return Page();
    }
}

/// <summary>A webhook endpoint as typed in the console: its URL and the events ticked (none ticked is refused, as in the API).</summary>
internal sealed class WebhookForm
{
    public string? Url { get; set; }

    public List<string> Events { get; set; } = [];

}
