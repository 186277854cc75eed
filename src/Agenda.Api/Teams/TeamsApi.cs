using Agenda.Api.Bookings;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Teams;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.Teams;

/// <summary>
/// /v1/teams: teams of owners, their members and meeting types. An owner creates a team (and is its first member) and
/// is given its join code; another owner joins with their own key and that code. The team's admins (its creator, and
/// members an admin makes admin) edit its meeting types, hosts, join code and members; every member sees its bookings,
/// sets their own out-of-office periods and may leave. Anyone may
/// read a team and its meeting types; team slots and bookings are in <see cref="TeamBookingsApi"/>.
/// </summary>
internal static class TeamsApi
{
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
        team.MapDelete("/members/{ownerId}", LeaveAsync).WithName("LeaveTeam").RequireTeamAdminKey(orSelf: true).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Take a member out of the team (a team admin's key, or the member's own)")
            .WithDescription("A member who still hosts one of the team's meeting types is a 409 with reason still_host: take them off those first. The team's last admin cannot leave while others are members (409, reason last_admin). Their bookings stay. An owner who is not a member is a 404.");
        team.MapPut("/members/{ownerId}/role", SetRoleAsync).WithName("SetTeamMemberRole").RequireTeamAdminKey()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Make a member an admin of the team, or a member only (a team admin's key)")
            .WithDescription("role: admin or member. The team's last admin cannot become a member while others are members (409, reason last_admin).");
        team.MapPut("/members/{ownerId}/out-of-office", SetOutOfOfficeAsync).WithName("SetOutOfOffice").RequireTeamMemberKey()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Replace a member's out-of-office periods (a member's key)")
            .WithDescription($"While a period overlaps a slot, the member hosts none of the team's slots; round robin counts shares afresh when a period ends. At most {TeamService.MaxPeriods} periods.");
        team.MapPost("/join-code", NewJoinCodeAsync).WithName("NewTeamJoinCode").RequireTeamAdminKey()
            .WithSummary("Make a new join code; the old one stops working (a team admin's key)");
        team.MapGet("/bookings", ListBookingsAsync).WithName("ListTeamBookings").RequireTeamMemberKey().ProducesValidationProblem()
            .WithSummary("The team's bookings, soonest first, a page at a time (a member's key)")
            .WithDescription("As an owner's list: status upcoming (default), pending, past, cancelled, declined or expired; from and to, dates in time_zone (default UTC), both included, on the booking's start; limit 1 to 200 (default 50); cursor, the next_cursor of the previous page. Each booking is the invitee's (the first host's) with team.hosts, shown in time_zone.");

        var types = team.MapGroup("/meeting-types");
        types.MapPost("/", CreateTypeAsync).WithName("CreateTeamMeetingType").RequireTeamAdminKey()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Create a team meeting type (a team admin's key)")
            .WithDescription("kind: collective (every host meets the invitee, or at least hosts_per_booking of them, fixed hosts always) or round_robin (one rotating host, by weight, then priority, then least recently booked, then at random, plus every fixed host). Hosts must be members. The other fields are those of a personal meeting type; each host applies them in their own zone, hours and calendar (max_per_day counts each host's bookings of this type).");
        types.MapGet("/{slug}", GetTypeAsync).WithName("GetTeamMeetingType").WithSummary("Read a team meeting type (public)");
        types.MapPut("/{slug}", ReplaceTypeAsync).WithName("ReplaceTeamMeetingType").RequireTeamAdminKey()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Replace a team meeting type (a team admin's key); hosts who stay keep their round-robin history");
        types.MapDelete("/{slug}", DeleteTypeAsync).WithName("DeleteTeamMeetingType").RequireTeamAdminKey()
            .WithSummary("Delete a team meeting type (a team admin's key); its bookings stay");
        return routes;
    }

    public static async Task<Results<Created<CreatedTeamResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string ownerId, CreateTeamRequest? body, TeamService teams, CancellationToken cancellationToken) =>
        (await teams.CreateAsync(ownerId, body, cancellationToken)).Answer(created =>
            TypedResults.Created($"/v1/teams/{created.Team.Id}", new CreatedTeamResponse(ToResponse(created.Team, forMembers: true), created.JoinCode)));

    public static async Task<Results<Ok<TeamsResponse>, ProblemHttpResult>> ListOfOwnerAsync(string ownerId, IOwnerStore owners, TeamService teams, CancellationToken cancellationToken) =>
        await owners.FindOwnerAsync(ownerId, cancellationToken) is null
            ? ApiProblems.UnknownOwner(ownerId)
            : TypedResults.Ok(new TeamsResponse((await teams.ListOfAsync(ownerId, cancellationToken)).Select(t => ToResponse(t, forMembers: true)).ToList()));

