using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.MeetingTypes;

/// <summary>
/// An owner's meeting types, as the API (<c>/v1/owners/{o}/meeting-types</c>) and the console's meeting type pages
/// create, read, replace and delete them: a body is read and checked here, once, for every door.
/// </summary>
internal sealed class OwnerMeetingTypes(IMeetingTypeStore store, ISchedulesStore schedules, TimeProvider time)
{
    private const int MinutesPerDay = 24 * 60;

    public async Task<MeetingTypeWrite> CreateAsync(string ownerId, MeetingTypeBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var slug = errors.Slug("slug", body?.Slug);
        var meetingType = Read(body, errors);
        await CheckScheduleAsync(ownerId, meetingType, errors, cancellationToken);
        if (errors.Any || slug is null || meetingType is null)
        {
            return new MeetingTypeWrite.Invalid(errors);
        }

        var stored = meetingType with { Slug = slug };
        return await store.CreateMeetingTypeAsync(ownerId, stored, time.GetCurrentInstant(), cancellationToken) switch
        {
            OwnerWrite.Written => new MeetingTypeWrite.Saved(stored),
            OwnerWrite.AlreadyExists => new MeetingTypeWrite.Exists(slug),
            OwnerWrite.LimitReached reached => new MeetingTypeWrite.LimitReached(reached),
            _ => new MeetingTypeWrite.NotFound(),
        };
    }

    /// <summary>
    /// Creates a meeting type as <see cref="CreateAsync"/> does, except that a body without a slug gets one made from its
    /// title (<see cref="MeetingTypeSlugs.FromTitle"/>; "meeting" for a title without letters or digits), numbered to be
    /// unique among the owner's types: intro, intro-2, intro-3…
    /// </summary>
    public async Task<MeetingTypeWrite> CreateWithSlugFromTitleAsync(string ownerId, MeetingTypeBody body, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(body.Slug) || string.IsNullOrWhiteSpace(body.Title))
        {
            return await CreateAsync(ownerId, body, cancellationToken);
        }

        var slug = MeetingTypeSlugs.FromTitle(body.Title) is { Length: > 0 } made ? made : "meeting";
        var taken = (await store.ListMeetingTypesAsync(ownerId, cancellationToken) ?? []).Select(t => t.Slug);
        return await CreateAsync(ownerId, body with { Slug = MeetingTypeSlugs.Unique(slug, taken) }, cancellationToken);
    }

    /// <summary>Why a new meeting type's slug is refused, as the API and the console say it, in the current UI language.</summary>
    public static string AlreadyExists(string ownerId, string slug) => new Message("MeetingTypeExists", ownerId, slug).ToString();

    /// <summary>The owner's meeting types; null for an unknown owner.</summary>
    public Task<IReadOnlyList<StoredMeetingType>?> ListAsync(string ownerId, CancellationToken cancellationToken) =>
        store.ListMeetingTypesAsync(ownerId, cancellationToken);

    public async Task<StoredMeetingType?> FindAsync(string ownerId, string slug, CancellationToken cancellationToken) =>
        (await store.FindMeetingTypeAsync(ownerId, slug, cancellationToken)).MeetingType;

    /// <summary>Replaces the title and rules of the type <paramref name="slug"/>; a body's slug, if any, must be that one.</summary>
    public async Task<MeetingTypeWrite> ReplaceAsync(string ownerId, string slug, MeetingTypeBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (body?.Slug is { } other && other != slug)
        {
            errors.Add("slug", "SlugMatchesPath", "slug", other, slug);
        }

        var meetingType = Read(body, errors);
        await CheckScheduleAsync(ownerId, meetingType, errors, cancellationToken);
        if (errors.Any || meetingType is null)
        {
            return new MeetingTypeWrite.Invalid(errors);
        }

        var stored = meetingType with { Slug = slug };
        return await store.ReplaceMeetingTypeAsync(ownerId, stored, cancellationToken) ? new MeetingTypeWrite.Saved(stored) : new MeetingTypeWrite.NotFound();
    }

    /// <summary>The schedule a type names must be one the owner keeps (checked when the type is written; a schedule in use cannot be deleted).</summary>
    private async Task CheckScheduleAsync(string ownerId, StoredMeetingType? meetingType, RequestErrors errors, CancellationToken cancellationToken)
    {
        if (meetingType?.Rules.Schedule is { } schedule && await schedules.GetScheduleAsync(ownerId, schedule, cancellationToken) is null)
        {
            errors.Add("schedule", "ScheduleUnknown", "schedule", schedule);
        }
    }

    /// <summary>Deletes the type (its bookings stay); false when the owner has none of that slug.</summary>
    public Task<bool> DeleteAsync(string ownerId, string slug, CancellationToken cancellationToken) =>
        store.DeleteMeetingTypeAsync(ownerId, slug, cancellationToken);

    /// <summary>The title, rules and details of a body; the slug is filled in by the caller.</summary>
    internal static StoredMeetingType? Read(MeetingTypeBody? body, RequestErrors errors)
    {
        var title = errors.Name("title", body?.Title);
        var duration = errors.Number("duration_minutes", body?.DurationMinutes, 5, MinutesPerDay, required: true);
        var step = errors.Number("step_minutes", body?.StepMinutes, 5, MinutesPerDay, required: false);
        var before = errors.Number("buffer_before_minutes", body?.BufferBeforeMinutes, 0, MinutesPerDay, required: false);
        var after = errors.Number("buffer_after_minutes", body?.BufferAfterMinutes, 0, MinutesPerDay, required: false);
        var notice = errors.Number("minimum_notice_minutes", body?.MinimumNoticeMinutes, 0, 366 * MinutesPerDay, required: false);
        var horizon = errors.Number("horizon_days", body?.HorizonDays, 1, 3660, required: false);
        var cap = errors.Number("max_per_day", body?.MaxPerDay, 1, 1000, required: false);
        var seats = errors.Number("seats", body?.Seats, 2, MeetingType.MaxSeats, required: false);
        var limits = BookingLimitsInput.Read(body?.Limits, cap, errors);
        var schedule = body?.Schedule is null ? null : errors.Slug("schedule", body.Schedule);
        var details = MeetingTypeDetailsInput.Read(body, duration, errors);
        if (errors.Any || title is null || duration is not { } length)
        {
            return null;
        }

        var rules = new MeetingType(
            Duration.FromMinutes(length),
            step: step is { } s ? Duration.FromMinutes(s) : null,
            bufferBefore: Duration.FromMinutes(before ?? 0),
            bufferAfter: Duration.FromMinutes(after ?? 0),
            minimumNotice: Duration.FromMinutes(notice ?? 0),
            horizon: horizon is { } h ? Duration.FromDays(h) : null,
            seats: seats,
            limits: limits)
        {
            Schedule = schedule,
        };
        return new StoredMeetingType("", title, rules) { Details = details };
    }
}

/// <summary>What creating or replacing a meeting type came to.</summary>
internal abstract record MeetingTypeWrite
{
    private MeetingTypeWrite()
    {
    }

    public sealed record Saved(StoredMeetingType MeetingType) : MeetingTypeWrite;

    /// <summary>The body cannot be used; nothing was written.</summary>
    public sealed record Invalid(RequestErrors Errors) : MeetingTypeWrite;

    /// <summary>The owner has a meeting type of that slug already.</summary>
    public sealed record Exists(string Slug) : MeetingTypeWrite;

    public sealed record LimitReached(OwnerWrite.LimitReached Reached) : MeetingTypeWrite;

    /// <summary>No such owner (on create) or meeting type (on replace).</summary>
    public sealed record NotFound : MeetingTypeWrite;
}
