using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Agenda.Api.Tests.Limits;

/// <summary>A host on PostgreSQL whose reads may take one second.</summary>
public sealed class ShortReadsPostgresHost : KeyedApiHost
{
    protected override bool OnPostgres => true;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Limits:ReadTimeoutSeconds"] = "1",
    };
}

/// <summary>
/// A read that cannot finish in time is stopped and answered 503 with Retry-After, since it changed nothing. The read is
/// held up for real: another session holds a lock on the owners table that every read of an owner waits for.
/// </summary>
public sealed class ReadTimeoutTests(ShortReadsPostgresHost host) : IClassFixture<ShortReadsPostgresHost>
{
    [Fact]
    public async Task A_read_held_up_past_its_timeout_is_a_503_with_retry_after_and_the_next_read_works()
    {
        var api = host.Api();
        var owner = await api.CreateOwner("Europe/Berlin");
        var connectionString = host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Booking");

        HttpResponseMessage heldUp;
        await using (var blocker = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
        {
            await blocker.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            await using (var lockOwners = new NpgsqlCommand("LOCK TABLE owners IN ACCESS EXCLUSIVE MODE;", blocker, transaction))
            {
                await lockOwners.ExecuteNonQueryAsync();
            }

            heldUp = await api.Get($"/v1/owners/{owner}");
        }

        var problem = await Expect.Problem(heldUp, 503);
        Assert.Contains("took longer", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(heldUp.Headers.RetryAfter);
        using var again = await api.Get($"/v1/owners/{owner}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        heldUp.Dispose();
    }
}
