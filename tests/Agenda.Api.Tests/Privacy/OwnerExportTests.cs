namespace Agenda.Api.Tests.Privacy;

public sealed class OwnerExportTests(KeyedApiHost host) : OwnerExportTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class OwnerExportTestsOnPostgres(KeyedPostgresApiHost host) : OwnerExportTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>An owner's export: every table of theirs, found from the schema, with their hours, types, bookings and webhooks; no key, token or secret; no other owner's rows.</summary>
public abstract class OwnerExportTestsBase(KeyedApiHost host)
{
    [Fact]
    public async Task An_owner_takes_away_everything_held_about_them_without_a_secret_and_nobody_elses()
    {
        var admin = host.Api();
        var owner = ApiClient.NewOwner();
        var key = (await Expect.Json(await admin.Post("/v1/owners", new { id = owner, name = "Ana Export", time_zone = "Europe/Berlin" }), 201))["api_key"]!.GetValue<string>();
        var api = host.WithKey(key);
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        var secondKey = (await Expect.Json(await api.Post($"/v1/owners/{owner}/keys", new { }), 201))["key"]!.GetValue<string>();
        var webhookSecret = (await Expect.Json(await api.Post($"/v1/owners/{owner}/webhooks", new { url = "https://hooks.example.com/agenda" }), 201))["secret"]!.GetValue<string>();
        var feed = (await Expect.Json(await api.Post($"/v1/owners/{owner}/feed", new { }), 201))["path"]!.GetValue<string>();
        var booking = await Expect.Json(await api.BookV1(owner, "intro", "2024-11-25T10:00:00+01:00", name: "Ben Booker"), 201);
        var other = ApiClient.NewOwner();
        var otherKey = (await Expect.Json(await admin.Post("/v1/owners", new { id = other, time_zone = "UTC" }), 201))["api_key"]!.GetValue<string>();

        var exported = await Expect.Json(await api.Get($"/v1/owners/{owner}/personal-data"), 200);
        var tables = exported["tables"]!;
        Assert.Equal("Ana Export", tables["owners"]![0]!["display_name"]!.GetValue<string>());
        Assert.Equal("09:00", tables["weekly_hours"]![0]!["start_time"]!.GetValue<string>());
        Assert.Equal("intro", tables["meeting_types"]![0]!["slug"]!.GetValue<string>());
        Assert.Equal("Ben Booker", tables["bookings"]![0]!["invitee"]!.GetValue<string>());
        Assert.Equal("2024-11-25T09:00:00Z", tables["bookings"]![0]!["start_utc"]!.GetValue<string>());
        Assert.Equal("https://hooks.example.com/agenda", tables["webhook_endpoints"]![0]!["url"]!.GetValue<string>());
        Assert.Equal(2, tables["owner_api_keys"]!.AsArray().Count);
        Assert.NotNull(tables["audit_log"]);

        var text = exported.ToJsonString();
        foreach (var secret in new[] { key, key[(key.LastIndexOf('_') + 1)..], secondKey, webhookSecret, feed["/v1/feeds/".Length..^".ics".Length], booking["management_token"]!.GetValue<string>(), other })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        await Expect.Status(await host.WithKey(otherKey).Get($"/v1/owners/{owner}/personal-data"), 403);
        Assert.Equal(owner, (await Expect.Json(await admin.Get($"/v1/owners/{owner}/personal-data"), 200))["owner_id"]!.GetValue<string>());
        await Expect.Status(await admin.Get("/v1/owners/nobody-here/personal-data"), 404);
    }
}
