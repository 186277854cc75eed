using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Agenda.Api.Tests.Audit;

public sealed class V1AuditTests(KeyedApiHost host) : V1AuditTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class V1AuditTestsOnPostgres(KeyedPostgresApiHost host) : V1AuditTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>
/// The audit log through the API: an owner's and the administrator's changes, and another owner's refused attempt, are
/// written with who, what, whose, the result and the address; an invitee's booking is not an owner's action; no key or
/// secret reaches an entry; an owner reads only their own log, the administrator everyone's, a page at a time; old
/// entries are deleted.
/// </summary>
public abstract class V1AuditTestsBase(KeyedApiHost host)
{
    [Fact]
    public async Task Changes_are_written_with_who_what_whose_result_and_address_and_never_a_secret()
    {
        var admin = host.Api();
        var owner = ApiClient.NewOwner();
        var created = await Expect.Json(await admin.Post("/v1/owners", new { id = owner, name = "Ana", time_zone = "UTC" }), 201);
        var key = created["api_key"]!.GetValue<string>();
        var api = host.WithKey(key);
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        var secondKey = (await Expect.Json(await api.Post($"/v1/owners/{owner}/keys", new { }), 201))["key"]!.GetValue<string>();
        var webhookSecret = (await Expect.Json(await api.Post($"/v1/owners/{owner}/webhooks", new { url = "https://hooks.example.com/agenda" }), 201))["secret"]!.GetValue<string>();
        await Expect.Status(await admin.Put($"/v1/owners/{owner}", new { name = "Ana Weber", time_zone = "UTC" }), 200);
        var other = ApiClient.NewOwner();
        var otherKey = (await Expect.Json(await admin.Post("/v1/owners", new { id = other, time_zone = "UTC" }), 201))["api_key"]!.GetValue<string>();
        await Expect.Status(await host.WithKey(otherKey).Put($"/v1/owners/{owner}/weekly-hours", new { monday = Array.Empty<object>() }), 403);
        var booking = await Expect.Json(await host.Anonymous().Post($"/v1/owners/{owner}/meeting-types/intro/bookings",
            new { start = "2024-11-25T09:00:00Z", invitee = new { name = "Invitee Person", email = "invitee@example.com" } }), 201);
        await Expect.Status(await api.Post($"/v1/bookings/{booking["id"]!.GetValue<string>()}/cancel", new { reason = "Owner cancels" }), 200);

        var entries = (await Expect.Json(await api.Get($"/v1/owners/{owner}/audit?limit=200"), 200))["entries"]!.AsArray();
        string[] Actions(string actor) => [.. entries.Where(e => e!["actor"]!.GetValue<string>() == actor).Select(e => $"{e!["action"]!.GetValue<string>()} {e["status"]!.GetValue<int>()}")];

        // Newest first: the owner's own changes, the administrator's, and the other owner's refused attempt.
        Assert.Equal(
            ["POST /v1/bookings/{bookingId}/cancel 200", "POST /v1/owners/{ownerId}/webhooks 201", "POST /v1/owners/{ownerId}/keys 201", "POST /v1/owners/{ownerId}/meeting-types 201",
                "PUT /v1/owners/{ownerId}/weekly-hours 200"],
            Actions($"owner:{owner}"));
        Assert.Equal(["PUT /v1/owners/{ownerId} 200"], Actions("administrator"));
        Assert.Equal(["PUT /v1/owners/{ownerId}/weekly-hours 403"], Actions($"owner:{other}"));
        Assert.All(entries, e => Assert.Equal(owner, e!["owner_id"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e!["address"]!.GetValue<string>()));
        Assert.Equal($"bookingId={booking["id"]!.GetValue<string>()}", entries[0]!["target"]!.GetValue<string>());

        // The invitee's booking is not an owner's action; no key, secret or personal detail is in any entry.
        var everything = (await Expect.Json(await admin.Get("/v1/audit?limit=200"), 200)).ToJsonString();
        Assert.DoesNotContain("/meeting-types/{slug}/bookings", everything, StringComparison.Ordinal);
        foreach (var secret in new[] { key, secondKey, webhookSecret, host.AdminKey, otherKey, "invitee@example.com", "Owner cancels" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        // An owner reads only their own log; the administrator everyone's.
        await Expect.Status(await host.WithKey(otherKey).Get($"/v1/owners/{owner}/audit"), 403);
        await Expect.Status(await api.Get("/v1/audit"), 403);
        Assert.Contains("\"actor\":\"administrator\",\"owner_id\":null,\"action\":\"POST /v1/owners\"", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_is_read_a_page_at_a_time_and_entries_past_the_retention_are_deleted()
    {
        var admin = host.Api();
        var owner = ApiClient.NewOwner();
        var key = (await Expect.Json(await admin.Post("/v1/owners", new { id = owner, time_zone = "UTC" }), 201))["api_key"]!.GetValue<string>();
        var api = host.WithKey(key);
        for (var hour = 9; hour < 14; hour++)
        {
            await api.PutWeeklyHours(owner, new { monday = new[] { new { start = $"{hour:00}:00", end = "17:00" } } });
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Expect.Json(await api.Get($"/v1/owners/{owner}/audit?limit=2{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}"), 200);
            seen.AddRange(page["entries"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        Assert.Equal(5, seen.Distinct().Count());
        await Expect.Problem(await api.Get($"/v1/owners/{owner}/audit?cursor=nonsense"), 400);

        // A year and a day later (the default retention is 365 days), the sweep's deletion leaves nothing of them.
        var store = host.Services.GetRequiredService<Agenda.Storage.IAuditStore>();
        await store.TrimAsync(NodaTime.Instant.FromDateTimeOffset(host.Clock.GetUtcNow().AddDays(366)), CancellationToken.None);
        Assert.Empty((await Expect.Json(await api.Get($"/v1/owners/{owner}/audit"), 200))["entries"]!.AsArray());
    }
}
