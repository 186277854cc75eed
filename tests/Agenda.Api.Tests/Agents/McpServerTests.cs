using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.Agents;

public sealed class McpServerTests(KeyedApiHost host) : McpServerTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class McpServerTestsOnPostgres(KeyedPostgresApiHost host) : McpServerTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>
/// Open mode (no keys needed at /v1, for trying the service on one's own machine) does not open /mcp: an agent acts for
/// an owner, and only a token says which.
/// </summary>
public sealed class McpServerInOpenModeTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Open_mode_still_asks_an_agent_for_its_owners_token()
    {
        var id = NewOwner();
        var created = await Expecting(host.Api().Post("/v1/owners", new { id, name = "Open Owner", time_zone = "UTC" }), 201);
        var key = created["api_key"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Unauthorized, await McpCalls.ListToolsAsync(host, null));
        Assert.Equal(HttpStatusCode.OK, await McpCalls.ListToolsAsync(host, key));
    }
}

/// <summary>
/// The MCP server at /mcp, driven by the official SDK's own client over real HTTP, at the hosts' fixed clock (Monday
/// 2024-11-25 08:00 UTC). Bob's agent acts for Bob: it finds Ana's free times, books one for Bob, moves it and cancels
/// it, and each answer is the API's own JSON for the same request. A read-only token finds but never books; tokens open
/// /mcp only.
/// </summary>
public abstract class McpServerTestsBase(KeyedApiHost host)
{
    private readonly ApiClient admin = host.Api();

