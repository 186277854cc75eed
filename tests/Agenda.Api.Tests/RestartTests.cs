using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests;

/// <summary>What was answered 2xx is on disk: it survives a restart of the host.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Availability_and_bookings_survive_a_restart()
    {
        var database = folder.File("agenda.db");
        var owner = NewOwner();
        using (var before = ApiHost.OnDatabase(database))
        {
            var api = before.Api();
            await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));
            using var booked = await api.Book(owner, "ana", "2024-12-02T10:00", "2024-12-02T11:00");
            await Expect.Status(booked, 201);
        }

        using var after = ApiHost.OnDatabase(database);
        var again = after.Api();

        Assert.Equal(["09:00-10:00", "11:00-12:00"], await again.SlotTimes(owner, "2024-12-02"));
        Assert.Equal(["ana"], (await again.Upcoming(owner)).Select(a => a!["invitee"]!.GetValue<string>()));
        using var rebook = await again.Book(owner, "ben", "2024-12-02T10:00", "2024-12-02T11:00");
        await Expect.Problem(rebook, 409);
    }

    [Fact]
    public async Task The_configured_database_file_is_the_one_written()
    {
        var database = folder.File("configured.db");
        using var host = ApiHost.OnDatabase(database);

        await host.Api().SetAvailabilityOk(NewOwner(), OnDay("2024-12-02", "09:00", "12:00"));

        Assert.True(File.Exists(database));
    }

    [Fact]
    public async Task Availability_and_bookings_survive_a_restart_on_postgres()
    {
        var database = SharedPostgres.Server.CreateDatabase();
        var owner = NewOwner();
        using (var before = new PostgresHostOn(database))
        {
            var api = before.Api();
            await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));
            using var booked = await api.Book(owner, "ana", "2024-12-02T10:00", "2024-12-02T11:00");
            await Expect.Status(booked, 201);
        }

        using var after = new PostgresHostOn(database);
        var again = after.Api();

        Assert.Equal(["09:00-10:00", "11:00-12:00"], await again.SlotTimes(owner, "2024-12-02"));
        Assert.Equal(["ana"], (await again.Upcoming(owner)).Select(a => a!["invitee"]!.GetValue<string>()));
    }

    private sealed class PostgresHostOn(string connectionString) : ApiHost(null)
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Booking"] = connectionString,
        };
    }
}
