using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Agenda.Api.Tests.Console;

/// <summary>
/// The console's meeting type editor, single-use links and bookings list with a meeting's details, over HTTP (no browser):
/// an owner signs in (Open mode), posts the forms as a browser without script would, and the result is read through /v1.
/// </summary>
public sealed partial class ConsoleMeetingDetailsTests(ApiHost host) : IClassFixture<ApiHost>
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task The_editor_saves_a_description_a_video_location_and_a_required_question()
    {
        var (owner, console) = await SignedInOwnerWithIntroAsync();

        using var saved = await PostFormAsync(console, "/console/meeting-types/intro", Fields(
            ("Form.Description", "Bring **your questions**."),
            ("Form.Locations[0].Kind", "video"),
            ("Form.Locations[0].Value", "https://meet.jit.si/{room}"),
            ("Form.Locations[0].Label", "Jitsi"),
            ("Form.Locations[1].Kind", ""),
            ("Form.Questions[0].Label", "Company name"),
            ("Form.Questions[0].Kind", "short_text"),
            ("Form.Questions[0].Required", "true"),
            ("Form.Questions[1].Kind", "short_text")));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("notice=Saved", saved.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        var type = await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/meeting-types/intro"), 200);
        Assert.Equal("Bring **your questions**.", (string?)type["description"]);
        Assert.Equal("video", (string?)type["locations"]![0]!["kind"]);
        Assert.Equal("https://meet.jit.si/{room}", (string?)type["locations"]![0]!["value"]);
        Assert.Single(type["locations"]!.AsArray());
        var question = Assert.Single(type["questions"]!.AsArray())!;
        Assert.Equal(("company-name", "Company name", true), ((string?)question["id"], (string?)question["label"], (bool?)question["required"]));
        // The editor shows the saved description as the booking page renders it.
        Assert.Contains("<strong>your questions</strong>", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_question_s_bounds_are_read_as_a_number_field_sends_them_and_as_a_German_writes_them()
    {
        var (owner, console) = await SignedInOwnerWithIntroAsync();
        console.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        using var saved = await PostFormAsync(console, "/console/meeting-types/intro", Fields(
            ("Form.Questions[0].Label", "Seats"), ("Form.Questions[0].Kind", "number"),
            ("Form.Questions[0].Minimum", "1.5"), ("Form.Questions[0].Maximum", "2,5")));

        Assert.Contains("notice=Saved", saved.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        var question = (await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/meeting-types/intro"), 200))["questions"]![0]!;
        Assert.Equal((1.5, 2.5), ((double?)question["minimum"], (double?)question["maximum"]));
    }

    [Fact]
    public async Task A_single_choice_with_one_option_is_refused_beside_its_field_and_nothing_is_saved()
    {
        var (owner, console) = await SignedInOwnerWithIntroAsync();

        using var refused = await PostFormAsync(console, "/console/meeting-types/intro", Fields(
            ("Form.Description", "Not saved"),
            ("Form.Questions[0].Label", "Empty row above is skipped"),
            ("Form.Questions[0].Kind", "short_text"),
            ("Form.Questions[0].Remove", "true"),
            ("Form.Questions[1].Label", "Which topic?"),
            ("Form.Questions[1].Kind", "single_choice"),
            ("Form.Questions[1].Options", "Only one\r\n")));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        // The use case's questions[0] is the form's second row (the first was removed): the error is beside that row.
        Assert.Matches("""<textarea id="mt-q1-options"[^>]*aria-invalid="true"[^>]*aria-describedby="mt-options-hint mt-q1-options-error""", page);
        Assert.Contains("""<p class="field-error" id="mt-q1-options-error">""", page, StringComparison.Ordinal);
        Assert.Contains("Only one", page, StringComparison.Ordinal);
        var type = await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/meeting-types/intro"), 200);
        Assert.Null((string?)type["description"]);
        Assert.Empty(type["questions"]!.AsArray());
    }

    [Fact]
    public async Task A_single_use_link_is_shown_once_listed_open_and_revoked_after_confirming()
    {
        var (owner, console) = await SignedInOwnerWithIntroAsync();

        using var made = await PostFormAsync(console, "/console/meeting-types/intro?handler=MakeLink", new() { ["linkLabel"] = "For Ben" });

        var page = await made.Content.ReadAsStringAsync();
        var link = NewLink().Match(page);
        Assert.True(link.Success, "the new link is in the answer to the post");
        Assert.Contains("/link/sul_", link.Groups[1].Value, StringComparison.Ordinal);
        var again = await console.GetStringAsync("/console/meeting-types/intro");
        Assert.DoesNotContain(link.Groups[1].Value, again, StringComparison.Ordinal);
        var listed = Assert.Single((await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/meeting-types/intro/single-use-links"), 200))["links"]!.AsArray())!;
        var id = (string)listed["id"]!;
        Assert.Matches($"""id="link-{id}"[\s\S]*?For Ben[\s\S]*?class="link-status">open<""", again);

        using var revoked = await PostFormAsync(console, "/console/meeting-types/intro?handler=RevokeLink", new() { ["linkId"] = id });

        Assert.Contains("notice=LinkRevokedNotice", revoked.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Matches($"""id="link-{id}"[\s\S]*?class="link-status">revoked<""", await revoked.Content.ReadAsStringAsync());
        Assert.Equal("revoked", (string?)(await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/meeting-types/intro/single-use-links"), 200))["links"]![0]!["status"]);
    }

    [Fact]
    public async Task The_bookings_page_shows_where_the_meeting_happens_and_the_invitees_answers()
    {
        var (owner, console) = await SignedInOwnerWithIntroAsync(new
        {
            locations = new object[] { new { kind = "video", value = "https://meet.jit.si/{room}" }, new { kind = "phone", value = "+49 30 1234567" } },
            questions = new object[] { new { id = "company", label = "Company", kind = "short_text" }, new { id = "nda", label = "NDA signed?", kind = "checkbox" } },
        });
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        var video = await ApiClient.Expecting(api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings", new
        {
            start = "2024-12-02T09:00:00Z",
            invitee = new { name = "Ben", email = "ben@example.com" },
            location = new { kind = "video" },
            answers = new Dictionary<string, object> { ["company"] = "Acme & Co", ["nda"] = true },
        }), 201);
        await ApiClient.Expecting(api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings", new
        {
            start = "2024-12-02T10:00:00Z",
            invitee = new { name = "Cleo", email = "cleo@example.com" },
            location = new { kind = "phone" },
        }), 201);

        var page = await console.GetStringAsync("/console/bookings");

        var room = (string)video["location"]!["value"]!;
        Assert.StartsWith("https://meet.jit.si/agenda-", room, StringComparison.Ordinal);
        Assert.Contains($"""<a href="{room}" rel="noopener">{room}</a>""", page, StringComparison.Ordinal);
        // Razor writes + as &#x2B;, which a browser reads as +.
        Assert.Contains("""<a href="tel:+49301234567">+49 30 1234567</a>""", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Matches("""<dt class="answer-question">Company</dt>\s*<dd class="answer">Acme &amp; Co</dd>""", page);
        Assert.Matches("""<dt class="answer-question">NDA signed\?</dt>\s*<dd class="answer">yes</dd>""", page);
    }

    [Fact]
    public async Task A_team_admin_makes_a_single_use_link_of_a_team_type_and_a_member_cannot_reach_them()
    {
        var (admin, console) = await SignedInOwnerWithIntroAsync();
        var team = ApiClient.NewOwner();
        var created = await ApiClient.Expecting(api.Post($"/v1/owners/{admin}/teams", new { id = team, name = "Sales" }), 201);
        var member = await api.CreateOwner();
        await ApiClient.Expecting(api.Put($"/v1/teams/{team}/members/{member}", new { join_code = (string)created["join_code"]! }), 200);
        await ApiClient.Expecting(api.Post($"/v1/teams/{team}/meeting-types", new
        {
            slug = "demo",
            title = "Demo",
            duration_minutes = 30,
            kind = "collective",
            hosts = new[] { new { owner_id = admin } },
        }), 201);

        Assert.Contains($"/console/teams/{team}/meeting-types/demo", await console.GetStringAsync($"/console/teams/{team}"), StringComparison.Ordinal);
        using var made = await PostFormAsync(console, $"/console/teams/{team}/meeting-types/demo?handler=MakeLink", new() { ["linkLabel"] = "For Dana" });

        Assert.Matches(NewLink(), await made.Content.ReadAsStringAsync());
        Assert.Equal("open", (string?)(await ApiClient.Expecting(api.Get($"/v1/teams/{team}/meeting-types/demo/single-use-links"), 200))["links"]![0]!["status"]);
        var (_, memberConsole) = await SignedInOwnerWithIntroAsync(owner: member);
        using var refused = await memberConsole.GetAsync($"/console/teams/{team}/meeting-types/demo");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        // The admin edits the team type's details on the same page; a wrong value is said beside its field and saves nothing.
        var page = await console.GetStringAsync($"/console/teams/{team}/meeting-types/demo");
        Assert.Contains("value=\"Demo\"", page, StringComparison.Ordinal);
        using var wrong = await PostFormAsync(console, $"/console/teams/{team}/meeting-types/demo?handler=Save", Fields(
            ("Form.Title", "Demo"), ("Form.Locations[0].Kind", "video"), ("Form.Locations[0].Value", "https://meet.jit.si/fixed"),
            ("TeamForm.Kind", "collective"), ("TeamForm.Rows[0].OwnerId", admin), ("TeamForm.Rows[0].Host", "true")));
        Assert.Contains("id=\"mt-loc0-value-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await ApiClient.Expecting(api.Get($"/v1/teams/{team}/meeting-types/demo"), 200))["locations"]!.AsArray());
        using var saved = await PostFormAsync(console, $"/console/teams/{team}/meeting-types/demo?handler=Save", Fields(
            ("Form.Title", "Demo day"), ("Form.Description", "See **the product**."), ("Form.Locations[0].Kind", "video"),
            ("Form.Locations[0].Value", "https://meet.jit.si/{room}"), ("TeamForm.Kind", "collective"), ("TeamForm.Rows[0].OwnerId", admin),
            ("TeamForm.Rows[0].Host", "true"), ("TeamForm.Rows[1].OwnerId", member), ("TeamForm.Rows[1].Host", "true")));
        Assert.Contains("notice=Saved", saved.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        var type = await ApiClient.Expecting(api.Get($"/v1/teams/{team}/meeting-types/demo"), 200);
        Assert.Equal(("Demo day", "See **the product**.", "video"), ((string?)type["title"], (string?)type["description"], (string?)type["locations"]![0]!["kind"]));
        Assert.Equal(2, type["hosts"]!.AsArray().Count);
    }

    /// <summary>An owner with the 30-minute type "intro" (and <paramref name="details"/>), and a console session of theirs.</summary>
    private async Task<(string Owner, HttpClient Console)> SignedInOwnerWithIntroAsync(object? details = null, string? owner = null)
    {
        var isNew = owner is null;
        owner ??= await api.CreateOwner();
        var type = new Dictionary<string, object> { ["slug"] = "intro", ["title"] = "Intro", ["duration_minutes"] = 30 };
        foreach (var property in details?.GetType().GetProperties() ?? [])
        {
            type[property.Name] = property.GetValue(details)!;
        }

        if (isNew)
        {
            await api.CreateMeetingType(owner, type);
        }

        var console = host.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = true, BaseAddress = api.Http.BaseAddress! });
        using var signedIn = await PostFormAsync(console, "/console/sign-in?handler=Owner", new() { ["ownerId"] = owner }, "/console/sign-in");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return (owner, console);
    }

    /// <summary>The edit form's fields as a browser sends them: title and duration, then <paramref name="fields"/>.</summary>
    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["Form.Title"] = "Intro", ["Form.DurationMinutes"] = "30" };
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return form;
    }

    /// <summary>Posts a form with the antiforgery token of the page it is on (<paramref name="page"/>, or the path without its query).</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? page = null)
    {
        using var form = await client.GetAsync(page ?? path.Split('?')[0]);
        var html = await form.Content.ReadAsStringAsync();
        Assert.True(form.IsSuccessStatusCode, html);
        fields["__RequestVerificationToken"] = Antiforgery().Match(html).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)""")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("""<code id="new-link">([^<]+)</code>""")]
    private static partial Regex NewLink();
}
