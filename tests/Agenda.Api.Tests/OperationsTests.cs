using Agenda.Api.Tests.Support;
using Microsoft.Data.Sqlite;
using static Agenda.Api.Tests.Support.ApiClient;

namespace Agenda.Api.Tests;

/// <summary>Liveness, readiness, and what clients see while the database is locked: a quick 503 with Retry-After.</summary>
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

    private sealed class ShortTimeoutHost : ApiHost
    {
        public ShortTimeoutHost()
            : base(null)
        {
        }

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Storage:BusyTimeoutSeconds"] = "1" };
    }
}
