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
        feedUrl = feed.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/private/s3cr3t/basic.ics";
    }

    public async Task DisposeAsync() => await feed.DisposeAsync();

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
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect:" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The calendar is disconnected; its busy times no longer count.");
        Assert.Equal(6, (await console.SlotsAsync(owner, ConsoleFixture.Tuesday)).Count);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_calendar_that_cannot_be_read_shows_why_and_the_password_typed_is_not_shown_back()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/calendars");

        await page.GetByLabel("CalDAV account or calendar (Nextcloud, iCloud, Fastmail, …)").CheckAsync();
        await page.GetByLabel("Address (URL)").FillAsync("http://127.0.0.1:9/dav/ana/");
        await page.GetByLabel("User name (CalDAV)").FillAsync("ana");
        await page.GetByLabel("Password or app password (CalDAV; kept encrypted, never shown again)").FillAsync("hunter2-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect a calendar" }).ClickAsync();

        await Assertions.Expect(page.Locator(".calendar-state")).ToHaveTextAsync("cannot be read for too long");
        await Assertions.Expect(page.Locator(".calendar-error")).ToContainTextAsync("127.0.0.1:9");
        Assert.DoesNotContain("hunter2-secret", await page.ContentAsync(), StringComparison.Ordinal);
        // By default nothing is offered while a calendar cannot be read: any time might be busy.
        Assert.Empty(await console.SlotsAsync(owner, ConsoleFixture.Tuesday));
        await page.Context.CloseAsync();
    }
}