    [Fact]
    public async Task An_agent_finds_free_times_books_once_moves_and_cancels_with_the_APIs_answers()
    {
        var (ana, _) = await NewOwnerAsync("Europe/Berlin");
        await admin.PutWeeklyHours(ana, new { monday = new[] { new { start = "10:00", end = "12:00" } } });
        await admin.CreateMeetingType(ana, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        await admin.CreateMeetingType(ana, new { slug = "secret", title = "Secret", duration_minutes = 30, @private = true });
        var (bob, bobsKey) = await NewOwnerAsync("America/New_York");
        await Expecting(host.WithKey(bobsKey).Put($"/v1/owners/{bob}/notifications", new { email = "bob@example.com", language = "en" }), 200);
        var token = await IssueAsync(bob, bobsKey, "book", "Bob's assistant");
        await using var agent = await ConnectAsync(token);

        var tools = await agent.ListToolsAsync();
        Assert.Equal(["book", "cancel_booking", "find_free_times", "find_meeting_types", "get_booking", "hold_time", "list_my_bookings", "move_booking"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));

        // Ana's public types only: the private one is hers to share by link.
        var types = Done(await agent.CallToolAsync("find_meeting_types", new Dictionary<string, object?> { ["ownerId"] = ana }));
        Assert.Equal(["intro"], types["meeting_types"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()));

        // The next free times are the API's, to the byte, in the zone asked for.
        var free = Done(await agent.CallToolAsync("find_free_times", new Dictionary<string, object?> { ["ownerId"] = ana, ["count"] = 3, ["timeZone"] = "America/New_York" }));
        var viaApi = await Expecting(admin.Get($"/v1/owners/{ana}/free-times?count=3&time_zone=America/New_York"), 200);
        Assert.Equal(viaApi.ToJsonString(), free.ToJsonString());
        var first = free["free_times"]![0]!["start"]!.GetValue<string>();
        Assert.Equal("2024-11-25T04:00:00-05:00", first); // Monday 10:00 in Berlin

        // Booked for Bob by default (his name and address), once however often the same call is sent.
        var call = new Dictionary<string, object?> { ["ownerId"] = ana, ["meetingType"] = "intro", ["start"] = first };
        var booked = Done(await agent.CallToolAsync("book", call));
        var again = Done(await agent.CallToolAsync("book", call));
        Assert.Equal(booked.ToJsonString(), again.ToJsonString());
        var id = booked["id"]!.GetValue<string>();
        var manage = booked["management_token"]!.GetValue<string>();
        Assert.Equal(("Test Owner", "bob@example.com", "America/New_York"), (booked["invitee"]!["name"]!.GetValue<string>(), booked["invitee"]!["email"]!.GetValue<string>(), booked["invitee"]!["time_zone"]!.GetValue<string>()));
        Assert.Equal("2024-11-25T09:00:00Z", booked["start_utc"]!.GetValue<string>());
        Assert.Single((await Expecting(admin.Get($"/v1/owners/{ana}/bookings"), 200))["bookings"]!.AsArray());

        // The same time for someone else is refused as the API refuses it, and nothing is booked.
        var taken = Refused(await agent.CallToolAsync("book", new Dictionary<string, object?>(call) { ["inviteeName"] = "Cy", ["inviteeEmail"] = "cy@example.com" }));
        var apiTaken = await Expecting(admin.BookV1(ana, "intro", first, "Cy", "cy@example.com"), 409);
        Assert.Equal((409, "taken"), (taken["status"]!.GetValue<int>(), taken["reason"]!.GetValue<string>()));
        Assert.Equal(apiTaken["detail"]!.GetValue<string>(), taken["detail"]!.GetValue<string>());
        Assert.Single((await Expecting(admin.Get($"/v1/owners/{ana}/bookings"), 200))["bookings"]!.AsArray());

        // Moved with its management token: the API reads the new time.
        var moved = Done(await agent.CallToolAsync("move_booking", new Dictionary<string, object?> { ["bookingId"] = id, ["start"] = "2024-11-25T10:00:00Z", ["managementToken"] = manage }));
        Assert.Equal(("2024-11-25T11:00:00+01:00", 1), (moved["start"]!.GetValue<string>(), moved["previous_times"]!.AsArray().Count));
        var read = await Expecting(TokenClient(manage).GetAsync($"/v1/bookings/{id}"), 200);
        Assert.Equal("2024-11-25T10:00:00Z", read["start_utc"]!.GetValue<string>());

        // Without the token, a booking on someone else's calendar is not the agent's to touch.
        var denied = Refused(await agent.CallToolAsync("cancel_booking", new Dictionary<string, object?> { ["bookingId"] = id }));
        Assert.Equal((403, "Not your booking"), (denied["status"]!.GetValue<int>(), denied["title"]!.GetValue<string>()));
        var cancelled = Done(await agent.CallToolAsync("cancel_booking", new Dictionary<string, object?> { ["bookingId"] = id, ["managementToken"] = manage, ["reason"] = "Plans changed" }));
        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("cancelled", (await Expecting(TokenClient(manage).GetAsync($"/v1/bookings/{id}"), 200))["status"]!.GetValue<string>());
        Assert.Equal((409, "already_cancelled"), Reason(Refused(await agent.CallToolAsync("cancel_booking", new Dictionary<string, object?> { ["bookingId"] = id, ["managementToken"] = manage }))));

        // Bob's audit log names what his agent did for him, newest first, with the API's status for each answer.
        var tokenId = token.Split('_')[1];
        var log = (await Expecting(host.WithKey(bobsKey).Get($"/v1/owners/{bob}/audit"), 200))["entries"]!.AsArray()
            .Where(e => e!["actor"]!.GetValue<string>() == $"agent:{tokenId}")
            .Select(e => (e!["action"]!.GetValue<string>(), e["status"]!.GetValue<int>())).ToList();
        Assert.Equal([("MCP cancel_booking", 409), ("MCP cancel_booking", 200), ("MCP cancel_booking", 403), ("MCP move_booking", 200), ("MCP book", 409), ("MCP book", 200), ("MCP book", 200)], log);
    }

    [Fact]
    public async Task An_agent_holds_and_books_a_team_time_and_changes_bookings_on_its_owners_calendar()
    {
        var (ana, anasKey) = await NewOwnerAsync("Europe/Berlin");
        var (ben, _) = await NewOwnerAsync("Europe/London");
        await admin.PutWeeklyHours(ana, new { monday = new[] { new { start = "10:00", end = "12:00" } } });
        await admin.PutWeeklyHours(ben, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        var team = NewOwner();
        var code = (await Expecting(admin.Post($"/v1/owners/{ana}/teams", new { id = team, name = "Pair" }), 201))["join_code"]!.GetValue<string>();
        await Expecting(admin.Put($"/v1/teams/{team}/members/{ben}", new { join_code = code }), 200);
        await Expecting(admin.Post($"/v1/teams/{team}/meeting-types", new { slug = "pair", title = "Pair", kind = "collective", duration_minutes = 60, hosts = new[] { new { owner_id = ana }, new { owner_id = ben } } }), 201);
        await using var agent = await ConnectAsync(await IssueAsync(ana, anasKey, "book", null));

        var types = Done(await agent.CallToolAsync("find_meeting_types", new Dictionary<string, object?> { ["teamId"] = team }));
        Assert.Equal("pair", types["meeting_types"]![0]!["slug"]!.GetValue<string>());
        var free = Done(await agent.CallToolAsync("find_free_times", new Dictionary<string, object?> { ["teamId"] = team, ["count"] = 2 }));
        Assert.Equal((await Expecting(admin.Get($"/v1/teams/{team}/free-times?count=2"), 200)).ToJsonString(), free.ToJsonString());

        // Held, then booked with the hold for a named invitee: both hosts are taken.
        var hold = Done(await agent.CallToolAsync("hold_time", new Dictionary<string, object?> { ["teamId"] = team, ["meetingType"] = "pair", ["start"] = "2024-11-25T09:00:00Z" }));
        var booked = Done(await agent.CallToolAsync("book", new Dictionary<string, object?>
        {
            ["teamId"] = team,
            ["meetingType"] = "pair",
            ["start"] = "2024-11-25T09:00:00Z",
            ["holdToken"] = hold["hold_token"]!.GetValue<string>(),
            ["inviteeName"] = "Cy",
            ["inviteeEmail"] = "cy@example.com",
            ["idempotencyKey"] = "pair-cy-1",
        }));
        Assert.Equal(new[] { ana, ben }.Order(StringComparer.Ordinal), booked["team"]!["hosts"]!.AsArray().Select(h => h!.GetValue<string>()).Order(StringComparer.Ordinal));

        // On Ana's own calendar, her agent reads and moves the booking without a management token.
        var mine = Done(await agent.CallToolAsync("list_my_bookings", new Dictionary<string, object?>()));
        var id = Assert.Single(mine["bookings"]!.AsArray())!["id"]!.GetValue<string>();
        var moved = Done(await agent.CallToolAsync("move_booking", new Dictionary<string, object?> { ["bookingId"] = id, ["start"] = "2024-11-25T10:00:00Z" }));
        Assert.Equal("2024-11-25T10:00:00Z", moved["start_utc"]!.GetValue<string>());
        Assert.Equal((409, "taken"), Reason(Refused(await agent.CallToolAsync("book", new Dictionary<string, object?> { ["teamId"] = team, ["meetingType"] = "pair", ["start"] = "2024-11-25T10:00:00Z", ["inviteeName"] = "Dee" }))));
        Assert.Equal(400, Refused(await agent.CallToolAsync("find_free_times", new Dictionary<string, object?> { ["ownerId"] = ana, ["teamId"] = team }))["status"]!.GetValue<int>());

        // In the language the client asks for, as the API words its problems.
        await using (var german = await ConnectAsync(await IssueAsync(ana, anasKey, "read", null), "de"))
        {
            var both = Refused(await german.CallToolAsync("find_free_times", new Dictionary<string, object?> { ["ownerId"] = ana, ["teamId"] = team }));
            Assert.StartsWith("Nennen Sie", both["errors"]!["ownerId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(404, Refused(await agent.CallToolAsync("find_free_times", new Dictionary<string, object?> { ["teamId"] = NewOwner() }))["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_read_only_token_finds_but_never_books_and_tokens_open_the_MCP_server_only()
    {
        var (ana, anasKey) = await NewOwnerAsync("UTC");
        await admin.PutWeeklyHours(ana, new { monday = new[] { new { start = "09:00", end = "10:00" } } });
        await admin.CreateMeetingType(ana, new { slug = "intro", title = "Intro", duration_minutes = 60 });
        var readOnly = await IssueAsync(ana, anasKey, "read", "calendar reader");
        await using (var reader = await ConnectAsync(readOnly))
        {
            Assert.Single(Done(await reader.CallToolAsync("find_free_times", new Dictionary<string, object?> { ["ownerId"] = ana, ["count"] = 1 }))["free_times"]!.AsArray());
            foreach (var (tool, arguments) in new (string, Dictionary<string, object?>)[]
            {
                ("book", new() { ["ownerId"] = ana, ["meetingType"] = "intro", ["start"] = "2024-11-25T09:00:00Z" }),
                ("hold_time", new() { ["ownerId"] = ana, ["meetingType"] = "intro", ["start"] = "2024-11-25T09:00:00Z" }),
                ("cancel_booking", new() { ["bookingId"] = "any" }),
                ("move_booking", new() { ["bookingId"] = "any", ["start"] = "2024-11-25T09:00:00Z" }),
            })
            {
                Assert.Equal((403, "read_only_token"), Reason(Refused(await reader.CallToolAsync(tool, arguments))));
            }

            Assert.Empty(Done(await reader.CallToolAsync("list_my_bookings", new Dictionary<string, object?>()))["bookings"]!.AsArray());
        }

        // Nothing was held or booked: the hour is still offered.
        Assert.Equal("2024-11-25T09:00:00Z", (await Expecting(admin.Get($"/v1/owners/{ana}/free-times?count=1"), 200))["free_times"]![0]!["start_utc"]!.GetValue<string>());

        // An agent's token opens no API route, not even its owner's; the API key still does, and opens /mcp too.
        var refused = await Expecting(host.WithKey(readOnly).Get($"/v1/owners/{ana}/bookings"), 403);
        Assert.Equal("Agent token", refused["title"]!.GetValue<string>());
        await Expecting(host.WithKey(anasKey).Get($"/v1/owners/{ana}/bookings"), 200);
        await using (var owner = await ConnectAsync(anasKey))
        {
            Assert.Equal("intro", Done(await owner.CallToolAsync("book", new Dictionary<string, object?> { ["ownerId"] = ana, ["meetingType"] = "intro", ["start"] = "2024-11-25T09:00:00Z", ["inviteeName"] = "Cy" }))["meeting_type"]!.GetValue<string>());
        }

        // The keys list names each key's scope and label.
        var keys = (await Expecting(host.WithKey(anasKey).Get($"/v1/owners/{ana}/keys"), 200))["keys"]!.AsArray();
        Assert.Contains(keys, k => k!["scope"]!.GetValue<string>() == "read" && k["label"]!.GetValue<string>() == "calendar reader");
        Assert.Contains(keys, k => k!["scope"]!.GetValue<string>() == "full");
        await Expecting(host.WithKey(anasKey).Post($"/v1/owners/{ana}/keys", new { scope = "everything" }), 400);

        // /mcp without a token, with an unknown or revoked one: 401; the administrator key acts for no owner: 403.
        Assert.Equal(HttpStatusCode.Unauthorized, await RawListAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await RawListAsync(readOnly[..^4] + "AAAA"));
        Assert.Equal(HttpStatusCode.Forbidden, await RawListAsync(host.AdminKey));
        var readId = readOnly.Split('_')[1];
        using (var revoke = await host.WithKey(anasKey).Delete($"/v1/owners/{ana}/keys/{readId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await RawListAsync(readOnly));
    }

    private async Task<(string Id, string Key)> NewOwnerAsync(string zone)
    {
        var id = NewOwner();
        var created = await Expecting(admin.Post("/v1/owners", new { id, name = "Test Owner", time_zone = zone }), 201);
        return (id, created["api_key"]!.GetValue<string>());
    }

    private async Task<string> IssueAsync(string owner, string key, string scope, string? label)
    {
        var issued = await Expecting(host.WithKey(key).Post($"/v1/owners/{owner}/keys", new { scope, label }), 201);
        Assert.Equal(scope, issued["scope"]!.GetValue<string>());
        return issued["key"]!.GetValue<string>();
    }

    private async Task<McpClient> ConnectAsync(string token, string? language = null)
    {
        var headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
        if (language is not null)
        {
            headers["Accept-Language"] = language;
        }

        var client = host.CreateClient();
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(client.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        }, client, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    private HttpClient TokenClient(string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Task<HttpStatusCode> RawListAsync(string? token) => McpCalls.ListToolsAsync(host, token);

    private static JsonNode Done(CallToolResult result)
    {
        Assert.True(result.IsError is not true, Text(result));
        return Structured(result);
    }

    private static JsonNode Refused(CallToolResult result)
    {
        Assert.True(result.IsError is true, Text(result));
        return Structured(result);
    }

    private static (int Status, string Reason) Reason(JsonNode problem) => (problem["status"]!.GetValue<int>(), problem["reason"]!.GetValue<string>());

    private static JsonNode Structured(CallToolResult result)
    {
        // The text and the structured content say the same.
        var structured = JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!;
        Assert.Equal(structured.ToJsonString(), JsonNode.Parse(Text(result))!.ToJsonString());
        return structured;
    }

    private static string Text(CallToolResult result) => result.Content.OfType<TextContentBlock>().Single().Text;
}

/// <summary>A bare MCP request, for what the SDK's client cannot send: no token, or one the server refuses.</summary>
internal static class McpCalls
{
    /// <summary>A tools/list request with the token, if any; the HTTP status it is answered.</summary>
    public static async Task<HttpStatusCode> ListToolsAsync(ApiHost host, string? token)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
