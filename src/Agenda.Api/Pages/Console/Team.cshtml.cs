using Agenda.Api.Availability;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Pages.Console.MeetingTypes;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Teams;
using Agenda.Scheduling.Teams;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// One team of the owner's: its members, its link, its meeting types (created and deleted through <see cref="TeamService"/>, as the API), a
/// new join code (shown once), and the signed-in owner's own out-of-office periods. Only members see it: another
/// owner's team answers the same 404 as one that does not exist.
/// </summary>
internal sealed class TeamModel(TeamService teams) : ConsolePage
{
    /// <summary>The team; null when the page answers 404.</summary>
    public StoredTeam? Team { get; private set; }

    /// <summary>The named schedules each member keeps, which a host may offer the team's types.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<StoredSchedule>> Schedules { get; private set; } = new Dictionary<string, IReadOnlyList<StoredSchedule>>();

    /// <summary>The join code just made, shown in this answer only.</summary>
    public string? NewJoinCode { get; private set; }

    /// <summary>The meeting type form: its slug, title and rules, as the personal meeting type form has them.</summary>
    [BindProperty]
    public MeetingTypeForm Form { get; set; } = new() { DurationMinutes = 30 };

    /// <summary>The team part of the meeting type form.</summary>
    [BindProperty]
    public TeamTypeForm TeamForm { get; set; } = new();

    [BindProperty]
    public string? FirstDay { get; set; }

    [BindProperty]
    public string? LastDay { get; set; }

    public async Task<IActionResult> OnGetAsync(string teamId, CancellationToken cancellationToken) =>
        await LoadAsync(teamId, cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostCreateTypeAsync(string teamId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(teamId, cancellationToken) || !CanManage)
        {
            return NotFoundPage();
        }

        if (BindingFailed(TeamTypeForm.Labels, name => name.StartsWith("Form.", StringComparison.Ordinal) ? MeetingTypeForm.FieldOfPosted(name) : null))
        {
            return Page();
        }

        return Accepted(await teams.CreateTypeAsync(teamId, TeamForm.ToBody(Form), cancellationToken), FieldOf) ? Done("Saved") : Page();
    }

    public async Task<IActionResult> OnPostDeleteTypeAsync(string teamId, string? slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(teamId, cancellationToken) || !CanManage)
        {
            return NotFoundPage();
        }

        if (await teams.DeleteTypeAsync(teamId, slug ?? "", cancellationToken))
        {
            return Done("Deleted");
        }

        Errors.Add(TeamService.UnknownTeamMeetingType(teamId, slug ?? "").Detail);
        return Page();
    }

    public async Task<IActionResult> OnPostJoinCodeAsync(string teamId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(teamId, cancellationToken) || !CanManage)
        {
            return NotFoundPage();
        }

        NewJoinCode = await teams.NewJoinCodeAsync(teamId, cancellationToken);
        // No redirect: the code is in this answer only.
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string teamId, string? member, string? role, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(teamId, cancellationToken) || !CanManage)
        {
            return NotFoundPage();
        }

        return Accepted(await teams.SetRoleAsync(teamId, member ?? "", role, cancellationToken)) ? Done("Saved") : Page();
    }

    /// <summary>Whether the signed-in owner is an admin of the team, who edits its meeting types, hosts, join code and roles.</summary>
    public bool CanManage => Team is { } team && TeamService.CanManage(team, OwnerId);

    public async Task<IActionResult> OnPostAddAwayAsync(string teamId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(teamId, cancellationToken))
        {
            return NotFoundPage();
        }

        if (Parse(FirstDay) is not { } first || Parse(LastDay) is not { } last || last < first)
        {
            Errors.Add("last-day", ConsoleTexts.Get("DatesAwayInvalid"));
            return Page();
        }

        // Whole days in the owner's zone: from the start of the first day to the start of the day after the last.
        var away = new Interval(Owner.Zone.AtStartOfDay(first).ToInstant(), Owner.Zone.AtStartOfDay(last.PlusDays(1)).ToInstant());
        return await SetAwayAsync(teamId, [.. OwnPeriods, away], cancellationToken);
    }

    public async Task<IActionResult> OnPostClearAwayAsync(string teamId, CancellationToken cancellationToken) =>
        await LoadAsync(teamId, cancellationToken) ? await SetAwayAsync(teamId, [], cancellationToken) : NotFoundPage();

    /// <summary>The signed-in owner's out-of-office periods in this team.</summary>
    public IReadOnlyList<Interval> OwnPeriods => Team!.Members.First(m => m.OwnerId == OwnerId).OutOfOffice;

    /// <summary>A member's name as the team shows it.</summary>
    public string NameOf(string ownerId) => Team!.Members.FirstOrDefault(m => m.OwnerId == ownerId)?.Owner.DisplayName ?? ownerId;

    /// <summary>A whole-day period as the owner entered it: first and last day, in the owner's zone.</summary>
    public string Days(Interval period) =>
        $"{ConsoleFormat.Date(period.Start.InZone(Owner.Zone).Date)} – {ConsoleFormat.Date(period.End.Minus(Duration.Epsilon).InZone(Owner.Zone).Date)}";

    /// <summary>The form's field of a use case's error key about a team meeting type.</summary>
    private string? FieldOf(string key) => TeamTypeForm.FieldOf(key, Form);

    public static string KindKey(TeamKind kind) => kind == TeamKind.RoundRobin ? "KindRoundRobin" : "KindCollective";

    private async Task<IActionResult> SetAwayAsync(string teamId, IReadOnlyList<Interval> periods, CancellationToken cancellationToken)
    {
        // Through the use case, so the API's limits (how many periods, end after start) hold here too.
        var body = new OutOfOfficeRequest([.. periods.Select(p => (PeriodBody?)new PeriodBody(WireFormat.FormatUtc(p.Start), WireFormat.FormatUtc(p.End)))]);
        return Accepted(await teams.SetOutOfOfficeAsync(teamId, OwnerId, body, cancellationToken)) ? Done("Saved") : Page();
    }

    /// <returns>False when there is no such team or the owner is not in it.</returns>
    private async Task<bool> LoadAsync(string teamId, CancellationToken cancellationToken)
    {
        if (await teams.FindAsync(teamId, cancellationToken) is not { } team || !team.HasMember(OwnerId))
        {
            return false;
        }

        Team = team;
        Schedules = await teams.MemberSchedulesAsync(team, cancellationToken);
        return true;
    }

    private static LocalDate? Parse(string? date) =>
        LocalDatePattern.Iso.Parse(date?.Trim() ?? "") is { Success: true } parsed ? parsed.Value : null;
}

