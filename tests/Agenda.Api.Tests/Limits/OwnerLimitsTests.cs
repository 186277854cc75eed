using System.Net;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.Limits;

/// <summary>A host whose per-owner caps are small enough to reach in a test.</summary>
public class SmallOwnerLimitsHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Limits:MaxRulesPerOwner"] = "3",
        ["Limits:MaxMeetingTypesPerOwner"] = "3",
        ["Limits:MaxActiveKeysPerOwner"] = "2",
        ["Limits:MaxOverridesPerOwner"] = "2",
    };
}

public sealed class SmallOwnerLimitsPostgresHost : SmallOwnerLimitsHost
{
    protected override bool OnPostgres => true;
}

public sealed class OwnerLimitsTests(SmallOwnerLimitsHost host) : OwnerLimitsTestsBase(host), IClassFixture<SmallOwnerLimitsHost>;

public sealed class OwnerLimitsTestsOnPostgres(SmallOwnerLimitsPostgresHost host) : OwnerLimitsTestsBase(host), IClassFixture<SmallOwnerLimitsPostgresHost>;

/// <summary>Each per-owner cap refuses the write that would pass it with 409 <c>limit_reached</c>, and that write changes nothing.</summary>
public abstract class OwnerLimitsTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task Set_availability_past_the_rule_limit_is_refused_and_adds_none_of_its_rules()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2027-03-01", "09:00", "10:00"), OnDay("2027-03-02", "09:00", "10:00"));

        using var refused = await api.SetAvailability(owner, OnDay("2027-03-03", "09:00", "10:00"), OnDay("2027-03-04", "09:00", "10:00"));

        await ExpectLimit(refused, "rules_per_owner");
        var rules = await Expecting(api.Get($"/v1/owners/{owner}/availability-rules"), 200);
        Assert.Equal(2, rules["rules"]!.AsArray().Count);
    }

    [Fact]
    public async Task Rules_the_owner_already_has_do_not_count_again()
    {
        var owner = NewOwner();
        object[] three = [OnDay("2027-03-01", "09:00", "10:00"), OnDay("2027-03-02", "09:00", "10:00"), OnDay("2027-03-03", "09:00", "10:00")];
        await api.SetAvailabilityOk(owner, three);

        await api.SetAvailabilityOk(owner, three);
    }

    [Fact]
    public async Task Replacing_rules_with_more_than_the_limit_is_refused_and_keeps_the_old_rules()
    {
        var owner = await api.CreateOwner();
        var rules = Enumerable.Range(1, 4).Select(d => new { start_date = $"2027-03-0{d}", end_date = $"2027-03-0{d}", start_time = "09:00", end_time = "10:00" }).ToList();
        await Expecting(api.Put($"/v1/owners/{owner}/availability-rules", new { rules = rules.Take(1) }), 200);

        using var refused = await api.Put($"/v1/owners/{owner}/availability-rules", new { rules });

        await ExpectLimit(refused, "rules_per_owner");
        var kept = await Expecting(api.Get($"/v1/owners/{owner}/availability-rules"), 200);
        Assert.Single(kept["rules"]!.AsArray());
    }

    [Fact]
    public async Task A_meeting_type_past_the_limit_is_refused_until_one_is_deleted()
    {
        var owner = await api.CreateOwner();
        for (var i = 1; i <= 3; i++)
        {
            await api.CreateMeetingType(owner, new { slug = $"t{i}", title = "T", duration_minutes = 30 });
        }

        using var refused = await api.Post($"/v1/owners/{owner}/meeting-types", new { slug = "t4", title = "T", duration_minutes = 30 });
        await ExpectLimit(refused, "meeting_types_per_owner");
        using var missing = await api.Get($"/v1/owners/{owner}/meeting-types/t4");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var deleted = await api.Delete($"/v1/owners/{owner}/meeting-types/t1");
        await Expect.Status(deleted, 204);
        await api.CreateMeetingType(owner, new { slug = "t4", title = "T", duration_minutes = 30 });
    }

    [Fact]
    public async Task Concurrent_creations_never_pass_the_meeting_type_limit()
    {
        var owner = await api.CreateOwner();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            using var response = await host.Api().Post($"/v1/owners/{owner}/meeting-types", new { slug = $"c{i}", title = "T", duration_minutes = 30 });
            return response.StatusCode;
        }));

        Assert.Equal(3, answers.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(7, answers.Count(s => s == HttpStatusCode.Conflict));
        var listed = await Expecting(api.Get($"/v1/owners/{owner}/meeting-types"), 200);
        Assert.Equal(3, listed["meeting_types"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_key_past_the_active_key_limit_is_refused_until_one_is_revoked()
    {
        // Creating the owner issued the first key.
        var owner = await api.CreateOwner();
        var second = await Expecting(api.Post($"/v1/owners/{owner}/keys", new { }), 201);

        using var refused = await api.Post($"/v1/owners/{owner}/keys", new { });
        await ExpectLimit(refused, "active_keys_per_owner");
        var keys = await Expecting(api.Get($"/v1/owners/{owner}/keys"), 200);
        Assert.Equal(2, keys["keys"]!.AsArray().Count);

        using var revoked = await api.Delete($"/v1/owners/{owner}/keys/{second["id"]!.GetValue<string>()}");
        await Expect.Status(revoked, 204);
        await Expecting(api.Post($"/v1/owners/{owner}/keys", new { }), 201);
    }

    [Fact]
    public async Task An_override_of_a_new_date_past_the_limit_is_refused_but_an_existing_date_can_change()
    {
        var owner = await api.CreateOwner();
        await Expecting(api.Put($"/v1/owners/{owner}/date-overrides/2027-03-01", new { unavailable = true }), 200);
        await Expecting(api.Put($"/v1/owners/{owner}/date-overrides/2027-03-02", new { unavailable = true }), 200);

        using var refused = await api.Put($"/v1/owners/{owner}/date-overrides/2027-03-03", new { unavailable = true });
        await ExpectLimit(refused, "overrides_per_owner");

        await Expecting(api.Put($"/v1/owners/{owner}/date-overrides/2027-03-02", new { hours = new[] { new { start = "09:00", end = "12:00" } } }), 200);
        var overrides = await Expecting(api.Get($"/v1/owners/{owner}/date-overrides"), 200);
        Assert.Equal(2, overrides["overrides"]!.AsArray().Count);
    }

    private static async Task ExpectLimit(HttpResponseMessage response, string limit)
    {
        var problem = await Expect.Problem(response, 409);
        Assert.Equal("limit_reached", problem["reason"]!.GetValue<string>());
        Assert.Equal(limit, problem["limit"]!.GetValue<string>());
        Assert.Contains("at most", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
