using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Teams;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Teams;

/// <summary>
/// Teams of owners, as the API (<c>/v1/teams</c>) and the console's team pages create and join them, set their members'
/// out-of-office periods, make join codes and manage team meeting types: every body is read and checked here, once.
/// </summary>
internal sealed class TeamService(ITeamStore teams, ISchedulesStore schedules, TimeProvider time)
{
    public const string JoinCodePrefix = "join_";

    /// <summary>How many out-of-office periods a member may have in one team.</summary>
    public const int MaxPeriods = 100;

    private const int MaxHosts = 50;

    /// <summary>Creates a team with the owner as its first member; its join code is in this answer only.</summary>
    public async Task<Outcome<CreatedTeam>> CreateAsync(string ownerId, CreateTeamRequest? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var id = errors.Slug("id", body?.Id);
        var name = errors.Name("name", body?.Name);
        if (errors.Any || id is null || name is null)
        {
            return errors;
        }

        var code = Secrets.NewSecret(JoinCodePrefix);
        return await teams.CreateTeamAsync(id, name, ownerId, Secrets.Hash(code), time.GetCurrentInstant(), cancellationToken) switch
        {
            TeamWrite.Written => new CreatedTeam((await teams.GetTeamAsync(id, cancellationToken))!, code),
            TeamWrite.AlreadyExists => Refusal.Conflict("Team exists", new("TeamExists", id)),
            _ => Refusal.UnknownOwner(ownerId),
        };
    }

    /// <summary>The team, as anyone may read it; null when there is none.</summary>
    public Task<StoredTeam?> FindAsync(string teamId, CancellationToken cancellationToken) => teams.GetTeamAsync(teamId, cancellationToken);

    /// <summary>The teams <paramref name="ownerId"/> is a member of.</summary>
    public Task<IReadOnlyList<StoredTeam>> ListOfAsync(string ownerId, CancellationToken cancellationToken) => teams.ListTeamsOfAsync(ownerId, cancellationToken);

    /// <summary>Makes the owner a member with the team's join code; the administrator needs none (<paramref name="code"/> null).</summary>
    public async Task<Outcome<StoredTeam>> JoinAsync(string teamId, string ownerId, string? code, CancellationToken cancellationToken) =>
        await teams.JoinTeamAsync(teamId, ownerId, code is null ? null : Secrets.Hash(code), time.GetCurrentInstant(), cancellationToken) switch
        {
            TeamWrite.Written => (await teams.GetTeamAsync(teamId, cancellationToken))!,
            TeamWrite.WrongJoinCode => new Refusal(StatusCodes.Status403Forbidden, "Wrong join code", new("WrongJoinCode"), "wrong_join_code"),
            TeamWrite.UnknownOwner => Refusal.UnknownOwner(ownerId),
            _ => UnknownTeam(teamId),
        };

    /// <summary>Takes a member out of the team; a member who still hosts one of its meeting types is refused.</summary>
    public async Task<Outcome<bool>> LeaveAsync(string teamId, string ownerId, CancellationToken cancellationToken) =>
        await teams.LeaveTeamAsync(teamId, ownerId, cancellationToken) switch
        {
            TeamWrite.Written => true,
            TeamWrite.StillHost host => Refusal.Conflict("Still a host",
                new("StillHost", ownerId, string.Join(", ", host.Slugs), $"/v1/teams/{teamId}/meeting-types/{{slug}}"), "still_host"),
            TeamWrite.NotMember => NotAMember(teamId, ownerId),
            TeamWrite.LastAdmin => LastAdmin(teamId, ownerId),
            _ => UnknownTeam(teamId),
        };

    /// <summary>Makes a member an admin of the team (<c>admin</c>) or a member only (<c>member</c>); the team's last admin stays one while others are members.</summary>
    public async Task<Outcome<StoredTeam>> SetRoleAsync(string teamId, string ownerId, string? role, CancellationToken cancellationToken)
    {
        if (role is not ("admin" or "member"))
        {
            var errors = new RequestErrors();
            errors.Add("role", "TeamRole", "role", role);
            return errors;
        }

        return await teams.SetMemberRoleAsync(teamId, ownerId, role == "admin", cancellationToken) switch
        {
            TeamWrite.Written => (await teams.GetTeamAsync(teamId, cancellationToken))!,
            TeamWrite.NotMember => NotAMember(teamId, ownerId),
            TeamWrite.LastAdmin => LastAdmin(teamId, ownerId),
            _ => UnknownTeam(teamId),
        };
    }

    /// <summary>Whether <paramref name="ownerId"/> may edit the team's meeting types, hosts, join code and members: its admins may.</summary>
    public static bool CanManage(StoredTeam team, string ownerId) => team.IsAdmin(ownerId);

    private static Refusal LastAdmin(string teamId, string ownerId) => Refusal.Conflict("Last admin",
        new("LastAdmin", ownerId, teamId, $"/v1/teams/{teamId}/members/{{ownerId}}/role"), "last_admin");

