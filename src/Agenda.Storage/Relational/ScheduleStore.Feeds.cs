using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

public sealed partial class ScheduleStore
{
    public async Task<bool> SetFeedTokenHashAsync(string ownerId, string? tokenHash, CancellationToken cancellationToken) =>
        await WriteAsync(async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            "UPDATE owners SET feed_token_hash = @hash WHERE id = @owner;",
            ("@owner", ownerId), ("@hash", ToColumn(tokenHash)))), cancellationToken) == 1;

    public async Task<OwnerSnapshot?> FindOwnerByFeedTokenHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await QueryAsync(connection, null, cancellationToken, r => r.GetString(0),
            "SELECT id FROM owners WHERE feed_token_hash = @hash;", ("@hash", tokenHash));
        return ids is [var id] ? await ReadOwnerAsync(connection, null, id, cancellationToken) : null;
    }
}
