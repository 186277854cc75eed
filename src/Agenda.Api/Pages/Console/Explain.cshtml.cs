using Agenda.Api.Explanations;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// "Why is this time not offered?": the owner picks a meeting type, a date and a time (in their zone), and the page lists
/// every reason, in the order a booking is decided, as the explain route answers it (<see cref="SlotExplainer"/>).
/// </summary>
internal sealed class ExplainModel(IMeetingTypeStore meetingTypes, ITeamStore teams, SlotExplainer explainer) : ConsolePage
{
    public IReadOnlyList<StoredMeetingType> Types { get; private set; } = [];

    /// <summary>The team meeting types the owner hosts, by team: asked about, each host's reasons are shown.</summary>
    public IReadOnlyList<(StoredTeam Team, StoredTeamMeetingType Type)> TeamTypes { get; private set; } = [];

    /// <summary>For a team type, each host's answer: their name, and their reasons (none when free).</summary>
    public IReadOnlyList<(string Host, IReadOnlyList<(string Code, string Sentence)> Reasons)> Hosts { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Time { get; set; }

    /// <summary>The answer, once a time was asked about: the time, whether it is offered, and each reason as a sentence.</summary>
    public (string When, bool Offered, IReadOnlyList<(string Code, string Sentence)> Reasons)? Answer { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Types = await meetingTypes.ListMeetingTypesAsync(OwnerId, cancellationToken) ?? [];
        TeamTypes = [.. (await teams.ListTeamsOfAsync(OwnerId, cancellationToken))
            .SelectMany(team => team.MeetingTypes.Where(t => t.Team.Hosts.Any(h => h.OwnerId == OwnerId)).Select(t => (team, t)))];
        // Nothing asked yet, or only the type and date chosen (as the week's "Why is a time missing?" links them).
        if (Time is null)
        {
            return Page();
        }

        var type = Types.FirstOrDefault(t => t.Slug == Type);
        var teamType = TeamTypes.FirstOrDefault(t => StoredTeamMeetingType.KeyOf(t.Team.Id, t.Type.Slug) == Type);
        if (type is null && teamType.Type is null)
        {
            Errors.Add("explain-type", ConsoleTexts.Get("ExplainChooseType"));
        }

        if (!WireFormat.TryParseDate(Date?.Trim() ?? "", out var date) || !Scheduling.CalendarDates.IsSupported(date))
        {
            Errors.Add("explain-date", ConsoleTexts.Get("ExplainChooseDate"));
        }

        if (!WireFormat.TryParseTime(Time?.Trim() ?? "", out var time))
        {
            Errors.Add("explain-time", ConsoleTexts.Get("ExplainChooseTime"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        // A wall-clock time the clocks skip is read as the instant just after the gap, as the booking page shows it.
        var start = date.At(time).InZoneLeniently(Owner.Zone).ToInstant();
        if (type is null && teamType.Type is { } asked)
        {
            var rules = asked.Rules;
            var team = await explainer.ExplainTeamAsync(teamType.Team, asked, rules, rules.SlotAt(start), cancellationToken);
            Answer = (WireFormat.Format(team.Slot.Start, Owner.Zone).Replace('T', ' '), team.Explanation.Offered, []);
            Hosts = [.. team.Explanation.Hosts.Select(h => (
                team.Hosts.TryGetValue(h.OwnerId, out var host) ? host.DisplayName ?? h.OwnerId : h.OwnerId,
                (IReadOnlyList<(string, string)>)[.. h.Reasons.Select(r => (ExplanationWords.Code(r), ExplanationWords.Sentence(r, Owner.Zone, team.CalendarNames, team.ScheduleOf(h.OwnerId))))]))];
            return Page();
        }

        if (type is null || await explainer.ExplainAsync(OwnerId, type.Slug, type.Rules, type.Rules.SlotAt(start), cancellationToken) is not { } explained)
        {
            return NotFoundPage();
        }

        Answer = (
            WireFormat.Format(explained.Slot.Start, Owner.Zone).Replace('T', ' '),
            explained.Offered,
            [.. explained.Reasons.Select(r => (ExplanationWords.Code(r), ExplanationWords.Sentence(r, Owner.Zone, explained.CalendarNames, explained.Schedule)))]);
        return Page();
    }
}
