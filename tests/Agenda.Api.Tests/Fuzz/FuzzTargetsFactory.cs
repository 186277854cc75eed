using System.Text.Json.Nodes;

namespace Agenda.Api.Tests.Fuzz;

/// <summary>
/// Creates, through the API, a fresh owner in Berlin with weekly hours, a meeting type, two bookings, a second key and a
/// feed, and a team of that owner with a meeting type of the same slug.
/// </summary>
public static class FuzzTargetsFactory
{
    public static async Task<FuzzTargets> CreateAsync(KeyedApiHost host)
    {
        var admin = host.Api();
        var owner = ApiClient.NewOwner();
        var created = await ApiClient.Expecting(admin.Post("/v1/owners", new { id = owner, name = "Fuzz Owner", time_zone = "Europe/Berlin" }), 201);
        var ownerKey = created["api_key"]!.GetValue<string>();
        var keyId = created["api_key_id"]!.GetValue<string>();
        var hours = new[] { new { start = "09:00", end = "17:00" } };
        await admin.PutWeeklyHours(owner, new { monday = hours, tuesday = hours, wednesday = hours, thursday = hours, friday = hours });
        await admin.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });

        // The host's clock stands at Monday 2024-11-25; the next Monday's morning is free.
        var first = await ApiClient.Expecting(admin.BookV1(owner, "intro", "2024-12-02T09:00:00+01:00"), 201);
        await ApiClient.Expecting(admin.BookV1(owner, "intro", "2024-12-02T10:00:00+01:00"), 201);
        var page = await ApiClient.Expecting(admin.Get($"/v1/owners/{owner}/bookings?limit=1"), 200);
        var feed = await ApiClient.Expecting(admin.Post($"/v1/owners/{owner}/feed", new { }), 201);
        var feedPath = feed["path"]!.GetValue<string>();
        var team = ApiClient.NewOwner();
        await ApiClient.Expecting(admin.Post($"/v1/owners/{owner}/teams", new { id = team, name = "Fuzz Team" }), 201);
        await ApiClient.Expecting(admin.Post($"/v1/teams/{team}/meeting-types", new { slug = "intro", title = "Intro", kind = "collective", duration_minutes = 30, hosts = new[] { new { owner_id = owner } } }), 201);

        return new FuzzTargets(
            owner,
            "intro",
            first["id"]!.GetValue<string>(),
            first["management_token"]!.GetValue<string>(),
            keyId,
            ownerKey,
            host.AdminKey,
            feedPath["/v1/feeds/".Length..^".ics".Length],
            page["next_cursor"]!.GetValue<string>(),
            team);
    }
}
