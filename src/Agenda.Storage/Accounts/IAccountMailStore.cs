using NodaTime;

namespace Agenda.Storage;

/// <summary>Mail about accounts (confirmation, password reset, invitation), kept until sent and tried again like the outbox's.</summary>
public interface IAccountMailStore
{
    /// <summary>Keeps a message to send; <see cref="AccountMail.Sealed"/> holds its content, sealed by the host.</summary>
    Task EnqueueMailAsync(AccountMail mail, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> due messages for <paramref name="lease"/>, so no other node sends them meanwhile.</summary>
    Task<IReadOnlyList<AccountMail>> ClaimDueMailAsync(Instant now, Duration lease, int limit, CancellationToken cancellationToken);

    /// <summary>Records an attempt: delivered, failed for good, or to try again at <paramref name="retryAt"/>.</summary>
    Task RecordMailAttemptAsync(string mailId, string? error, Instant? retryAt, CancellationToken cancellationToken);
}

/// <summary>A message about an account. <see cref="Kind"/> says which (confirm, reset, invite, ...).</summary>
public sealed record AccountMail(string Id, string Recipient, string Kind, string Sealed, int Attempts, Instant NextAttemptAt, Instant CreatedAt, string Status = "pending", string? LastError = null);
