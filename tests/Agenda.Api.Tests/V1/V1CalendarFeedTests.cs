using Ical.Net;

namespace Agenda.Api.Tests.V1;

/// <summary>An owner's subscribable feed at a secret, revocable URL.</summary>
public sealed class V1CalendarFeedTests(KeyedApiHost host) : V1CalendarFeedTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class V1CalendarFeedTestsOnPostgres(KeyedPostgresApiHost host) : V1CalendarFeedTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

public abstract class V1CalendarFeedTestsBase(KeyedApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task The_feed_lists_upcoming_bookings_and_marks_cancelled_ones()
    {
        var owner = await OwnerWithBookings();
        var feed = await ApiClient.Expecting(api.Post($"/v1/owners/{owner.Id}/feed", new { }), 201);
        var cancelled = await ApiClient.Expecting(api.Post($"/v1/bookings/{owner.Bookings[1]}/cancel", new { }), 200);

        var calendar = await Feed(feed["path"]!.GetValue<string>());

        Assert.Equal(2, calendar.Events.Count);
        Assert.Equal(["CONFIRMED", "CANCELLED"], calendar.Events.OrderBy(e => e.DtStart!.AsUtc).Select(e => e.Status));
        Assert.Equal($"{cancelled["id"]!.GetValue<string>()}@agenda", calendar.Events.Single(e => e.Status == "CANCELLED").Uid);
    }

    [Fact]
    public async Task A_new_feed_url_revokes_the_old_one_and_deleting_revokes_it_too()
    {
        var owner = await OwnerWithBookings();
        var first = (await ApiClient.Expecting(api.Post($"/v1/owners/{owner.Id}/feed", new { }), 201))["path"]!.GetValue<string>();
        var second = (await ApiClient.Expecting(api.Post($"/v1/owners/{owner.Id}/feed", new { }), 201))["path"]!.GetValue<string>();

        using var old = await host.Anonymous().Get(first);
        await Expect.Problem(old, 404);
        await Feed(second);

        using var delete = await api.Delete($"/v1/owners/{owner.Id}/feed");
        await Expect.Status(delete, 204);
        using var revoked = await host.Anonymous().Get(second);
        await Expect.Problem(revoked, 404);
    }

    [Fact]
    public async Task Issuing_a_feed_needs_the_owners_key()
    {
        var owner = await OwnerWithBookings();

        using var response = await host.Anonymous().Post($"/v1/owners/{owner.Id}/feed", new { });

        await Expect.Problem(response, 401);
    }

    [Fact]
    public async Task A_made_up_feed_address_is_a_404()
    {
        using var response = await host.Anonymous().Get("/v1/feeds/fdt_made-up.ics");

        await Expect.Problem(response, 404);
    }

    private async Task<Calendar> Feed(string path)
    {
        using var response = await host.Anonymous().Get(path);
        await Expect.Status(response, 200);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    private sealed record OwnerWithTwo(string Id, string[] Bookings);

    private async Task<OwnerWithTwo> OwnerWithBookings()
    {
        var owner = await api.CreateOwner();
        await api.SetAvailabilityOk(owner, ApiClient.OnDay("2027-03-01", "09:00", "12:00"));
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 60 });
        var ids = new List<string>();
        foreach (var start in new[] { "2027-03-01T09:00:00Z", "2027-03-01T10:00:00Z" })
        {
            ids.Add((await ApiClient.Expecting(api.BookV1(owner, "intro", start), 201))["id"]!.GetValue<string>());
        }

        return new OwnerWithTwo(owner, [.. ids]);
    }
}
