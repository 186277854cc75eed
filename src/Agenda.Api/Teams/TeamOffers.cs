using Agenda.Api.Slots;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Teams;

/// <summary>
/// What a team meeting type offers: each host's own free slots in the hours of the schedule they offer it, served from
/// that host's slot cache (the entries their personal searches use and every write to their calendar outdates), combined
/// by the engine. The API's team search
/// and the team booking pages ask here.
/// </summary>
internal sealed class TeamOffers(OwnerCache owners, SlotSearch search)
{
    /// <summary>
    /// The team meeting type's free slots in <paramref name="range"/> at <paramref name="now"/>. With
    /// <paramref name="hostIds"/>, the times those hosts are all free for instead: where a team booking of theirs can be
    /// moved to (a move keeps the hosts).
    /// </summary>
    public async Task<IReadOnlyList<Slot>> FreeSlotsAsync(
        StoredTeam team, StoredTeamMeetingType type, Interval range, Instant now, CancellationToken cancellationToken, IReadOnlyList<string>? hostIds = null, MeetingType? length = null) =>
        (await OfferAsync(team, type, range, now, cancellationToken, hostIds, length)).Slots;

    /// <summary><see cref="FreeSlotsAsync"/>, with what the offer rests on, for keeping the answer made of it.</summary>
    /// <param name="length">The rules of one of the type's lengths (<see cref="StoredMeetingType.RulesFor"/>); null for its own.</param>
    public async Task<TeamOffer> OfferAsync(
        StoredTeam team, StoredTeamMeetingType type, Interval range, Instant now, CancellationToken cancellationToken, IReadOnlyList<string>? hostIds = null, MeetingType? length = null)
    {
        var key = StoredTeamMeetingType.KeyOf(team.Id, type.Slug);
        var rules = hostIds is null ? type.Team : type.Team.OnlyHosts(hostIds);
        var offers = await Task.WhenAll(rules.Hosts.Select(async host =>
        {
            var copy = await owners.FindOwnerAsync(host.OwnerId, cancellationToken);
            var found = copy is null ? null : await search.FreeSlotsAsync(copy, _ => range, rules.RulesOf(host.OwnerId, length ?? type.Rules), key, now, cancellationToken);
            return (host.OwnerId, Slots: found?.Slots ?? [], found?.Basis);
        }));
        var slots = rules.Combine(offers.ToDictionary(o => o.OwnerId, o => o.Slots, StringComparer.Ordinal), team.Absences);
        // The team's offer changes only when a host's does: it stands while every host's stands, until the first changes.
        var basis = offers.All(o => o.Basis is not null)
            ? offers.Select(o => new HostBasis(o.OwnerId, o.Basis!.ScheduleVersion, o.Basis.Epoch)).ToList()
            : null;
        var until = offers.Select(o => o.Basis?.Until ?? now).DefaultIfEmpty(now).Min();
        return new TeamOffer(slots, basis, until);
    }
}

/// <summary>A team's offer; <paramref name="Hosts"/> is null when the answer made of it must not be kept.</summary>
internal sealed record TeamOffer(IReadOnlyList<Slot> Slots, IReadOnlyList<HostBasis>? Hosts, Instant Until);
