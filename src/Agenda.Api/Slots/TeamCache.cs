using Agenda.Storage;

namespace Agenda.Api.Slots;

/// <summary>
/// Teams as last read, for searches: a copy is used while no member's owner has changed but for bookings since it was
/// read (<see cref="ScheduleChanges.ProfileIsCurrent"/>). Every team write that changes what the team offers or who is
/// in it raises its members' versions in its own transaction (on every node, as any schedule change), so a copy is
/// never used after such a write has been answered. Writes and access checks read the team from the store.
/// </summary>
internal sealed class TeamCache(ITeamStore teams, ScheduleChanges changes, SlotCache cache)
{
    /// <summary>A team's name and meeting types, and a member's owner snapshot besides. Rounded up.</summary>
    private const int TeamBytes = 2048;

    private const int MemberBytes = 512;

    /// <summary>The team, or null when there is none (not kept).</summary>
    public async Task<StoredTeam?> FindTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        var key = new TeamKey(teamId);
        if (cache.TryGet<TeamCopy>(key, out var copy)
            && copy.Team.Members.All(m => changes.ProfileIsCurrent(m.OwnerId, m.Owner.ScheduleVersion, copy.Epoch, out _)))
        {
            return copy.Team;
        }

        var epoch = changes.Epoch;
        if (await teams.GetTeamAsync(teamId, cancellationToken) is not { } team)
        {
            return null;
        }

        cache.Set(key, new TeamCopy(team, epoch), TeamBytes + (MemberBytes * team.Members.Count));
        return team;
    }

    private sealed record TeamKey(string TeamId);

    private sealed record TeamCopy(StoredTeam Team, long Epoch);
}
