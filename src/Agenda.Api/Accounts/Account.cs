using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Accounts;

/// <summary>
/// An account as ASP.NET Core Identity works on it: a mutable copy of the stored row that Identity's managers change
/// field by field and then save through <see cref="AccountUserStore"/>. The user name is the e-mail address.
/// </summary>
internal sealed class Account
{
    public required string Id { get; init; }

    public required string OwnerId { get; init; }

    public required string Email { get; set; }

    public required string NormalizedEmail { get; set; }

    public bool EmailConfirmed { get; set; }

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public bool TwoFactorEnabled { get; set; }

    /// <summary>The authenticator app's shared secret, as Identity reads it (the store keeps it sealed).</summary>
    public string? AuthenticatorKey { get; set; }

    /// <summary>The unused recovery codes' hashes, separated by ';'.</summary>
    public string? RecoveryCodes { get; set; }

    public Instant? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public bool IsAdministrator { get; set; }

    public Instant? DeactivatedAt { get; set; }

    public Instant CreatedAt { get; init; }

    public bool IsActive => DeactivatedAt is null;
}
