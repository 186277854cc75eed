using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agenda.Testing;

/// <summary>Talks to the documented API the way a client written against the original document does.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public static string NewOwner() => $"owner-{Guid.NewGuid():N}";

    public static object Rule(string startDate, string endDate, string startTime, string endTime) =>
        new { start_date = startDate, end_date = endDate, start_time = startTime, end_time = endTime };

    public static object OnDay(string date, string startTime, string endTime) => Rule(date, date, startTime, endTime);

    public Task<HttpResponseMessage> SetAvailability(string owner, params object[] rules) =>
        http.PostAsJsonAsync($"/api/calendar/set_availability/{Uri.EscapeDataString(owner)}", new { availability_rules = rules });

    public async Task SetAvailabilityOk(string owner, params object[] rules)
    {
        using var response = await SetAvailability(owner, rules);
        await Expect.Status(response, 200);
    }

    /// <summary>search_slots with a JSON body on the GET, exactly as the document sends it.</summary>
    public Task<HttpResponseMessage> SearchSlotsWithBody(string owner, string date) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/appointments/search_slots")
        {
            Content = JsonContent.Create(new { owner, request_date = date }),
        });

    public Task<HttpResponseMessage> SearchSlots(string owner, string date) =>
        http.GetAsync($"/api/appointments/search_slots?owner={Uri.EscapeDataString(owner)}&request_date={Uri.EscapeDataString(date)}");

    /// <summary>The slot starts of a search, as "HH:MM-HH:MM" pairs of the local times.</summary>
    public async Task<IReadOnlyList<string>> SlotTimes(string owner, string date)
    {
        using var response = await SearchSlots(owner, date);
        var body = await Expect.Json(response, 200);
        return body["available_slots"]!.AsArray()
            .Select(s => $"{s!["start"]!.GetValue<string>()[11..]}-{s["end"]!.GetValue<string>()[11..]}")
            .ToList();
    }

    public Task<HttpResponseMessage> Book(string owner, string invitee, string start, string end) =>
        http.PostAsJsonAsync("/api/appointments/book_slot", new { owner, invitee, start_time = start, end_time = end });

    public Task<HttpResponseMessage> ListUpcoming(string owner, string prefix = "/api") =>
        http.GetAsync($"{prefix}/appointments/list_upcoming/{Uri.EscapeDataString(owner)}");

    public async Task<JsonArray> Upcoming(string owner)
    {
        using var response = await ListUpcoming(owner);
        return (await Expect.Json(response, 200))["upcoming_appointments"]!.AsArray();
    }

    public Task<HttpResponseMessage> Post(string path, object body) => http.PostAsJsonAsync(path, body);

    public Task<HttpResponseMessage> Put(string path, object body) => http.PutAsJsonAsync(path, body);

    public Task<HttpResponseMessage> Get(string path) => http.GetAsync(path);

    public Task<HttpResponseMessage> Delete(string path) => http.DeleteAsync(path);

    /// <summary>Sends and expects <paramref name="status"/>, returning the JSON body.</summary>
    public static async Task<JsonNode> Expecting(Task<HttpResponseMessage> send, int status)
    {
        using var response = await send;
        return await Expect.Json(response, status);
    }

    /// <summary>A new /v1 owner in <paramref name="zone"/>.</summary>
    public async Task<string> CreateOwner(string zone = "UTC")
    {
        var id = NewOwner();
        await Expecting(Post("/v1/owners", new { id, name = "Test Owner", time_zone = zone }), 201);
        return id;
    }

    public Task<JsonNode> PutWeeklyHours(string owner, object hours) => Expecting(Put($"/v1/owners/{owner}/weekly-hours", hours), 200);

    public Task<JsonNode> CreateMeetingType(string owner, object meetingType) => Expecting(Post($"/v1/owners/{owner}/meeting-types", meetingType), 201);

    public Task<HttpResponseMessage> SearchV1(string owner, string slug, string from, string to, string? zone = null) =>
        http.GetAsync($"/v1/owners/{owner}/meeting-types/{slug}/slots?from={from}&to={to}" + (zone is null ? "" : $"&time_zone={Uri.EscapeDataString(zone)}"));

    /// <summary>The "start" of every slot of a /v1 search.</summary>
    public async Task<IReadOnlyList<string>> SlotStartsV1(string owner, string slug, string from, string to, string? zone = null)
    {
        var body = await Expecting(SearchV1(owner, slug, from, to, zone), 200);
        return body["slots"]!.AsArray().Select(s => s!["start"]!.GetValue<string>()).ToList();
    }

    public Task<HttpResponseMessage> BookV1(string owner, string slug, string start, string name = "Ben", string? email = "ben@example.com") =>
        http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/{slug}/bookings", new { start, invitee = new { name, email } });

    public Task<HttpResponseMessage> PostRaw(string path, string body, string contentType = "application/json") =>
        http.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
}

public static class Expect
{
    public static async Task Status(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
        {
            Assert.Fail($"Expected {status} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response, int status)
    {
        await Status(response, status);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>An RFC 9457 problem with the status and a detail a person can act on.</summary>
    public static async Task<JsonNode> Problem(HttpResponseMessage response, int status)
    {
        await Status(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), $"The problem has no detail: {text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return problem;
    }

    public static string Canonical(string json) => JsonSerializer.Serialize(JsonNode.Parse(json));
}
