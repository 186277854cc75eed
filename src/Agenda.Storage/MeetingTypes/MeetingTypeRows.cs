using System.Data.Common;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.MeetingTypes;

/// <summary>
/// The codec of what every meeting type has, personal or team (<see cref="StoredMeetingType"/>: slug, title, rules), kept
/// in columns of the same names in <c>meeting_types</c> and <c>team_meeting_types</c>. Both stores write and read those
/// columns only through it: SQL fragments (<see cref="MeetingTypeColumns"/>, <see cref="MeetingTypeValues"/>,
/// <see cref="MeetingTypeAssignments"/>), <see cref="MeetingTypeParameters"/> and <see cref="ReadMeetingType"/>. So a
/// field of <see cref="StoredMeetingType"/> is stored by a line in <see cref="Fields"/>, a line in
/// <see cref="ReadMeetingType"/>, and a migration per database adding its column to both tables; a field of its
/// <see cref="MeetingTypeDetails"/> (the <c>details</c> column's JSON document) needs none of these.
/// </summary>
internal static class MeetingTypeRows
{
    /// <summary>Each shared column and its value, in order; a column's parameter is its name after '@'. The slug, part of the key, is first.</summary>
    private static readonly (string Column, Func<StoredMeetingType, object> Value)[] Fields =
    [
        ("slug", t => t.Slug),
        ("title", t => t.Title),
        ("length_minutes", t => ToMinutes(t.Rules.Length)),
        ("step_minutes", t => ToMinutes(t.Rules.Step)),
        ("buffer_before_minutes", t => ToMinutes(t.Rules.BufferBefore)),
        ("buffer_after_minutes", t => ToMinutes(t.Rules.BufferAfter)),
        ("minimum_notice_minutes", t => ToMinutes(t.Rules.MinimumNotice)),
        ("horizon_days", t => ToColumn(t.Rules.Horizon is { } h ? (long)h.TotalDays : null)),
        ("max_per_day", t => ToColumn(t.Rules.MaxPerDay)),
        ("seats", t => ToColumn(t.Rules.Seats)),
        ("limits", t => BookingLimitsColumn.ToColumn(t.Rules.Limits, withPerDay: false)),
        ("schedule", t => ToColumn(t.Rules.Schedule)),
        ("details", t => t.Details.ToJson()),
    ];

    /// <summary>The shared columns, for a SELECT list or an INSERT's columns.</summary>
    public static readonly string MeetingTypeColumns = string.Join(", ", Fields.Select(f => f.Column));

    /// <summary>Their parameters in the same order, for an INSERT's VALUES.</summary>
    public static readonly string MeetingTypeValues = string.Join(", ", Fields.Select(f => "@" + f.Column));

    /// <summary>Every shared column but the slug set from its parameter, for an UPDATE's SET of a row found by its slug.</summary>
    public static readonly string MeetingTypeAssignments = string.Join(", ", Fields.Skip(1).Select(f => $"{f.Column} = @{f.Column}"));

    /// <summary>The parameters of <see cref="MeetingTypeValues"/> and <see cref="MeetingTypeAssignments"/> (with <c>@slug</c>).</summary>
    public static (string Name, object Value)[] MeetingTypeParameters(StoredMeetingType meetingType) =>
        [.. Fields.Select(f => ("@" + f.Column, f.Value(meetingType)))];

    /// <summary>The shared part of a meeting type, from a row with the <see cref="MeetingTypeColumns"/>.</summary>
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
                maxPerDay: r.IntOrNull("max_per_day"),
                seats: r.IntOrNull("seats"),
                limits: BookingLimitsColumn.FromColumn(r.StringOrNull("limits"), r.IntOrNull("max_per_day")))
            {
                Schedule = r.StringOrNull("schedule"),
            })
        {
            Details = MeetingTypeDetails.FromJson(r.String("details")),
        };

    /// <summary>The owner's meeting type of that slug, read in the caller's transaction: by the store, and by a booking moved to another slot of its type.</summary>
    public static async Task<StoredMeetingType?> ReadMeetingTypeAsync(DbConnection connection, DbTransaction transaction, string ownerId, string slug, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(connection, transaction, cancellationToken, ReadMeetingType,
            $"SELECT {MeetingTypeColumns} FROM meeting_types WHERE owner_id = @owner AND slug = @slug;",
            ("@owner", ownerId), ("@slug", slug));
        return rows.SingleOrDefault();
    }
}
