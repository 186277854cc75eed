using System.Net.Http.Json;
using Agenda.Api.Platform.Access;
using Agenda.Pages.Tests.Support;
using Agenda.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests;

/// <summary>
/// A type that requires approval in the browser: the invitee sends a request, the owner answers it from the page their
/// e-mail links to, and the invitee's manage page follows.
/// </summary>
public sealed class ApprovalPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_invitee_sends_a_request_and_the_owner_confirms_it_from_the_e_mails_page()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var created = await fixture.Setup.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types",
            new { slug = "consult", title = "Consultation", duration_minutes = 60, approval = new { holds_time = true, expires_after_minutes = 2880 } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/{owner}/consult?month=2027-03&date=2027-03-03");
        await page.Locator(".slot[data-start='2027-03-03T08:00:00Z']").ClickAsync();
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your request is sent" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#request-note")).ToContainTextAsync("will confirm or decline it");
        await Assertions.Expect(page.Locator("#ics")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "approval-sent-desktop");
        await page.Locator("#manage").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Awaiting the host's confirmation");
        await Assertions.Expect(page.Locator("#cancel-box summary")).ToHaveTextAsync("Withdraw the request");
        var manage = page.Url;

        // The owner opens the link of their e-mail: the request, by when to answer, and the two answers.
        var stored = await fixture.Host.Services.GetRequiredService<IBookingStore>().GetBookingAsync((await fixture.Setup.BookingsOfAsync(owner))[0]!["id"]!.GetValue<string>(), default);
        var token = fixture.Host.Services.GetRequiredService<BookingLinks>().AnswerToken(stored!);
        var answer = await fixture.NewPageAsync();
        await answer.GotoAsync(BookingLinks.AnswerPath(stored!.Id, token));
        await Assertions.Expect(answer.GetByRole(AriaRole.Heading, new() { Name = "Booking request" })).ToBeVisibleAsync();
        await Assertions.Expect(answer.Locator("#invitee")).ToContainTextAsync("Bo Invitee");
        await Assertions.Expect(answer.Locator("#answer-by")).ToContainTextAsync("after that the request expires");
        var violations = await Accessibility.SeriousViolationsAsync(answer, "a request to answer");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await BrowserFixture.ScreenshotAsync(answer, "approval-answer-desktop");
        await answer.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(answer, "approval-answer-phone");
        await answer.SetViewportSizeAsync(1280, 800);
        Assert.Equal(404, (await answer.GotoAsync(BookingLinks.AnswerPath(stored.Id, "apr_wrong")))!.Status);
        Assert.Equal(404, (await answer.GotoAsync(BookingLinks.AnswerPath(stored.Id, stored.ManageTokenHash!)))!.Status);

        await answer.GotoAsync(BookingLinks.AnswerPath(stored.Id, token));
        await answer.Locator("#confirm").ClickAsync();
        await Assertions.Expect(answer.Locator("#message")).ToHaveTextAsync("Confirmed. Bo Invitee gets an e-mail with the invitation.");
        await Assertions.Expect(answer.Locator("#confirm")).ToHaveCountAsync(0);
        Assert.Equal("active", (await fixture.Setup.BookingsOfAsync(owner))[0]!["status"]!.GetValue<string>());

        await page.GotoAsync(manage);
        await Assertions.Expect(page.Locator("#status")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#cancel-box summary")).ToHaveTextAsync("Cancel meeting");
        await page.Context.CloseAsync();
        await answer.Context.CloseAsync();
    }
}