/// <summary>The team part of a team meeting type's form: who hosts it and how; the rest is a <see cref="MeetingTypeForm"/>.</summary>
internal sealed class TeamTypeForm
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(MeetingTypeForm.Labels)
    {
        [nameof(HostsPerBooking)] = "HostsPerBooking",
        [nameof(FairnessDays)] = "FairnessDays",
        [nameof(HostRow.Weight)] = "HostWeight",
        [nameof(HostRow.Priority)] = "HostPriority",
    };

    /// <summary>collective or round_robin, as the API names them.</summary>
    public string Kind { get; set; } = "collective";

    /// <summary>One row per member: whether they host, and how.</summary>
    public List<HostRow> Rows { get; set; } = [];

    public int? HostsPerBooking { get; set; }

    public int? FairnessDays { get; set; }

    /// <summary>The form of a saved team meeting type: its kind, hosts and their settings.</summary>
    public static TeamTypeForm From(StoredTeamMeetingType type) => new()
    {
        Kind = type.Team.Kind == TeamKind.RoundRobin ? "round_robin" : "collective",
        Rows = [.. type.Team.Hosts.Select(h => new HostRow { OwnerId = h.OwnerId, Host = true, Weight = h.Weight, Priority = h.Priority, Fixed = h.IsFixed, Schedule = h.Schedule })],
        HostsPerBooking = type.Team.HostsPerBooking,
        FairnessDays = (int)type.Team.Assignment.FairnessPeriod.TotalDays,
    };

    /// <summary>The form's field of a use case's error key about a team meeting type (the meeting type's own fields through <paramref name="type"/>).</summary>
    public static string? FieldOf(string key, MeetingTypeForm type) => key switch
    {
        "hosts_per_booking" => "hosts-per-booking",
        "fairness_days" => "fairness-days",
        _ => type.FieldOfKey(key),
    };

    /// <summary>The row of <paramref name="ownerId"/> as posted, or an empty one.</summary>
    public HostRow RowFor(string ownerId) => Rows.FirstOrDefault(r => r.OwnerId == ownerId) ?? new HostRow { OwnerId = ownerId };

    public TeamMeetingTypeBody ToBody(MeetingTypeForm type) => new(type.ToBody(type.Slug?.Trim()))
    {
        Kind = Kind,
        Hosts = [.. Rows.Where(r => r.Host && r.OwnerId is not null).Select(r => (TeamHostBody?)new TeamHostBody(r.OwnerId, r.Weight, r.Priority, r.Fixed, string.IsNullOrEmpty(r.Schedule) ? null : r.Schedule))],
        HostsPerBooking = HostsPerBooking,
        FairnessDays = FairnessDays,
    };

    /// <summary>
    /// A member in the form: ticked as a host, with a weight and priority (empty: the API's defaults), whether they join
    /// every booking, and the named schedule whose hours they offer (empty: their default hours).
    /// </summary>
    public sealed class HostRow
    {
        public string? OwnerId { get; set; }

        public bool Host { get; set; }

        public int? Weight { get; set; }

        public int? Priority { get; set; }

        public bool Fixed { get; set; }

        public string? Schedule { get; set; }
    }
}

/// <summary>
/// The team part of a team meeting type's form, for <c>_TeamTypeFields</c>: the team's members as possible hosts, and the
/// named schedules each member keeps (<see cref="TeamService.MemberSchedulesAsync"/>).
/// </summary>
internal sealed record TeamTypeFieldsView(StoredTeam Team, TeamTypeForm Form, FormErrors Errors, IReadOnlyDictionary<string, IReadOnlyList<StoredSchedule>> Schedules);
