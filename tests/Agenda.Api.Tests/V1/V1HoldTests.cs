
namespace Agenda.Api.Tests.V1;

public sealed class V1HoldTests(ApiHost host) : V1HoldTestsBase(host), IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_hold_keeps_its_slot_until_it_expires_then_searches_offer_it_again_without_any_write()
    {
        // A host of its own: this test moves the clock.
        using var own = new ApiHost();
        var api = own.Api();
        var owner = await OwnerWithIntro(api);
        await Expect.Json(await Hold(api, owner, "2027-03-01T09:00:00+01:00"), 201);
        // Searched (and kept) while the hold is active.
        Assert.DoesNotContain("2027-03-01T09:00:00+01:00", await api.SlotStartsV1(owner, "intro", "2027-03-01", "2027-03-01"));

        own.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Contains("2027-03-01T09:00:00+01:00", await api.SlotStartsV1(owner, "intro", "2027-03-01", "2027-03-01"));
        using var booked = await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00");
        await Expect.Status(booked, 201);
    }

    [Fact]
    public async Task Holds_last_the_configured_minutes()
    {
        using var own = new TwelveMinuteHolds();
        var api = own.Api();
        var owner = await OwnerWithIntro(api);

        var hold = await Expect.Json(await Hold(api, owner, "2027-03-01T09:00:00+01:00"), 201);

        Assert.Equal("2024-11-25T08:12:00Z", hold["expires_at"]!.GetValue<string>());
    }

    private sealed class TwelveMinuteHolds : ApiHost
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Holds:Minutes"] = "12" };
    }
}

public sealed class V1HoldTestsOnPostgres(PostgresApiHost host) : V1HoldTestsBase(host), IClassFixture<PostgresApiHost>;

/// <summary>Holds through HTTP: what a hold keeps from others, what its token allows, and what it refuses.</summary>
public abstract class V1HoldTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task A_held_slot_is_not_offered_and_only_the_holder_books_it()
    {
        var owner = await OwnerWithIntro(api);

        var hold = await Expect.Json(await Hold(api, owner, "2027-03-01T09:00:00+01:00"), 201);

        var token = hold["hold_token"]!.GetValue<string>();
        Assert.StartsWith("hld_", token);
        Assert.Equal("2027-03-01T09:30:00+01:00", hold["end"]!.GetValue<string>());
        Assert.Equal("2024-11-25T08:05:00Z", hold["expires_at"]!.GetValue<string>());
        Assert.DoesNotContain("2027-03-01T09:00:00+01:00", await api.SlotStartsV1(owner, "intro", "2027-03-01", "2027-03-01"));
        using var other = await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00");
        Assert.Equal("taken", (await Expect.Problem(other, 409))["reason"]!.GetValue<string>());
        using var secondHold = await Hold(api, owner, "2027-03-01T09:00:00+01:00");
        Assert.Equal("taken", (await Expect.Problem(secondHold, 409))["reason"]!.GetValue<string>());

        using var mine = await api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings",
            new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Ben", email = "ben@example.com" }, hold_token = token });
        await Expect.Status(mine, 201);
        // The hold is used up.
        using var release = await api.Delete($"/v1/holds/{token}");
        await Expect.Problem(release, 404);
    }

    [Fact]
    public async Task A_released_hold_offers_its_slot_again()
    {
        var owner = await OwnerWithIntro(api);
        var token = (await Expect.Json(await Hold(api, owner, "2027-03-01T09:00:00+01:00"), 201))["hold_token"]!.GetValue<string>();

        using var release = await api.Delete($"/v1/holds/{token}");

        await Expect.Status(release, 204);
        Assert.Contains("2027-03-01T09:00:00+01:00", await api.SlotStartsV1(owner, "intro", "2027-03-01", "2027-03-01"));
        using var again = await api.Delete($"/v1/holds/{token}");
        await Expect.Problem(again, 404);
    }

    [Fact]
    public async Task A_slot_that_is_not_offered_cannot_be_held()
    {
        var owner = await OwnerWithIntro(api);

        using var offGrid = await Hold(api, owner, "2027-03-01T09:10:00+01:00");
        using var past = await Hold(api, owner, "2024-11-18T09:00:00+01:00");
        using var unknownType = await api.Post($"/v1/owners/{owner}/meeting-types/nope/holds", new { start = "2027-03-01T09:00:00+01:00" });
        using var noStart = await api.Post($"/v1/owners/{owner}/meeting-types/intro/holds", new { });

        Assert.Equal("not_on_slot_grid", (await Expect.Problem(offGrid, 409))["reason"]!.GetValue<string>());
        Assert.Equal("in_the_past", (await Expect.Problem(past, 409))["reason"]!.GetValue<string>());
        await Expect.Problem(unknownType, 404);
        await Expect.Problem(noStart, 400);
    }

    [Fact]
    public async Task A_hold_token_for_another_slot_does_not_book_a_held_slot()
    {
        var owner = await OwnerWithIntro(api);
        await Expect.Json(await Hold(api, owner, "2027-03-01T09:00:00+01:00"), 201);
        var elsewhere = (await Expect.Json(await Hold(api, owner, "2027-03-01T10:00:00+01:00"), 201))["hold_token"]!.GetValue<string>();

        using var booking = await api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings",
            new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Ben" }, hold_token = elsewhere });

        Assert.Equal("taken", (await Expect.Problem(booking, 409))["reason"]!.GetValue<string>());
    }

    protected static Task<HttpResponseMessage> Hold(ApiClient api, string owner, string start) =>
        api.Post($"/v1/owners/{owner}/meeting-types/intro/holds", new { start });

    protected static async Task<string> OwnerWithIntro(ApiClient api)
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        return owner;
    }
}
