using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>What the owner changes in the console reaches the service: checked through the public /v1 API.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleEditingTests(ConsoleFixture console)
{
    private const string Monday = "2024-12-02";

    [Fact]
    public async Task Weekly_hours_saved_in_the_console_change_the_offered_slots_and_the_booking_page()
    {
        var owner = await console.BookableOwnerAsync();
        Assert.Empty(await console.SlotsAsync(owner, Monday));
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/hours");

        await page.Locator("#monday-on").CheckAsync();
        await page.Locator("#monday-1-start").SelectOptionAsync("14:00");
        await page.Locator("#monday-1-end").SelectOptionAsync("15:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        Assert.Equal(["2024-12-02T14:00:00Z", "2024-12-02T14:30:00Z"], await console.SlotsAsync(owner, Monday));
        await Assertions.Expect(page.Locator("#tuesday-1-start")).ToHaveValueAsync("09:00");
        // The invitee's booking page offers the new hours at once.
        var bookingPage = await page.Context.NewPageAsync();
        await bookingPage.GotoAsync($"/{owner.Id}/intro?month=2024-12&date={Monday}&tz=UTC");
        await Assertions.Expect(bookingPage.Locator(".slot-list button.slot")).ToHaveTextAsync(["14:00", "14:30"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_hours_editor_adds_an_interval_says_beside_the_day_what_overlaps_and_copies_a_day_to_every_day()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/hours");

        // With script, "+" adds an interval an hour after the last one; made to overlap, it is refused beside Tuesday.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an interval to Tuesday" }).ClickAsync();
        var second = page.GetByLabel("Tuesday, interval 2, from");
        await Assertions.Expect(second).ToHaveValueAsync("13:00");
        await second.SelectOptionAsync("11:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("#tuesday-1-start-error")).ToHaveTextAsync("Tuesday: 09:00–12:00 and 11:00–14:00 overlap. Join them into one interval, or move one.");
        await Assertions.Expect(page.Locator("#tuesday-2-start")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator(".errors a[href='#tuesday-1-start']")).ToBeVisibleAsync();
        Assert.Equal(6, (await console.SlotsAsync(owner, ConsoleFixture.Tuesday)).Count);

        // Mended, Tuesday is copied to every day in the page, and one save keeps them all.
        await page.Locator("#tuesday-2-start").SelectOptionAsync("13:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy to all days (from Tuesday)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#hours-status")).ToHaveTextAsync("Tuesday's hours are copied to every day. Save to keep them.");
        await Assertions.Expect(page.GetByLabel("Sunday, interval 2, to")).ToHaveValueAsync("14:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        var hours = await console.GetAsync($"/v1/owners/{owner.Id}/weekly-hours");
        foreach (var day in new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" })
        {
            Assert.Equal("09:00-12:00 13:00-14:00", string.Join(' ', hours[day]!.AsArray().Select(r => $"{r!["start"]}-{r["end"]}")));
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_range_of_dates_becomes_days_off_in_one_step_other_hours_replace_a_dates_hours_and_a_run_is_removed_after_confirming()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/overrides");

        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2024-12-23");
        await page.GetByLabel("To (optional)").FillAsync("2024-12-29");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the override" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The override is saved for every day of the range.");
        var overrides = (await console.GetAsync($"/v1/owners/{owner.Id}/date-overrides"))["overrides"]!.AsArray();
        Assert.Equal(Enumerable.Range(23, 7).Select(d => $"2024-12-{d}"), overrides.Select(o => o!["date"]!.GetValue<string>()));
        Assert.All(overrides, o => Assert.True(o!["unavailable"]!.GetValue<bool>()));
        await Assertions.Expect(page.Locator(".override-dates")).ToHaveTextAsync("Mon, 23 Dec 2024 – Sun, 29 Dec 2024");
        Assert.Empty(await console.SlotsAsync(owner, "2024-12-24"));

        // One date with other hours: only those count that day.
        await page.GetByLabel("From", new() { Exact = true }).FillAsync(ConsoleFixture.Tuesday);
        await page.GetByLabel("Available at other hours").CheckAsync();
        await page.GetByLabel("Interval 1, from").SelectOptionAsync("13:00");
        await page.GetByLabel("Interval 1, to").SelectOptionAsync("13:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the override" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The override is saved.");
        Assert.Equal(["2024-11-26T13:00:00Z"], await console.SlotsAsync(owner, ConsoleFixture.Tuesday));

        await ConsoleForms.ConfirmAsync(page, "Remove", "Mon, 23 Dec 2024 – Sun, 29 Dec 2024");

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The override is removed; your weekly hours apply again.");
        Assert.Equal([ConsoleFixture.Tuesday], (await console.GetAsync($"/v1/owners/{owner.Id}/date-overrides"))["overrides"]!.AsArray().Select(o => o!["date"]!.GetValue<string>()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_meeting_type_created_in_the_console_is_offered()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/meeting-types");

        await page.Locator("#mt-slug").FillAsync("long-talk");
        await page.Locator("#mt-title").FillAsync("Long talk");
        await page.Locator("#mt-durationminutes").FillAsync("90");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a meeting type" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Long talk" })).ToBeVisibleAsync();
        var created = await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/long-talk");
        Assert.Equal(90, created["duration_minutes"]!.GetValue<int>());
        Assert.Equal(["2024-11-26T09:00:00Z", "2024-11-26T10:30:00Z"], await console.SlotsAsync(owner, ConsoleFixture.Tuesday, "long-talk"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_slug_the_api_refuses_is_said_beside_its_field_and_one_left_empty_is_made_from_the_title_and_numbered_when_taken()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/meeting-types");

        await page.Locator("#mt-slug").FillAsync("Not A Slug");
        await page.Locator("#mt-title").FillAsync("Bad");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a meeting type" }).ClickAsync();
        await Assertions.Expect(page.Locator(".errors a[href='#mt-slug']")).ToContainTextAsync("slug");
        await Assertions.Expect(page.Locator("#mt-slug-error")).ToContainTextAsync("slug");
        await Assertions.Expect(page.Locator("#mt-slug")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Single((await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types"))["meeting_types"]!.AsArray());

        // Emptied, the slug follows the title while typing.
        await page.Locator("#mt-slug").FillAsync("");
        await page.Locator("#mt-title").FillAsync("Café Über Talk");
        await Assertions.Expect(page.Locator("#mt-slug")).ToHaveValueAsync("cafe-uber-talk");
        await Assertions.Expect(page.Locator("#slug-preview")).ToHaveTextAsync($"{console.BaseUrl}/{owner.Id}/cafe-uber-talk");
        // "intro" is the owner's already.
        await page.Locator("#mt-title").FillAsync("Intro");
        await Assertions.Expect(page.Locator("#slug-preview")).ToHaveTextAsync($"{console.BaseUrl}/{owner.Id}/intro-2");
        await page.Locator("#mt-slug").FillAsync("my-intro");
        await page.Locator("#mt-title").FillAsync("Intro!");
        await Assertions.Expect(page.Locator("#mt-slug")).ToHaveValueAsync("my-intro");
        await page.Locator("#mt-slug").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a meeting type" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The meeting type is created; its link is ready to share.");
        Assert.Equal("Intro!", (await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/intro-2"))["title"]!.GetValue<string>());

        // Without script the slug arrives empty, and the server makes it the same way.
        var posted = await page.APIRequest.PostAsync("/console/meeting-types", new()
        {
            Form = ConsoleForms.Post(page, ("Form.Title", "Intro"), ("Form.Slug", ""), ("Form.DurationMinutes", "30"), ("__RequestVerificationToken", await ConsoleForms.TokenAsync(page))),
        });
        Assert.Equal(200, posted.Status);
        Assert.Equal("Intro", (await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/intro-3"))["title"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_number_field_with_letters_is_named_by_its_label_and_nothing_is_created()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/meeting-types");

        await page.Locator("#mt-slug").FillAsync("letters");
        await page.Locator("#mt-title").FillAsync("Letters");
        await page.Locator("#mt-durationminutes").FillAsync("half an hour");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a meeting type" }).ClickAsync();

        await Assertions.Expect(page.Locator(".errors li")).ToHaveTextAsync("Duration (minutes): please enter a whole number.");
        await Assertions.Expect(page.Locator("#mt-durationminutes-error")).ToHaveTextAsync("Duration (minutes): please enter a whole number.");
        await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/letters", 404);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_meeting_type_edited_in_the_console_has_its_new_title_and_rules()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/meeting-types/intro");

        await page.Locator("#mt-title").FillAsync("First call");
        await page.Locator("#mt-durationminutes").FillAsync("60");
        await page.Locator("#mt-stepminutes").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        var edited = await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/intro");
        Assert.Equal("First call", edited["title"]!.GetValue<string>());
        Assert.Equal(["2024-11-26T09:00:00Z", "2024-11-26T10:00:00Z", "2024-11-26T11:00:00Z"], await console.SlotsAsync(owner, ConsoleFixture.Tuesday));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_meeting_type_deleted_in_the_console_is_gone()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/meeting-types/intro");

        await ConsoleForms.ConfirmAsync(page, "Delete this meeting type", "Intro call");

        await Support.Navigation.ExpectAsync(page, $"{console.BaseUrl}/console/meeting-types?notice=Deleted");
        Assert.Equal($"{console.BaseUrl}/console/meeting-types?notice=Deleted", page.Url);
        await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/intro", 404);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_script_cancelling_a_booking_asks_first_then_cancels_it_with_its_reason_and_copy_to_all_days_fills_the_form()
    {
        var owner = await console.BookableOwnerAsync();
        var booking = await console.BookAsync(owner, $"{ConsoleFixture.Tuesday}T10:00:00Z");
        Assert.DoesNotContain("2024-11-26T10:00:00Z", await console.SlotsAsync(owner, ConsoleFixture.Tuesday));
        var page = await console.SignedInAsync(owner, width: 360, script: false);
        await page.GotoAsync("/console/bookings");
        await Assertions.Expect(page.Locator($"#booking-{booking} .card-title")).ToHaveTextAsync("Tue, 26 Nov 2024, 10:00–10:30 (UTC)");

        // The first click only asks.
        await page.Locator($"#booking-{booking} details.confirm > summary").ClickAsync();
        await Assertions.Expect(page.Locator($"#reason-{booking}")).ToBeVisibleAsync();
        Assert.Equal("active", (await console.GetAsync($"/v1/bookings/{booking}"))["status"]!.GetValue<string>());

        await page.Locator($"#reason-{booking}").FillAsync("Ill today");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the booking with Ben Invitee" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("cancelled");
        Assert.Contains("2024-11-26T10:00:00Z", await console.SlotsAsync(owner, ConsoleFixture.Tuesday));
        var cancelled = await console.GetAsync($"/v1/bookings/{booking}");
        Assert.Equal(("cancelled", "owner", "Ill today"), (cancelled["status"]!.GetValue<string>(), cancelled["cancelled_by"]!.GetValue<string>(), cancelled["cancel_reason"]!.GetValue<string>()));
        await page.GotoAsync("/console/bookings?status=cancelled");
        await Assertions.Expect(page.Locator($"#booking-{booking}")).ToContainTextAsync("Ill today");

        // "Copy to all days" is a post that fills the form; only Save keeps it.
        await page.GotoAsync("/console/hours");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy to all days (from Tuesday)" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Tuesday's hours are copied to every day below. Save to keep them.");
        Assert.Empty((await console.GetAsync($"/v1/owners/{owner.Id}/weekly-hours"))["monday"]!.AsArray());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        var hours = await console.GetAsync($"/v1/owners/{owner.Id}/weekly-hours");
        Assert.All(new[] { "monday", "wednesday", "sunday" }, day => Assert.Equal("09:00", hours[day]![0]!["start"]!.GetValue<string>()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_issued_key_is_shown_once_and_works()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/keys");

        await page.GetByRole(AriaRole.Button, new() { Name = "Issue a new key" }).ClickAsync();
        var key = await page.Locator("#issued-key").TextContentAsync();

        using var withKey = console.Client(key);
        Assert.Equal(200, (int)(await withKey.GetAsync($"/v1/owners/{owner.Id}/keys")).StatusCode);
        await page.GotoAsync("/console/keys");
        await Assertions.Expect(page.Locator("#issued-key")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key!, await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".keys > li")).ToHaveCountAsync(2);

        // An agent's token, to book on the owner's behalf: shown once, listed with its name and kind, refused by the API.
        await page.GetByLabel("Name (optional)").FillAsync("My assistant");
        await page.GetByLabel("Book on my behalf").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make an agent token" }).ClickAsync();
        var token = await page.Locator("#issued-key").TextContentAsync();
        using var withToken = console.Client(token);
        Assert.Equal(403, (int)(await withToken.GetAsync($"/v1/owners/{owner.Id}/keys")).StatusCode);
        var listed = page.Locator(".keys > li", new() { HasText = "My assistant" });
        await Assertions.Expect(listed).ToContainTextAsync("Book on my behalf");
        await page.Context.CloseAsync();

        // Nor does it open the console: an agent acts through /mcp only.
        var other = await console.NewPageAsync();
        await other.GotoAsync("/console/sign-in");
        await other.Locator("#api-key").FillAsync(token!);
        var answer = await other.RunAndWaitForResponseAsync(() => other.Locator("#key-form button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(401, answer.Status);
        await Assertions.Expect(other.Locator("#sign-in-error")).ToContainTextAsync("not valid");
        Assert.DoesNotContain(await other.Context.CookiesAsync(), c => c.Name == "agenda_console");
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task A_key_revoked_in_the_console_stops_working()
    {
        var owner = await console.NewOwnerAsync();
        using var issued = await console.Admin.PostAsync($"/v1/owners/{owner.Id}/keys", null);
        var other = (await issued.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!;
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/keys");

        await ConsoleForms.ConfirmAsync(page, "Revoke", $"key {other["id"]}");

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The key was revoked.");
        using var withKey = console.Client(other["key"]!.GetValue<string>());
        Assert.Equal(401, (int)(await withKey.GetAsync($"/v1/owners/{owner.Id}/keys")).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_feed_address_issued_in_the_console_serves_the_owners_bookings()
    {
        var owner = await console.BookableOwnerAsync();
        var booking = await console.BookAsync(owner, $"{ConsoleFixture.Tuesday}T09:30:00Z");
        var page = await console.SignedInAsync(owner);

        await page.GetByRole(AriaRole.Button, new() { Name = "Create a new feed address" }).ClickAsync();
        var feed = await page.Locator("#feed-url").TextContentAsync();

        using var anonymous = new HttpClient();
        var calendar = await anonymous.GetStringAsync(feed);
        Assert.Contains($"UID:{booking}@agenda", calendar, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_console_shows_german_texts_to_a_german_browser()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(owner, locale: "de-DE");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Übersicht", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Wochenzeiten", Exact = true })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
