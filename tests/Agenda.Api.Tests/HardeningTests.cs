using System.Net.Http.Headers;
using System.Text;

namespace Agenda.Api.Tests;

public sealed class HardeningTests(KeyedApiHost host) : HardeningTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class HardeningTestsOnPostgres(KeyedPostgresApiHost host) : HardeningTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>
/// Regression tests for the classes of input that once ended in a 500 or were read wrongly: each is now a 4xx
/// problem that says what to change, the same on both stores, and leaves nothing behind.
/// </summary>
public abstract class HardeningTestsBase(KeyedApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-30")]
    [InlineData("0001-01-01")]
    [InlineData("1899-12-31")]
    public async Task Dates_at_the_edges_of_the_calendar_are_a_400_on_every_search(string date)
    {
        var owner = await OwnerWithType();

        await Expect.Problem(await api.SearchSlots(owner, date), 400);
        await Expect.Problem(await api.SearchV1(owner, "intro", date, date), 400);
        await Expect.Problem(await api.SearchV1(owner, "intro", "2027-03-01", date), 400);
        await Expect.Problem(await api.Get($"/v1/owners/{owner}/bookings?from={date}"), 400);
        await Expect.Problem(await api.Put($"/v1/owners/{owner}/date-overrides/{date}", new { unavailable = true }), 400);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59+14:00")]
    [InlineData("9999-12-31T23:59:59-12:00")]
    [InlineData("0001-01-01T00:00:00-12:00")]
    public async Task Instants_at_the_edges_of_the_calendar_are_a_400_for_booking_and_rescheduling(string start)
    {
        var owner = await OwnerWithType();
        var booking = await ApiClient.Expecting(api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00"), 201);

        await Expect.Problem(await api.BookV1(owner, "intro", start), 400);
        await Expect.Problem(await api.Post($"/v1/bookings/{booking["id"]}/reschedule", new { start }), 400);
        await Expect.Problem(await api.Book(owner, "ben", start[..16], start[..16]), 400);
        Assert.Single((await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings"), 200))["bookings"]!.AsArray());
    }

    [Theory]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=\"\"")]
    [InlineData("application/json; charset=utf-16")]
    public async Task A_json_body_in_another_character_set_is_a_415(string contentType)
    {
        var owner = ApiClient.NewOwner();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"availability_rules":[{"start_date":"2027-03-01","end_date":"2027-03-01","start_time":"09:00","end_time":"12:00"}]}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await api.Http.PostAsync($"/api/calendar/set_availability/{owner}", content);

        await Expect.Problem(response, 415);
        await Expect.Problem(await api.SearchSlots(owner, "2027-03-01"), 404);
    }

    [Fact]
    public async Task Utf8_named_in_any_spelling_is_accepted()
    {
        var owner = ApiClient.NewOwner();
        var content = new StringContent("""{"availability_rules":[{"start_date":"2027-03-01","end_date":"2027-03-01","start_time":"09:00","end_time":"12:00"}]}""");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=\"UTF-8\"");

        using var response = await api.Http.PostAsync($"/api/calendar/set_availability/{owner}", content);

        await Expect.Status(response, 200);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("image/png")]
    public async Task Any_accept_header_gets_a_problem_for_an_unknown_route_a_wrong_method_and_a_refusal(string accept)
    {
        await ExpectProblem(HttpMethod.Get, "/no/such/route", accept, 404);
        await ExpectProblem(HttpMethod.Delete, "/api/appointments/book_slot", accept, 405);
        await ExpectProblem(HttpMethod.Get, $"/v1/owners/{ApiClient.NewOwner()}", accept, 404);
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("ünïcode")]
    [InlineData("slash/inside")]
    [InlineData("a\u0000b")]
    public async Task An_owner_id_that_cannot_be_used_in_every_url_is_refused_at_creation(string owner)
    {
        using var response = await api.SetAvailability(owner, ApiClient.OnDay("2027-03-01", "09:00", "12:00"));

        Assert.True((int)response.StatusCode is 400 or 404, $"Expected 400 (or 404 for a path the router cannot match), got {(int)response.StatusCode}");
        using var search = await api.SearchSlots(owner, "2027-03-01");
        Assert.True((int)search.StatusCode is 400 or 404);
    }

    public static TheoryData<string> ReservedIds => [.. Agenda.Api.Platform.Hosting.ReservedSegments.All, "V1", "Console", "TEAM"];

    [Theory]
    [MemberData(nameof(ReservedIds))]
    public async Task An_owner_id_the_host_uses_as_a_first_segment_is_refused_at_creation(string owner)
    {
        var problem = await Expect.Problem(await api.Post("/v1/owners", new { id = owner, time_zone = "UTC" }), 400);
        Assert.Contains("cannot be an owner's id", problem["errors"]!["id"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await Expect.Problem(await api.SetAvailability(owner, ApiClient.OnDay("2027-03-01", "09:00", "12:00")), 400);
        await Expect.Problem(await api.Get($"/v1/owners/{owner}"), 404);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_of_another_content_type_on_an_api_path_a_page_could_take_is_a_415_not_a_page(string contentType)
    {
        var owner = ApiClient.NewOwner();
        var content = new StringContent($$"""{"id":"{{owner}}"}""", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await api.Http.PostAsync("/v1/owners", content);

        Assert.Contains("application/json", (await Expect.Problem(response, 415))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Expect.Problem(await api.Get($"/v1/owners/{owner}"), 404);
    }

    [Theory]
    [InlineData("note", "a\\u0000b")]
    [InlineData("note", "bell\\u0007")]
    [InlineData("note", "a lone \\ud800 surrogate")]
    [InlineData("name", "tab\\tname")]
    public async Task Control_characters_in_free_text_are_a_400_on_both_stores(string field, string escaped)
    {
        var owner = await OwnerWithType();
        var body = field == "note"
            ? "{\"start\": \"2027-03-01T09:00:00+01:00\", \"invitee\": {\"name\": \"Ben\"}, \"note\": \"" + escaped + "\"}"
            : "{\"start\": \"2027-03-01T09:00:00+01:00\", \"invitee\": {\"name\": \"" + escaped + "\"}}";

        using var response = await api.PostRaw($"/v1/owners/{owner}/meeting-types/intro/bookings", body);

        await Expect.Problem(response, 400);
        Assert.Empty((await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings"), 200))["bookings"]!.AsArray());
    }

    [Fact]
    public async Task A_multi_line_note_is_kept_and_written_escaped_in_the_calendar_file()
    {
        var owner = await OwnerWithType();
        var booking = await ApiClient.Expecting(
            api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings", new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Ben" }, note = "first line\r\nsecond\tline" }),
            201);

        using var file = await api.Get($"/v1/bookings/{booking["id"]}/calendar.ics");
        var ics = await file.Content.ReadAsStringAsync();

        var description = string.Concat(ics.Split("\r\n").SkipWhile(l => !l.StartsWith("DESCRIPTION", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith("DESCRIPTION", StringComparison.Ordinal) || l.StartsWith(' ')));
        Assert.Contains("first line\\nsecond", description.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(ics.Replace("\r\n", "", StringComparison.Ordinal), c => char.IsControl(c) && c != '\t');
    }

    [Theory]
    [InlineData("/api/appointments/search_slots?owner={0}%00&request_date=2027-03-01")]
    [InlineData("/v1/owners/{0}/bookings?cursor=%00")]
    [InlineData("/v1/owners/{0}/meeting-types/intro/slots?from=2027-03-01&to=2027-03-01&time_zone=Europe%2FBerlin%01")]
    public async Task A_control_character_in_the_query_is_a_400_problem_on_both_stores(string path)
    {
        var owner = await OwnerWithType();

        await Expect.Problem(await api.Get(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, owner)), 400);
    }

    [Theory]
    [InlineData("/v1/owners/{0}%00")]
    [InlineData("/v1/owners/{0}/meeting-types/intro%00/slots?from=2027-03-01&to=2027-03-01")]
    public async Task A_nul_in_the_path_is_refused_by_the_server_with_a_400(string path)
    {
        var owner = await OwnerWithType();

        // Kestrel refuses a path that decodes to NUL before the application sees it, so the 400 has no body.
        using var response = await api.Get(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, owner));

        await Expect.Status(response, 400);
    }

    [Theory]
    [InlineData("status=1")]
    [InlineData("status=99")]
    [InlineData("status=-1")]
    [InlineData("cursor=OTk5OTk5OTk5OTk5OTk5OTk5OTk6eA")]
    [InlineData("cursor=LTYyMTM1NTk2ODAwMDAwMDAwMDp4")]
    [InlineData("cursor=MTAwOjAxYTIwZTQ0NzY3NjdmMDE5MTFkMWMwYzIyOTUxYWE")]
    public async Task A_tampered_cursor_or_a_numeric_status_is_a_400(string query)
    {
        var owner = await OwnerWithType();

        await Expect.Problem(await api.Get($"/v1/owners/{owner}/bookings?{query}"), 400);
    }

    private async Task ExpectProblem(HttpMethod method, string path, string accept, int status)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await api.Http.SendAsync(request);
        await Expect.Problem(response, status);
    }

    private async Task<string> OwnerWithType()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 60 });
        return owner;
    }
}
