using System.Diagnostics;
using Agenda.Storage;
using MailKit.Net.Smtp;
using MimeKit;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>Sends one message over SMTP with MailKit, as one attempt of a delivery.</summary>
internal sealed class EmailSender(EmailOptions options, TimeSpan timeout)
{
    public async Task<AttemptRecord> SendAsync(DueDelivery delivery, MimeMessage message, Instant now, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (answer, code, error) = await TrySendAsync(message, cancellationToken);
        return error is null
            ? new AttemptRecord(delivery.Id, "", delivery.Attempts + 1, now, 250, null, (int)clock.ElapsedMilliseconds, Excerpt(answer))
            : new AttemptRecord(delivery.Id, "", delivery.Attempts + 1, now, code, error, (int)clock.ElapsedMilliseconds, null);
    }

    /// <summary>One attempt to hand the message to the mail server: its answer, or the status code and the reason it did not take it.</summary>
    public async Task<(string? Answer, int? Code, string? Error)> TrySendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // Within the claim's lease (Webhooks:TimeoutSeconds + 5 s), so no other node sends the message meanwhile.
            using var smtp = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
            await smtp.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
            if (options.Username is { Length: > 0 } user)
            {
                await smtp.AuthenticateAsync(user, options.Password ?? "", cancellationToken);
            }

            var answer = await smtp.SendAsync(message, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return (answer, 250, null);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException
            or MailKit.Security.AuthenticationException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A refused login is an AuthenticationException around the server's answer (535, say).
            var code = (e as SmtpCommandException ?? e.InnerException as SmtpCommandException) is { } command ? (int)command.StatusCode : (int?)null;
            return (null, code, $"The mail server did not take the message: {e.Message}");
        }
    }

    /// <summary>The sender's address, for messages composed elsewhere.</summary>
    public MailboxAddress From => MailboxAddress.Parse(options.From);

    private static string? Excerpt(string? answer) => answer is null ? null : answer.Length <= WebhookSender.ExcerptLength ? answer : answer[..WebhookSender.ExcerptLength];
}
