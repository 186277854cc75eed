using Agenda.Testing;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests;

/// <summary>
/// While PostgreSQL is unreachable, clients get a quick 503 with Retry-After (not a 500, not a hang) and
/// readiness says so; when it returns, the service recovers by itself. Uses a server of its own, since it stops it.
/// </summary>
public sealed class PostgresOutageTests : IDisposable
{
    private readonly PostgresServer server = PostgresServer.Durable();
    private readonly OutageHost host;

    public PostgresOutageTests() => host = new OutageHost(server.CreateDatabase());

    public void Dispose()
    {
        host.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task An_outage_is_answered_503_with_retry_after_and_the_service_recovers_by_itself()
    {
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2027-03-01", "09:00", "12:00"));

        server.Stop();
        var started = DateTime.UtcNow;
        using var refused = await api.Book(owner, "ana", "2027-03-01T09:00", "2027-03-01T10:00");
        using var search = await api.SearchSlots(owner, "2027-03-01");
        using var ready = await api.Get("/readyz");
        using var live = await api.Get("/healthz");

        await Expect.Problem(refused, 503);
        Assert.NotNull(refused.Headers.RetryAfter);
        await Expect.Problem(search, 503);
        await Expect.Status(ready, 503);
        await Expect.Status(live, 200);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "An outage must be answered quickly, not by hanging.");

        server.Start();
        var recovered = false;
        for (var attempt = 0; attempt < 60 && !recovered; attempt++)
        {
            using var response = await api.Book(owner, "ana", "2027-03-01T09:00", "2027-03-01T10:00");
            recovered = response.StatusCode == System.Net.HttpStatusCode.Created;
            if (!recovered)
            {
                Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
                await Task.Delay(500);
            }
        }

        Assert.True(recovered, "The service did not recover after the database came back.");
        using var readyAgain = await api.Get("/readyz");
        await Expect.Status(readyAgain, 200);
        Assert.Single(await api.Upcoming(owner));
    }

    private sealed class OutageHost(string connectionString) : ApiHost(null)
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Booking"] = connectionString + ";Timeout=3;Command Timeout=5",
        };
    }
}
