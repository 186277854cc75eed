using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Localisation;
using Agenda.Api.Platform.Outbound;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Workflows;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Workflows;

/// <summary>
/// An owner's workflows, for every door (the API and the console): read and checked here (the trigger and its offset,
/// the action and its address or URL, every template, the meeting types it applies to), written by the store, which plans
/// their runs. A webhook may not point at this service itself, so a workflow cannot trigger itself through the API.
/// </summary>
internal sealed class OwnerWorkflows(
    IWorkflowStore store, IMeetingTypeStore meetingTypes, ITeamStore teams, IOwnerStore owners, INotificationSettingsStore settings, WebhookTargets targets, BookingLinks links,
    TimeProvider time)
{
    /// <summary>The longest offset, in minutes: a year.</summary>
    public static readonly int MaxOffsetMinutes = (int)WorkflowTiming.MaxOffset.TotalMinutes;

    /// <summary>The most meeting types one workflow names.</summary>
    public const int MaxTypes = 50;

    public Task<IReadOnlyList<StoredWorkflow>?> ListAsync(string ownerId, CancellationToken cancellationToken) => store.ListWorkflowsAsync(ownerId, cancellationToken);

    public Task<StoredWorkflow?> GetAsync(string ownerId, string id, CancellationToken cancellationToken) => store.GetWorkflowAsync(ownerId, id, cancellationToken);

    public Task<bool> DeleteAsync(string ownerId, string id, CancellationToken cancellationToken) => store.DeleteWorkflowAsync(ownerId, id, cancellationToken);

    public Task<IReadOnlyList<WorkflowRunLog>?> RunsAsync(string ownerId, string id, CancellationToken cancellationToken) => store.ListRunsAsync(ownerId, id, 50, cancellationToken);

    public Task<bool> RunAgainAsync(string ownerId, string id, string runId, CancellationToken cancellationToken) =>
        store.RunAgainAsync(ownerId, id, runId, time.GetCurrentInstant(), cancellationToken);

    /// <summary>A new workflow; a webhook's gets its signing secret, shown once in the answer.</summary>
    /// <param name="serviceAddress">The address this request reached the service by: a webhook may not point there.</param>
    public Task<Outcome<StoredWorkflow>> CreateAsync(string ownerId, WorkflowBody? body, Uri? serviceAddress, CancellationToken cancellationToken) =>
        WriteAsync(ownerId, "wf_" + Guid.CreateVersion7().ToString("N", System.Globalization.CultureInfo.InvariantCulture), body, serviceAddress, create: true, cancellationToken);

    /// <summary>Replaces the workflow; its runs not yet attempted follow the new settings.</summary>
    public Task<Outcome<StoredWorkflow>> ReplaceAsync(string ownerId, string id, WorkflowBody? body, Uri? serviceAddress, CancellationToken cancellationToken) =>
        WriteAsync(ownerId, id, body, serviceAddress, create: false, cancellationToken);

    private async Task<Outcome<StoredWorkflow>> WriteAsync(string ownerId, string id, WorkflowBody? body, Uri? serviceAddress, bool create, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var now = time.GetCurrentInstant();
        var workflow = await ReadAsync(ownerId, id, body, serviceAddress, errors, now, cancellationToken);
        if (errors.Any || workflow is null)
        {
            return errors;
        }

        // A webhook workflow gets its signing secret when it first becomes one; the answer shows it that once.
        var existing = create ? null : await store.GetWorkflowAsync(ownerId, id, cancellationToken);
        var newSecret = workflow.Action == WorkflowAction.Webhook && existing?.Secret is null ? WebhookSignature.NewSecret() : null;
        var stored = workflow with { Secret = newSecret };
        return await store.SaveWorkflowAsync(stored, create, now, cancellationToken) switch
        {
            WorkflowWrite.Saved => create ? stored : (await store.GetWorkflowAsync(ownerId, id, cancellationToken))! with { Secret = newSecret },
            WorkflowWrite.TooMany => Refusal.Conflict("Too many workflows", new Message("TooManyWorkflows", IWorkflowStore.WorkflowsPerOwner), "too_many_workflows"),
            WorkflowWrite.NotFound => UnknownWorkflow(id),
            _ => Refusal.UnknownOwner(ownerId),
        };
    }

    /// <summary>The subject and body rendered for a made-up booking, in <see cref="WorkflowPreviewBody.Language"/> (the owner's by default).</summary>
    public async Task<Outcome<WorkflowPreviewResponse>> PreviewAsync(string ownerId, WorkflowPreviewBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var subject = Template(errors, "subject", body?.Subject, required: false) ?? "";
        var text = Template(errors, "body", body?.Body, required: false) ?? "";
        if (body?.Language is { } asked && !Languages.Codes.Contains(asked))
        {
            errors.Add("language", "OneOf", "language", string.Join(", ", Languages.Codes));
        }

        if (errors.Any)
        {
            return errors;
        }

        if (await owners.FindOwnerAsync(ownerId, cancellationToken) is not { } owner)
        {
            return Refusal.UnknownOwner(ownerId);
        }

        var language = body?.Language ?? (await settings.GetNotificationSettingsAsync(ownerId, cancellationToken))?.Language ?? "en";
        var trigger = body?.Trigger is { } named && WorkflowWords.Triggers.ContainsKey(named) ? named : "booked";
        var model = WorkflowFields.Model(WorkflowFields.Sample(language, owner.Zone, time.GetCurrentInstant(), owner.DisplayName ?? ownerId, "Preview", trigger));
        try
        {
            var rendered = WorkflowTemplates.Render(text, model);
            return new WorkflowPreviewResponse(WorkflowTemplates.Render(subject, model).ReplaceLineEndings(" ").Trim(), rendered, WorkflowTemplates.ToHtml(rendered));
        }
        catch (InvalidOperationException e)
        {
            errors.Add("body", "TemplateRender", "body", e.Message);
            return errors;
        }
    }

    private async Task<StoredWorkflow?> ReadAsync(
        string ownerId, string id, WorkflowBody? body, Uri? serviceAddress, RequestErrors errors, Instant now, CancellationToken cancellationToken)
    {
        var name = errors.Name("name", body?.Name);
        WorkflowTrigger? trigger = body?.Trigger is { } t && WorkflowWords.Triggers.TryGetValue(t, out var known) ? known : null;
        if (trigger is null)
        {
            errors.Add("trigger", "OneOf", "trigger", string.Join(", ", WorkflowWords.Triggers.Keys));
        }

        var offset = 0;
        if (trigger is { } timed && WorkflowTiming.IsTimed(timed))
        {
            offset = errors.Number("offset_minutes", body?.OffsetMinutes, 0, MaxOffsetMinutes, required: true) ?? 0;
        }
        else if (body?.OffsetMinutes is { } given && given != 0)
        {
            errors.Add("offset_minutes", "WorkflowOffsetUntimed", "offset_minutes", "before_start", "after_end");
        }

        WorkflowAction? action = body?.Action is { } a && WorkflowWords.Actions.TryGetValue(a, out var knownAction) ? knownAction : null;
        string? target = null;
        switch (action)
        {
            case null:
                errors.Add("action", "OneOf", "action", string.Join(", ", WorkflowWords.Actions.Keys));
                break;
            case WorkflowAction.EmailAddress:
                target = errors.Email("address", body?.Address);
                if (target is null && body?.Address is null)
                {
                    errors.Add("address", "Required", "address");
                }

                break;
            case WorkflowAction.Webhook:
                target = targets.ReadUrl(errors, "url", body?.Url);
                if (target is not null && PointsHere(target, serviceAddress))
                {
                    errors.Add("url", "WorkflowUrlSelf", "url");
                    target = null;
                }

                break;
        }

        // A webhook sends the booking's event; its subject and body, when given, are not used but still checked.
        var email = action is not WorkflowAction.Webhook;
        var subject = Template(errors, "subject", body?.Subject, required: email);
        var text = Template(errors, "body", body?.Body, required: email);
        var translations = new Dictionary<string, WorkflowText>(StringComparer.Ordinal);
        foreach (var (language, translated) in body?.Translations ?? new Dictionary<string, WorkflowTextBody?>())
        {
            if (!Languages.Codes.Contains(language))
            {
                errors.Add($"translations.{language}", "OneOf", "translations", string.Join(", ", Languages.Codes));
                continue;
            }

            var s = Template(errors, $"translations.{language}.subject", translated?.Subject, required: true);
            var b = Template(errors, $"translations.{language}.body", translated?.Body, required: true);
            if (s is not null && b is not null)
            {
                translations[language] = new WorkflowText(s, b);
            }
        }

        var types = await MeetingTypesAsync(ownerId, body?.MeetingTypes ?? [], errors, cancellationToken);
        if (errors.Any || name is null || trigger is null || action is null)
        {
            return null;
        }

        return new StoredWorkflow(
            id, ownerId, name, types, trigger.Value, Duration.FromMinutes(offset), action.Value, target, subject ?? "", text ?? "", body?.Enabled ?? true, now, now)
        {
            Translations = translations,
        };
    }

    /// <summary>A template as given: at most <see cref="WorkflowTemplates.MaxSource"/> characters, and one that passes <see cref="WorkflowTemplates.Check"/>.</summary>
    private static string? Template(RequestErrors errors, string field, string? source, bool required)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            if (required)
            {
                errors.Add(field, "Required", field);
            }

            return null;
        }

        if (source.Length > WorkflowTemplates.MaxSource)
        {
            errors.Add(field, "TextTooLong", field, WorkflowTemplates.MaxSource);
            return null;
        }

        if (WorkflowTemplates.Check(source) is { } problem)
        {
            errors.Add(field, problem.Key, [field, problem.Line, .. problem.Arguments]);
            return null;
        }

        return source;
    }

    /// <summary>The meeting type keys of the names given: the owner's own types by slug, or types of the owner's teams as team_id/slug.</summary>
    private async Task<List<string>> MeetingTypesAsync(string ownerId, IReadOnlyList<string> names, RequestErrors errors, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        if (names.Count > MaxTypes)
        {
            errors.Add("meeting_types", "TooManyItems", "meeting_types", MaxTypes);
            return keys;
        }

        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i] ?? "";
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            var exists = slash > 0
                ? await teams.GetTeamAsync(name[..slash], cancellationToken) is { } team && team.HasMember(ownerId) && team.MeetingTypes.Any(t => t.Slug == name[(slash + 1)..])
                : (await meetingTypes.FindMeetingTypeAsync(ownerId, name, cancellationToken)).MeetingType is not null;
            if (!exists)
            {
                errors.Add($"meeting_types[{i}]", "WorkflowUnknownType", $"meeting_types[{i}]", name);
                continue;
            }

            keys.Add(StoredTeamMeetingType.KeyOfName(name));
        }

        return [.. keys.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Whether a webhook's URL reaches this service: its public address, or the one the request came to (host and port).</summary>
    private bool PointsHere(string url, Uri? serviceAddress)
    {
        var target = new Uri(url);
        return new[] { links.PublicBase, serviceAddress }.Any(here =>
            here is not null && string.Equals(here.Host, target.Host, StringComparison.OrdinalIgnoreCase) && here.Port == target.Port);
    }

    public static Refusal UnknownWorkflow(string id) => Refusal.NotFound(new Message("UnknownWorkflow", id));
}

/// <summary>The address a request reached the service by, as a workflow's webhook must not name it.</summary>
internal static class ServiceAddress
{
    public static Uri? Of(HttpRequest request) => Uri.TryCreate($"{request.Scheme}://{request.Host}", UriKind.Absolute, out var address) ? address : null;
}
