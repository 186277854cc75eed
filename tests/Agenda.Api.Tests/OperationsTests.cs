using Agenda.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests;

/// <summary>
/// Liveness, readiness, and what clients see while the database is locked, full or read-only: a quick 503 with
/// Retry-After and a detail that says who can act, and readiness that says the database cannot write.
/// </summary>
public sealed class OperationsTests : IDisposable
{
    private readonly ShortTimeoutHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Liveness_and_readiness_answer_200_when_the_database_answers()
    {
        using var live = await host.Api().Get("/healthz");
        using var ready = await host.Api().Get("/readyz");

        await Expect.Status(live, 200);
        await Expect.Status(ready, 200);
    }

    [Fact]
    public async Task A_write_while_the_database_is_locked_is_a_503_with_retry_after_and_succeeds_once_the_lock_is_gone()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2027-03-01", "09:00", "10:00"));

        using (var locker = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            locker.Open();
            using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            begin.ExecuteNonQuery();

            using var refused = await api.SetAvailability(owner, OnDay("2027-03-01", "10:00", "11:00"));
            await Expect.Problem(refused, 503);
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            Assert.Equal(["09:00-10:00"], await api.SlotTimes(owner, "2027-03-01"));

            using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        await api.SetAvailabilityOk(owner, OnDay("2027-03-01", "10:00", "11:00"));
        Assert.Equal(["09:00-10:00", "10:00-11:00"], await api.SlotTimes(owner, "2027-03-01"));
    }

    [Fact]
    public async Task When_the_database_is_full_writes_are_503_saying_so_reads_still_work_and_readiness_fails()
    {
        using var folder = new TempFolder();
        var path = folder.File("agenda.db");
        var owner = NewOwner();
        using (var before = ApiHost.OnDatabase(path))
        {
            await before.Api().SetAvailabilityOk(owner, OnDay("2027-03-01", "09:00", "10:00"));
        }

        // The file may not grow by a single page: every write that needs a new page fails with SQLITE_FULL, as on a full disk.
        using var host = new LimitedSizeHost(path, PageCount(path));
        var api = host.Api();
        HttpResponseMessage? refused = null;
        for (var day = 1; day <= 300 && refused is null; day++)
        {
            var response = await api.SetAvailability(NewOwner(), OnDay($"2027-04-{day % 28 + 1:00}", "09:00", "10:00"));
            if (response.IsSuccessStatusCode)
            {
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        using var full = refused ?? throw new Xunit.Sdk.XunitException("No write failed although the file may not grow.");
        var problem = await Expect.Problem(full, 503);
        Assert.Contains("storage is full", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(folder.Path, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(60), full.Headers.RetryAfter?.Delta);
        Assert.Equal(["09:00-10:00"], await api.SlotTimes(owner, "2027-03-01"));
        using var ready = await api.Get("/readyz");
        await Expect.Status(ready, 503);
    }

    [Fact]
    public async Task When_the_database_is_read_only_writes_are_503_saying_so_reads_still_work_and_readiness_fails()
    {
        using var folder = new TempFolder();
        var path = folder.File("agenda.db");
        var owner = NewOwner();
        using (var before = ApiHost.OnDatabase(path))
        {
            await before.Api().SetAvailabilityOk(owner, OnDay("2027-03-01", "09:00", "10:00"));
        }

        // Root ignores file permissions, so the test opens the file read-only, as SQLite does when it may not write it.
        using var host = new ReadOnlyHost(path);
        var api = host.Api();
        using var refused = await api.SetAvailability(owner, OnDay("2027-03-01", "10:00", "11:00"));
        using var ready = await api.Get("/readyz");

        var problem = await Expect.Problem(refused, 503);
        Assert.Contains("does not accept changes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(["09:00-10:00"], await api.SlotTimes(owner, "2027-03-01"));
        await Expect.Status(ready, 503);
    }

    [Fact]
    public async Task When_postgresql_refuses_writes_they_are_503_saying_so_and_readiness_fails()
    {
        var database = SharedPostgres.Server.CreateDatabase();
        var owner = NewOwner();
        using (var before = new PostgresHost(database))
        {
            await before.Api().SetAvailabilityOk(owner, OnDay("2027-03-01", "09:00", "10:00"));
        }

        // As on a standby, or a database an operator made read-only: every new session's transactions are read-only.
        using (var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString))
        {
            admin.Open();
            using var readOnly = new Npgsql.NpgsqlCommand($"ALTER DATABASE {admin.Database} SET default_transaction_read_only = on;", admin);
            readOnly.ExecuteNonQuery();
        }

        using var host = new PostgresHost(database);
        var api = host.Api();
        using var refused = await api.SetAvailability(owner, OnDay("2027-03-01", "10:00", "11:00"));
        using var ready = await api.Get("/readyz");

        var problem = await Expect.Problem(refused, 503);
        Assert.Contains("does not accept changes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["09:00-10:00"], await api.SlotTimes(owner, "2027-03-01"));
        await Expect.Status(ready, 503);
    }

    private static long PageCount(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        // VACUUM first: pages a migration freed (a dropped index) would otherwise let some writes succeed without growing the file.
        using (var vacuum = connection.CreateCommand())
        {
            vacuum.CommandText = "VACUUM;";
            vacuum.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA page_count;";
        using var reader = command.ExecuteReader();
        reader.NextResult();
        reader.Read();
        return reader.GetInt64(0);
    }

    /// <summary>A host whose database file may not grow past <paramref name="maxPageCount"/> pages.</summary>
    private sealed class LimitedSizeHost(string path, long maxPageCount) : ApiHost(path)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(new SqliteDatabase($"Data Source={DatabasePath}", TimeSpan.FromSeconds(1), maxPageCount: maxPageCount)));
        }
    }

    private sealed class ReadOnlyHost(string path) : ApiHost(path)
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["ConnectionStrings:Booking"] = $"Data Source={DatabasePath};Mode=ReadOnly" };
    }

    private sealed class PostgresHost(string connectionString) : ApiHost(null)
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Booking"] = connectionString,
        };
    }

    private sealed class ShortTimeoutHost : ApiHost
    {
        public ShortTimeoutHost()
            : base(null)
        {
        }

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Storage:BusyTimeoutSeconds"] = "1" };
    }
}
