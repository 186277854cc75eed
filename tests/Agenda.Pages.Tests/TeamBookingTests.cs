using System.Net;
using Agenda.Pages.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests;

/// <summary>The invitee's way through a team's pages: the team page, its month and slots, the form, and the manage page.</summary>
public sealed class TeamBookingTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Invitee_books_a_collective_team_slot_and_every_host_has_the_booking()
    {
        var ana = await fixture.Setup.OwnerAsync(name: "Ana Example");
        var ben = await fixture.Setup.OwnerAsync(name: "Ben Beispiel", from: "10:00", to: "12:00");
        var team = await fixture.Setup.TeamAsync([ana, ben]);
        var page = await fixture.NewPageAsync(javaScript: false);

        await page.GotoAsync($"/team/{team}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Book a meeting with Sales Team" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("ul.types")).ToContainTextAsync("60 min · Hosts: 2");
        await page.GetByRole(AriaRole.Link, new() { Name = "Product demo" }).ClickAsync();
        await Navigation.ExpectAsync(page, $"{fixture.Address}/team/{team}/demo");
        await page.Locator($"a[data-date='{Browsing.Date}']").ClickAsync();
        await Navigation.ExpectAsync(page, "**date=2027-03-03**");
        // Both are free 10:00 to 12:00 Berlin time only.
        Assert.Equal(["10:00", "11:00"], await Browsing.SlotLabelsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "10:00", Exact = true }).ClickAsync();
        await Navigation.ExpectAsync(page, $"{fixture.Address}/team/{team}/demo/book?**");
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com", "About the demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await Navigation.ExpectAsync(page, "**/confirmed?**");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meeting is booked" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#time-invitee")).ToHaveTextAsync("Wednesday, 3 March 2027, 10:00 – 11:00 (Europe/Berlin)");
        await Assertions.Expect(page.Locator("#hosts")).ToHaveTextAsync("Ana Example, Ben Beispiel");
        await BrowserFixture.ScreenshotAsync(page, "team-confirmation");
        foreach (var host in new[] { ana, ben })
        {
            var booking = Assert.Single(await fixture.Setup.BookingsOfAsync(host))!;
            Assert.Equal("2027-03-03T09:00:00Z", booking["start_utc"]!.GetValue<string>());
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_same_team_form_sent_twice_books_once_and_both_answers_are_the_confirmation()
    {
        var ana = await fixture.Setup.OwnerAsync();
        var ben = await fixture.Setup.OwnerAsync();
        var team = await fixture.Setup.TeamAsync([ana, ben]);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/team/{team}/demo?month=2027-03&date={Browsing.Date}&tz=Europe/Berlin");
        await page.Locator("button.slot[data-start='2027-03-03T08:00:00Z']").ClickAsync();
        await page.Locator("form.details").WaitForAsync();
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");

        var answers = await Browsing.SendFormTwiceAsync(page);

        Assert.Contains("/confirmed?token=", answers[0]);
        Assert.Equal(answers[0], answers[1]);
        foreach (var host in new[] { ana, ben })
        {
            Assert.Single(await fixture.Setup.BookingsOfAsync(host));
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Choosing_a_collective_team_slot_holds_it_away_from_a_second_visitor_and_the_hosts_personal_pages()
    {
        var ana = await fixture.Setup.OwnerAsync();
        var ben = await fixture.Setup.OwnerAsync();
        var team = await fixture.Setup.TeamAsync([ana, ben]);
        var first = await fixture.NewPageAsync();
        var second = await fixture.NewPageAsync();
        var day = $"/team/{team}/demo?month=2027-03&date={Browsing.Date}&tz=Europe/Berlin";

        await first.GotoAsync(day);
        await first.Locator("button.slot[data-start='2027-03-03T08:00:00Z']").ClickAsync();
        await Navigation.ExpectAsync(first, $"{fixture.Address}/team/{team}/demo/book?**");
        await Assertions.Expect(first.Locator("#held .countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(5:00|4:5\d)$"));

        await second.GotoAsync(day);
        Assert.DoesNotContain("2027-03-03T08:00:00Z", await Browsing.SlotStartsAsync(second));
        await second.GotoAsync($"/{ben}/intro?month=2027-03&date={Browsing.Date}&tz=Europe/Berlin");
        Assert.DoesNotContain("2027-03-03T08:00:00Z", await Browsing.SlotStartsAsync(second));

        await Browsing.FillAsync(first, "Bo Invitee", "bo@example.com");
        await first.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await Navigation.ExpectAsync(first, "**/confirmed?**");
        Assert.Single(await fixture.Setup.BookingsOfAsync(ana));
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task Round_robin_booking_moved_on_the_manage_page_keeps_its_host()
    {
        var ana = await fixture.Setup.OwnerAsync(name: "Ana Example");
        var ben = await fixture.Setup.OwnerAsync(name: "Ben Beispiel");
        var team = await fixture.Setup.TeamAsync([ana, ben], kind: "round_robin");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/team/{team}");
        await Assertions.Expect(page.Locator("ul.types")).ToContainTextAsync("round robin");
        await page.GotoAsync($"/team/{team}/demo/book?start=2027-03-03T08:00:00Z&tz=Europe/Berlin");
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await Navigation.ExpectAsync(page, "**/confirmed?**");
        var host = (await page.Locator("#hosts").InnerTextAsync()).Trim();
        var hostId = host == "Ana Example" ? ana : ben;

        await page.Locator("#manage").ClickAsync();
        await Navigation.ExpectAsync(page, "**/booking/*?token=*");
        await page.Locator("a[data-date='2027-03-04']").ClickAsync();
        await Navigation.ExpectAsync(page, "**date=2027-03-04**");
        await page.Locator("button.slot[data-start='2027-03-04T10:00:00Z']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the new time" }).ClickAsync();

        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("Your meeting was moved.");
        await Assertions.Expect(page.Locator("#time-invitee")).ToHaveTextAsync("Thursday, 4 March 2027, 11:00 – 12:00 (Europe/Berlin)");
        await Assertions.Expect(page.Locator("#hosts")).ToHaveTextAsync(host);
        var moved = Assert.Single(await fixture.Setup.BookingsOfAsync(hostId))!;
        Assert.Equal("2027-03-04T10:00:00Z", moved["start_utc"]!.GetValue<string>());
        Assert.Empty(await fixture.Setup.BookingsOfAsync(hostId == ana ? ben : ana));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_weekly_round_robin_series_is_booked_with_one_host_for_every_meeting()
    {
        var ana = await fixture.Setup.OwnerAsync(name: "Ana Example");
        var ben = await fixture.Setup.OwnerAsync(name: "Ben Beispiel");
        var team = await fixture.Setup.TeamAsync([ana, ben], kind: "round_robin", seriesOfAtMost: 4);
        // Ana is busy on the second Wednesday: the whole series goes to Ben.
        await fixture.Setup.BookAsync(ana, "2027-03-10T08:00:00Z", name: "Someone else");
        var page = await fixture.NewPageAsync();
        // Choosing the slot holds it for one host (either may be chosen); the series still goes to the host free every week.
        await page.GotoAsync($"/team/{team}/demo?month=2027-03&date={Browsing.Date}&tz=Europe/Berlin");
        await page.Locator("button.slot[data-start='2027-03-03T08:00:00Z']").ClickAsync();
        await Navigation.ExpectAsync(page, $"{fixture.Address}/team/{team}/demo/book?**");
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");
        await page.GetByLabel("How often").SelectOptionAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await Navigation.ExpectAsync(page, "**/confirmed?**");
        await Assertions.Expect(page.Locator("#series li")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#hosts")).ToHaveTextAsync("Ben Beispiel");
        Assert.Equal(
            ["2027-03-03T08:00:00Z", "2027-03-10T08:00:00Z", "2027-03-17T08:00:00Z"],
            (await fixture.Setup.BookingsOfAsync(ben)).Select(b => b!["start_utc"]!.GetValue<string>()));
        Assert.Single(await fixture.Setup.BookingsOfAsync(ana));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Team_slot_taken_meanwhile_is_refused_with_the_dates_fresh_slots()
    {
        var ana = await fixture.Setup.OwnerAsync();
        var ben = await fixture.Setup.OwnerAsync();
        var team = await fixture.Setup.TeamAsync([ana, ben]);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/team/{team}/demo/book?start=2027-03-03T08:00:00Z&tz=Europe/Berlin");
        await fixture.Setup.BookAsync(ben, "2027-03-03T08:00:00Z", name: "Someone else");

        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await Assertions.Expect(page.Locator("#refusal")).ToContainTextAsync("just taken");
        Assert.Equal(["2027-03-03T09:00:00Z", "2027-03-03T10:00:00Z"], await Browsing.SlotStartsAsync(page));
        Assert.Empty(await fixture.Setup.BookingsOfAsync(ana));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Team_page_of_an_unknown_team_is_a_clear_404()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync("/team/no-such-team");

        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("There is no team booking page at this address. Please check the link you were given.");
        Assert.Equal((int)HttpStatusCode.NotFound, (await page.GotoAsync("/team/no-such-team/demo"))!.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Team_pages_have_no_serious_accessibility_violations_and_fit_360_pixels()
    {
        var ana = await fixture.Setup.OwnerAsync();
        var ben = await fixture.Setup.OwnerAsync();
        var team = await fixture.Setup.TeamAsync([ana, ben]);
        var page = await fixture.NewPageAsync(width: 360);
        var found = new List<string>();
        foreach (var address in new[] { $"/team/{team}", $"/team/{team}/demo?month=2027-03&date=2027-03-03", $"/team/{team}/demo/book?start=2027-03-03T08:00:00Z" })
        {
            await page.GotoAsync(address);
            found.AddRange(await Accessibility.SeriousViolationsAsync(page, address));
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), $"{address} scrolls sideways at 360 px");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await page.Locator("#error-summary").WaitForAsync();
        found.AddRange(await Accessibility.SeriousViolationsAsync(page, "form with errors"));

        Assert.Empty(found);
        await page.Context.CloseAsync();
    }
}
