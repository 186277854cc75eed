using System.Net.Http.Json;
using Agenda.Api.Platform.Access;
using Agenda.Pages.Tests.Support;
using Agenda.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests;

/// <summary>What a meeting type says besides its rules, on the booking pages: places, questions, privacy, single-use links, redirects.</summary>
public sealed class MeetingDetailsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>A second meeting type of <paramref name="owner"/>, with details as the /v1 API takes them.</summary>
    private async Task TypeAsync(string owner, string slug, object details)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(details)!.AsObject();
        body["slug"] = slug;
        body["title"] = "Project call";
        body["duration_minutes"] = 60;
        var response = await fixture.Setup.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invitee_answers_the_required_question_and_the_confirmation_shows_the_video_room_and_the_answer()
    {
        var owner = await fixture.Setup.OwnerAsync();
        await TypeAsync(owner, "video", new
        {
            description = "We talk about **your project**.\n\n<script>window.__xss=1</script>",
            locations = new[] { new { kind = "video", value = "https://meet.example.org/{room}" } },
            questions = new[] { new { id = "company", label = "Company", kind = "short_text", required = true, help = "Where you work" } },
        });
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/{owner}/video?month=2027-03&date=2027-03-03");
        await Assertions.Expect(page.Locator(".description strong")).ToHaveTextAsync("your project");
        await Assertions.Expect(page.Locator(".fact-location")).ToHaveTextAsync("Video call");
        await page.Locator(".slot[data-start='2027-03-03T08:00:00Z']").ClickAsync();
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");

        // Without the answer: the error stands beside the field, and nothing is booked.
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await Assertions.Expect(page.Locator("#q-0-error")).ToHaveTextAsync("Please answer this question.");
        Assert.Equal("q-0-help q-0-error", await page.Locator("#q-0").GetAttributeAsync("aria-describedby"));
        Assert.Equal("Bo Invitee", await page.GetByLabel("Name").InputValueAsync());
        Assert.Equal(0, await fixture.Setup.BookingCountAsync(owner));
        var violations = await Accessibility.SeriousViolationsAsync(page, "form with a question's error");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await BrowserFixture.ScreenshotAsync(page, "details-form-error-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "details-form-error-phone");
        await page.SetViewportSizeAsync(1280, 800);

        await page.GetByLabel("Company").FillAsync("Example & Co");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meeting is booked" })).ToBeVisibleAsync();
        var join = page.GetByRole(AriaRole.Link, new() { Name = "Join video call" });
        Assert.StartsWith("https://meet.example.org/agenda-", await join.GetAttributeAsync("href"));
        await Assertions.Expect(page.Locator("dd[data-question='company']")).ToHaveTextAsync("Example & Co");
        var booking = (await fixture.Setup.BookingsOfAsync(owner))[0]!;
        Assert.Equal(await join.GetAttributeAsync("href"), booking["location"]!["value"]!.GetValue<string>());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
        await BrowserFixture.ScreenshotAsync(page, "details-confirmed-desktop");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_private_type_is_not_listed_on_the_owner_page_but_is_booked_at_its_address()
    {
        var owner = await fixture.Setup.OwnerAsync();
        await TypeAsync(owner, "secret", new { @private = true });
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/{owner}");
        await Assertions.Expect(page.Locator(".types a")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".types")).Not.ToContainTextAsync("Project call");

        await page.GotoAsync($"/{owner}/secret?month=2027-03&date=2027-03-03");
        await page.Locator(".slot[data-start='2027-03-03T09:00:00Z']").ClickAsync();
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meeting is booked" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_single_use_link_books_once_then_says_it_was_used_with_410()
    {
        var owner = await fixture.Setup.OwnerAsync();
        await TypeAsync(owner, "once", new { @private = true });
        var token = Secrets.NewSecret("sul_");
        var links = fixture.Host.Services.GetRequiredService<ISingleUseLinkStore>();
        Assert.NotNull(await links.CreateAsync(LinkTarget.Owner(owner, "once"), Secrets.Hash(token), "for Bo", NodaTime.Instant.FromDateTimeOffset(PagesHost.Now), default));
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/link/{token}");
        await page.Locator("a[data-date='2027-03-03']").ClickAsync();
        await page.Locator(".slot[data-start='2027-03-03T09:00:00Z']").ClickAsync();
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meeting is booked" })).ToBeVisibleAsync();
        var used = await links.FindAsync(Secrets.Hash(token), default);
        Assert.Equal((await fixture.Setup.BookingsOfAsync(owner))[0]!["id"]!.GetValue<string>(), used!.BookingId);

        var again = await page.GotoAsync($"/link/{token}");
        Assert.Equal(410, again!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This link has already been used");
        await Assertions.Expect(page.Locator("form.details")).ToHaveCountAsync(0);
        Assert.Equal(404, (await page.GotoAsync("/link/sul_nothing"))!.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_booking_a_type_with_a_redirect_address_the_invitee_lands_there_with_the_booking()
    {
        var owner = await fixture.Setup.OwnerAsync();
        await TypeAsync(owner, "thanks", new
        {
            step_minutes = 30,
            redirect_url = "https://shop.example.org/thanks?from=agenda",
            duration_options_minutes = new[] { 30, 60 },
            locations = new object[] { new { kind = "video", value = "https://meet.example.org/{room}" }, new { kind = "in_person", value = "Hauptstraße 1, Berlin" }, new { kind = "invitee_phone" } },
            questions = new object[] { new { id = "topics", label = "Topics", kind = "multiple_choice", options = new[] { "Pricing", "Support" } } },
        });
        var page = await fixture.NewPageAsync();
        await page.RouteAsync("https://shop.example.org/**", route => route.FulfillAsync(new() { ContentType = "text/html", Body = "<!DOCTYPE html><title>Thanks</title><h1>Thanks</h1>" }));

        await page.GotoAsync($"/{owner}/thanks?month=2027-03&date=2027-03-03");
        await BrowserFixture.ScreenshotAsync(page, "details-lengths-desktop");
        await page.Locator("a[data-duration='30']").ClickAsync();
        await Assertions.Expect(page.Locator(".fact-duration")).ToHaveTextAsync("30 min");
        await page.Locator(".slot[data-start='2027-03-03T08:30:00Z']").ClickAsync();
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");
        // The number is asked for only while "the host calls you" is chosen.
        await Assertions.Expect(page.Locator("#location-phone")).ToBeHiddenAsync();
        await page.Locator("#location-2").CheckAsync();
        await Assertions.Expect(page.Locator("#location-phone")).ToBeVisibleAsync();
        await page.Locator("#location-1").CheckAsync();
        await Assertions.Expect(page.Locator("#location-phone")).ToBeHiddenAsync();
        await page.GetByLabel("Support").CheckAsync();
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "details-choices-phone");
        await page.SetViewportSizeAsync(1280, 800);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await Navigation.ExpectAsync(page, "https://shop.example.org/thanks?**");
        var booking = (await fixture.Setup.BookingsOfAsync(owner))[0]!;
        Assert.Equal("Hauptstraße 1, Berlin", booking["location"]!["value"]!.GetValue<string>());
        Assert.Equal("Support", booking["answers"]![0]!["values"]![0]!.GetValue<string>());
        Assert.Equal(
            $"https://shop.example.org/thanks?from=agenda&booking_id={booking["id"]}&start=2027-03-03T08:30:00Z&end=2027-03-03T09:00:00Z",
            Uri.UnescapeDataString(page.Url));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_manage_page_shows_the_address_and_keeps_to_the_invitee_change_policy()
    {
        var owner = await fixture.Setup.OwnerAsync();
        await TypeAsync(owner, "visit", new
        {
            locations = new[] { new { kind = "in_person", value = "Hauptstraße 1, Berlin" } },
            invitee_changes = new { cancel_notice_minutes = 60, reschedule_notice_minutes = 5000, reason_required = true },
        });
        var (id, token) = await fixture.Setup.BookAsync(owner, "2027-03-03T08:00:00Z", slug: "visit");
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/booking/{id}?token={Uri.EscapeDataString(token)}");

        await Assertions.Expect(page.Locator("#address")).ToHaveTextAsync("Hauptstraße 1, Berlin");
        await Assertions.Expect(page.Locator("#cancel-until")).ToHaveTextAsync("You can cancel online until Wednesday, 3 March 2027, 08:00 (Europe/Berlin).");
        // Moving closed 5000 minutes before the start, which has passed: no times to move to, but who to ask.
        await Assertions.Expect(page.Locator("#move-closed")).ToContainTextAsync("please contact the host");
        await Assertions.Expect(page.Locator(".move-section")).ToHaveCountAsync(0);

        await page.GetByText("Cancel meeting", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the meeting" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reason-error")).ToHaveTextAsync("Please say why you cancel: the host asks for a reason.");
        Assert.Equal("active", (await fixture.Setup.BookingAsync(id, token))["status"]!.GetValue<string>());
        await page.GetByLabel("Reason (required)").FillAsync("Ill, sorry");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the meeting" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("Your meeting was cancelled.");
        await page.Context.CloseAsync();
    }
}
