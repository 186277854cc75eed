using System.Net;
using System.Text.RegularExpressions;
using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests;

/// <summary>The invitee's way from the public page to a booking, and its clear answers when something is in the way.</summary>
public sealed class BookingFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Invitee_books_from_the_public_page_and_gets_the_calendar_file_and_a_working_manage_link()
    {
        var owner = await fixture.Setup.OwnerAsync(name: "Ana Example", title: "Intro call");
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/{owner}");
        await BrowserFixture.ScreenshotAsync(page, "1-owner");
        await page.GetByRole(AriaRole.Link, new() { Name = "Intro call" }).ClickAsync();
        await page.Locator($"a[data-date='{Browsing.Date}']").ClickAsync();
        Assert.Equal(["09:00", "10:00", "11:00"], await Browsing.SlotLabelsAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "2-month-and-slots");
        await page.GetByRole(AriaRole.Button, new() { Name = "10:00", Exact = true }).ClickAsync();
        // The hold counts down live, from the five minutes the service keeps it.
        var countdown = page.Locator("#held .countdown");
        await Assertions.Expect(countdown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(5:00|4:5\d)$"));
        var shown = await countdown.InnerTextAsync();
        await Assertions.Expect(countdown).Not.ToHaveTextAsync(shown);
        await Assertions.Expect(page.Locator("#chosen")).ToHaveTextAsync("Wednesday, 3 March 2027, 10:00 – 11:00");
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com", "About the project");
        await BrowserFixture.ScreenshotAsync(page, "3-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meeting is booked" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#time-invitee")).ToHaveTextAsync("Wednesday, 3 March 2027, 10:00 – 11:00 (Europe/Berlin)");
        await BrowserFixture.ScreenshotAsync(page, "4-confirmation");
        Assert.DoesNotContain("2027-03-03T09:00:00Z", await fixture.Setup.FreeStartsAsync(owner, Browsing.Date));

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#ics").ClickAsync());
        var calendar = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("BEGIN:VEVENT", calendar);
        Assert.Contains("DTSTART:20270303T090000Z", calendar);

        await page.Locator("#manage").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Manage your booking" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#booking")).ToContainTextAsync("Bo Invitee");
        await BrowserFixture.ScreenshotAsync(page, "5-manage");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_same_form_sent_twice_books_once_and_both_answers_are_the_confirmation()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync();
        await Browsing.OpenFormAsync(page, owner, "2027-03-03T08:00:00Z");
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");

        var answers = await Browsing.SendFormTwiceAsync(page);

        Assert.Contains("/confirmed?token=", answers[0]);
        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(1, await fixture.Setup.BookingCountAsync(owner));
        await page.GotoAsync(answers[1]);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meeting is booked" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_double_click_on_book_sends_the_form_once()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync();
        await Browsing.OpenFormAsync(page, owner, "2027-03-03T08:00:00Z");
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                Interlocked.Increment(ref posts);
            }
        };

        await page.Locator("form.details button[type=submit]").EvaluateAsync("button => { button.click(); button.click(); }");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meeting is booked" })).ToBeVisibleAsync();
        Assert.Equal(1, posts);
        Assert.Equal(1, await fixture.Setup.BookingCountAsync(owner));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("2027-03-03T08:30:00Z", "2027-03-03T08:00:00Z")] // off the grid: that date's times
    [InlineData("2027-02-24T08:00:00Z", "2027-03-01T08:00:00Z")] // past: the first free date's times
    public async Task A_form_link_for_a_time_that_is_not_offered_says_so_and_offers_the_nearest_free_times_in_the_form(string start, string nearest)
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/{owner}/intro/book?start={start}&tz=Europe/Berlin");

        await Assertions.Expect(page.Locator("#refusal")).ToHaveTextAsync("This time can no longer be booked. Here are the times that are free:");
        Assert.Equal(nearest, (await Browsing.SlotStartsAsync(page))[0]);
        await Assertions.Expect(page.Locator("#alternatives input[type=radio]").First).ToBeCheckedAsync();
        Assert.DoesNotContain("1970", await page.ContentAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_link_without_a_time_says_so_with_the_month_and_no_form()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/{owner}/intro/book?start=not-a-time&tz=Europe/Berlin");

        await Assertions.Expect(page.Locator("#refusal")).ToHaveTextAsync("This time can no longer be booked. Here are the times that are free:");
        await Assertions.Expect(page.Locator("form.details")).ToHaveCountAsync(0);
        Assert.DoesNotContain("1970", await page.ContentAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_link_for_a_time_taken_meanwhile_says_so_with_fresh_times()
    {
        var owner = await fixture.Setup.OwnerAsync();
        await fixture.Setup.BookAsync(owner, "2027-03-03T08:00:00Z");
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/{owner}/intro/book?start=2027-03-03T08:00:00Z&tz=Europe/Berlin");

        await Assertions.Expect(page.Locator("#refusal")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#alternatives")).ToBeVisibleAsync();
        Assert.Equal(["10:00", "11:00"], await Browsing.SlotLabelsAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Invitee_books_without_JavaScript_choosing_the_zone_with_the_button()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync(javaScript: false);
        await Browsing.OpenDateAsync(page, owner);

        await page.GetByLabel("Time zone").SelectOptionAsync("Europe/London");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show in this zone" }).ClickAsync();
        Assert.Equal(["08:00", "09:00", "10:00"], await Browsing.SlotLabelsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "08:00", Exact = true }).ClickAsync();
        await Browsing.FillAsync(page, "No Script", "noscript@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await Assertions.Expect(page.Locator("#time-invitee")).ToHaveTextAsync("Wednesday, 3 March 2027, 08:00 – 09:00 (Europe/London)");
        await Assertions.Expect(page.Locator("#time-owner")).ToHaveTextAsync("Wednesday, 3 March 2027, 09:00 – 10:00 (Europe/Berlin)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Form_shows_each_validation_message_next_to_its_field()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync();
        await Browsing.OpenFormAsync(page, owner, "2027-03-03T08:00:00Z");

        await Browsing.FillAsync(page, "   ", "not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await Assertions.Expect(page.Locator("#name-error")).ToHaveTextAsync("Please enter your name (at most 200 characters).");
        await Assertions.Expect(page.Locator("#email-error")).ToHaveTextAsync("Please enter an email address such as ana@example.com.");
        await Assertions.Expect(page.Locator("#note-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Name")).ToHaveAttributeAsync("aria-describedby", "name-error");
        await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync("not-an-address");
        await Assertions.Expect(page.Locator("#held")).ToBeVisibleAsync();
        Assert.Equal(0, await fixture.Setup.BookingCountAsync(owner));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_invitees_choosing_one_slot_at_once_one_holds_it_and_the_other_is_told_it_was_taken_with_fresh_slots()
    {
        var owner = await fixture.Setup.OwnerAsync();
        const string slot = "2027-03-03T09:00:00Z";
        var first = await fixture.NewPageAsync();
        var second = await fixture.NewPageAsync();
        await Browsing.OpenDateAsync(first, owner);
        await Browsing.OpenDateAsync(second, owner);

        await Task.WhenAll(
            first.Locator($".slot[data-start='{slot}']").ClickAsync(),
            second.Locator($".slot[data-start='{slot}']").ClickAsync());
        await Task.WhenAll(WaitForAnswerAsync(first), WaitForAnswerAsync(second));

        var pages = new[] { first, second };
        var holder = Assert.Single(pages, p => p.Url.Contains("/book?"));
        var loser = Assert.Single(pages, p => p != holder);
        await Assertions.Expect(loser.Locator("#refusal")).ToHaveTextAsync("Sorry, this time was just taken by someone else. Here are the times that are still free:");
        Assert.Equal(["2027-03-03T08:00:00Z", "2027-03-03T10:00:00Z"], await Browsing.SlotStartsAsync(loser));
        await BrowserFixture.ScreenshotAsync(loser, "6-taken");

        // The holder's booking names the hold and goes through.
        await Browsing.FillAsync(holder, "Holder", "holder@example.com");
        await holder.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await holder.Locator("#booked").WaitForAsync();
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    private static Task WaitForAnswerAsync(IPage page) =>
        page.Locator("form.details, #refusal").First.WaitForAsync();

    [Fact]
    public async Task A_chosen_slot_is_offered_to_no_one_else_until_its_hold_expires()
    {
        var owner = await fixture.Setup.OwnerAsync();
        const string slot = "2027-03-03T10:00:00Z";
        var page = await fixture.NewPageAsync();

        await Browsing.OpenFormAsync(page, owner, slot);

        Assert.DoesNotContain(slot, await fixture.Setup.FreeStartsAsync(owner, Browsing.Date));
        fixture.Host.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Contains(slot, await fixture.Setup.FreeStartsAsync(owner, Browsing.Date));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#held")).ToHaveTextAsync("This time is no longer kept for you; book now and it is yours if it is still free.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_slot_taken_after_its_hold_expired_is_refused_with_the_nearest_times_and_the_invitee_keeps_what_they_typed()
    {
        var owner = await fixture.Setup.OwnerAsync();
        const string slot = "2027-03-03T08:00:00Z";
        var page = await fixture.NewPageAsync();
        await Browsing.OpenFormAsync(page, owner, slot);
        fixture.Host.Clock.Advance(TimeSpan.FromMinutes(6));
        await fixture.Setup.BookAsync(owner, slot, name: "Someone faster");

        await Browsing.FillAsync(page, "Too Late", "late@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await Assertions.Expect(page.Locator("#refusal")).ToHaveTextAsync("Sorry, this time was just taken by someone else. Here are the times that are still free:");
        Assert.Equal(["2027-03-03T09:00:00Z", "2027-03-03T10:00:00Z"], await Browsing.SlotStartsAsync(page));
        await Assertions.Expect(page.GetByLabel("Name")).ToHaveValueAsync("Too Late");
        await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync("late@example.com");
        await BrowserFixture.ScreenshotAsync(page, "6-taken-keeps-details");

        // One click on another time and the same button books it.
        await page.GetByText("11:00", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await Assertions.Expect(page.Locator("#time-invitee")).ToHaveTextAsync("Wednesday, 3 March 2027, 11:00 – 12:00 (Europe/Berlin)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Invitee_books_with_the_keyboard_alone()
    {
        var owner = await fixture.Setup.OwnerAsync(title: "Keyboard call");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/{owner}");
        await page.BringToFrontAsync();

        await TabToAsync(page, "el => el.tagName === 'A' && el.textContent.includes('Keyboard call')");
        await page.Keyboard.PressAsync("Enter");
        await Navigation.ExpectAsync(page, $"**/{owner}/intro");
        await TabToAsync(page, $"el => el.getAttribute('data-date') === '{Browsing.Date}'");
        await page.Keyboard.PressAsync("Enter");
        // A generous wait that tells where the page stood: once, on a loaded CI machine, this navigation did not come within 10 seconds.
        await Navigation.ExpectAsync(page, "**date=2027-03-03**");
        await TabToAsync(page, "el => el.getAttribute('data-start') === '2027-03-03T10:00:00Z'");
        await page.Keyboard.PressAsync("Enter");
        await Navigation.ExpectAsync(page, "**/book?**");
        await TabToAsync(page, "el => el.id === 'name'");
        await page.Keyboard.TypeAsync("Kim Keys");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("kim@example.com");
        await TabToAsync(page, "el => el.tagName === 'BUTTON' && el.textContent.trim() === 'Book'");
        await page.Keyboard.PressAsync("Space");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meeting is booked" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Tab until the focused element satisfies <paramref name="predicate"/> (a JavaScript function of the element).</summary>
    private static async Task TabToAsync(IPage page, string predicate)
    {
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"() => {{ const el = document.activeElement; return !!el && el !== document.body && ({predicate})(el); }}"))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached an element where {predicate}.");
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused_and_books_nothing()
    {
        var owner = await fixture.Setup.OwnerAsync();
        const string start = "2027-03-03T08:00:00Z";
        var form = $"/{owner}/intro/book?start={Uri.EscapeDataString(start)}";
        var fields = new Dictionary<string, string> { ["start"] = start, ["tz"] = "Europe/Berlin", ["Name"] = "Forger", ["Email"] = "f@example.com" };
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(fixture.Address) };

        using var refused = await http.PostAsync(form, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nothing was changed.", await refused.Content.ReadAsStringAsync());
        Assert.Contains(start, await fixture.Setup.FreeStartsAsync(owner, Browsing.Date));

        // The same post with the token the form carries (and its cookie) is accepted: the refusal was the token's.
        var html = await http.GetStringAsync(form);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        fields["__RequestVerificationToken"] = token;
        using var accepted = await http.PostAsync(form, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.DoesNotContain(start, await fixture.Setup.FreeStartsAsync(owner, Browsing.Date));
    }

    [Fact]
    public async Task Unknown_owner_gets_a_friendly_page_with_404()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync("/nobody-at-all");

        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("There is no booking page at this address.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Unknown_meeting_type_gets_a_friendly_404_that_links_to_the_owner_page()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync($"/{owner}/no-such-type");

        Assert.Equal(404, response!.Status);
        await page.GetByRole(AriaRole.Link, new() { Name = "See what can be booked" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Intro call" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_month_with_nothing_free_says_so_and_offers_the_next_month()
    {
        var owner = await fixture.Setup.OwnerAsync();
        using var http = fixture.Host.Http();
        using var blocked = await http.PutAsync($"/v1/owners/{owner}/weekly-hours", System.Net.Http.Json.JsonContent.Create(new { }));
        Assert.True(blocked.IsSuccessStatusCode);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/{owner}/intro?month=2027-04");

        await Assertions.Expect(page.Locator(".month .notice")).ToContainTextAsync("Nothing is free in April 2027.");
        await Assertions.Expect(page.Locator(".grid td.free")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "See the next month" }).ClickAsync();
        await Assertions.Expect(page.Locator("#month-title")).ToHaveTextAsync("May 2027");
        await page.Context.CloseAsync();
    }
}
