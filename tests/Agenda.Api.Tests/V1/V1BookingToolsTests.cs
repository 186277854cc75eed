using System.Text;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;

namespace Agenda.Api.Tests.V1;

public sealed class V1BookingToolsTests(KeyedApiHost host) : V1BookingToolsTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class V1BookingToolsTestsOnPostgres(KeyedPostgresApiHost host) : V1BookingToolsTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>The owner's tools on bookings: the list filtered by invitee and meeting type, the same as a CSV file, and private notes.</summary>
public abstract class V1BookingToolsTestsBase(KeyedApiHost host)
{
    [Fact]
    public async Task The_list_and_the_csv_export_find_bookings_by_invitee_and_type_and_the_file_escapes_formulas()
    {
        var id = ApiClient.NewOwner();
        var key = (await Expect.Json(await host.Api().Post("/v1/owners", new { id, time_zone = "Europe/Berlin" }), 201))["api_key"]!.GetValue<string>();
        var api = host.WithKey(key);
        await api.PutWeeklyHours(id, new { monday = new[] { new { start = "09:00", end = "17:00" } } });
        await api.CreateMeetingType(id, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        await api.CreateMeetingType(id, new { slug = "deep", title = "Deep dive", duration_minutes = 60 });
        await Expect.Status(await api.BookV1(id, "intro", "2024-11-25T10:00:00+01:00", name: "Anna Schmidt", email: "anna@example.com"), 201);
        await Expect.Status(await api.BookV1(id, "deep", "2024-11-25T11:00:00+01:00", name: "Ben", email: "JOANNA@example.org"), 201);
        await Expect.Status(await api.BookV1(id, "intro", "2024-11-25T13:00:00+01:00", name: "=HYPERLINK(\"http://x\")", email: "c50%@example.com"), 201);

        async Task<string[]> Names(string query) =>
            [.. (await Expect.Json(await api.Get($"/v1/owners/{id}/bookings?{query}"), 200))["bookings"]!.AsArray().Select(b => b!["invitee"]!["name"]!.GetValue<string>())];

        Assert.Equal(["Anna Schmidt", "Ben"], await Names("invitee=ANN"));
        Assert.Equal(["Ben"], await Names("meeting_type=deep"));
        Assert.Equal(["Anna Schmidt"], await Names("invitee=ann&meeting_type=intro"));
        Assert.Equal(["=HYPERLINK(\"http://x\")"], await Names("invitee=50%25"));
        Assert.Empty(await Names("invitee=_"));
        await Expect.Status(await api.Get($"/v1/owners/{id}/bookings?meeting_type=Not%20A%20Slug"), 400);

        using var response = await api.Get($"/v1/owners/{id}/bookings/export?meeting_type=intro");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var file = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = file.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,status,start_utc,end_utc,start,end,time_zone,meeting_type,invitee_name,invitee_email", lines[0], StringComparison.Ordinal);
        Assert.Contains(",active,2024-11-25T09:00:00Z,2024-11-25T09:30:00Z,2024-11-25T10:00:00+01:00,2024-11-25T10:30:00+01:00,Europe/Berlin,intro,Anna Schmidt,anna@example.com,", lines[1], StringComparison.Ordinal);
        // A name a spreadsheet would run as a formula is written as text.
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\")\",", lines[2], StringComparison.Ordinal);
        await Expect.Status(await host.Anonymous().Get($"/v1/owners/{id}/bookings/export"), 401);
    }

    [Fact]
    public async Task A_private_note_is_shown_to_the_owner_only_and_bad_notes_change_nothing()
    {
        var id = ApiClient.NewOwner();
        var key = (await Expect.Json(await host.Api().Post("/v1/owners", new { id, time_zone = "UTC" }), 201))["api_key"]!.GetValue<string>();
        var api = host.WithKey(key);
        await api.PutWeeklyHours(id, new { monday = new[] { new { start = "09:00", end = "17:00" } } });
        await api.CreateMeetingType(id, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        var booked = await Expect.Json(await api.BookV1(id, "intro", "2024-11-25T10:00:00Z", name: "Anna"), 201);
        var bookingId = booked["id"]!.GetValue<string>();
        var token = booked["management_token"]!.GetValue<string>();

        var written = await Expect.Json(await api.Put($"/v1/owners/{id}/bookings/{bookingId}/private-note", new { private_note = "  Prefers German.\nAsk about the budget.  " }), 200);
        Assert.Equal("Prefers German.\nAsk about the budget.", written["private_note"]!.GetValue<string>());

        async Task<JsonNode> Listed() => (await Expect.Json(await api.Get($"/v1/owners/{id}/bookings"), 200))["bookings"]![0]!;
        Assert.Equal("Prefers German.\nAsk about the budget.", (await Listed())["private_note"]!.GetValue<string>());

        // The invitee's view of the booking does not carry it.
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/bookings/{bookingId}") { Headers = { Authorization = new("Bearer", token) } })
        {
            var invitees = await ApiClient.Expecting(host.Anonymous().Http.SendAsync(request), 200);
            Assert.Null(invitees["private_note"]);
            Assert.DoesNotContain("budget", invitees.ToJsonString(), StringComparison.Ordinal);
        }

        // The export carries it, quoted as one cell.
        var file = Encoding.UTF8.GetString(await (await api.Get($"/v1/owners/{id}/bookings/export")).Content.ReadAsByteArrayAsync());
        Assert.Contains(",private_note,", file, StringComparison.Ordinal);
        Assert.Contains("\"Prefers German.\nAsk about the budget.\"", file, StringComparison.Ordinal);

        // Too long, or with control characters: refused at the field, and the note kept.
        var tooLong = await Expect.Problem(await api.Put($"/v1/owners/{id}/bookings/{bookingId}/private-note", new { private_note = new string('x', 5001) }), 400);
        Assert.NotNull(tooLong["errors"]!["private_note"]);
        await Expect.Problem(await api.Put($"/v1/owners/{id}/bookings/{bookingId}/private-note", new { private_note = "bell \u0007" }), 400);
        Assert.Equal("Prefers German.\nAsk about the budget.", (await Listed())["private_note"]!.GetValue<string>());

        // Another owner's key cannot write it, an unknown booking is a 404, and a blank note clears it.
        var other = ApiClient.NewOwner();
        var otherKey = (await Expect.Json(await host.Api().Post("/v1/owners", new { id = other, time_zone = "UTC" }), 201))["api_key"]!.GetValue<string>();
        Assert.InRange((int)(await host.WithKey(otherKey).Put($"/v1/owners/{id}/bookings/{bookingId}/private-note", new { private_note = "mine" })).StatusCode, 401, 404);
        await Expect.Problem(await host.WithKey(otherKey).Put($"/v1/owners/{other}/bookings/{bookingId}/private-note", new { private_note = "mine" }), 404);
        await Expect.Problem(await api.Put($"/v1/owners/{id}/bookings/unknown/private-note", new { private_note = "x" }), 404);
        var cleared = await Expect.Json(await api.Put($"/v1/owners/{id}/bookings/{bookingId}/private-note", new { private_note = " " }), 200);
        Assert.Null(cleared["private_note"]);
        Assert.Null((await Listed())["private_note"]);
    }
}
