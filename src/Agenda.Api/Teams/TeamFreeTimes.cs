using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Api.Teams;

/// <summary>
/// A team's next free times across its meeting types, soonest first: as <see cref="NextFreeTimes"/> for an owner, over
/// the team's offers (<see cref="TeamOffers"/>, each host's cached slots combined by the engine), so every time answered
/// can be booked as answered.
/// </summary>
internal sealed class TeamFreeTimes(TeamCache teams, TeamOffers offers, TimeProvider time)
{
    /// <param name="slugs">The team's meeting types to search; null: every type not marked private.</param>
    public async Task<Outcome<FreeTimes>> FindAsync(string teamId, IReadOnlyList<string>? slugs, int? count, CancellationToken cancellationToken)
    {
        if (NextFreeTimes.ReadRequest(slugs, count) is not { } wanted)
        {
            return new Outcome<FreeTimes>.Invalid(NextFreeTimes.Errors(slugs, count));
        }

        if (await teams.FindTeamAsync(teamId, cancellationToken) is not { } team)
        {
            return new Outcome<FreeTimes>.Refused(TeamService.UnknownTeam(teamId));
        }

        if (NextFreeTimes.Select(team.MeetingTypes.Select(t => t.Shared), slugs, out var missing) is not { } types)
        {
            return new Outcome<FreeTimes>.Refused(Refusal.NotFound(new("UnknownTeamMeetingType", teamId, missing)));
        }

        var now = time.GetCurrentInstant();
        var found = await NextFreeTimes.SoonestAsync(types, wanted, now, async (type, window) =>
        {
            var slots = await offers.FreeSlotsAsync(team, team.MeetingTypes.First(t => t.Slug == type.Slug), window, now, cancellationToken);
            return [.. slots.Select(s => (s, (int?)null))];
        });
        var zone = types.Count > 0 ? team.DefaultZone(team.MeetingTypes.First(t => t.Slug == types[0].Slug)) : team.Members.FirstOrDefault()?.Owner.Zone ?? DateTimeZone.Utc;
        return new FreeTimes(zone, found ?? []);
    }
}
