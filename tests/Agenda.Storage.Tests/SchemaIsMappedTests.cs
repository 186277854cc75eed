using System.Text.RegularExpressions;
using Agenda.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Agenda.Storage.Tests;

/// <summary>
/// docs/privacy.md maps every table to its purpose, the personal data it holds and how that goes away: a table added
/// without its row there fails here, on both stores, so nobody adds a place for personal data without saying how it is
/// erased.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class SchemaIsMappedTests(PostgresServer server)
{
    [Fact]
    public void Every_sqlite_table_has_a_row_in_the_privacy_map()
    {
        using var file = new SqliteFile();
        using var connection = new SqliteConnection(file.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';";
        AssertMapped(Read(command));
    }

    [Fact]
    public void Every_postgres_table_has_a_row_in_the_privacy_map()
    {
        using var host = new PostgresStoreHost(server);
        using var connection = new NpgsqlConnection(host.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE';";
        AssertMapped(Read(command));
    }

    private static List<string> Read(System.Data.Common.DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void AssertMapped(IReadOnlyCollection<string> tables)
    {
        Assert.Contains("bookings", tables);
        var map = File.ReadAllText(RepositoryFiles.Path("docs", "privacy.md"));
        var section = map[map.IndexOf("## Every table", StringComparison.Ordinal)..];
        // The first cell of each row names its tables, each in backticks.
        var mapped = section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => TableName().Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unmapped = tables.Where(t => !mapped.Contains(t)).ToList();
        Assert.True(unmapped.Count == 0, $"Tables without a row in docs/privacy.md: {string.Join(", ", unmapped)}");
    }

    [GeneratedRegex("`([a-zA-Z_]+)`")]
    private static partial Regex TableName();
}
