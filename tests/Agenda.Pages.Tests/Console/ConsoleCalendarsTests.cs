using System.Net.Http.Json;
using System.Text;
using Agenda.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>An owner connects a calendar in the console: its busy time leaves the offered slots, and disconnecting brings it back.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleCalendarsTests(ConsoleFixture console) : IAsyncLifetime
{
    private readonly RadicaleServer radicale = new();

    private WebApplication feed = null!;
    private string feedUrl = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        feed = builder.Build();
        const string Text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\nBEGIN:VEVENT\r\nUID:dentist@example.com\r\nDTSTAMP:20241101T000000Z\r\n" +
            "DTSTART:20241126T100000Z\r\nDTEND:20241126T110000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        feed.MapGet("/private/{secret}/basic.ics", () => Results.Text(Text, "text/calendar"));
        await feed.StartAsync();
        await radicale.InitializeAsync();
        feedUrl = feed.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/private/s3cr3t/basic.ics";
    }

    public async Task DisposeAsync()
    {
        await feed.DisposeAsync();
        await radicale.DisposeAsync();
    }

    [Fact]
    public async Task A_feed_connected_in_the_console_takes_its_busy_time_out_of_the_slots_until_it_is_disconnected()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/calendars");

        await page.GetByLabel("Secret iCal (.ics) address of a calendar (read only)").CheckAsync();
        await page.GetByLabel("Address (URL)").FillAsync(feedUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect a calendar" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The calendar is connected; see below whether it could be read.");
        await Assertions.Expect(page.Locator(".calendar-state")).ToHaveTextAsync("read");
        Assert.DoesNotContain("s3cr3t", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(["2024-11-26T09:00:00Z", "2024-11-26T09:30:00Z", "2024-11-26T11:00:00Z", "2024-11-26T11:30:00Z"], await console.SlotsAsync(owner, ConsoleFixture.Tuesday));

        await page.GetByRole(AriaRole.Button, new() { Name = "Read now:" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The calendar was read again.");
        await page.Locator(".calendars details.confirm > summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect:" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The calendar is disconnected; its busy times no longer count.");
        Assert.Equal(6, (await console.SlotsAsync(owner, ConsoleFixture.Tuesday)).Count);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_calendar_that_cannot_be_read_is_not_connected_the_page_shows_why_and_not_the_password_typed()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/calendars");

        await page.GetByLabel("CalDAV account or calendar (Nextcloud, iCloud, Fastmail, …)").CheckAsync();
        await page.GetByLabel("Address (URL)").FillAsync("http://127.0.0.1:9/dav/ana/");
        await page.GetByLabel("User name (CalDAV)").FillAsync("ana");
        await page.GetByLabel("Password or app password (CalDAV; kept encrypted, never shown again)").FillAsync("hunter2-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect a calendar" }).ClickAsync();

        // It is read before it is connected: the owner is told why it cannot be, and nothing is connected.
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("127.0.0.1:9");
        await Assertions.Expect(page.Locator(".calendar-state")).ToHaveCountAsync(0);
        Assert.DoesNotContain("hunter2-secret", await page.ContentAsync(), StringComparison.Ordinal);
        // So the owner's page stays open: a calendar that was never connected blocks nothing.
        Assert.Equal(6, (await console.SlotsAsync(owner, ConsoleFixture.Tuesday)).Count);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_CalDAV_connections_page_the_owner_chooses_which_calendars_count_and_which_receives_bookings()
    {
        var owner = await console.BookableOwnerAsync();
        var work = await radicale.CreateCalendarAsync("work-" + Guid.NewGuid().ToString("N")[..8], "Work");
        var holidays = await radicale.CreateCalendarAsync("holidays-" + Guid.NewGuid().ToString("N")[..8], "Holidays");
        await PutEventAsync(holidays, "DTSTART;VALUE=DATE:20241126", "DTEND;VALUE=DATE:20241127");
        // A calendar of the home made by another test is no business of this one: connect to this test's two.
        var made = await console.Admin.PostAsJsonAsync($"/v1/owners/{owner.Id}/calendars", new
        {
            kind = "caldav",
            url = radicale.Home.AbsoluteUri,
            username = RadicaleServer.User,
            password = RadicaleServer.Password,
            busy_calendars = new[] { work.AbsoluteUri, holidays.AbsoluteUri },
        });
        var id = (await made.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();
        Assert.Empty(await console.SlotsAsync(owner, ConsoleFixture.Tuesday));
        var page = await console.SignedInAsync(owner);

        await page.GotoAsync("/console/calendars");
        await page.GetByRole(AriaRole.Link, new() { Name = radicale.BaseUrl.GetLeftPart(UriPartial.Authority) }).ClickAsync();
        await page.Locator("fieldset:has(legend:text('Calendars whose events block time'))").GetByLabel("Holidays").UncheckAsync();
        await page.Locator("fieldset:has(legend:text('Calendar that receives your bookings'))").GetByLabel("Work").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        var settings = await console.GetAsync($"/v1/owners/{owner.Id}/calendars/{id}");
        Assert.Equal([work.AbsoluteUri], settings["busy_calendars"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(work.AbsoluteUri, settings["write_calendar"]!.GetValue<string>());
        Assert.Equal(6, (await console.SlotsAsync(owner, ConsoleFixture.Tuesday)).Count);
        await page.Context.CloseAsync();
    }

    private async Task PutEventAsync(Uri calendar, params string[] lines)
    {
        var uid = Guid.NewGuid().ToString("N");
        var text = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20241101T000000Z\r\n{string.Join("\r\n", lines)}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        using var put = await radicale.Http.PutAsync(new Uri(calendar, uid + ".ics"), new StringContent(text, Encoding.UTF8, "text/calendar"));
        Assert.True(put.IsSuccessStatusCode, $"PUT answered {(int)put.StatusCode}.");
    }
}
