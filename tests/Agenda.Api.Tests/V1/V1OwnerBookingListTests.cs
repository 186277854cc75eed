
namespace Agenda.Api.Tests.V1;

/// <summary>An owner lists their bookings by status and date, soonest first, a page at a time.</summary>
public sealed class V1OwnerBookingListTests(KeyedApiHost host) : V1OwnerBookingListTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class V1OwnerBookingListTestsOnPostgres(KeyedPostgresApiHost host) : V1OwnerBookingListTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

public abstract class V1OwnerBookingListTestsBase(KeyedApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task Pages_follow_one_another_without_gaps_or_repeats_while_bookings_are_added()
    {
        var owner = await OwnerWithHours();
        foreach (var hour in new[] { 9, 11, 13, 15 })
        {
            await Book(owner, $"2027-03-01T{hour:00}:00:00Z");
        }

        var first = await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings?limit=2"), 200);
        // Bookings added before and after the cursor's position while the client pages.
        await Book(owner, "2027-03-01T10:00:00Z");
        await Book(owner, "2027-03-01T16:00:00Z");
        var cursor = first["next_cursor"]!.GetValue<string>();
        var second = await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings?limit=2&cursor={cursor}"), 200);
        var third = await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings?limit=2&cursor={second["next_cursor"]!.GetValue<string>()}"), 200);

        Assert.Equal(["2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z"], Starts(first));
        Assert.Equal(["2027-03-01T13:00:00Z", "2027-03-01T15:00:00Z"], Starts(second));
        Assert.Equal(["2027-03-01T16:00:00Z"], Starts(third));
        Assert.Null(third["next_cursor"]);
    }

    [Fact]
    public async Task Status_and_dates_filter_the_list()
    {
        var owner = await OwnerWithHours();
        await Book(owner, "2027-03-01T09:00:00Z");
        await Book(owner, "2027-03-02T09:00:00Z");
        var cancelled = await Book(owner, "2027-03-03T09:00:00Z");
        using var cancel = await api.Post($"/v1/bookings/{cancelled}/cancel", new { });
        await Expect.Status(cancel, 200);

        Assert.Equal(2, Starts(await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings"), 200)).Count);
        Assert.Equal(["2027-03-02T09:00:00Z"], Starts(await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings?from=2027-03-02&to=2027-03-02"), 200)));
        Assert.Equal(["2027-03-03T09:00:00Z"], Starts(await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings?status=cancelled"), 200)));
        Assert.Empty(Starts(await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings?status=past"), 200)));
    }

    [Fact]
    public async Task A_moved_booking_reads_the_same_in_the_list_as_on_its_own()
    {
        var owner = await OwnerWithHours();
        var id = await Book(owner, "2027-03-01T09:00:00Z");
        await Book(owner, "2027-03-01T15:00:00Z");
        await ApiClient.Expecting(api.Post($"/v1/bookings/{id}/reschedule", new { start = "2027-03-01T10:00:00Z" }), 200);
        await ApiClient.Expecting(api.Post($"/v1/bookings/{id}/reschedule", new { start = "2027-03-01T11:00:00Z" }), 200);

        var single = await ApiClient.Expecting(api.Get($"/v1/bookings/{id}"), 200);
        var listed = (await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings"), 200))["bookings"]!.AsArray();

        Assert.Equal(2, single["previous_times"]!.AsArray().Count);
        Assert.Equal(single.ToJsonString(), listed.Single(b => b!["id"]!.GetValue<string>() == id)!.ToJsonString());
        Assert.Empty(listed.Single(b => b!["id"]!.GetValue<string>() != id)!["previous_times"]!.AsArray());
    }

    [Theory]
    [InlineData("status=someday")]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("from=2027-02-30")]
    [InlineData("from=2027-03-02&to=2027-03-01")]
    public async Task A_bad_list_request_is_a_400(string query)
    {
        var owner = await OwnerWithHours();

        using var response = await api.Get($"/v1/owners/{owner}/bookings?{query}");

        await Expect.Problem(response, 400);
    }

    [Fact]
    public async Task The_list_needs_the_owners_key()
    {
        var owner = await OwnerWithHours();

        using var response = await host.Anonymous().Get($"/v1/owners/{owner}/bookings");

        await Expect.Problem(response, 401);
    }

    private static List<string> Starts(System.Text.Json.Nodes.JsonNode page) =>
        page["bookings"]!.AsArray().Select(b => b!["start_utc"]!.GetValue<string>()).ToList();

    private async Task<string> OwnerWithHours()
    {
        var owner = await api.CreateOwner();
        await api.SetAvailabilityOk(owner, ApiClient.Rule("2027-03-01", "2027-03-05", "09:00", "17:00"));
        await api.CreateMeetingType(owner, new { slug = "hour", title = "Hour", duration_minutes = 60 });
        return owner;
    }

    private async Task<string> Book(string owner, string start) =>
        (await ApiClient.Expecting(api.BookV1(owner, "hour", start), 201))["id"]!.GetValue<string>();
}
