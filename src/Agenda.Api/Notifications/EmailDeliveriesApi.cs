using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Notifications;

/// <summary>
/// /v1/owners/{ownerId}/email-deliveries: the e-mail about the owner's bookings (to the invitee and to the owner,
/// confirmations and reminders alike), each with its state and attempts, as webhook endpoints show theirs, so the owner
/// sees when the mail server refuses it.
/// </summary>
internal static class EmailDeliveriesApi
{
    public static IEndpointRouteBuilder MapEmailDeliveries(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners/{ownerId}/email-deliveries").WithTags("Webhooks").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("ListEmailDeliveries")
            .WithSummary("The 50 newest e-mail deliveries about the owner's bookings, newest first, each with its recipient and attempts")
            .WithDescription("channel: email (a booking made, moved or cancelled) or reminder. recipient_role: invitee or owner. status: pending (with next_attempt_at), delivered or failed; each attempt gives the mail server's status code and error, if any.");
        return routes;
    }

    public static async Task<Results<Ok<EmailDeliveriesResponse>, ProblemHttpResult>> ListAsync(string ownerId, OwnerNotifications notifications, CancellationToken cancellationToken) =>
        await notifications.EmailSentAsync(ownerId, cancellationToken) is { } log
            ? TypedResults.Ok(new EmailDeliveriesResponse([.. log.Select(EmailDeliveryResponse.Of)]))
            : ApiProblems.UnknownOwner(ownerId);
}

internal sealed record EmailDeliveryResponse(
    string Id, string EventId, string EventType, string Channel, string RecipientRole, string Recipient, string Status, int Attempts, string? NextAttemptAt,
    string CreatedAt, IReadOnlyList<AttemptResponse> AttemptLog)
{
    /// <summary>An e-mail delivery as the API shows it.</summary>
    public static EmailDeliveryResponse Of(EmailDeliveryLog e)
    {
        var d = e.Log;
        return new EmailDeliveryResponse(
            d.Id, d.EventId, d.EventType, e.Channel, e.RecipientRole, e.Recipient, d.Status, d.Attempts,
            d.NextAttemptAt is { } next ? WireFormat.FormatUtc(next) : null, WireFormat.FormatUtc(d.CreatedAt),
            [.. d.AttemptLog.Select(a => new AttemptResponse(a.Attempt, WireFormat.FormatUtc(a.AttemptedAt), a.StatusCode, a.Error, a.DurationMs, a.ResponseExcerpt))]);
    }
}

internal sealed record EmailDeliveriesResponse(IReadOnlyList<EmailDeliveryResponse> Deliveries);
