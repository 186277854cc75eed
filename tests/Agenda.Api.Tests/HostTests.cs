using Agenda.Api.Tests.Support;

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
}
