using System.Data.Common;
using Agenda.Scheduling.MeetingTypes;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

public sealed partial class ScheduleStore
{
    private const string MeetingTypeColumns =
        "slug, title, length_minutes, step_minutes, buffer_before_minutes, buffer_after_minutes, minimum_notice_minutes, horizon_days, max_per_day";

    public Task<OwnerWrite> CreateMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, Instant now, CancellationToken cancellationToken) =>
        WriteCappedAsync(ownerId, cancellationToken, async (connection, transaction) =>
        {
            var created = await ExecuteAsync(connection, transaction, cancellationToken,
                $"""
                INSERT INTO meeting_types (owner_id, {MeetingTypeColumns}, created_at)
                VALUES (@owner, @slug, @title, @length, @step, @before, @after, @notice, @horizon, @cap, @now)
                ON CONFLICT (owner_id, slug) DO NOTHING;
                """,
                [.. MeetingTypeParameters(ownerId, meetingType), ("@now", ToColumn(now))]);
            return created == 0
                ? new OwnerWrite.AlreadyExists()
                : WithinLimit(OwnerLimit.MeetingTypes, await CountAsync(connection, transaction, "meeting_types", ownerId, cancellationToken), created);
        });

    public async Task<MeetingTypeLookup> FindMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken)
    {
        OwnerSnapshot? owner = null;
        var found = await ReadForOwnerAsync<StoredMeetingType>(ownerId, cancellationToken, (connection, transaction, snapshot) =>
        {
            owner = snapshot;
            return ReadMeetingTypeAsync(connection, transaction, ownerId, slug, cancellationToken);
        });
        return new MeetingTypeLookup(owner, found);
    }

    public Task<IReadOnlyList<StoredMeetingType>?> ListMeetingTypesAsync(string ownerId, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<IReadOnlyList<StoredMeetingType>>(ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ReadMeetingType,
                $"SELECT {MeetingTypeColumns} FROM meeting_types WHERE owner_id = @owner ORDER BY slug;",
                ("@owner", ownerId)));

    public async Task<bool> ReplaceMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, CancellationToken cancellationToken)
    {
        var (_, replaced) = await WriteForOwnerAsync(ownerId, cancellationToken, async (connection, transaction) =>
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                UPDATE meeting_types SET title = @title, length_minutes = @length, step_minutes = @step,
                    buffer_before_minutes = @before, buffer_after_minutes = @after, minimum_notice_minutes = @notice,
                    horizon_days = @horizon, max_per_day = @cap
                WHERE owner_id = @owner AND slug = @slug;
                """,
                MeetingTypeParameters(ownerId, meetingType)) == 1);
        return replaced;
    }

    public async Task<bool> DeleteMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken)
    {
        var (_, deleted) = await WriteForOwnerAsync(ownerId, cancellationToken, async (connection, transaction) =>
            await ExecuteAsync(connection, transaction, cancellationToken,
                "DELETE FROM meeting_types WHERE owner_id = @owner AND slug = @slug;", ("@owner", ownerId), ("@slug", slug)) == 1);
        return deleted;
    }

    private static async Task<StoredMeetingType?> ReadMeetingTypeAsync(DbConnection connection, DbTransaction transaction, string ownerId, string slug, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(connection, transaction, cancellationToken, ReadMeetingType,
            $"SELECT {MeetingTypeColumns} FROM meeting_types WHERE owner_id = @owner AND slug = @slug;",
            ("@owner", ownerId), ("@slug", slug));
        return rows.SingleOrDefault();
    }

    private static (string, object)[] MeetingTypeParameters(string ownerId, StoredMeetingType meetingType)
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

    private static StoredMeetingType ReadMeetingType(DbDataReader r) =>
        new(
            r.GetString(0),
            r.GetString(1),
            new MeetingType(
                Duration.FromMinutes(r.GetInt64(2)),
                step: Duration.FromMinutes(r.GetInt64(3)),
                bufferBefore: Duration.FromMinutes(r.GetInt64(4)),
                bufferAfter: Duration.FromMinutes(r.GetInt64(5)),
                minimumNotice: Duration.FromMinutes(r.GetInt64(6)),
                horizon: r.IsDBNull(7) ? null : Duration.FromDays(r.GetInt64(7)),
                maxPerDay: r.IsDBNull(8) ? null : r.GetInt32(8)));
}