    /// <summary>Replaces the member's out-of-office periods (at most <see cref="MaxPeriods"/>, each ending after it starts).</summary>
    public async Task<Outcome<StoredTeam>> SetOutOfOfficeAsync(string teamId, string ownerId, OutOfOfficeRequest? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var periods = new List<Interval>();
        if (body?.Periods is null)
        {
            errors.Add("periods", "PeriodsRequired", "periods", "{start, end}");
        }
        else if (body.Periods.Count > MaxPeriods)
        {
            errors.Add("periods", "TooManyPeriods", MaxPeriods, body.Periods.Count);
        }
        else
        {
            for (var i = 0; i < body.Periods.Count; i++)
            {
                var start = errors.Instant($"periods[{i}].start", body.Periods[i]?.Start);
                var end = errors.Instant($"periods[{i}].end", body.Periods[i]?.End);
                if (start is { } s && end is { } e)
                {
                    if (e <= s)
                    {
                        errors.Add($"periods[{i}].end", "EndAfterStart", "end", "start");
                    }
                    else
                    {
                        periods.Add(new Interval(s, e));
                    }
                }
            }
        }

        if (errors.Any)
        {
            return errors;
        }

        return await teams.SetAbsencesAsync(teamId, ownerId, periods, cancellationToken) switch
        {
            TeamWrite.Written => (await teams.GetTeamAsync(teamId, cancellationToken))!,
            TeamWrite.NotMember => NotAMember(teamId, ownerId),
            _ => UnknownTeam(teamId),
        };
    }

    /// <summary>Makes a new join code (the old one stops working); null when there is no such team.</summary>
    public async Task<string?> NewJoinCodeAsync(string teamId, CancellationToken cancellationToken)
    {
        var code = Secrets.NewSecret(JoinCodePrefix);
        return await teams.SetJoinCodeAsync(teamId, Secrets.Hash(code), cancellationToken) ? code : null;
    }

    public async Task<Outcome<StoredTeamMeetingType>> CreateTypeAsync(string teamId, TeamMeetingTypeBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var slug = errors.Slug("slug", body?.Slug);
        var meetingType = ReadType(body, errors);
        if (errors.Any || slug is null || meetingType is null)
        {
            return errors;
        }

        var stored = meetingType with { Slug = slug };
        return await teams.SaveTeamMeetingTypeAsync(teamId, stored, create: true, time.GetCurrentInstant(), cancellationToken) switch
        {
            TeamWrite.Written => stored,
            TeamWrite.AlreadyExists => Refusal.Conflict("Meeting type exists", new("TeamMeetingTypeExists", teamId, slug)),
            TeamWrite.NotMember notMember => HostNotMember(teamId, notMember.OwnerId),
            TeamWrite.UnknownSchedule unknown => ScheduleUnknown(stored, unknown),
            _ => UnknownTeam(teamId),
        };
    }

    /// <summary>Replaces the type <paramref name="slug"/>; hosts who stay keep their round-robin history.</summary>
    public async Task<Outcome<StoredTeamMeetingType>> ReplaceTypeAsync(string teamId, string slug, TeamMeetingTypeBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (body?.Slug is { } other && other != slug)
        {
            errors.Add("slug", "SlugMatchesPath", "slug", other, slug);
        }

        var meetingType = ReadType(body, errors);
        if (errors.Any || meetingType is null)
        {
            return errors;
        }

        var stored = meetingType with { Slug = slug };
        return await teams.SaveTeamMeetingTypeAsync(teamId, stored, create: false, time.GetCurrentInstant(), cancellationToken) switch
        {
            TeamWrite.Written => stored,
            TeamWrite.NotMember notMember => HostNotMember(teamId, notMember.OwnerId),
            TeamWrite.UnknownSchedule unknown => ScheduleUnknown(stored, unknown),
            TeamWrite.UnknownMeetingType => UnknownTeamMeetingType(teamId, slug),
            _ => UnknownTeam(teamId),
        };
    }

    /// <summary>
    /// The named schedules each member of <paramref name="team"/> keeps, by owner id: what a host may offer the team's
    /// types (<see cref="TeamHost.Schedule"/>), for the team's admins to choose from.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StoredSchedule>>> MemberSchedulesAsync(StoredTeam team, CancellationToken cancellationToken)
    {
        var kept = new Dictionary<string, IReadOnlyList<StoredSchedule>>(StringComparer.Ordinal);
        foreach (var member in team.Members)
        {
            kept[member.OwnerId] = await schedules.ListSchedulesAsync(member.OwnerId, cancellationToken) ?? [];
        }

        return kept;
    }

    /// <summary>Deletes the team's meeting type (its bookings stay); false when the team has none of that slug.</summary>
    public Task<bool> DeleteTypeAsync(string teamId, string slug, CancellationToken cancellationToken) =>
        teams.DeleteTeamMeetingTypeAsync(teamId, slug, cancellationToken);

