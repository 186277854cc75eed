using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

/// <summary>The data-protection key ring's rows (<see cref="IKeyRingStore"/>): written once each, never changed.</summary>
public sealed partial class ScheduleStore
{
    public async Task<IReadOnlyList<string>> ReadKeyRingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, cancellationToken, r => r.GetString(0), "SELECT xml FROM data_protection_keys ORDER BY created_at, name;");
    }

    public Task AddToKeyRingAsync(string name, string xml, Instant now, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction, _) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @now);",
                ("@name", name), ("@xml", xml), ("@now", ToColumn(now)));
            return new WriteDecision<bool>(true, true);
        }, cancellationToken);
}
