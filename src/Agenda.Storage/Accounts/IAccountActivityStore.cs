using NodaTime;

namespace Agenda.Storage;

/// <summary>What happens around accounts: the sign-in record, the administrator's invitations.</summary>
public interface IAccountActivityStore
{
    /// <summary>Adds an event to the account's record.</summary>
    Task RecordAsync(AccountEvent accountEvent, CancellationToken cancellationToken);

    /// <summary>The account's latest events, newest first.</summary>
    Task<IReadOnlyList<AccountEvent>> ListEventsAsync(string accountId, int limit, CancellationToken cancellationToken);

    /// <summary>Whether the account has signed in before: from that device (its hash), or from any when <paramref name="device"/> is null.</summary>
    Task<bool> HasSignedInAsync(string accountId, string? device, CancellationToken cancellationToken);

    /// <summary>Stores an invitation (only its token's hash).</summary>
    Task AddInviteAsync(StoredInvite invite, CancellationToken cancellationToken);

    /// <summary>The invitation with that token hash, or null.</summary>
    Task<StoredInvite?> FindInviteAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Invitations neither accepted nor revoked, newest first (expired ones included, marked by their date).</summary>
    Task<IReadOnlyList<StoredInvite>> ListOpenInvitesAsync(CancellationToken cancellationToken);

    /// <summary>Revokes an open invitation; false if there is no such open invitation.</summary>
    Task<bool> RevokeInviteAsync(string inviteId, Instant now, CancellationToken cancellationToken);
}

/// <summary>One line of an account's sign-in record.</summary>
public sealed record AccountEvent(string Id, string AccountId, string Kind, Instant OccurredAt, string? Device, string? Address, string? UserAgent, string? Detail);

/// <summary>An administrator's invitation to make an account.</summary>
public sealed record StoredInvite(string Id, string TokenHash, string Email, string InvitedBy, Instant CreatedAt, Instant ExpiresAt, Instant? AcceptedAt, Instant? RevokedAt)
{
    public bool IsUsable(Instant now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;
}
