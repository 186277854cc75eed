using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>
/// The real service on Kestrel (a loopback port) over a SQLite file, with <c>Auth:Mode=ApiKey</c> and an administrator
/// key, so owners sign in to the console with real keys; and one headless Debian chromium, shared by the console test
/// classes (each test opens its own browser context, so cookies never carry over). "Now" is Monday 2024-11-25 08:00 UTC.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Chromium = Support.BrowserFixture.Chromium;

    /// <summary>The Tuesday after "now", a date with slots in the owners made by <see cref="BookableOwnerAsync"/>.</summary>
    public const string Tuesday = "2024-11-26";

    private readonly ConsoleHost host = new("ApiKey");
    private IPlaywright? playwright;
    private Task<string>? showcase;
    private WebApplication? showcaseFeed;
    private volatile bool showcaseFeedRefuses;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Where screenshots go: the test output folder.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        BaseUrl = host.Start();
        Admin = Client(host.AdminKey!);
        // The machine's two cores are shared with builds: give a loaded browser time before an expectation fails.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        if (showcaseFeed is not null)
        {
            await showcaseFeed.DisposeAsync();
        }

        await Browser.DisposeAsync();
        playwright?.Dispose();
        Admin.Dispose();
        await host.DisposeAsync();
    }

    /// <summary>A client of the API that sends <paramref name="key"/> as its bearer key (or none).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>A new owner in UTC, made by the administrator; the answer's first API key is the owner's.</summary>
    public async Task<TestOwner> NewOwnerAsync(string? name = "Ana Example")
    {
        var id = $"owner-{Guid.NewGuid():N}"[..20];
        var body = await Expect(await Admin.PostAsJsonAsync("/v1/owners", new { id, name, time_zone = "UTC" }), 201);
        return new TestOwner(id, body["api_key"]!.GetValue<string>(), body["api_key_id"]!.GetValue<string>());
    }

    /// <summary>A new owner with Tuesday hours 09:00 to 12:00 and a 30-minute meeting type "intro".</summary>
    public async Task<TestOwner> BookableOwnerAsync(string? name = "Ana Example", string title = "Intro call")
    {
        var owner = await NewOwnerAsync(name);
        await Expect(await Admin.PutAsJsonAsync($"/v1/owners/{owner.Id}/weekly-hours", new { tuesday = new[] { new { start = "09:00", end = "12:00" } } }), 200);
        await Expect(await Admin.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types", new { slug = "intro", title, duration_minutes = 30 }), 201);
        return owner;
    }

    /// <summary>Books a slot as an invitee (no key) and returns the booking's id.</summary>
    public async Task<string> BookAsync(TestOwner owner, string startUtc, string invitee = "Ben Invitee", string? note = null)
    {
        using var anonymous = Client();
        var body = await Expect(
            await anonymous.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types/intro/bookings", new { start = startUtc, invitee = new { name = invitee, email = "ben@example.com" }, note }),
            201);
        return body["id"]!.GetValue<string>();
    }

    /// <summary>The UTC starts of the slots of meeting type <paramref name="slug"/> on <paramref name="date"/>, from the public /v1 search.</summary>
    public async Task<IReadOnlyList<string>> SlotsAsync(TestOwner owner, string date, string slug = "intro")
    {
        using var anonymous = Client();
        var body = await Expect(await anonymous.GetAsync($"/v1/owners/{owner.Id}/meeting-types/{slug}/slots?from={date}&to={date}"), 200);
        return body["slots"]!.AsArray().Select(s => s!["start_utc"]!.GetValue<string>()).ToList();
    }

    public async Task<JsonNode> GetAsync(string path, int status = 200) => await Expect(await Admin.GetAsync(path), status);

    /// <summary>A browser context of its own (no cookies of other tests) and a page in it; <paramref name="script"/> false turns the pages' script off.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, string locale = "en-GB", bool script = true)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = 800 }, Locale = locale, JavaScriptEnabled = script });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in on the sign-in page with <paramref name="key"/>, as a person would, and waits for the console.</summary>
    public async Task<IPage> SignedInAsync(TestOwner owner, int width = 1280, string locale = "en-GB", bool script = true)
    {
        var page = await NewPageAsync(width, locale, script);
        await page.GotoAsync("/console/sign-in");
        await page.Locator("#api-key").FillAsync(owner.Key);
        await page.Locator("#key-form button[type=submit]").ClickAsync();
        await Support.Navigation.ExpectAsync(page, $"{BaseUrl}/console");
        return page;
    }

    /// <summary>
    /// The browser storage (session cookie) of one owner with hours, a meeting type, an override, a booking and a long
    /// invitee name, so every part of every console page has content; made once, for the tests that only look.
    /// </summary>
    public Task<string> ShowcaseStateAsync() => showcase ??= MakeShowcaseAsync();

    /// <summary>The id of the showcase owner's webhook endpoint, once <see cref="ShowcaseStateAsync"/> has made it.</summary>
    public string ShowcaseWebhookId { get; private set; } = "";

    /// <summary>The id of the showcase owner's connected calendar, once <see cref="ShowcaseStateAsync"/> has made it.</summary>
    public string ShowcaseCalendarId { get; private set; } = "";

    private async Task<string> MakeShowcaseAsync()
    {
        var owner = await BookableOwnerAsync(name: "Ana Example-With-A-Rather-Long-Name");
        // Nothing listens on port 9 (discard): the endpoint's deliveries fail and its log has attempts to show.
        var webhook = await Expect(await Admin.PostAsJsonAsync($"/v1/owners/{owner.Id}/webhooks", new { url = "http://127.0.0.1:9/hooks/a-rather-long-path-for-a-webhook-receiver" }), 201);
        ShowcaseWebhookId = webhook["id"]!.GetValue<string>();
        // A calendar that could be read when it was connected and is refused since: it shows its state and error.
        var calendar = await Expect(await Admin.PostAsJsonAsync($"/v1/owners/{owner.Id}/calendars", new { kind = "ics", url = await ShowcaseFeedAsync(), when_unreachable = "offer" }), 201);
        ShowcaseCalendarId = calendar["id"]!.GetValue<string>();
        showcaseFeedRefuses = true;
        await Expect(await Admin.PostAsJsonAsync($"/v1/owners/{owner.Id}/calendars/{ShowcaseCalendarId}/sync", new { }), 200);
        await BookAsync(owner, $"{Tuesday}T09:00:00Z", invitee: "Bartholomew Averyveryverylongsurnamewithoutanybreaks", note: "Please call me on arrival.");
        // The meeting's details: a description, places to meet and a question; a single-use link; a booking that chose a video room and answered.
        await Expect(await Admin.PutAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types/intro", new
        {
            title = "Intro",
            duration_minutes = 30,
            description = "A first talk. **Bring your questions**, and see [the agenda](https://example.com/agenda).\n\n- what you need\n- when",
            locations = new object[]
            {
                new { kind = "video", value = "https://meet.jit.si/{room}", label = "Jitsi" },
                new { kind = "in_person", value = "Hauptstraße 1, 10115 Berlin, second floor, the door with the very long sign" },
            },
            questions = new object[] { new { id = "company", label = "Company", kind = "short_text", help = "Where you work" } },
            duration_options_minutes = new[] { 30, 60 },
        }), 200);
        await Expect(await Admin.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types/intro/single-use-links", new { label = "For Bartholomew" }), 201);
        await Expect(await Admin.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types/intro/bookings", new
        {
            start = $"{Tuesday}T10:00:00Z",
            invitee = new { name = "Cleo", email = "cleo@example.com" },
            location = new { kind = "video" },
            answers = new Dictionary<string, object> { ["company"] = "Averyveryverylongcompanynamewithoutanybreaks Ltd" },
        }), 201);
        await Expect(await Admin.PutAsJsonAsync($"/v1/owners/{owner.Id}/date-overrides/2024-12-24", new { unavailable = true }), 200);
        var page = await SignedInAsync(owner);
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    /// <summary>A feed served here: an empty calendar, or 401 once <see cref="showcaseFeedRefuses"/> is set.</summary>
    private async Task<string> ShowcaseFeedAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        showcaseFeed = builder.Build();
        showcaseFeed.MapGet("/private/{secret}/basic.ics", () => showcaseFeedRefuses
            ? Results.StatusCode(401)
            : Results.Text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\nEND:VCALENDAR\r\n", "text/calendar"));
        await showcaseFeed.StartAsync();
        return showcaseFeed.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/private/a-long-secret-address/basic.ics";
    }

    private static async Task<JsonNode> Expect(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}

/// <summary>An owner made for one test, with their first API key.</summary>
public sealed record TestOwner(string Id, string Key, string KeyId);

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "Owner console";
}
