using Microsoft.Extensions.DependencyInjection;

namespace Agenda.Api.Tests;

public sealed class HostTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public void Tests_talk_to_real_kestrel_on_a_loopback_port()
    {
        var address = host.Api().Http.BaseAddress!;

        Assert.True(address.IsLoopback);
        Assert.NotEqual(80, address.Port);
    }

    [Fact]
    public async Task The_root_is_a_page_for_a_browser_and_stays_a_json_404_for_programs()
    {
        using var http = host.CreateClient();

        using var browser = new HttpRequestMessage(HttpMethod.Get, "/");
        browser.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var page = await http.SendAsync(browser);
        using var program = await http.GetAsync("/");
        using var json = new HttpRequestMessage(HttpMethod.Get, "/");
        json.Headers.Accept.ParseAdd("application/json");
        using var api = await http.SendAsync(json);

        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("href=\"/console/sign-in\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var answer in new[] { program, api })
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.Contains("There is no resource at '/'", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_first_segment_the_host_maps_or_serves_is_reserved_from_owner_ids()
    {
        var routes = host.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => e.RoutePattern.PathSegments.FirstOrDefault())
            .Where(segment => segment is { Parts: [Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart] })
            .Select(segment => ((Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart)segment!.Parts[0]).Content);
        var files = new DirectoryInfo(RepositoryFiles.Path("src", "Agenda.Api", "wwwroot")).EnumerateFileSystemInfos().Select(f => f.Name);

        var missing = routes.Concat(files).Distinct().Where(first => !Agenda.Api.Platform.Hosting.ReservedSegments.Contains(first)).ToList();

        Assert.True(missing.Count == 0, $"Add to Hosting/ReservedSegments.cs: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task The_openapi_description_lists_the_documented_routes()
    {
        using var response = await host.Api().Http.GetAsync("/openapi/v1.json");

        var description = await Expect.Json(response, 200);
        var paths = description["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/calendar/set_availability/{userId}", paths);
        Assert.Contains("/api/appointments/search_slots", paths);
        Assert.Contains("/api/appointments/book_slot", paths);
        Assert.Contains("/api/appointments/list_upcoming/{ownerId}", paths);
        Assert.Contains("/appointments/list_upcoming/{ownerId}", paths);
    }

    [Fact]
    public async Task The_openapi_description_lists_the_v1_routes_with_schema_examples()
    {
        using var response = await host.Api().Http.GetAsync("/openapi/v1.json");

        var description = await Expect.Json(response, 200);
        var paths = description["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/v1/owners", paths);
        Assert.Contains("/v1/owners/{ownerId}/weekly-hours", paths);
        Assert.Contains("/v1/owners/{ownerId}/date-overrides/{date}", paths);
        Assert.Contains("/v1/owners/{ownerId}/meeting-types/{slug}/slots", paths);
        Assert.Contains("/v1/owners/{ownerId}/meeting-types/{slug}/bookings", paths);
        Assert.Contains("/v1/bookings/{bookingId}", paths);
        var owner = description["components"]!["schemas"]!["CreateOwnerRequest"]!;
        Assert.NotNull(owner["properties"]!["time_zone"]);
        Assert.Equal("Europe/Berlin", owner["examples"]![0]!["time_zone"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_interactive_reference_is_served()
    {
        using var response = await host.Api().Http.GetAsync("/scalar/v1");

        await Expect.Status(response, 200);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
