using Agenda.Api.Access;
using Agenda.Api.Bookings;
using Agenda.Api.Hosting;
using Agenda.Api.OpenApi;
using Agenda.Api.Wire;
using Agenda.Scheduling.Teams;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.V1;

/// <summary>
/// /v1/teams: teams of owners, their members and meeting types. An owner creates a team (and is its first member) and
/// is given its join code; another owner joins with their own key and that code. Members manage the team. Anyone may
/// read a team and its meeting types; team slots and bookings are in <see cref="TeamBookingsApi"/>.
/// </summary>
public static class TeamsApi
{
    private const int MaxPeriods = 100;

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/owners/{ownerId}/teams", CreateAsync).WithTags("Teams").WithName("CreateTeam").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Create a team, with the owner as its first member")
            .WithDescription("id is a slug unique among teams. The answer carries join_code, shown only here (a member can make a new one): another owner joins with it and their own key.");
        routes.MapGet("/v1/owners/{ownerId}/teams", ListOfOwnerAsync).WithTags("Teams").WithName("ListOwnerTeams").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The teams the owner is a member of");

        var team = routes.MapGroup("/v1/teams/{teamId}").WithTags("Teams").ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        team.MapGet("/", GetAsync).WithName("GetTeam").WithSummary("A team: its members and meeting types (public)");
        team.MapPut("/members/{ownerId}", JoinAsync).WithName("JoinTeam").RequireOwnerKey()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Join a team, with the joining owner's own key and the team's join code")
            .WithDescription("Only the owner themself (or the administrator, who needs no code) can make an owner a member. A wrong code is a 403 with reason wrong_join_code. Joining again changes nothing.");
        team.MapDelete("/members/{ownerId}", LeaveAsync).WithName("LeaveTeam").RequireTeamMemberKey().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Take a member out of the team (a member's key)")
            .WithDescription("A member who still hosts one of the team's meeting types is a 409 with reason still_host: take them off those first. Their bookings stay. An owner who is not a member is a 404.");
        team.MapPut("/members/{ownerId}/out-of-office", SetOutOfOfficeAsync).WithName("SetOutOfOffice").RequireTeamMemberKey()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Replace a member's out-of-office periods (a member's key)")
            .WithDescription($"While a period overlaps a slot, the member hosts none of the team's slots; round robin counts shares afresh when a period ends. At most {MaxPeriods} periods.");
        team.MapPost("/join-code", NewJoinCodeAsync).WithName("NewTeamJoinCode").RequireTeamMemberKey()
            .WithSummary("Make a new join code; the old one stops working (a member's key)");
        team.MapGet("/bookings", ListBookingsAsync).WithName("ListTeamBookings").RequireTeamMemberKey().ProducesValidationProblem()
            .WithSummary("The team's bookings, soonest first, a page at a time (a member's key)")
            .WithDescription("As an owner's list: status upcoming (default), past or cancelled; from and to, dates in time_zone (default UTC), both included, on the booking's start; limit 1 to 200 (default 50); cursor, the next_cursor of the previous page. Each booking is the invitee's (the first host's) with team.hosts, shown in time_zone.");

        var types = team.MapGroup("/meeting-types");
        types.MapPost("/", CreateTypeAsync).WithName("CreateTeamMeetingType").RequireTeamMemberKey()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Create a team meeting type (a member's key)")
            .WithDescription("kind: collective (every host meets the invitee, or at least hosts_per_booking of them, fixed hosts always) or round_robin (one rotating host, by weight, then priority, then least recently booked, then at random, plus every fixed host). Hosts must be members. The other fields are those of a personal meeting type; each host applies them in their own zone, hours and calendar (max_per_day counts each host's bookings of this type).");
        types.MapGet("/{slug}", GetTypeAsync).WithName("GetTeamMeetingType").WithSummary("Read a team meeting type (public)");
        types.MapPut("/{slug}", ReplaceTypeAsync).WithName("ReplaceTeamMeetingType").RequireTeamMemberKey()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Replace a team meeting type (a member's key); hosts who stay keep their round-robin history");
        types.MapDelete("/{slug}", DeleteTypeAsync).WithName("DeleteTeamMeetingType").RequireTeamMemberKey()
            .WithSummary("Delete a team meeting type (a member's key); its bookings stay");
        return routes;
    }

    public static async Task<Results<Created<CreatedTeamResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string ownerId, CreateTeamRequest? body, ITeamStore teams, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var id = errors.Slug("id", body?.Id);
        var name = errors.Name("name", body?.Name);
        if (errors.Any || id is null || name is null)
        {
            return errors.Problem();
        }

        var code = Secrets.NewSecret(JoinCodePrefix);
        return await teams.CreateTeamAsync(id, name, ownerId, Secrets.Hash(code), time.GetCurrentInstant(), cancellationToken) switch
        {
            TeamWrite.Written => TypedResults.Created($"/v1/teams/{id}", new CreatedTeamResponse(ToResponse((await teams.GetTeamAsync(id, cancellationToken))!, forMembers: true), code)),
            TeamWrite.AlreadyExists => TypedResults.Problem(
                detail: $"A team '{id}' exists already. Choose another id.", statusCode: StatusCodes.Status409Conflict, title: "Team exists"),
            _ => V1Mapping.UnknownOwner(ownerId),
        };
    }

    public static async Task<Results<Ok<TeamsResponse>, ProblemHttpResult>> ListOfOwnerAsync(string ownerId, IOwnerStore owners, ITeamStore teams, CancellationToken cancellationToken) =>
        await owners.FindOwnerAsync(ownerId, cancellationToken) is null
            ? V1Mapping.UnknownOwner(ownerId)
            : TypedResults.Ok(new TeamsResponse((await teams.ListTeamsOfAsync(ownerId, cancellationToken)).Select(t => ToResponse(t, forMembers: true)).ToList()));

    public static async Task<Results<Ok<TeamResponse>, ProblemHttpResult>> GetAsync(string teamId, ITeamStore teams, CancellationToken cancellationToken) =>
        await teams.GetTeamAsync(teamId, cancellationToken) is { } team ? TypedResults.Ok(ToResponse(team, forMembers: false)) : UnknownTeam(teamId);

    public static async Task<Results<Ok<TeamResponse>, ValidationProblem, ProblemHttpResult>> JoinAsync(
        string teamId, string ownerId, JoinTeamRequest? body, HttpContext http, AuthOptions auth, OwnerKeys keys, ITeamStore teams, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var code = errors.Text("join_code", body?.JoinCode, 200);
        var administrator = auth.Mode == AuthMode.Open || await keys.IdentifyAsync(http.Request, cancellationToken) is Caller.Administrator;
        if (code is null && !administrator)
        {
            errors.Add("join_code", "'join_code' is required: a member of the team can give it to you, or make a new one with POST /v1/teams/{teamId}/join-code.");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        return await teams.JoinTeamAsync(teamId, ownerId, code is null ? null : Secrets.Hash(code), time.GetCurrentInstant(), cancellationToken) switch
        {
            TeamWrite.Written => TypedResults.Ok(ToResponse((await teams.GetTeamAsync(teamId, cancellationToken))!, forMembers: true)),
            TeamWrite.WrongJoinCode => Refusal(StatusCodes.Status403Forbidden, "Wrong join code", "wrong_join_code",
                "This join code is not the team's: it is mistyped, or a member has made a new one since."),
            TeamWrite.UnknownOwner => V1Mapping.UnknownOwner(ownerId),
            _ => UnknownTeam(teamId),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> LeaveAsync(string teamId, string ownerId, ITeamStore teams, CancellationToken cancellationToken) =>
        await teams.LeaveTeamAsync(teamId, ownerId, cancellationToken) switch
        {
            TeamWrite.Written => TypedResults.NoContent(),
            TeamWrite.StillHost host => Refusal(StatusCodes.Status409Conflict, "Still a host", "still_host",
                $"'{ownerId}' hosts these meeting types of the team: {string.Join(", ", host.Slugs)}. Take them off those first (PUT /v1/teams/{teamId}/meeting-types/{{slug}})."),
            TeamWrite.NotMember => NotAMember(teamId, ownerId),
            _ => UnknownTeam(teamId),
        };

    public static async Task<Results<Ok<TeamResponse>, ValidationProblem, ProblemHttpResult>> SetOutOfOfficeAsync(
        string teamId, string ownerId, OutOfOfficeRequest? body, ITeamStore teams, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var periods = new List<Interval>();
        if (body?.Periods is null)
        {
            errors.Add("periods", "'periods' is required: a list of {start, end}, empty to clear them.");
        }
        else if (body.Periods.Count > MaxPeriods)
        {
            errors.Add("periods", $"At most {MaxPeriods} periods; {body.Periods.Count} were given.");
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
                        errors.Add($"periods[{i}].end", "'end' must be after 'start'.");
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
            return errors.Problem();
        }

        return await teams.SetAbsencesAsync(teamId, ownerId, periods, cancellationToken) switch
        {
            TeamWrite.Written => TypedResults.Ok(ToResponse((await teams.GetTeamAsync(teamId, cancellationToken))!, forMembers: true)),
            TeamWrite.NotMember => NotAMember(teamId, ownerId),
            _ => UnknownTeam(teamId),
        };
    }

    public static async Task<Results<Ok<TeamJoinCodeResponse>, ProblemHttpResult>> NewJoinCodeAsync(string teamId, ITeamStore teams, CancellationToken cancellationToken)
    {
        var code = Secrets.NewSecret(JoinCodePrefix);
        return await teams.SetJoinCodeAsync(teamId, Secrets.Hash(code), cancellationToken) ? TypedResults.Ok(new TeamJoinCodeResponse(teamId, code)) : UnknownTeam(teamId);
    }

    public static async Task<Results<Ok<BookingListResponse>, ValidationProblem, ProblemHttpResult>> ListBookingsAsync(
        string teamId,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? status,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? from,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? to,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "time_zone")] string? timeZone,
        [Microsoft.AspNetCore.Mvc.FromQuery] int? limit,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? cursor,
        ITeamBookingStore teams,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var zone = timeZone is null ? DateTimeZone.Utc : errors.Zone("time_zone", timeZone);
        if (BookingListRequest.Read(status, from, to, limit, cursor, errors) is not { } request || zone is null)
        {
            return errors.Problem();
        }

        if (await teams.ListTeamBookingsAsync(teamId, request.ToQuery(zone, time.GetCurrentInstant()), cancellationToken) is not { } page)
        {
            return UnknownTeam(teamId);
        }

        return TypedResults.Ok(new BookingListResponse(
            page.Select(listed => listed.Booking.ToResponse(zone) with
            {
                Team = new TeamBookingResponse(teamId, StoredTeamMeetingType.ParseKey(listed.Booking.MeetingTypeKey)?.Slug ?? "", listed.HostIds),
            }).ToList(),
            request.NextCursor([.. page.Select(listed => listed.Booking)])));
    }

    public static async Task<Results<Created<TeamMeetingTypeResponse>, ValidationProblem, ProblemHttpResult>> CreateTypeAsync(
        string teamId, TeamMeetingTypeBody? body, ITeamStore teams, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var slug = errors.Slug("slug", body?.Slug);
        var meetingType = ReadType(body, errors);
        if (errors.Any || slug is null || meetingType is null)
        {
            return errors.Problem();
        }

        var stored = meetingType with { Slug = slug };
        return await teams.SaveTeamMeetingTypeAsync(teamId, stored, create: true, time.GetCurrentInstant(), cancellationToken) switch
        {
            TeamWrite.Written => TypedResults.Created($"/v1/teams/{teamId}/meeting-types/{slug}", ToResponse(stored)),
            TeamWrite.AlreadyExists => TypedResults.Problem(
                detail: $"Team '{teamId}' already has a meeting type '{slug}'. Choose another slug, or replace it with PUT.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Meeting type exists"),
            TeamWrite.NotMember notMember => NotMemberProblem(teamId, notMember.OwnerId),
            _ => UnknownTeam(teamId),
        };
    }

    public static async Task<Results<Ok<TeamMeetingTypeResponse>, ProblemHttpResult>> GetTypeAsync(string teamId, string slug, ITeamStore teams, CancellationToken cancellationToken) =>
        await teams.GetTeamAsync(teamId, cancellationToken) is not { } team ? UnknownTeam(teamId)
        : team.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is { } type ? TypedResults.Ok(ToResponse(type))
        : UnknownTeamMeetingType(teamId, slug);

    public static async Task<Results<Ok<TeamMeetingTypeResponse>, ValidationProblem, ProblemHttpResult>> ReplaceTypeAsync(
        string teamId, string slug, TeamMeetingTypeBody? body, ITeamStore teams, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (body?.Slug is { } other && other != slug)
        {
            errors.Add("slug", $"'slug' ({other}) must match the slug in the path ({slug}), or be left out.");
        }

        var meetingType = ReadType(body, errors);
        if (errors.Any || meetingType is null)
        {
            return errors.Problem();
        }

        var stored = meetingType with { Slug = slug };
        return await teams.SaveTeamMeetingTypeAsync(teamId, stored, create: false, time.GetCurrentInstant(), cancellationToken) switch
        {
            TeamWrite.Written => TypedResults.Ok(ToResponse(stored)),
            TeamWrite.NotMember notMember => NotMemberProblem(teamId, notMember.OwnerId),
            TeamWrite.UnknownMeetingType => UnknownTeamMeetingType(teamId, slug),
            _ => UnknownTeam(teamId),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteTypeAsync(string teamId, string slug, ITeamStore teams, CancellationToken cancellationToken) =>
        await teams.DeleteTeamMeetingTypeAsync(teamId, slug, cancellationToken) ? TypedResults.NoContent() : UnknownTeamMeetingType(teamId, slug);

    /// <summary>The rules and team settings of a body; the slug is filled in by the caller.</summary>
    private static StoredTeamMeetingType? ReadType(TeamMeetingTypeBody? body, RequestErrors errors)
    {
        var personal = MeetingTypes.OwnerMeetingTypes.Read(
            body is null ? null : new MeetingTypeBody(null, body.Title, body.DurationMinutes, body.StepMinutes, body.BufferBeforeMinutes, body.BufferAfterMinutes, body.MinimumNoticeMinutes, body.HorizonDays, body.MaxPerDay),
            errors);
        TeamKind? kind = body?.Kind switch
        {
            "collective" => TeamKind.Collective,
            "round_robin" => TeamKind.RoundRobin,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add("kind", $"'kind' must be collective or round_robin{(body?.Kind is { } named ? $"; '{named}' is not" : "")}.");
        }

        var perBooking = errors.Number("hosts_per_booking", body?.HostsPerBooking, 1, MaxHosts, required: false);
        var fairness = errors.Number("fairness_days", body?.FairnessDays, 1, 366, required: false) ?? 30;
        var hosts = new List<TeamHost>();
        if (body?.Hosts is not { Count: > 0 } given)
        {
            errors.Add("hosts", "'hosts' must list at least one member of the team: [{\"owner_id\": \"...\"}].");
        }
        else if (given.Count > MaxHosts)
        {
            errors.Add("hosts", $"At most {MaxHosts} hosts; {given.Count} were given.");
        }
        else
        {
            for (var i = 0; i < given.Count; i++)
            {
                var owner = errors.UrlSafeId($"hosts[{i}].owner_id", given[i]?.OwnerId);
                var weight = errors.Number($"hosts[{i}].weight", given[i]?.Weight, 1, 1000, required: false) ?? TeamMember.DefaultWeight;
                var priority = errors.Number($"hosts[{i}].priority", given[i]?.Priority, -100, 100, required: false) ?? 0;
                if (owner is not null)
                {
                    hosts.Add(new TeamHost(owner, weight, priority, given[i]?.Fixed ?? false));
                }
            }
        }

        if (errors.Any || personal is null || kind is not { } teamKind)
        {
            return null;
        }

        if (TeamRules.Problem(teamKind, hosts, perBooking) is { } problem)
        {
            errors.Add("hosts", problem);
            return null;
        }

        return new StoredTeamMeetingType("", personal.Title, personal.Rules, new TeamRules(teamKind, hosts, perBooking, Duration.FromDays(fairness)));
    }

    private const int MaxHosts = 50;

    public const string JoinCodePrefix = "join_";

    internal static TeamResponse ToResponse(StoredTeam team, bool forMembers) =>
        new(
            team.Id,
            team.Name,
            team.Members.Select(m => new TeamMemberResponse(
                m.OwnerId,
                m.Owner.DisplayName,
                m.Owner.Zone.Id,
                WireFormat.FormatUtc(m.JoinedAt),
                forMembers ? m.OutOfOffice.Select(p => new PeriodBody(WireFormat.FormatUtc(p.Start), WireFormat.FormatUtc(p.End))).ToList() : null)).ToList(),
            team.MeetingTypes.Select(ToResponse).ToList());

    internal static TeamMeetingTypeResponse ToResponse(StoredTeamMeetingType type)
    {
        var personal = new StoredMeetingType(type.Slug, type.Title, type.Rules).ToResponse();
        var team = type.Team;
        return new TeamMeetingTypeResponse(
            type.Slug,
            type.Title,
            team.Kind == TeamKind.RoundRobin ? "round_robin" : "collective",
            team.Hosts.Select(h => new TeamHostResponse(h.OwnerId, h.Weight, h.Priority, h.IsFixed)).ToList(),
            team.HostsPerBooking,
            (int)team.Assignment.FairnessPeriod.TotalDays,
            personal.DurationMinutes,
            personal.StepMinutes,
            personal.BufferBeforeMinutes,
            personal.BufferAfterMinutes,
            personal.MinimumNoticeMinutes,
            personal.HorizonDays,
            personal.MaxPerDay);
    }

    internal static ProblemHttpResult UnknownTeam(string teamId) => V1Mapping.NotFound($"No team '{teamId}' exists.");

    private static ProblemHttpResult NotAMember(string teamId, string ownerId) => V1Mapping.NotFound($"'{ownerId}' is not a member of team '{teamId}'.");

    internal static ProblemHttpResult UnknownTeamMeetingType(string teamId, string slug) =>
        V1Mapping.NotFound($"Team '{teamId}' has no meeting type '{slug}'. GET /v1/teams/{teamId} lists them.");

    private static ProblemHttpResult NotMemberProblem(string teamId, string ownerId) =>
        Refusal(StatusCodes.Status409Conflict, "Not a member", "not_member",
            $"'{ownerId}' is not a member of team '{teamId}'; hosts must be members. They join with PUT /v1/teams/{teamId}/members/{ownerId}, their own key and the join code.");

    private static ProblemHttpResult Refusal(int status, string title, string reason, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["reason"] = reason });
}
