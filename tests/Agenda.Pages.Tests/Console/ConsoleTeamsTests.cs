using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>Teams in the console: created, joined with the code, given meeting types and out-of-office periods; checked through the /v1 API and the team's public page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTeamsTests(ConsoleFixture console)
{
    [Fact]
    public async Task Owner_creates_a_team_another_joins_with_its_code_and_a_round_robin_type_appears_on_the_team_page()
    {
        var ana = await console.BookableOwnerAsync(name: "Ana Example");
        var ben = await console.BookableOwnerAsync(name: "Ben Beispiel");
        var evenings = new[] { new { start = "17:00", end = "19:00" } };
        await console.Admin.PutAsJsonAsync($"/v1/owners/{ana.Id}/schedules/evenings", new { name = "Evenings", weekly_hours = new { tuesday = evenings } });
        var teamId = $"t-{Guid.NewGuid():N}"[..14];
        var anas = await console.SignedInAsync(ana);
        await anas.GotoAsync("/console");
        await anas.GetByRole(AriaRole.Link, new() { Name = "Teams" }).ClickAsync();
        await Support.Navigation.ExpectAsync(anas, $"{console.BaseUrl}/console/teams");

        await anas.Locator("#team-id").FillAsync(teamId);
        await anas.GetByLabel("Team name").FillAsync("Sales <Team>");
        await anas.GetByRole(AriaRole.Button, new() { Name = "Create a team" }).ClickAsync();
        var code = (await anas.Locator("#join-code").TextContentAsync())!;
        Assert.StartsWith("join_", code);

        var bens = await console.SignedInAsync(ben);
        await bens.GotoAsync("/console/teams");
        await bens.Locator("#join-team-id").FillAsync(teamId);
        await bens.GetByLabel("Join code").FillAsync(code);
        await bens.GetByRole(AriaRole.Button, new() { Name = "Join a team" }).ClickAsync();
        await Support.Navigation.ExpectAsync(bens, $"{console.BaseUrl}/console/teams/{teamId}?notice=TeamJoined");
        await Assertions.Expect(bens.Locator("ul.members")).ToContainTextAsync("Ana Example");
        await Assertions.Expect(bens.Locator("#team-link")).ToHaveTextAsync($"{console.BaseUrl}/team/{teamId}");

        // Ben joined as a member: Ana, who made the team, is its admin and makes him one, so he can add a meeting type.
        await Assertions.Expect(bens.Locator("#member-only")).ToBeVisibleAsync();
        await anas.GotoAsync($"/console/teams/{teamId}");
        await anas.GetByRole(AriaRole.Button, new() { Name = "Make Ben Beispiel an admin of the team" }).ClickAsync();
        await Assertions.Expect(anas.Locator("ul.members")).ToContainTextAsync("admin");
        await bens.ReloadAsync();

        await bens.GetByLabel("Slug").FillAsync("demo");
        await bens.GetByLabel("Title").FillAsync("Product demo");
        await bens.GetByLabel("Round robin: one host in turn").CheckAsync();
        await bens.GetByLabel("Ana Example", new() { Exact = true }).CheckAsync();
        await bens.GetByLabel("Ben Beispiel", new() { Exact = true }).CheckAsync();
        await bens.GetByLabel("Weight of Ana Example").FillAsync("300");
        await bens.GetByLabel("Priority of Ben Beispiel").FillAsync("2");
        // Ana keeps a named schedule, so the admin may have her offer the type in its hours; Ben keeps none, so he has no choice.
        await bens.GetByLabel("Hours Ana Example offers").SelectOptionAsync(new SelectOptionValue { Label = "Evenings" });
        await Assertions.Expect(bens.GetByLabel("Hours Ben Beispiel offers")).ToHaveCountAsync(0);
        await bens.GetByLabel("Round robin only: period the shares are counted over, in days (empty: 30)").FillAsync("14");
        await bens.GetByRole(AriaRole.Button, new() { Name = "Create a team meeting type" }).ClickAsync();
        await Assertions.Expect(bens.Locator(".notice")).ToHaveTextAsync("Saved.");
        await Assertions.Expect(bens.Locator("#type-demo")).ToContainTextAsync("Round robin");

        var type = await console.GetAsync($"/v1/teams/{teamId}/meeting-types/demo");
        Assert.Equal("round_robin", type["kind"]!.GetValue<string>());
        Assert.Equal(new[] { ana.Id, ben.Id }.Order(), type["hosts"]!.AsArray().Select(h => h!["owner_id"]!.GetValue<string>()).Order());
        var hosts = type["hosts"]!.AsArray().ToDictionary(
            h => h!["owner_id"]!.GetValue<string>(), h => (Weight: h!["weight"]!.GetValue<int>(), Priority: h["priority"]!.GetValue<int>(), Schedule: h["schedule"]?.GetValue<string>()));
        Assert.Equal((300, 0, "evenings"), hosts[ana.Id]);
        Assert.Equal((100, 2, null), hosts[ben.Id]);
        // Tuesday: Ben 09:00-12:00 and Ana's evenings 17:00-19:00, every half hour.
        using (var anonymous = console.Client())
        {
            var slots = (await (await anonymous.GetAsync($"/v1/teams/{teamId}/meeting-types/demo/slots?from=2024-11-26&to=2024-11-26")).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!;
            Assert.Equal(
                ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "17:00", "17:30", "18:00", "18:30"],
                slots["slots"]!.AsArray().Select(s => s!["start_utc"]!.GetValue<string>()[11..16]));
        }

        await bens.GotoAsync($"/console/teams/{teamId}/meeting-types/demo");
        await Assertions.Expect(bens.GetByLabel("Hours Ana Example offers")).ToHaveValueAsync("evenings");
        Assert.Equal(14, type["fairness_days"]!.GetValue<int>());
        await bens.GotoAsync($"/team/{teamId}");
        await Assertions.Expect(bens.GetByRole(AriaRole.Heading, new() { Name = "Book a meeting with Sales <Team>" })).ToBeVisibleAsync();
        await Assertions.Expect(bens.Locator("ul.types")).ToContainTextAsync("Product demo");
        await Assertions.Expect(bens.Locator("ul.types")).ToContainTextAsync("30 min · round robin");
        await anas.Context.CloseAsync();
        await bens.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_join_code_is_refused_and_the_owner_does_not_join()
    {
        var (teamId, _) = await TeamOfAsync(await console.NewOwnerAsync());
        var other = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(other);
        await page.GotoAsync("/console/teams");

        await page.Locator("#join-team-id").FillAsync(teamId);
        await page.GetByLabel("Join code").FillAsync("join_wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join a team" }).ClickAsync();

        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("This join code is not the team's");
        Assert.Empty((await console.GetAsync($"/v1/owners/{other.Id}/teams"))["teams"]!.AsArray());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Another_owner_cannot_open_or_change_a_team_they_are_not_in()
    {
        var (teamId, _) = await TeamOfAsync(await console.BookableOwnerAsync(), withType: true);
        var page = await console.SignedInAsync(await console.NewOwnerAsync());

        var open = await page.GotoAsync($"/console/teams/{teamId}");
        Assert.Equal(404, open!.Status);
        var token = await ConsoleForms.TokenAsync(page);
        var delete = await page.APIRequest.PostAsync($"/console/teams/{teamId}?handler=DeleteType", new() { Form = ConsoleForms.Post(page, ("slug", "demo"), ("__RequestVerificationToken", token)) });
        var code = await page.APIRequest.PostAsync($"/console/teams/{teamId}?handler=JoinCode", new() { Form = ConsoleForms.Post(page, ("__RequestVerificationToken", token)) });

        Assert.Equal((404, 404), (delete.Status, code.Status));
        Assert.DoesNotContain("join_", await code.TextAsync(), StringComparison.Ordinal);
        await console.GetAsync($"/v1/teams/{teamId}/meeting-types/demo");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Out_of_office_days_are_whole_days_in_the_owners_zone_and_can_be_cleared()
    {
        var owner = await console.NewOwnerAsync();
        var (teamId, _) = await TeamOfAsync(owner);
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync($"/console/teams/{teamId}");

        await page.GetByLabel("First day away").FillAsync("2024-12-23");
        await page.GetByLabel("Last day away").FillAsync("2024-12-27");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a period away" }).ClickAsync();

        await Assertions.Expect(page.Locator("ul.away")).ToHaveTextAsync("Mon, 23 Dec 2024 – Fri, 27 Dec 2024");
        var member = (await console.GetAsync($"/v1/owners/{owner.Id}/teams"))["teams"]![0]!["members"]![0]!;
        var period = Assert.Single(member["out_of_office"]!.AsArray())!;
        Assert.Equal(("2024-12-23T00:00:00Z", "2024-12-28T00:00:00Z"), (period["start"]!.GetValue<string>(), period["end"]!.GetValue<string>()));

        await ConsoleForms.ConfirmAsync(page, "Clear your out-of-office periods", "Your out-of-office periods");
        await Assertions.Expect(page.Locator("ul.away")).ToHaveCountAsync(0);
        Assert.Empty((await console.GetAsync($"/v1/owners/{owner.Id}/teams"))["teams"]![0]!["members"]![0]!["out_of_office"]!.AsArray());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Team_console_pages_have_no_serious_accessibility_violations_and_fit_360_pixels()
    {
        var owner = await console.BookableOwnerAsync();
        var (teamId, _) = await TeamOfAsync(owner, withType: true);
        var page = await console.SignedInAsync(owner, width: 360);
        var found = new List<string>();
        foreach (var path in new[] { "/console/teams", $"/console/teams/{teamId}" })
        {
            await page.GotoAsync(path);
            found.AddRange((await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help}"));
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), $"{path} scrolls sideways at 360 px");
            await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, $"console-{(path == "/console/teams" ? "teams" : "team")}-360.png"));
        }

        Assert.Empty(found);
        await page.Context.CloseAsync();
    }

    /// <summary>A team made through the API with <paramref name="owner"/>'s key, optionally with a collective type "demo" they host.</summary>
    private async Task<(string TeamId, string JoinCode)> TeamOfAsync(TestOwner owner, bool withType = false)
    {
        using var client = console.Client(owner.Key);
        var teamId = $"t-{Guid.NewGuid():N}"[..14];
        var created = await client.PostAsJsonAsync($"/v1/owners/{owner.Id}/teams", new { id = teamId, name = "Support" });
        Assert.Equal(201, (int)created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["join_code"]!.GetValue<string>();
        if (withType)
        {
            var type = await client.PostAsJsonAsync($"/v1/teams/{teamId}/meeting-types", new { slug = "demo", title = "Demo", kind = "collective", duration_minutes = 30, hosts = new[] { new { owner_id = owner.Id } } });
            Assert.Equal(201, (int)type.StatusCode);
        }

        return (teamId, code);
    }
}
