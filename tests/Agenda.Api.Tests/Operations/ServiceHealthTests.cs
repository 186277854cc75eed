namespace Agenda.Api.Tests.Operations;

public sealed class ServiceHealthTests(KeyedApiHost host) : ServiceHealthTestsBase(host, "sqlite"), IClassFixture<KeyedApiHost>;

public sealed class ServiceHealthTestsOnPostgres(KeyedPostgresApiHost host) : ServiceHealthTestsBase(host, "postgres"), IClassFixture<KeyedPostgresApiHost>;

/// <summary>The administrator's health view: the database ready and its size, counts of owners, bookings and the outbox, e-mail off, the tz database in use; for the administrator key only.</summary>
public abstract class ServiceHealthTestsBase(KeyedApiHost host, string provider)
{
    [Fact]
    public async Task The_administrator_reads_storage_outbox_calendars_email_and_time_zone_rules_and_nobody_else_does()
    {
        var admin = host.Api();
        var owner = ApiClient.NewOwner();
        var key = (await Expect.Json(await admin.Post("/v1/owners", new { id = owner, time_zone = "UTC" }), 201))["api_key"]!.GetValue<string>();
        var api = host.WithKey(key);
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        await Expect.Status(await api.BookV1(owner, "intro", "2024-11-25T10:00:00Z"), 201);

        var health = await Expect.Json(await admin.Get("/v1/admin/health"), 200);
        Assert.Equal(provider, health["storage"]!["provider"]!.GetValue<string>());
        Assert.True(health["storage"]!["ready"]!.GetValue<bool>());
        Assert.Null(health["storage"]!["fault"]);
        Assert.True(health["storage"]!["database_bytes"]!.GetValue<long>() > 0);
        Assert.True(health["owners"]!.GetValue<long>() >= 1);
        Assert.True(health["upcoming_bookings"]!.GetValue<long>() >= 1);
        Assert.True(health["outbox"]!["events_waiting"]!.GetValue<long>() >= 0);
        Assert.Equal(0, health["outbox"]!["failed_last_day"]!["webhook"]!.GetValue<long>());
        Assert.False(health["email"]!["configured"]!.GetValue<bool>());
        Assert.Equal(NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.TzdbVersion, health["time_zones"]!["tzdb_version"]!.GetValue<string>());
        Assert.Equal("built-in", health["time_zones"]!["source"]!.GetValue<string>());
        Assert.Null(health["time_zones"]!["last_refusal"]);

        await Expect.Status(await api.Get("/v1/admin/health"), 403);
        await Expect.Status(await host.Anonymous().Get("/v1/admin/health"), 401);
    }
}
