using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Agenda.Pages.Tests.Support;

/// <summary>Arranges owners, hours, meeting types and bookings through the real /v1 API (Open mode, no keys).</summary>
public sealed class Setup(HttpClient http)
{
    public HttpClient Http => http;

    public static string NewOwnerId() => $"o{Guid.NewGuid():N}"[..20];

    /// <summary>An owner in <paramref name="zone"/> free on weekdays (or every day) <paramref name="from"/> to <paramref name="to"/>, with a 60-minute meeting type.</summary>
    public async Task<string> OwnerAsync(
        string? name = "Ana Example", string zone = "Europe/Berlin", string from = "09:00", string to = "12:00", bool weekends = false,
        string slug = "intro", string title = "Intro call", int minutes = 60)
    {
        var id = NewOwnerId();
        await Ok(await http.PostAsJsonAsync("/v1/owners", new { id, name, time_zone = zone }));
        object[] hours = [new { start = from, end = to }];
        object[] none = [];
        await Ok(await http.PutAsJsonAsync($"/v1/owners/{id}/weekly-hours", new
        {
            monday = hours,
            tuesday = hours,
            wednesday = hours,
            thursday = hours,
            friday = hours,
            saturday = weekends ? hours : none,
            sunday = weekends ? hours : none,
        }));
        await Ok(await http.PostAsJsonAsync($"/v1/owners/{id}/meeting-types", new { slug, title, duration_minutes = minutes }));
        return id;
    }

    /// <summary>
    /// A team of <paramref name="hosts"/> (the first creates it, the others join with its code) with one meeting type of
    /// 60 minutes, <paramref name="kind"/> collective or round_robin, hosted by all of them; returns the team's id.
    /// </summary>
    public async Task<string> TeamAsync(
        IReadOnlyList<string> hosts, string kind = "collective", string slug = "demo", string title = "Product demo", string name = "Sales Team", int? seriesOfAtMost = null)
    {
        var id = $"t{Guid.NewGuid():N}"[..16];
        var created = await Ok(await http.PostAsJsonAsync($"/v1/owners/{hosts[0]}/teams", new { id, name }));
        var code = created["join_code"]!.GetValue<string>();
        foreach (var host in hosts.Skip(1))
        {
            await Ok(await http.PutAsJsonAsync($"/v1/teams/{id}/members/{host}", new { join_code = code }));
        }

        await Ok(await http.PostAsJsonAsync($"/v1/teams/{id}/meeting-types", new
        {
            slug,
            title,
            kind,
            duration_minutes = 60,
            recurrence = seriesOfAtMost is { } most ? new { max_count = most } : null,
            hosts = hosts.Select(h => new { owner_id = h }).ToArray(),
        }));
        return id;
    }

    /// <summary>The bookings of an owner, upcoming, as the API lists them.</summary>
    public async Task<JsonArray> BookingsOfAsync(string owner) =>
        (await Ok(await http.GetAsync($"/v1/owners/{owner}/bookings")))["bookings"]!.AsArray();

    /// <summary>Books through the API; returns the booking's id and management token.</summary>
    public async Task<(string Id, string Token)> BookAsync(string owner, string start, string name = "Bo Invitee", string slug = "intro")
    {
        var body = await Ok(await http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/{slug}/bookings", new { start, invitee = new { name, email = "bo@example.com" } }));
        return (body["id"]!.GetValue<string>(), body["management_token"]!.GetValue<string>());
    }

    public async Task<JsonNode> BookingAsync(string id, string token) =>
        await Ok(await http.GetAsync($"/v1/bookings/{id}?token={Uri.EscapeDataString(token)}"));

    /// <summary>The UTC starts of the free slots on one date (in UTC).</summary>
    public async Task<IReadOnlyList<string>> FreeStartsAsync(string owner, string date, string slug = "intro")
    {
        var body = await Ok(await http.GetAsync($"/v1/owners/{owner}/meeting-types/{slug}/slots?from={date}&to={date}&time_zone=UTC"));
        return [.. body["slots"]!.AsArray().Select(s => s!["start_utc"]!.GetValue<string>())];
    }

    /// <summary>How many upcoming bookings the owner has.</summary>
    public async Task<int> BookingCountAsync(string owner) =>
        (await Ok(await http.GetAsync($"/v1/owners/{owner}/bookings")))["bookings"]!.AsArray().Count;

    private static async Task<JsonNode> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text) ?? new JsonObject();
    }
}
