using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.Limits;

/// <summary>A host whose list_upcoming answers at most two appointments.</summary>
public class SmallPageHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Limits:MaxUpcomingPerPage"] = "2",
    };
}

public sealed class SmallPagePostgresHost : SmallPageHost
{
    protected override bool OnPostgres => true;
}

public sealed class UpcomingPagingTests(SmallPageHost host) : UpcomingPagingTestsBase(host), IClassFixture<SmallPageHost>;

public sealed class UpcomingPagingTestsOnPostgres(SmallPagePostgresHost host) : UpcomingPagingTestsBase(host), IClassFixture<SmallPagePostgresHost>;

/// <summary>list_upcoming answers a bounded page in the documented shape and names the next page in a Link header.</summary>
public abstract class UpcomingPagingTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task Following_the_next_links_reads_every_appointment_once_soonest_first_in_the_documented_shape()
    {
        var owner = await OwnerWithFiveBookings();
        var seen = new List<string>();
        string? next = $"/api/appointments/list_upcoming/{owner}";
        var pages = 0;

        while (next is not null)
        {
            using var response = await api.Get(next);
            var body = await Expect.Json(response, 200);
            Assert.Equal(["upcoming_appointments"], body.AsObject().Select(p => p.Key));
            var appointments = body["upcoming_appointments"]!.AsArray();
            Assert.InRange(appointments.Count, 1, 2);
            seen.AddRange(appointments.Select(a => a!["start_time"]!.GetValue<string>()));
            next = NextLink(response);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["2027-03-01T09:00", "2027-03-01T10:00", "2027-03-01T11:00", "2027-03-01T12:00", "2027-03-01T13:00"], seen);
    }

    [Fact]
    public async Task A_smaller_limit_is_kept_in_the_next_link_and_the_unprefixed_route_pages_too()
    {
        var owner = await OwnerWithFiveBookings();

        using var response = await api.Get($"/appointments/list_upcoming/{owner}?limit=1");

        var body = await Expect.Json(response, 200);
        Assert.Single(body["upcoming_appointments"]!.AsArray());
        var next = NextLink(response);
        Assert.StartsWith($"/appointments/list_upcoming/{owner}?cursor=", next, StringComparison.Ordinal);
        Assert.EndsWith("&limit=1", next, StringComparison.Ordinal);
        using var second = await api.Get(next!);
        Assert.Equal("2027-03-01T10:00", (await Expect.Json(second, 200))["upcoming_appointments"]![0]!["start_time"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_last_page_has_no_next_link()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2027-03-01", "09:00", "17:00"));
        await Expect.Status(await api.Book(owner, "ana", "2027-03-01T09:00", "2027-03-01T10:00"), 201);
        await Expect.Status(await api.Book(owner, "bea", "2027-03-01T10:00", "2027-03-01T11:00"), 201);

        using var response = await api.ListUpcoming(owner);

        Assert.Equal(2, (await Expect.Json(response, 200))["upcoming_appointments"]!.AsArray().Count);
        Assert.Null(NextLink(response));
    }

    [Fact]
    public async Task A_limit_above_the_page_size_or_a_made_up_cursor_is_a_400()
    {
        var owner = await OwnerWithFiveBookings();

        using var tooMany = await api.Get($"/api/appointments/list_upcoming/{owner}?limit=3");
        using var madeUp = await api.Get($"/api/appointments/list_upcoming/{owner}?cursor=not-a-cursor");

        await Expect.Problem(tooMany, 400);
        await Expect.Problem(madeUp, 400);
    }

    private async Task<string> OwnerWithFiveBookings()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2027-03-01", "09:00", "17:00"));
        // Booked out of order, so the order of the answer is the store's.
        foreach (var hour in new[] { 13, 9, 11, 10, 12 })
        {
            await Expect.Status(await api.Book(owner, $"guest{hour}", $"2027-03-01T{hour:00}:00", $"2027-03-01T{hour + 1:00}:00"), 201);
        }

        return owner;
    }

    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var link = Assert.Single(values);
        Assert.EndsWith(">; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }
}
