using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Agenda.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests, started from the machine's own binaries (initdb, pg_ctl) in a
/// temporary folder on a free loopback port, as the <c>postgres</c> user when the tests run as root, and removed
/// afterwards. With the environment variable <c>AGENDA_TEST_POSTGRES</c> (a connection string to an existing
/// server, user allowed to create databases) that server is used instead. It never skips: if no server can be
/// had, it throws, and the tests that need it fail with the reason.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string User = "agenda";
    private const string FolderPrefix = "agenda-pg-";

    private readonly string? folder;
    private readonly string? dataFolder;
    private readonly string adminConnectionString;

    private readonly string serverOptions;

    /// <summary>A server without PostgreSQL's durability settings, for speed: safe while it is only stopped cleanly.</summary>
    public PostgresServer()
        : this(durable: false)
    {
    }

    private PostgresServer(bool durable)
    {
        serverOptions = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        if (Environment.GetEnvironmentVariable("AGENDA_TEST_POSTGRES") is { Length: > 0 } given)
        {
            adminConnectionString = given;
            return;
        }

        var initdb = FindBinary("initdb");
        var pgCtl = FindBinary("pg_ctl");
        RemoveStoppedServers();
        folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        dataFolder = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        if (RunningAsRoot)
        {
            Run("chown", ["postgres:postgres", folder], asPostgres: false);
        }

        Run(initdb, ["-D", dataFolder, "-A", "trust", "-U", User, "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: RunningAsRoot);
        Port = FreePort();
        Start();
        adminConnectionString = $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres;Pooling=false";
    }

    public int Port { get; }

    /// <summary>A server that keeps PostgreSQL's durability settings, for tests that stop it abruptly and expect their data back.</summary>
    public static PostgresServer Durable() => new(durable: true);

    private static bool RunningAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>A new, empty database on the server; its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Stops the server abruptly, as a crash or a network cut would look to clients.</summary>
    public void Stop() => Run(FindBinary("pg_ctl"), ["-D", dataFolder!, "-m", "immediate", "-w", "stop"], asPostgres: RunningAsRoot);

    public void Start() => Run(FindBinary("pg_ctl"),
    [
        "-D", dataFolder!, "-l", Path.Combine(folder!, "server.log"), "-w", "-t", "60", "start",
        "-o", $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300{serverOptions}",
    ], asPostgres: RunningAsRoot);

    public void Dispose()
    {
        if (dataFolder is null)
        {
            return;
        }

        try
        {
            Run(FindBinary("pg_ctl"), ["-D", dataFolder, "-m", "immediate", "-w", "stop"], asPostgres: RunningAsRoot);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        DeleteFolder(folder!);
    }

    /// <summary>
    /// Removes folders of earlier test servers that stopped more than half an hour ago (a run that was killed,
    /// or whose process ended before its clean-up finished), so they never pile up.
    /// </summary>
    private static void RemoveStoppedServers()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            // Another test run may be creating its server right now: leave young folders alone.
            var old = Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddMinutes(-30);
            if (old && !File.Exists(Path.Combine(stale, "data", "postmaster.pid")))
            {
                DeleteFolder(stale);
            }
        }
    }

    private static void DeleteFolder(string path)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The server may still be removing its own files right after stopping.
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>A PostgreSQL program (initdb, pg_ctl, pg_dump, pg_restore) from PATH or /usr/lib/postgresql/*/bin.</summary>
    public static string FindBinary(string name)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : [])
            .Select(d => Path.Combine(d, name));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"The tests need PostgreSQL, but '{name}' was not found on PATH or in /usr/lib/postgresql/*/bin. " +
                "Install it with: apt-get install -y postgresql (or set AGENDA_TEST_POSTGRES to a server's connection string).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. arguments])
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish in 90 seconds.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Starting the test PostgreSQL failed: {file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result} {errors.Result}");
        }
    }
}
