using System.Diagnostics;
using System.Text;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Outbound;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// One attempt to deliver one message to one endpoint: a POST with the Standard Webhooks headers, no redirect followed,
/// within <c>Webhooks:TimeoutSeconds</c>. Any 2xx answer delivers; the answer's body is kept only as a short excerpt.
/// </summary>
internal sealed class WebhookSender(HttpClient http, TimeProvider time)
{
    public const string ClientName = "webhooks";

    /// <summary>How much of an answer's body the log keeps.</summary>
    public const int ExcerptLength = 200;

    public async Task<AttemptRecord> SendAsync(DueDelivery delivery, string body, CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant();
        var endpoint = delivery.Endpoint ?? throw new ArgumentException("A webhook delivery names its endpoint.", nameof(delivery));
        var secrets = endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > now ? new[] { endpoint.Secret, previous } : [endpoint.Secret];
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", delivery.Event.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(delivery.Event.Id, timestamp, body, secrets));
        var attempt = delivery.Attempts + 1;
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var excerpt = await ExcerptAsync(response, cancellationToken);
            var code = (int)response.StatusCode;
            return new AttemptRecord(delivery.Id, endpoint.Id, attempt, now, code,
                response.IsSuccessStatusCode ? null : code is >= 300 and < 400 ? "Redirects are not followed; give the final address." : $"The endpoint answered {code}.",
                (int)clock.ElapsedMilliseconds, excerpt);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or WebhookTargetRefusedException && !cancellationToken.IsCancellationRequested)
        {
            var refused = e as WebhookTargetRefusedException ?? e.InnerException as WebhookTargetRefusedException;
            var error = refused?.Message ?? (e is TaskCanceledException ? "No answer within the timeout." : $"No answer: {e.Message}");
            return new AttemptRecord(delivery.Id, endpoint.Id, attempt, now, null, error, (int)clock.ElapsedMilliseconds, null);
        }
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new char[ExcerptLength];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return read == 0 ? null : new string(buffer, 0, read);
    }
}
