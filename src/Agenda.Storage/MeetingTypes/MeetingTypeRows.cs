using System.Data.Common;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.MeetingTypes;

/// <summary>
/// How a meeting type's rules are kept in a row: by the meeting type store, by a booking moved to another slot of its
/// type (<see cref="Bookings.BookingStore"/>), and by team meeting types, which keep the same rules in columns of the same names.
/// </summary>
internal static class MeetingTypeRows
{
    public const string MeetingTypeColumns =
        "slug, title, length_minutes, step_minutes, buffer_before_minutes, buffer_after_minutes, minimum_notice_minutes, horizon_days, max_per_day";

    /// <summary>The owner's meeting type of that slug, read in the caller's transaction.</summary>
    public static async Task<StoredMeetingType?> ReadMeetingTypeAsync(DbConnection connection, DbTransaction transaction, string ownerId, string slug, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(connection, transaction, cancellationToken, ReadMeetingType,
            $"SELECT {MeetingTypeColumns} FROM meeting_types WHERE owner_id = @owner AND slug = @slug;",
            ("@owner", ownerId), ("@slug", slug));
        return rows.SingleOrDefault();
    }

    public static (string, object)[] MeetingTypeParameters(string ownerId, StoredMeetingType meetingType)
    {
        var rules = meetingType.Rules;
        return
        [
            ("@owner", ownerId),
            ("@slug", meetingType.Slug),
            ("@title", meetingType.Title),
            ("@length", ToMinutes(rules.Length)),
            ("@step", ToMinutes(rules.Step)),
            ("@before", ToMinutes(rules.BufferBefore)),
            ("@after", ToMinutes(rules.BufferAfter)),
            ("@notice", ToMinutes(rules.MinimumNotice)),
            ("@horizon", ToColumn(rules.Horizon is { } h ? (long)h.TotalDays : null)),
            ("@cap", ToColumn(rules.MaxPerDay)),
        ];
    }

    /// <summary>A meeting type of a row with the <see cref="MeetingTypeColumns"/>.</summary>
    public static StoredMeetingType ReadMeetingType(DbDataReader r) =>
        new(
            r.String("slug"),
            r.String("title"),
            new MeetingType(
                Duration.FromMinutes(r.Long("length_minutes")),
                step: Duration.FromMinutes(r.Long("step_minutes")),
                bufferBefore: Duration.FromMinutes(r.Long("buffer_before_minutes")),
                bufferAfter: Duration.FromMinutes(r.Long("buffer_after_minutes")),
                minimumNotice: Duration.FromMinutes(r.Long("minimum_notice_minutes")),
                horizon: r.LongOrNull("horizon_days") is { } days ? Duration.FromDays(days) : null,
                maxPerDay: r.IntOrNull("max_per_day")));
}
