using System.Text.Json.Nodes;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.Access;

/// <summary>With Auth:Mode=ApiKey, only an owner's key (or the administrator's) acts for the owner; every refusal changes nothing.</summary>
public sealed class OwnerAccessTests(KeyedApiHost host) : OwnerAccessTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class OwnerAccessTestsOnPostgres(KeyedPostgresApiHost host) : OwnerAccessTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

public abstract class OwnerAccessTestsBase(KeyedApiHost host)
{
    private static readonly object Hours = new { monday = new[] { new { start = "09:00", end = "12:00" } } };

    [Fact]
    public async Task Only_the_administrator_key_creates_owners_and_the_answer_holds_the_owners_first_key()
    {
        var id = NewOwner();
        var (_, otherKey) = await CreateOwner();

        using var anonymous = await host.Anonymous().Post("/v1/owners", new { id });
        using var owner = await host.WithKey(otherKey).Post("/v1/owners", new { id });
        var created = await Expecting(host.Api().Post("/v1/owners", new { id, time_zone = "Europe/Berlin" }), 201);

        await Expect.Problem(anonymous, 401);
        await Expect.Problem(owner, 403);
        Assert.StartsWith("agk_", created["api_key"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owners_key_changes_that_owners_availability()
    {
        var (owner, key) = await CreateOwner();

        await host.WithKey(key).PutWeeklyHours(owner, Hours);

        Assert.Single((await Expecting(host.WithKey(key).Get($"/v1/owners/{owner}/weekly-hours"), 200))["monday"]!.AsArray());
    }

    public static TheoryData<string> Refusals => new() { "none", "garbage", "unknown agk", "other owner", "revoked" };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Without_the_owners_key_nothing_of_the_owners_can_be_changed_or_read(string credentials)
    {
        var (owner, key) = await CreateOwner();
        await host.WithKey(key).PutWeeklyHours(owner, Hours);
        var client = await Client(credentials);
        var expected = credentials == "other owner" ? 403 : 401;

        var attempts = new List<Func<Task<HttpResponseMessage>>>
        {
            () => client.Put($"/v1/owners/{owner}/weekly-hours", new { tuesday = new[] { new { start = "09:00", end = "10:00" } } }),
            () => client.Get($"/v1/owners/{owner}/weekly-hours"),
            () => client.Put($"/v1/owners/{owner}/date-overrides/2027-03-01", new { unavailable = true }),
            () => client.Delete($"/v1/owners/{owner}/availability-rules"),
            () => client.Put($"/v1/owners/{owner}", new { time_zone = "Asia/Tokyo" }),
            () => client.Post($"/v1/owners/{owner}/meeting-types", new { slug = "x", title = "X", duration_minutes = 30 }),
            () => client.Post($"/v1/owners/{owner}/keys", new { }),
            () => client.SetAvailability(owner, OnDay("2027-03-02", "09:00", "10:00")),
            () => client.ListUpcoming(owner),
            () => client.ListUpcoming(owner, prefix: ""),
        };

        foreach (var attempt in attempts)
        {
            using var response = await attempt();
            await Expect.Problem(response, expected);
        }

        var owners = host.WithKey(key);
        var hours = await Expecting(owners.Get($"/v1/owners/{owner}/weekly-hours"), 200);
        Assert.Single(hours["monday"]!.AsArray());
        Assert.Empty(hours["tuesday"]!.AsArray());
        Assert.Empty((await Expecting(owners.Get($"/v1/owners/{owner}/date-overrides"), 200))["overrides"]!.AsArray());
        Assert.Equal("UTC", (await Expecting(owners.Get($"/v1/owners/{owner}"), 200))["time_zone"]!.GetValue<string>());
        Assert.Empty((await Expecting(owners.Get($"/v1/owners/{owner}/meeting-types"), 200))["meeting_types"]!.AsArray());
        Assert.Single((await Expecting(owners.Get($"/v1/owners/{owner}/keys"), 200))["keys"]!.AsArray());
        Assert.Empty((await Expecting(owners.Get($"/v1/owners/{owner}/availability-rules"), 200))["rules"]!.AsArray());
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        var (owner, key) = await CreateOwner();
        var second = await Expecting(host.WithKey(key).Post($"/v1/owners/{owner}/keys", new { }), 201);

        using var revoke = await host.WithKey(key).Delete($"/v1/owners/{owner}/keys/{second["id"]!.GetValue<string>()}");
        await Expect.Status(revoke, 204);

        using var refused = await host.WithKey(second["key"]!.GetValue<string>()).Get($"/v1/owners/{owner}/weekly-hours");
        await Expect.Problem(refused, 401);
    }

    [Fact]
    public async Task The_key_list_never_shows_a_key()
    {
        var (owner, key) = await CreateOwner();

        using var response = await host.WithKey(key).Get($"/v1/owners/{owner}/keys");

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(key["agk_0123456789abcdef_".Length..], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slot_search_booking_and_meeting_types_stay_public()
    {
        var (owner, key) = await CreateOwner();
        await host.WithKey(key).PutWeeklyHours(owner, Hours);
        await host.WithKey(key).CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        await host.WithKey(key).SetAvailabilityOk(owner, OnDay("2027-03-02", "09:00", "10:00"));
        var anonymous = host.Anonymous();

        Assert.NotEmpty(await anonymous.SlotStartsV1(owner, "intro", "2027-03-01", "2027-03-01"));
        Assert.Equal(["09:00-10:00"], await anonymous.SlotTimes(owner, "2027-03-02"));
        await Expecting(anonymous.BookV1(owner, "intro", "2027-03-01T09:00:00Z"), 201);
        using var documented = await anonymous.Book(owner, "ana", "2027-03-02T09:00", "2027-03-02T10:00");
        await Expect.Status(documented, 201);
        await Expecting(anonymous.Get($"/v1/owners/{owner}/meeting-types"), 200);
        await Expecting(anonymous.Get($"/v1/owners/{owner}"), 200);
    }

    [Fact]
    public async Task The_documented_routes_work_with_the_owners_own_key()
    {
        var (owner, key) = await CreateOwner();
        var client = host.WithKey(key);

        await client.SetAvailabilityOk(owner, OnDay("2027-03-02", "09:00", "11:00"));
        using var booked = await host.Anonymous().Book(owner, "ana", "2027-03-02T09:00", "2027-03-02T10:00");
        await Expect.Status(booked, 201);

        Assert.Single(await client.Upcoming(owner));
    }

    [Fact]
    public async Task Set_availability_cannot_create_an_owner_without_the_administrator_key()
    {
        var (_, key) = await CreateOwner();
        var stranger = NewOwner();

        using var response = await host.WithKey(key).SetAvailability(stranger, OnDay("2027-03-02", "09:00", "10:00"));

        await Expect.Problem(response, 403);
        using var search = await host.Anonymous().SearchSlots(stranger, "2027-03-02");
        await Expect.Problem(search, 404);
    }

    private async Task<(string Owner, string Key)> CreateOwner()
    {
        var id = NewOwner();
        var created = await Expecting(host.Api().Post("/v1/owners", new { id }), 201);
        return (id, created["api_key"]!.GetValue<string>());
    }

    private async Task<ApiClient> Client(string credentials) => credentials switch
    {
        "none" => host.Anonymous(),
        "garbage" => host.WithKey("not-a-key"),
        "unknown agk" => host.WithKey("agk_0123456789abcdef_" + new string('x', 43)),
        "other owner" => host.WithKey((await CreateOwner()).Key),
        _ => await Revoked(),
    };

    private async Task<ApiClient> Revoked()
    {
        var (owner, key) = await CreateOwner();
        var keys = await Expecting(host.WithKey(key).Get($"/v1/owners/{owner}/keys"), 200);
        using var revoke = await host.Api().Delete($"/v1/owners/{owner}/keys/{keys["keys"]![0]!["id"]!.GetValue<string>()}");
        await Expect.Status(revoke, 204);
        return host.WithKey(key);
    }
}