    /// <summary>The rules and team settings of a body; the slug is filled in by the caller.</summary>
    private static StoredTeamMeetingType? ReadType(TeamMeetingTypeBody? body, RequestErrors errors)
    {
        var personal = OwnerMeetingTypes.Read(body, errors);
        if (body?.Approval is not null)
        {
            errors.Add("approval", "ApprovalPersonalOnly", "approval");
        }

        if (body?.Schedule is not null)
        {
            errors.Add("schedule", "ScheduleTeam", "schedule");
        }

        if (body?.Seats is not null)
        {
            // A team's slots are shared by its hosts' calendars; seats are counted per owner's slot (docs/booking-kinds.md).
            errors.Add("seats", "SeatsPersonalOnly", "seats");
        }

        TeamKind? kind = body?.Kind switch
        {
            "collective" => TeamKind.Collective,
            "round_robin" => TeamKind.RoundRobin,
            _ => null,
        };
        if (kind is null)
        {
            if (body?.Kind is { } named)
            {
                errors.Add("kind", "TeamKindNamed", "kind", named);
            }
            else
            {
                errors.Add("kind", "TeamKind", "kind");
            }
        }

        var perBooking = errors.Number("hosts_per_booking", body?.HostsPerBooking, 1, MaxHosts, required: false);
        var fairness = errors.Number("fairness_days", body?.FairnessDays, 1, 366, required: false) ?? 30;
        var hosts = new List<TeamHost>();
        if (body?.Hosts is not { Count: > 0 } given)
        {
            errors.Add("hosts", "HostsRequired", "hosts", """[{"owner_id": "..."}]""");
        }
        else if (given.Count > MaxHosts)
        {
            errors.Add("hosts", "TooManyHosts", MaxHosts, given.Count);
        }
        else
        {
            for (var i = 0; i < given.Count; i++)
            {
                var owner = errors.UrlSafeId($"hosts[{i}].owner_id", given[i]?.OwnerId);
                var weight = errors.Number($"hosts[{i}].weight", given[i]?.Weight, 1, 1000, required: false) ?? TeamMember.DefaultWeight;
                var priority = errors.Number($"hosts[{i}].priority", given[i]?.Priority, -100, 100, required: false) ?? 0;
                var schedule = given[i]?.Schedule is { } named ? errors.Slug($"hosts[{i}].schedule", named) : null;
                if (owner is not null)
                {
                    hosts.Add(new TeamHost(owner, weight, priority, given[i]?.Fixed ?? false, schedule));
                }
            }
        }

        if (errors.Any || personal is null || kind is not { } teamKind)
        {
            return null;
        }

        if (TeamRules.Problem(teamKind, hosts, perBooking) is { } problem)
        {
            errors.Add("hosts", Wording(problem, hosts));
            return null;
        }

        return new StoredTeamMeetingType(personal, new TeamRules(teamKind, hosts, perBooking, Duration.FromDays(fairness)));
    }

    /// <summary>A host named a schedule they do not keep: refused beside that host's <c>schedule</c>.</summary>
    private static RequestErrors ScheduleUnknown(StoredTeamMeetingType type, TeamWrite.UnknownSchedule unknown)
    {
        var index = type.Team.Hosts.ToList().FindIndex(h => h.OwnerId == unknown.OwnerId);
        var errors = new RequestErrors();
        errors.Add($"hosts[{index}].schedule", "HostScheduleUnknown", $"hosts[{index}].schedule", unknown.OwnerId, unknown.Schedule);
        return errors;
    }

    /// <summary>Why hosts make no team, in the words of <see cref="ValidationTexts"/>.</summary>
    private static Message Wording(TeamSettingsProblem problem, IReadOnlyList<TeamHost> hosts) => problem switch
    {
        TeamSettingsProblem.NoHost => new("TeamNoHost"),
        TeamSettingsProblem.HostListedTwice => new("TeamHostListedTwice"),
        TeamSettingsProblem.WeightNotPositive => new("TeamHostWeight"),
        TeamSettingsProblem.HostsPerBookingWithRoundRobin => new("RoundRobinHostsPerBooking", "hosts_per_booking"),
        TeamSettingsProblem.NoRotatingHost => new("RoundRobinAllFixed"),
        TeamSettingsProblem.HostsPerBookingOutOfRange when TeamRules.HostsPerBookingRange(hosts) is var (min, max) =>
            new("HostsPerBookingRange", "hosts_per_booking", min, max),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "Not a problem of team settings."),
    };

    public static Refusal UnknownTeam(string teamId) => Refusal.NotFound(new("UnknownTeam", teamId));

    public static Refusal UnknownTeamMeetingType(string teamId, string slug) => Refusal.NotFound(new("UnknownTeamMeetingType", teamId, slug));

    private static Refusal NotAMember(string teamId, string ownerId) => Refusal.NotFound(new("NotAMember", ownerId, teamId));

    private static Refusal HostNotMember(string teamId, string ownerId) =>
        Refusal.Conflict("Not a member", new("HostNotMember", ownerId, teamId, $"/v1/teams/{teamId}/members/{ownerId}"), "not_member");
}

/// <summary>A team just made, with its join code, which only this answer carries.</summary>
internal sealed record CreatedTeam(StoredTeam Team, string JoinCode);
