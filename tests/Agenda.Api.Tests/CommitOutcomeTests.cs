using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Agenda.Api.Tests;

/// <summary>
/// When PostgreSQL stops answering during COMMIT, the booking may or may not have been stored: the answer says so
/// (503, reason outcome_unknown), never "nothing was changed", and a retry with the same Idempotency-Key learns the
/// outcome. The server is made to end the session inside COMMIT by a deferred trigger that terminates its own backend.
/// </summary>
public sealed class CommitOutcomeTests(PostgresApiHost host) : IClassFixture<PostgresApiHost>
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task A_session_lost_during_commit_is_answered_as_an_unknown_outcome_and_a_retry_with_the_key_books_once()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 60 });
        await Execute("""
            CREATE FUNCTION terminate_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.invitee = 'lost at commit' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
                RETURN NULL;
            END $$;
            CREATE CONSTRAINT TRIGGER terminate_at_commit AFTER INSERT ON bookings DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION terminate_at_commit();
            """);

        using var lost = await Book(owner);
        await Execute("DROP TRIGGER terminate_at_commit ON bookings; DROP FUNCTION terminate_at_commit();");
        using var retried = await Book(owner);

        var problem = await Expect.Problem(lost, 503);
        Assert.Equal("outcome_unknown", problem["reason"]!.GetValue<string>());
        Assert.DoesNotContain("nothing was changed", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(lost.Headers.RetryAfter);
        await Expect.Status(retried, 201);
        Assert.Single(await api.Upcoming(owner));
    }

    private Task<HttpResponseMessage> Book(string owner)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/owners/{owner}/meeting-types/intro/bookings")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "lost at commit" } }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "commit-outcome-1");
        return api.Http.SendAsync(request);
    }

    private async Task Execute(string sql)
    {
        var connectionString = host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Booking");
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
