using System.Globalization;
using System.Text.Json;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Storage;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;
using NodaTime;

namespace Agenda.Api.Accounts;

/// <summary>
/// Mail about accounts: confirm your address, reset your password, an invitation, and the notes that answer the same
/// forms for an address with no account or an account already (so the forms never tell who has an account). Each
/// message is kept in the database (<see cref="IAccountMailStore"/>) before the page says it was sent, with its content
/// sealed by the service's data-protection keys (its link opens an account), and <see cref="AccountMailDispatcher"/>
/// sends it, retrying like the outbox. Links are made from <c>PublicBaseUrl</c>, never from the request's Host header,
/// so nobody can have a reset link point at their own site.
/// </summary>
internal sealed class AccountMailer(IAccountMailStore mail, IDataProtectionProvider protection, Uri? publicBaseUrl, EmailSender? sender, TimeProvider time)
{
    public const string Purpose = "Agenda.Accounts.Mail.v1";

    private readonly IDataProtector sealer = protection.CreateProtector(Purpose);

    /// <summary>Whether account mail can be sent: SMTP (<c>Email:Smtp:Host</c>) and <c>PublicBaseUrl</c> are both set.</summary>
    public bool Available => sender is not null && publicBaseUrl is not null;

    public Task ConfirmAddressAsync(string to, string path, CancellationToken cancellationToken) =>
        EnqueueAsync(to, "confirm", "MailConfirmSubject", "MailConfirmBody", Link(path), cancellationToken);

    public Task ResetPasswordAsync(string to, string path, CancellationToken cancellationToken) =>
        EnqueueAsync(to, "reset", "MailResetSubject", "MailResetBody", Link(path), cancellationToken);

    public Task NoAccountAsync(string to, CancellationToken cancellationToken) =>
        EnqueueAsync(to, "no_account", "MailNoAccountSubject", "MailNoAccountBody", Link("/console/sign-up"), cancellationToken);

    public Task AccountExistsAsync(string to, CancellationToken cancellationToken) =>
        EnqueueAsync(to, "account_exists", "MailAccountExistsSubject", "MailAccountExistsBody", Link("/console/forgot-password"), cancellationToken);

    public Task InviteAsync(string to, string inviter, string path, CancellationToken cancellationToken) =>
        EnqueueAsync(to, "invite", "MailInviteSubject", "MailInviteBody", Link(path), cancellationToken, inviter);

    public Task NewDeviceAsync(string to, string device, CancellationToken cancellationToken) =>
        EnqueueAsync(to, "new_device", "MailNewDeviceSubject", "MailNewDeviceBody", Link("/console/security"), cancellationToken, device);

    /// <summary>Opens a kept message and makes it ready to send.</summary>
    public MimeMessage Compose(AccountMail kept)
    {
        var content = JsonSerializer.Deserialize<Content>(sealer.Unprotect(kept.Sealed)) ?? throw new InvalidOperationException("An account message has no content.");
        var message = new MimeMessage { Subject = content.Subject, Body = new TextPart("plain") { Text = content.Body } };
        message.From.Add(sender!.From);
        message.To.Add(MailboxAddress.Parse(kept.Recipient));
        message.MessageId = $"{kept.Id}@agenda";
        return message;
    }

    public EmailSender? Sender => sender;

    private string Link(string path) => publicBaseUrl is null ? path : new Uri(publicBaseUrl, path.TrimStart('/')).AbsoluteUri;

    private async Task EnqueueAsync(string to, string kind, string subjectKey, string bodyKey, string link, CancellationToken cancellationToken, string? detail = null)
    {
        if (!Available)
        {
            throw new InvalidOperationException("Account mail needs Email:Smtp:Host and PublicBaseUrl; callers check AccountMailer.Available first.");
        }

        var body = string.Format(CultureInfo.CurrentCulture, AccountTexts.Get(bodyKey), link, detail);
        var content = JsonSerializer.Serialize(new Content(AccountTexts.Get(subjectKey), body));
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        await mail.EnqueueMailAsync(new AccountMail(Guid.CreateVersion7().ToString("N"), to, kind, sealer.Protect(content), 0, now, now), cancellationToken);
    }

    private sealed record Content(string Subject, string Body);
}

/// <summary>
/// Sends the account mail that is due, every <c>Outbox:PollMilliseconds</c>: claims a batch for a lease (so one node
/// sends each), sends it over SMTP, and records the attempt; a message the server refused is tried again after the
/// outbox's delays, and given up after the last.
/// </summary>
internal sealed class AccountMailDispatcher(IAccountMailStore mail, AccountMailer mailer, OutboxOptions options, TimeProvider time, ILogger<AccountMailDispatcher> logger)
    : BackgroundService
{
    private const int Batch = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (mailer.Sender is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.PollInterval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Sending account mail failed; it runs again in {Interval}.", options.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AccountMail> due;
        do
        {
            var now = Instant.FromDateTimeOffset(time.GetUtcNow());
            due = await mail.ClaimDueMailAsync(now, options.Lease, Batch, cancellationToken);
            foreach (var kept in due)
            {
                var (_, _, error) = await mailer.Sender!.TrySendAsync(mailer.Compose(kept), cancellationToken);
                Instant? retry = error is not null && kept.Attempts + 1 < RetrySchedule.Delays.Count ? now + RetrySchedule.Delays[kept.Attempts] : null;
                if (error is not null)
                {
                    logger.LogWarning("Account mail {Kind} was not sent (attempt {Attempt}): {Error}", kept.Kind, kept.Attempts + 1, error);
                }

                await mail.RecordMailAttemptAsync(kept.Id, error, retry, cancellationToken);
            }
        }
        while (due.Count == Batch);
    }
}
