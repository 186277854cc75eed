using System.Net;
using System.Text.RegularExpressions;
using Agenda.Pages.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests;

/// <summary>What every page keeps to: escaping, CSP, accessibility, weight, small screens, and leaving the API alone.</summary>
public sealed class QualityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Script = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";

    [Fact]
    public async Task Script_in_every_owner_and_invitee_field_is_shown_as_text()
    {
        var owner = await fixture.Setup.OwnerAsync(name: "Ana " + Script, title: "Call " + Script);
        var page = await fixture.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await page.GotoAsync($"/{owner}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Book a meeting with Ana " + Script);
        await Assertions.Expect(page.Locator(".type-title")).ToHaveTextAsync("Call " + Script);
        await Browsing.OpenFormAsync(page, owner, "2027-03-03T08:00:00Z");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Call " + Script);
        await Browsing.FillAsync(page, "Bo " + Script, "bo@example.com", "Note " + Script);
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await Assertions.Expect(page.Locator("#booked")).ToContainTextAsync("Ana " + Script);
        await page.Locator("#manage").ClickAsync();

        await Assertions.Expect(page.Locator("#booking")).ToContainTextAsync("Bo " + Script);
        Assert.Equal(0, await page.Locator("main img, main script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
        Assert.Equal(0, dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_page_sends_the_CSP_and_loads_without_a_violation_or_script_error()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var (id, token) = await fixture.Setup.BookAsync(owner, "2027-03-04T08:00:00Z");
        var page = await fixture.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.AddInitScriptAsync("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));");

        var booking = new[] { $"/{owner}", $"/{owner}/intro?month=2027-03&date=2027-03-03", $"/{owner}/intro/book?start=2027-03-03T08:00:00Z", $"/booking/{id}/confirmed?token={token}" };
        foreach (var address in booking.Append($"/booking/{id}?token={token}"))
        {
            var response = await page.GotoAsync(address);
            var csp = response!.Headers["content-security-policy"];
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("style-src 'self'", csp);
            Assert.Contains(booking.Contains(address) ? "frame-ancestors *" : "frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
            Assert.Equal("no-referrer", response.Headers["referrer-policy"]);
            Assert.Equal(0, await page.Locator("script:not([src]), [style]").CountAsync());
            Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        }

        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_page_passes_axe_without_serious_or_critical_violations()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var (id, token) = await fixture.Setup.BookAsync(owner, "2027-03-04T08:00:00Z");
        var page = await fixture.NewPageAsync();
        var addresses = new[]
        {
            $"/{owner}", $"/{owner}/intro?month=2027-03&date=2027-03-03", $"/{owner}/intro/book?start=2027-03-03T08:00:00Z",
            $"/booking/{id}/confirmed?token={token}", $"/booking/{id}?token={token}&month=2027-03&date=2027-03-05", "/nobody-at-all",
        };
        var found = new List<string>();
        foreach (var address in addresses)
        {
            await page.GotoAsync(address);
            found.AddRange(await Accessibility.SeriousViolationsAsync(page, address));
        }

        // The form with its validation messages shown.
        await page.GotoAsync($"/{owner}/intro/book?start=2027-03-03T08:00:00Z");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await page.Locator("#error-summary").WaitForAsync();
        found.AddRange(await Accessibility.SeriousViolationsAsync(page, "form with errors"));

        Assert.True(found.Count == 0, string.Join("\n", found));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task First_load_of_a_booking_page_transfers_less_than_100_KB()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var page = await fixture.NewPageAsync();
        var requests = new List<IRequest>();
        page.RequestFinished += (_, request) => requests.Add(request);

        await page.GotoAsync($"/{owner}/intro?month=2027-03&date=2027-03-03", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        long total = 0;
        foreach (var request in requests)
        {
            var sizes = await request.SizesAsync();
            total += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }

        // The pages link the assets' fingerprinted names (/css/site.{fingerprint}.css), which browsers keep.
        Assert.Contains(requests, r => Regex.IsMatch(r.Url, @"/css/site\.[a-z0-9]+\.css$"));
        Assert.Contains(requests, r => Regex.IsMatch(r.Url, @"/js/pages\.[a-z0-9]+\.js$"));
        Assert.All(requests, r => Assert.StartsWith(fixture.Address, r.Url));
        Assert.InRange(total, 1, 100 * 1024);
        System.Console.WriteLine($"First load of a booking page: {total} bytes in {requests.Count} requests.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_360_pixel_phone_no_page_scrolls_sideways()
    {
        var owner = await fixture.Setup.OwnerAsync(name: "Maximiliane Oberhuber-Schwarzenberg", title: "Ausführliches Erstgespräch zur Projektplanung");
        var (id, token) = await fixture.Setup.BookAsync(owner, "2027-03-04T08:00:00Z", name: "Bartholomäus Langername");
        var page = await fixture.NewPageAsync(width: 360, height: 740);
        var addresses = new[]
        {
            $"/{owner}", $"/{owner}/intro?month=2027-03&date=2027-03-03", $"/{owner}/intro/book?start=2027-03-03T08:00:00Z",
            $"/booking/{id}/confirmed?token={token}", $"/booking/{id}?token={token}&month=2027-03&date=2027-03-05",
        };
        foreach (var address in addresses)
        {
            await page.GotoAsync(address);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"{address} is {widths[0]} px wide on a {widths[1]} px screen.");

            // Right-to-left ready: the layout mirrors (logical properties) and still fits.
            var mirrored = await page.EvaluateAsync<int[]>("() => { document.documentElement.dir = 'rtl'; return [document.documentElement.scrollWidth, document.documentElement.clientWidth]; }");
            Assert.True(mirrored[0] <= mirrored[1], $"{address} right to left is {mirrored[0]} px wide on a {mirrored[1]} px screen.");
        }

        await BrowserFixture.ScreenshotAsync(page, "8-phone-manage");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_API_and_host_routes_still_answer_as_before_beside_the_pages()
    {
        var owner = await fixture.Setup.OwnerAsync();
        using var http = fixture.Host.Http();
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        using var ownerJson = await http.GetAsync($"/v1/owners/{owner}");
        Assert.Equal("application/json", ownerJson.Content.Headers.ContentType?.MediaType);
        using var listOwners = await http.GetAsync("/v1/owners");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, listOwners.StatusCode);
        Assert.Equal("application/problem+json", listOwners.Content.Headers.ContentType?.MediaType);
        using var unknownApi = await http.GetAsync("/v1/nothing");
        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal("application/problem+json", unknownApi.Content.Headers.ContentType?.MediaType);
        using var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var openApi = await http.GetAsync("/openapi/v1.json");
        Assert.Equal("application/json", openApi.Content.Headers.ContentType?.MediaType);
        using var documented = await http.GetAsync($"/api/appointments/search_slots?owner={owner}&request_date=2027-03-03");
        Assert.Equal("application/json", documented.Content.Headers.ContentType?.MediaType);
        using var slots = await http.GetAsync($"/v1/owners/{owner}/meeting-types/intro/slots?from=2027-03-03&to=2027-03-03");
        Assert.Equal("application/json", slots.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stylesheet_script_and_embed_snippet_are_served_by_the_host()
    {
        using var http = fixture.Host.Http();
        foreach (var (path, type) in new[] { ("/css/site.css", "text/css"), ("/js/pages.js", "text/javascript"), ("/embed.js", "text/javascript") })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_embedding_page_shows_the_booking_page_and_learns_of_the_booking_by_message()
    {
        var owner = await fixture.Setup.OwnerAsync();
        // The embedding page is served by the test, which Chromium counts as a public site asking for a loopback address.
        var page = await fixture.NewPageAsync(permissions: ["local-network-access"]);
        // Another origin (another port of the same site, so that plain-HTTP cookies still reach the frame).
        var embedder = new Uri(fixture.Address).GetLeftPart(UriPartial.Scheme) + "127.0.0.1:5999/shop.html";
        await page.RouteAsync(embedder, route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $$"""
                <!DOCTYPE html><html lang="en"><title>Shop</title>
                <div id="booking" data-agenda-booking="{{fixture.Address}}/{{owner}}/intro?month=2027-03&amp;date=2027-03-03"></div>
                <script src="{{fixture.Address}}/embed.js"></script>
                <script>window.booked = null; document.getElementById('booking').addEventListener('agenda:booked', e => { window.booked = e.detail; });</script>
                """,
        }));

        await page.GotoAsync(embedder);
        var frame = page.FrameLocator("#booking iframe");
        await frame.Locator(".slot[data-start='2027-03-03T09:00:00Z']").ClickAsync();
        await frame.GetByLabel("Name").FillAsync("Framed Invitee");
        await frame.GetByLabel("Email").FillAsync("framed@example.com");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await frame.Locator("#booked").WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "9-embedded-confirmation");

        await page.WaitForFunctionAsync("() => window.booked !== null");
        var detail = await page.EvaluateAsync<Dictionary<string, string>>("() => window.booked");
        Assert.Equal("2027-03-03T09:00:00Z", detail["start"]);
        Assert.Equal("2027-03-03T10:00:00Z", detail["end"]);
        Assert.Equal(await frame.Locator("#booked").GetAttributeAsync("data-booking-id"), detail["bookingId"]);
        await page.Context.CloseAsync();
    }
}
