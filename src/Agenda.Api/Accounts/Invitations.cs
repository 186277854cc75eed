using Agenda.Api.Platform.Access;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Accounts;

/// <summary>
/// An administrator's invitations: a link with a one-use token (only its hash is kept) that lets one person make an
/// account with the invited address, whatever the sign-up policy, for <see cref="Lifetime"/>.
/// </summary>
internal sealed class Invitations(IAccountActivityStore activity, AccountMailer mailer, TimeProvider time)
{
    public const string TokenPrefix = "inv_";

    public static readonly Duration Lifetime = Duration.FromDays(7);

    /// <summary>Makes an invitation and returns its link's path (to show, and to send when mail is available).</summary>
    public async Task<string> InviteAsync(string email, string invitedBy, string inviterName, CancellationToken cancellationToken)
    {
        var token = Secrets.NewSecret(TokenPrefix);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        await activity.AddInviteAsync(new StoredInvite(Guid.CreateVersion7().ToString("N"), Secrets.Hash(token), email, invitedBy, now, now + Lifetime, null, null), cancellationToken);
        var path = SignUpPath(token);
        if (mailer.Available)
        {
            await mailer.InviteAsync(email, inviterName, path, cancellationToken);
        }

        return path;
    }

    public static string SignUpPath(string token) => $"/console/sign-up?invite={Uri.EscapeDataString(token)}";

    /// <summary>The invitation of that token if it can still be used, or null.</summary>
    public async Task<StoredInvite?> FindUsableAsync(string token, CancellationToken cancellationToken) =>
        await activity.FindInviteAsync(Secrets.Hash(token), cancellationToken) is { } invite && invite.IsUsable(Instant.FromDateTimeOffset(time.GetUtcNow())) ? invite : null;

    public Task<IReadOnlyList<StoredInvite>> ListOpenAsync(CancellationToken cancellationToken) => activity.ListOpenInvitesAsync(cancellationToken);

    public Task<bool> RevokeAsync(string inviteId, CancellationToken cancellationToken) =>
        activity.RevokeInviteAsync(inviteId, Instant.FromDateTimeOffset(time.GetUtcNow()), cancellationToken);
}