    public static async Task<Results<Ok<TeamResponse>, ProblemHttpResult>> GetAsync(string teamId, TeamService teams, CancellationToken cancellationToken) =>
        await teams.FindAsync(teamId, cancellationToken) is { } team ? TypedResults.Ok(ToResponse(team, forMembers: false)) : UnknownTeam(teamId);

    public static async Task<Results<Ok<TeamResponse>, ValidationProblem, ProblemHttpResult>> JoinAsync(
        string teamId, string ownerId, JoinTeamRequest? body, HttpContext http, AuthOptions auth, OwnerKeys keys, TeamService teams, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var code = errors.Text("join_code", body?.JoinCode, 200);
        var administrator = auth.Mode == AuthMode.Open || await keys.IdentifyAsync(http.Request, cancellationToken) is Caller.Administrator;
        if (code is null && !administrator)
        {
            errors.Add("join_code", "JoinCodeRequired", "join_code", "/v1/teams/{teamId}/join-code");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        return (await teams.JoinAsync(teamId, ownerId, code, cancellationToken)).Answer(team => TypedResults.Ok(ToResponse(team, forMembers: true)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> LeaveAsync(string teamId, string ownerId, TeamService teams, CancellationToken cancellationToken) =>
        (await teams.LeaveAsync(teamId, ownerId, cancellationToken)).AnswerRead(_ => TypedResults.NoContent());

    public static async Task<Results<Ok<TeamResponse>, ValidationProblem, ProblemHttpResult>> SetRoleAsync(
        string teamId, string ownerId, TeamRoleRequest? body, TeamService teams, CancellationToken cancellationToken) =>
        (await teams.SetRoleAsync(teamId, ownerId, body?.Role, cancellationToken)).Answer(team => TypedResults.Ok(ToResponse(team, forMembers: true)));

    public static async Task<Results<Ok<TeamResponse>, ValidationProblem, ProblemHttpResult>> SetOutOfOfficeAsync(
        string teamId, string ownerId, OutOfOfficeRequest? body, TeamService teams, CancellationToken cancellationToken) =>
        (await teams.SetOutOfOfficeAsync(teamId, ownerId, body, cancellationToken)).Answer(team => TypedResults.Ok(ToResponse(team, forMembers: true)));

    public static async Task<Results<Ok<TeamJoinCodeResponse>, ProblemHttpResult>> NewJoinCodeAsync(string teamId, TeamService teams, CancellationToken cancellationToken) =>
        await teams.NewJoinCodeAsync(teamId, cancellationToken) is { } code ? TypedResults.Ok(new TeamJoinCodeResponse(teamId, code)) : UnknownTeam(teamId);

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
        string teamId, TeamMeetingTypeBody? body, TeamService teams, CancellationToken cancellationToken) =>
        (await teams.CreateTypeAsync(teamId, body, cancellationToken)).Answer(type => TypedResults.Created($"/v1/teams/{teamId}/meeting-types/{type.Slug}", ToResponse(type)));

    public static async Task<Results<Ok<TeamMeetingTypeResponse>, ProblemHttpResult>> GetTypeAsync(string teamId, string slug, TeamService teams, CancellationToken cancellationToken) =>
        await teams.FindAsync(teamId, cancellationToken) is not { } team ? UnknownTeam(teamId)
        : team.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is { } type ? TypedResults.Ok(ToResponse(type))
        : UnknownTeamMeetingType(teamId, slug);

    public static async Task<Results<Ok<TeamMeetingTypeResponse>, ValidationProblem, ProblemHttpResult>> ReplaceTypeAsync(
        string teamId, string slug, TeamMeetingTypeBody? body, TeamService teams, CancellationToken cancellationToken) =>
        (await teams.ReplaceTypeAsync(teamId, slug, body, cancellationToken)).Answer(type => TypedResults.Ok(ToResponse(type)));

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteTypeAsync(string teamId, string slug, TeamService teams, CancellationToken cancellationToken) =>
        await teams.DeleteTypeAsync(teamId, slug, cancellationToken) ? TypedResults.NoContent() : UnknownTeamMeetingType(teamId, slug);

    internal static TeamResponse ToResponse(StoredTeam team, bool forMembers) => TeamMapping.ToResponse(team, forMembers);

    internal static TeamMeetingTypeResponse ToResponse(StoredTeamMeetingType type) => TeamMapping.ToResponse(type);

    internal static ProblemHttpResult UnknownTeam(string teamId) => TeamService.UnknownTeam(teamId).ToProblem();

    internal static ProblemHttpResult UnknownTeamMeetingType(string teamId, string slug) => TeamService.UnknownTeamMeetingType(teamId, slug).ToProblem();
}
