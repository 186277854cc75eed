using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Outbound;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// The notification use cases of an owner, beneath the API (<c>/v1/owners/{o}/webhooks</c>, <c>/notifications</c>,
/// <c>/email-deliveries</c>) and the console's notification pages: webhook endpoints (read and checked as every door
/// needs them), their secrets and delivery logs, the e-mail sent, and the owner's e-mail settings.
/// </summary>
internal sealed class OwnerNotifications(
    IWebhookEndpointStore endpoints, IDeliveryLogStore deliveries, INotificationSettingsStore settings, WebhookTargets targets, TimeProvider time)
{
    /// <summary>How many deliveries a log shows, newest first.</summary>
    public const int Newest = 50;

    /// <summary>How long a rotated-out secret keeps signing, so receivers can switch over without missing a message.</summary>
    public static readonly Duration RotationOverlap = Duration.FromHours(24);

    /// <summary>Whether plain http and private addresses may be webhook targets (Webhooks:AllowPrivateTargets).</summary>
    public bool AllowPrivateTargets => targets.AllowPrivate;

    public async Task<EndpointWrite> AddEndpointAsync(string ownerId, string? url, IReadOnlyList<string>? events, CancellationToken cancellationToken)
    {
        var (target, types, errors) = ReadEndpoint(url, events);
        if (errors.Any || target is null)
        {
            return new EndpointWrite.Invalid(errors);
        }

        var endpoint = new StoredEndpoint("whk_" + Guid.NewGuid().ToString("N"), ownerId, target, types, WebhookSignature.NewSecret(), true, time.GetCurrentInstant());
        return await endpoints.AddEndpointAsync(endpoint, cancellationToken) switch
        {
            OwnerWrite.Written => new EndpointWrite.Saved(endpoint),
            OwnerWrite.LimitReached reached => new EndpointWrite.LimitReached(reached),
            _ => new EndpointWrite.NotFound(),
        };
    }

    public async Task<EndpointWrite> UpdateEndpointAsync(
        string ownerId, string endpointId, string? url, IReadOnlyList<string>? events, bool enabled, CancellationToken cancellationToken)
    {
        var (target, types, errors) = ReadEndpoint(url, events);
        if (errors.Any || target is null)
        {
            return new EndpointWrite.Invalid(errors);
        }

        return await endpoints.UpdateEndpointAsync(ownerId, endpointId, target, types, enabled, cancellationToken)
            && await endpoints.FindEndpointAsync(ownerId, endpointId, cancellationToken) is { } updated
            ? new EndpointWrite.Saved(updated)
            : new EndpointWrite.NotFound();
    }

    /// <summary>The owner's endpoints, oldest first; null for an unknown owner.</summary>
    public Task<IReadOnlyList<StoredEndpoint>?> ListEndpointsAsync(string ownerId, CancellationToken cancellationToken) =>
        endpoints.ListEndpointsAsync(ownerId, cancellationToken);

    public Task<StoredEndpoint?> FindEndpointAsync(string ownerId, string endpointId, CancellationToken cancellationToken) =>
        endpoints.FindEndpointAsync(ownerId, endpointId, cancellationToken);

    public Task<bool> DeleteEndpointAsync(string ownerId, string endpointId, CancellationToken cancellationToken) =>
        endpoints.DeleteEndpointAsync(ownerId, endpointId, cancellationToken);

    /// <summary>Makes a new signing secret (the old one signs too for <see cref="RotationOverlap"/>); the endpoint with it, or null for an unknown one.</summary>
    public async Task<StoredEndpoint?> RotateSecretAsync(string ownerId, string endpointId, CancellationToken cancellationToken) =>
        await endpoints.RotateSecretAsync(ownerId, endpointId, WebhookSignature.NewSecret(), time.GetCurrentInstant() + RotationOverlap, cancellationToken)
            ? await endpoints.FindEndpointAsync(ownerId, endpointId, cancellationToken)
            : null;

    /// <summary>The endpoint's <see cref="Newest"/> deliveries; null for an unknown endpoint.</summary>
    public Task<IReadOnlyList<DeliveryLog>?> DeliveriesAsync(string ownerId, string endpointId, CancellationToken cancellationToken) =>
        deliveries.ListDeliveriesAsync(ownerId, endpointId, Newest, cancellationToken);

    /// <summary>Makes a delivery due again now; false for an unknown one.</summary>
    public Task<bool> RedeliverAsync(string ownerId, string endpointId, string deliveryId, CancellationToken cancellationToken) =>
        deliveries.RedeliverAsync(ownerId, endpointId, deliveryId, time.GetCurrentInstant(), cancellationToken);

    /// <summary>The <see cref="Newest"/> e-mail deliveries about the owner's bookings; null for an unknown owner.</summary>
    public Task<IReadOnlyList<EmailDeliveryLog>?> EmailSentAsync(string ownerId, CancellationToken cancellationToken) =>
        deliveries.ListEmailDeliveriesAsync(ownerId, Newest, cancellationToken);

    public Task<NotificationSettings?> GetSettingsAsync(string ownerId, CancellationToken cancellationToken) =>
        settings.GetNotificationSettingsAsync(ownerId, cancellationToken);

    /// <summary>
    /// Replaces the owner's e-mail address (none when null) and language (English when null): the errors to show and
    /// nothing saved, or the settings saved (null for an unknown owner).
    /// </summary>
    public async Task<(RequestErrors? Errors, NotificationSettings? Saved)> SetSettingsAsync(string ownerId, string? email, string? language, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var address = email is null ? null : errors.Email("email", email);
        language ??= "en";
        if (!EmailTexts.Languages.Contains(language))
        {
            errors.Add("language", "OneOf", "language", string.Join(", ", EmailTexts.Languages));
        }

        if (errors.Any)
        {
            return (errors, null);
        }

        var saved = new NotificationSettings(address, language);
        return (null, await settings.SetNotificationSettingsAsync(ownerId, saved, cancellationToken) ? saved : null);
    }

    /// <summary>An endpoint's URL and events as every door reads them: https (unless private targets are allowed), a globally reachable address, known events.</summary>
    private (string? Url, IReadOnlyList<string> Events, RequestErrors Errors) ReadEndpoint(string? url, IReadOnlyList<string>? events)
    {
        var errors = new RequestErrors();
        var target = targets.ReadUrl(errors, "url", url);

        // Calendar events go only to endpoints that name them: receivers made for booking events see no other shape.
        var types = events ?? BookingEvents.All;
        IReadOnlyList<string> known = [.. BookingEvents.All, .. CalendarEvents.All];
        if (types.Count == 0 || types.Any(e => !known.Contains(e)))
        {
            errors.Add("events", "SomeOf", "events", string.Join(", ", known));
        }

        return (target, types.Distinct().ToList(), errors);
    }
}

/// <summary>What adding or changing a webhook endpoint came to.</summary>
internal abstract record EndpointWrite
{
    private EndpointWrite()
    {
    }

    public sealed record Saved(StoredEndpoint Endpoint) : EndpointWrite;

    /// <summary>The URL or events cannot be used; nothing was written.</summary>
    public sealed record Invalid(RequestErrors Errors) : EndpointWrite;

    /// <summary>The owner has as many endpoints as they may.</summary>
    public sealed record LimitReached(OwnerWrite.LimitReached Reached) : EndpointWrite;

    /// <summary>No such owner or endpoint.</summary>
    public sealed record NotFound : EndpointWrite;
}
