using System.Text;
using Agenda.Api.Tests.Support;

namespace Agenda.Api.Tests.V1;

public sealed class V1BookingToolsTests(KeyedApiHost host) : V1BookingToolsTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class V1BookingToolsTestsOnPostgres(KeyedPostgresApiHost host) : V1BookingToolsTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>The owner's tools on bookings: the list filtered by invitee and meeting type, and the same as a CSV file.</summary>
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
}
