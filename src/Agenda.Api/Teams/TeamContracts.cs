using System.Text.Json.Serialization;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Scheduling.Teams;
using Agenda.Storage;

namespace Agenda.Api.Teams;

internal sealed record CreateTeamRequest(string? Id, string? Name);

/// <summary>A team as anyone may see it: its members (owner id, name, zone) and its meeting types.</summary>
internal sealed record TeamResponse(string Id, string Name, IReadOnlyList<TeamMemberResponse> Members, IReadOnlyList<TeamMeetingTypeResponse> MeetingTypes);

/// <param name="OutOfOffice">The member's out-of-office periods; shown to the team's members only.</param>
/// <param name="Role">admin (edits the team's meeting types, hosts, join code and members) or member.</param>
internal sealed record TeamMemberResponse(
    string OwnerId,
    string? DisplayName,
    string TimeZone,
    string JoinedAt,
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PeriodBody>? OutOfOffice = null);

/// <summary>A member's role in the team: admin or member.</summary>
internal sealed record TeamRoleRequest(string? Role);

/// <summary>The answer that creates a team, or makes a new join code: <see cref="JoinCode"/> is shown only here.</summary>
internal sealed record TeamJoinCodeResponse(string TeamId, string JoinCode);

internal sealed record CreatedTeamResponse(TeamResponse Team, string JoinCode);

internal sealed record TeamsResponse(IReadOnlyList<TeamResponse> Teams);

/// <param name="JoinCode">The team's join code, which a member was given; not needed with the administrator key.</param>
internal sealed record JoinTeamRequest(string? JoinCode);

/// <summary>An interval of time, as ISO 8601 instants with an offset or in UTC.</summary>
internal sealed record PeriodBody(string? Start, string? End);

internal sealed record OutOfOfficeRequest(IReadOnlyList<PeriodBody?>? Periods);

/// <param name="Weight">Round robin: the host's relative share of bookings (1 to 1000; default 100).</param>
/// <param name="Priority">Round robin and "at least N": higher goes first when shares are equal (-100 to 100; default 0).</param>
/// <param name="Fixed">The host joins every booking, so every slot needs them free.</param>
/// <param name="Schedule">The id of the host's own named schedule whose hours they offer this type; left out, their default hours.</param>
internal sealed record TeamHostBody(string? OwnerId, int? Weight = null, int? Priority = null, bool? Fixed = null, string? Schedule = null);

/// <param name="Schedule">The host's named schedule whose hours they offer this type; null for their default hours.</param>
internal sealed record TeamHostResponse(string OwnerId, int Weight, int Priority, bool Fixed, string? Schedule);

/// <summary>
/// A team meeting type: the booking rules of a personal one (each host applies them in their own zone and calendar),
/// plus kind (collective or round_robin), hosts, hosts_per_booking (collective, optional: at least N hosts) and
/// fairness_days (round robin: the period shares are counted over, default 30).
/// </summary>
internal sealed record TeamMeetingTypeBody : MeetingTypeBody
{
    [JsonConstructor]
    public TeamMeetingTypeBody()
    {
    }

    /// <summary>A team type with the booking rules of <paramref name="rules"/>, as the console's form reads them.</summary>
    public TeamMeetingTypeBody(MeetingTypeBody rules)
        : base(rules)
    {
    }

    /// <summary>collective or round_robin.</summary>
    [JsonPropertyOrder(1)]
    public string? Kind { get; init; }

    [JsonPropertyOrder(1)]
    public IReadOnlyList<TeamHostBody?>? Hosts { get; init; }

    [JsonPropertyOrder(1)]
    public int? HostsPerBooking { get; init; }

    [JsonPropertyOrder(1)]
    public int? FairnessDays { get; init; }
}

/// <summary>A team meeting type as it is shown: the personal type's fields and the team's.</summary>
internal sealed record TeamMeetingTypeResponse : MeetingTypeResponse
{
    public TeamMeetingTypeResponse(MeetingTypeResponse rules, string kind, IReadOnlyList<TeamHostResponse> hosts, int? hostsPerBooking, int fairnessDays)
        : base(rules)
    {
        Kind = kind;
        Hosts = hosts;
        HostsPerBooking = hostsPerBooking;
        FairnessDays = fairnessDays;
    }

    [JsonPropertyOrder(1)]
    public string Kind { get; init; }

    [JsonPropertyOrder(1)]
    public IReadOnlyList<TeamHostResponse> Hosts { get; init; }

    [JsonPropertyOrder(1)]
    public int? HostsPerBooking { get; init; }

    [JsonPropertyOrder(1)]
    public int FairnessDays { get; init; }
}

internal sealed record TeamSlotsResponse(string TeamId, string MeetingType, string TimeZone, string From, string To, IReadOnlyList<SlotResponse> Slots);

/// <summary>A team and its meeting types as the API answers them (the team's routes and the MCP server's tools).</summary>
internal static class TeamMapping
{
    internal static TeamResponse ToResponse(StoredTeam team, bool forMembers) =>
        new(
            team.Id,
            team.Name,
            team.Members.Select(m => new TeamMemberResponse(
                m.OwnerId,
                m.Owner.DisplayName,
                m.Owner.Zone.Id,
                WireFormat.FormatUtc(m.JoinedAt),
                m.IsAdmin ? "admin" : "member",
                forMembers ? m.OutOfOffice.Select(p => new PeriodBody(WireFormat.FormatUtc(p.Start), WireFormat.FormatUtc(p.End))).ToList() : null)).ToList(),
            // A private type is reachable by its link only: the public read leaves it out.
            team.MeetingTypes.Where(t => forMembers || !t.Shared.Details.Private).Select(ToResponse).ToList());

    internal static TeamMeetingTypeResponse ToResponse(StoredTeamMeetingType type) =>
        new(
            type.Shared.ToResponse(),
            type.Team.Kind == TeamKind.RoundRobin ? "round_robin" : "collective",
            [.. type.Team.Hosts.Select(h => new TeamHostResponse(h.OwnerId, h.Weight, h.Priority, h.IsFixed, h.Schedule))],
            type.Team.HostsPerBooking,
            (int)type.Team.Assignment.FairnessPeriod.TotalDays);
}
