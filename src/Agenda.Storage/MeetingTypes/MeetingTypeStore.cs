using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.MeetingTypes.MeetingTypeRows;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.MeetingTypes;

/// <summary>An owner's meeting types, within <see cref="OwnerLimits.MaxMeetingTypes"/>; every change raises the owner's schedule version.</summary>
internal sealed class MeetingTypeStore(StoreCore core) : IMeetingTypeStore
{
    private static readonly string InsertSql =
        $"""
        INSERT INTO meeting_types (owner_id, {MeetingTypeColumns}, created_at)
        VALUES (@owner, {MeetingTypeValues}, @now)
        ON CONFLICT (owner_id, slug) DO NOTHING;
        """;

    private static readonly string UpdateSql = $"UPDATE meeting_types SET {MeetingTypeAssignments} WHERE owner_id = @owner AND slug = @slug;";

    public Task<OwnerWrite> CreateMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, Instant now, CancellationToken cancellationToken) =>
        core.WriteCappedAsync("create_meeting_type", ownerId, cancellationToken, async (connection, transaction) =>
        {
            var created = await ExecuteAsync(connection, transaction, cancellationToken, InsertSql,
                [("@owner", ownerId), .. MeetingTypeParameters(meetingType), ("@now", ToColumn(now))]);
            return created == 0
                ? new OwnerWrite.AlreadyExists()
                : core.WithinLimit(OwnerLimit.MeetingTypes, await CountAsync(connection, transaction, "meeting_types", ownerId, cancellationToken), created);
        });

    public async Task<MeetingTypeLookup> FindMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken)
    {
        OwnerSnapshot? owner = null;
        var found = await core.ReadForOwnerAsync<StoredMeetingType>("find_meeting_type", ownerId, cancellationToken, (connection, transaction, snapshot) =>
        {
            owner = snapshot;
            return ReadMeetingTypeAsync(connection, transaction, ownerId, slug, cancellationToken);
        });
        return new MeetingTypeLookup(owner, found);
    }

    public Task<IReadOnlyList<StoredMeetingType>?> ListMeetingTypesAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<IReadOnlyList<StoredMeetingType>>("list_meeting_types", ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ReadMeetingType,
                $"SELECT {MeetingTypeColumns} FROM meeting_types WHERE owner_id = @owner ORDER BY slug;",
                ("@owner", ownerId)));

    public async Task<bool> ReplaceMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, CancellationToken cancellationToken)
    {
        var (_, replaced) = await core.WriteForOwnerAsync("replace_meeting_type", ownerId, cancellationToken, async (connection, transaction) =>
            await ExecuteAsync(connection, transaction, cancellationToken, UpdateSql,
                [("@owner", ownerId), .. MeetingTypeParameters(meetingType)]) == 1);
        return replaced;
    }

    public async Task<bool> DeleteMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken)
    {
        var (_, deleted) = await core.WriteForOwnerAsync("delete_meeting_type", ownerId, cancellationToken, async (connection, transaction) =>
            await ExecuteAsync(connection, transaction, cancellationToken,
                "DELETE FROM meeting_types WHERE owner_id = @owner AND slug = @slug;", ("@owner", ownerId), ("@slug", slug)) == 1);
        return deleted;
    }
}
