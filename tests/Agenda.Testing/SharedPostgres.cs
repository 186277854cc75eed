
namespace Agenda.Testing;

/// <summary>One test PostgreSQL server for the whole test run, started on first use and removed when the run ends.</summary>
public static class SharedPostgres
{
    private static readonly Lazy<PostgresServer> Lazy = new(() =>
    {
        var server = new PostgresServer();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    public static PostgresServer Server => Lazy.Value;
}
