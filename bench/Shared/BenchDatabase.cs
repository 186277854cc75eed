using System.Data.Common;
using System.Reflection;
using DbUp;
using DbUp.Builder;

namespace Agenda.Bench;

/// <summary>
/// Migrations and statements as the bench programs run them on databases of millions of rows: each with a timeout of
/// two hours. Compiled into each bench program that links it (they are not part of Agenda.slnx).
/// </summary>
internal static class BenchDatabase
{
    /// <summary>Runs the store's migrations in <paramref name="folder"/> up to and including <paramref name="last"/>, one transaction each.</summary>
    public static void RunUpTo(UpgradeEngineBuilder builder, Assembly assembly, string folder, string last)
    {
        var result = builder
            .WithScriptsEmbeddedInAssembly(assembly, name => name.Contains(folder, StringComparison.Ordinal) && string.CompareOrdinal(name, last) <= 0)
            .WithTransactionPerScript()
            .WithExecutionTimeout(TimeSpan.FromHours(2))
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"{Short(last)} failed", result.Error);
        }
    }

    /// <summary>A migration's file name, without the assembly's resource path before it.</summary>
    public static string Short(string script) => script[(script.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];

    public static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 7200;
        command.ExecuteNonQuery();
    }
}
