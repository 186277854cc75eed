using System.Globalization;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Api.Workflows;

/// <summary>
/// The fields a workflow's templates read, and their values for one run: the booking as the event that triggered the run
/// left it, written in the recipient's language and zone (<see cref="WorkflowFacts"/>). The same names check a template
/// when it is saved (<see cref="WorkflowTemplates.Check"/>) and fill it when it runs, so a template that passed the check
/// never reads a field that is not there.
/// </summary>
internal static class WorkflowFields
{
    /// <summary>The objects and their fields; <c>answer</c> holds one field per question id, so any name is read there.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>?> Objects = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal)
    {
        ["booking"] = ["id", "title", "start", "end", "date", "time", "time_zone", "duration_minutes", "status", "location", "manage_url", "note", "cancel_reason", "previous_start"],
        ["invitee"] = ["name", "email", "language", "time_zone"],
        ["owner"] = ["name", "email"],
        ["workflow"] = ["name", "trigger"],
        ["answers"] = null,
        ["answer"] = null,
    };

    /// <summary>Every field's name, for the message of a template that names another.</summary>
    public static IEnumerable<string> Names =>
        Objects.SelectMany(o => o.Value is { } fields ? fields.Select(f => $"{o.Key}.{f}") : [o.Key == "answer" ? "answer.<question id>" : o.Key]);

    /// <summary>Whether a template may read <paramref name="root"/> (and <paramref name="member"/> of it, when given).</summary>
    public static bool Known(string root, string? member) =>
        Objects.TryGetValue(root, out var fields) && (fields is null || member is null || fields.Contains(member, StringComparer.Ordinal));

    /// <summary>The values of every field for <paramref name="facts"/>, as the template reads them.</summary>
    public static IReadOnlyDictionary<string, object?> Model(WorkflowFacts facts)
    {
        var culture = CultureInfo.GetCultureInfo(Notifications.EmailTexts.For(facts.Language).Culture);
        var zone = facts.Zone;
        var start = facts.Meeting.Start.InZone(zone);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["booking"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = facts.BookingId,
                ["title"] = facts.Title,
                ["start"] = InviteeFormat.Times(facts.Meeting, zone, culture),
                ["end"] = InviteeFormat.Time(facts.Meeting.End, zone, culture),
                ["date"] = InviteeFormat.LongDate(start.Date, culture),
                ["time"] = InviteeFormat.Time(facts.Meeting.Start, zone, culture),
                ["time_zone"] = zone.Id,
                ["duration_minutes"] = (int)(facts.Meeting.End - facts.Meeting.Start).TotalMinutes,
                ["status"] = facts.Status,
                ["location"] = facts.Location,
                ["manage_url"] = facts.ManageUrl,
                ["note"] = facts.Note,
                ["cancel_reason"] = facts.CancelReason,
                ["previous_start"] = facts.Previous is { } previous ? InviteeFormat.Times(previous, zone, culture) : null,
            },
            ["invitee"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = facts.InviteeName,
                ["email"] = facts.InviteeEmail,
                ["language"] = facts.InviteeLanguage,
                ["time_zone"] = facts.InviteeTimeZone,
            },
            ["owner"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = facts.OwnerName, ["email"] = facts.OwnerEmail },
            ["workflow"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = facts.WorkflowName, ["trigger"] = facts.Trigger },
            ["answers"] = facts.Answers.Select(a => new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = a.Id, ["question"] = a.Question, ["value"] = a.Value }).ToList(),
            ["answer"] = facts.Answers.ToDictionary(a => a.Id, a => (object?)a.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>A made-up booking for a preview, tomorrow at 10:00 in <paramref name="zone"/>, in <paramref name="language"/>.</summary>
    public static WorkflowFacts Sample(string language, DateTimeZone zone, Instant now, string ownerName, string workflowName, string trigger)
    {
        var start = now.InZone(zone).Date.PlusDays(1).At(new LocalTime(10, 0)).InZoneLeniently(zone).ToInstant();
        return new WorkflowFacts(
            "bkg_sample", "Intro call", new Slot(start, start + Duration.FromMinutes(30)), zone, language, "active", "Jane Doe", "jane@example.com", language, zone.Id,
            ownerName, null, workflowName, trigger)
        {
            Location = "Video call: https://meet.example.org/sample",
            ManageUrl = "https://agenda.example.com/booking/bkg_sample?token=sample",
            Note = "Looking forward to it.",
            Answers = [new("topic", "Topic", "Pricing")],
        };
    }
}

/// <summary>One run's booking as its templates read it: the meeting, in the recipient's <paramref name="Language"/> and <paramref name="Zone"/>.</summary>
internal sealed record WorkflowFacts(
    string BookingId, string Title, Slot Meeting, DateTimeZone Zone, string Language, string Status, string InviteeName, string? InviteeEmail, string? InviteeLanguage,
    string? InviteeTimeZone, string OwnerName, string? OwnerEmail, string WorkflowName, string Trigger)
{
    public string? Location { get; init; }

    public string? ManageUrl { get; init; }

    public string? Note { get; init; }

    public string? CancelReason { get; init; }

    /// <summary>The meeting's time before a move, for a run triggered by one.</summary>
    public Slot? Previous { get; init; }

    public IReadOnlyList<WorkflowAnswer> Answers { get; init; } = [];
}

/// <summary>An invitee's answer: the question's id and label, and the answer as one text.</summary>
internal sealed record WorkflowAnswer(string Id, string Question, string Value);
