using System.Globalization;
using Agenda.Api.Pages;
using Agenda.Api.Platform.Localisation;
using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;
using NodaTime;

namespace Agenda.Pages.Tests;

/// <summary>Times in the invitee's zone (detected, changeable, remembered) and texts and dates in the invitee's language.</summary>
public sealed class ZoneAndLanguageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Times_follow_the_invitee_zone_across_the_Berlin_DST_change_and_after_switching_zone()
    {
        // The owner is free 08:00-10:00 UTC every day; Berlin moves from UTC+1 to UTC+2 on Sunday 2027-03-28.
        var owner = await fixture.Setup.OwnerAsync(zone: "UTC", from: "08:00", to: "10:00", weekends: true);
        var page = await fixture.NewPageAsync(timeZone: "Europe/Berlin");

        // The browser's zone is detected and the page shows itself in it.
        await page.GotoAsync($"/{owner}/intro?month=2027-03");
        await Navigation.ExpectAsync(page, "**tz=Europe%2FBerlin**");
        await page.Locator("a[data-date='2027-03-27']").ClickAsync();
        Assert.Equal(["09:00", "10:00"], await Browsing.SlotLabelsAsync(page));
        await page.Locator("a[data-date='2027-03-28']").ClickAsync();
        Assert.Equal(["10:00", "11:00"], await Browsing.SlotLabelsAsync(page));

        await page.GetByLabel("Time zone").SelectOptionAsync("America/New_York");
        await Navigation.ExpectAsync(page, "**tz=America%2FNew_York**");
        Assert.Equal(["04:00", "05:00"], await Browsing.SlotLabelsAsync(page));
        await Assertions.Expect(page.Locator("#slots")).ToContainTextAsync("Times are shown in New York (United States).");

        // Remembered: a later visit without ?tz= keeps the chosen zone, although the browser is in Berlin.
        await page.GotoAsync($"/{owner}/intro?month=2027-03&date=2027-03-28");
        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("America/New_York");
        Assert.Equal(["04:00", "05:00"], await Browsing.SlotLabelsAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_American_English_browser_sees_12_hour_times()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync(locale: "en-US");

        await Browsing.OpenDateAsync(page, owner);

        Assert.Equal(["9:00\u202fAM", "10:00\u202fAM", "11:00\u202fAM"], await Browsing.SlotLabelsAsync(page));
        await Assertions.Expect(page.Locator("#slots-title")).ToHaveTextAsync("Free times on Wednesday, March 3, 2027");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_German_browser_gets_German_texts_and_dates_and_the_switch_to_English_is_remembered()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync(locale: "de-DE");

        await Browsing.OpenDateAsync(page, owner);

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Assertions.Expect(page.Locator("#month-title")).ToHaveTextAsync("März 2027");
        await Assertions.Expect(page.Locator("#slots-title")).ToHaveTextAsync("Freie Zeiten am Mittwoch, 3. März 2027");
        await Assertions.Expect(page.Locator(".grid thead th").First).ToHaveTextAsync("Mo");
        Assert.Equal(["09:00", "10:00", "11:00"], await Browsing.SlotLabelsAsync(page));
        await BrowserFixture.ScreenshotAsync(page, "7-german");

        await page.Locator("details.languages summary").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("#month-title")).ToHaveTextAsync("March 2027");
        await page.GotoAsync($"/{owner}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a kind of meeting" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_booking_made_on_a_German_page_in_New_York_keeps_the_invitees_language_and_zone_for_their_e_mail()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync(locale: "de-DE", timeZone: "America/New_York");

        await Browsing.OpenFormAsync(page, owner, "2027-03-03T10:00:00Z");
        await page.GetByLabel("Name").FillAsync("Bea Beispiel");
        await page.GetByLabel("E-Mail").FillAsync("bea@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buchen" }).ClickAsync();
        await Navigation.ExpectAsync(page, "**/confirmed?**");

        var url = new Uri(page.Url);
        var id = url.Segments[2].TrimEnd('/');
        var token = System.Web.HttpUtility.ParseQueryString(url.Query)["token"]!;
        var invitee = (await fixture.Setup.BookingAsync(id, token))["invitee"]!;
        Assert.Equal("de", invitee["language"]!.GetValue<string>());
        Assert.Equal("America/New_York", invitee["time_zone"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    /// <summary>Every language's booking flow, from a browser set to one of its regions, in that language's words and formats.</summary>
    [Theory]
    [InlineData("en-US")]
    [InlineData("de-AT")]
    [InlineData("fr-FR")]
    [InlineData("es-MX")]
    [InlineData("it-IT")]
    [InlineData("nl-BE")]
    [InlineData("pt-BR")]
    [InlineData("pl-PL")]
    public async Task An_invitee_books_in_their_browsers_language(string locale)
    {
        var culture = CultureInfo.GetCultureInfo(locale);
        var language = Languages.Of(culture.TwoLetterISOLanguageName);
        var texts = new TextResource(typeof(PageTexts));
        var owner = await fixture.Setup.OwnerAsync();
        // One of them on a phone, for the README.
        var phone = locale == "de-AT";
        var page = phone ? await fixture.NewPageAsync(locale: locale, width: 390, height: 844) : await fixture.NewPageAsync(locale: locale);

        await Browsing.OpenDateAsync(page, owner);
        if (phone)
        {
            await BrowserFixture.ScreenshotAsync(page, "booking-phone-de");
        }

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language.Code);
        await Assertions.Expect(page.Locator("#month-title")).ToHaveTextAsync(new LocalDate(2027, 3, 1).ToString("MMMM yyyy", culture));
        await Assertions.Expect(page.Locator(".languages summary")).ToContainTextAsync(language.NativeName);
        await page.Locator(".slot").First.ClickAsync();
        await page.Locator("#name").FillAsync("Zoë Ünal");
        await page.Locator("#email").FillAsync("zoe@example.com");
        await Assertions.Expect(page.Locator("form.details button[type=submit]")).ToHaveTextAsync(texts.Get("Book", language.Culture));
        await page.Locator("form.details button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(texts.Get("Confirmed", language.Culture));
        var url = new Uri(page.Url);
        var booking = await fixture.Setup.BookingAsync(url.Segments[2].TrimEnd('/'), System.Web.HttpUtility.ParseQueryString(url.Query)["token"]!);
        Assert.Equal(language.Code, booking["invitee"]!["language"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }
}
