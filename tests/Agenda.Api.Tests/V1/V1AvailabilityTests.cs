using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1AvailabilityTests(ApiHost host) : V1AvailabilityTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1AvailabilityTestsOnPostgres(PostgresApiHost host) : V1AvailabilityTestsBase(host), IClassFixture<PostgresApiHost>;

public abstract class V1AvailabilityTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    // 2027-03-01 is a Monday.
    private static readonly object MondayHours = new { monday = new[] { new { start = "09:00", end = "12:00" }, new { start = "13:00", end = "14:00" } } };

    [Fact]
    public async Task Weekly_hours_are_replaced_read_and_deleted()
    {
        var owner = await api.CreateOwner();

        await api.PutWeeklyHours(owner, MondayHours);
        var read = await Expecting(api.Get($"/v1/owners/{owner}/weekly-hours"), 200);
        Assert.Equal(2, read["monday"]!.AsArray().Count);
        Assert.Empty(read["tuesday"]!.AsArray());

        await api.PutWeeklyHours(owner, new { tuesday = new[] { new { start = "10:00", end = "11:00" } } });
        read = await Expecting(api.Get($"/v1/owners/{owner}/weekly-hours"), 200);
        Assert.Empty(read["monday"]!.AsArray());

        using var deleted = await api.Delete($"/v1/owners/{owner}/weekly-hours");
        await Expect.Status(deleted, 204);
        read = await Expecting(api.Get($"/v1/owners/{owner}/weekly-hours"), 200);
        Assert.Empty(read["tuesday"]!.AsArray());
    }

    [Fact]
    public async Task Weekly_hours_give_slots_on_their_weekday_and_none_on_a_day_off()
    {
        var owner = await api.CreateOwner();
        await api.PutWeeklyHours(owner, MondayHours);

        Assert.Equal(["09:00-10:00", "10:00-11:00", "11:00-12:00", "13:00-14:00"], await api.SlotTimes(owner, "2027-03-01"));
        Assert.Empty(await api.SlotTimes(owner, "2027-03-02"));
        Assert.Equal(4, (await api.SlotTimes(owner, "2027-03-08")).Count);
    }

    [Fact]
    public async Task A_window_may_end_at_24_00()
    {
        var owner = await api.CreateOwner();
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "23:00", end = "24:00" } } });

        Assert.Equal(["23:00-00:00"], await api.SlotTimes(owner, "2027-03-01"));
    }

    [Fact]
    public async Task Date_range_rules_are_replaced_read_and_deleted()
    {
        var owner = await api.CreateOwner();
        await api.SetAvailabilityOk(owner, OnDay("2027-03-02", "09:00", "10:00"));

        var replaced = await Expecting(api.Put($"/v1/owners/{owner}/availability-rules", new { rules = new[] { Rule("2027-03-03", "2027-03-04", "10:00", "12:00") } }), 200);

        Assert.Single(replaced["rules"]!.AsArray());
        Assert.Empty(await api.SlotTimes(owner, "2027-03-02"));
        Assert.Equal(["10:00-11:00", "11:00-12:00"], await api.SlotTimes(owner, "2027-03-04"));
        var read = await Expecting(api.Get($"/v1/owners/{owner}/availability-rules"), 200);
        Assert.Equal("2027-03-03", read["rules"]![0]!["start_date"]!.GetValue<string>());

        using var deleted = await api.Delete($"/v1/owners/{owner}/availability-rules");
        await Expect.Status(deleted, 204);
        Assert.Empty(await api.SlotTimes(owner, "2027-03-04"));
    }

    [Fact]
    public async Task Weekly_hours_and_rules_are_united()
    {
        var owner = await api.CreateOwner();
        await api.PutWeeklyHours(owner, MondayHours);
        await api.SetAvailabilityOk(owner, OnDay("2027-03-01", "12:00", "13:00"));

        Assert.Equal(["09:00-10:00", "10:00-11:00", "11:00-12:00", "12:00-13:00", "13:00-14:00"], await api.SlotTimes(owner, "2027-03-01"));
    }

    [Fact]
    public async Task A_day_off_override_wins_over_weekly_hours_and_rules()
    {
        var owner = await api.CreateOwner();
        await api.PutWeeklyHours(owner, MondayHours);
        await api.SetAvailabilityOk(owner, OnDay("2027-03-01", "18:00", "19:00"));

        await Expecting(api.Put($"/v1/owners/{owner}/date-overrides/2027-03-01", new { unavailable = true }), 200);

        Assert.Empty(await api.SlotTimes(owner, "2027-03-01"));
        Assert.Equal(4, (await api.SlotTimes(owner, "2027-03-08")).Count);
    }

    [Fact]
    public async Task Override_hours_replace_the_dates_hours_and_can_be_deleted()
    {
        var owner = await api.CreateOwner();
        await api.PutWeeklyHours(owner, MondayHours);

        await Expecting(api.Put($"/v1/owners/{owner}/date-overrides/2027-03-01", new { hours = new[] { new { start = "15:00", end = "16:00" } } }), 200);

        Assert.Equal(["15:00-16:00"], await api.SlotTimes(owner, "2027-03-01"));
        var read = await Expecting(api.Get($"/v1/owners/{owner}/date-overrides"), 200);
        Assert.Equal("2027-03-01", read["overrides"]![0]!["date"]!.GetValue<string>());
        var one = await Expecting(api.Get($"/v1/owners/{owner}/date-overrides/2027-03-01"), 200);
        Assert.Equal(read["overrides"]![0]!.ToJsonString(), one.ToJsonString());

        using var deleted = await api.Delete($"/v1/owners/{owner}/date-overrides/2027-03-01");
        await Expect.Status(deleted, 204);
        await Expect.Problem(await api.Get($"/v1/owners/{owner}/date-overrides/2027-03-01"), 404);
        await Expect.Problem(await api.Get($"/v1/owners/{owner}/date-overrides/2027-02-30"), 400);
        Assert.Equal(4, (await api.SlotTimes(owner, "2027-03-01")).Count);
    }

    [Fact]
    public async Task Deleting_an_override_that_does_not_exist_is_a_404()
    {
        var owner = await api.CreateOwner();

        using var response = await api.Delete($"/v1/owners/{owner}/date-overrides/2027-03-01");

        await Expect.Problem(response, 404);
    }

    public static TheoryData<string> BadOverrides => new()
    {
        "{}",
        """{"unavailable": true, "hours": [{"start": "09:00", "end": "10:00"}]}""",
        """{"hours": [{"start": "10:00", "end": "09:00"}]}""",
        """{"hours": [null]}""",
    };

    [Theory]
    [MemberData(nameof(BadOverrides))]
    public async Task A_bad_override_is_a_400_and_changes_nothing(string body)
    {
        var owner = await api.CreateOwner();
        await api.PutWeeklyHours(owner, MondayHours);

        using var response = await api.Http.PutAsync($"/v1/owners/{owner}/date-overrides/2027-03-01", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Expect.Problem(response, 400);
        Assert.Equal(4, (await api.SlotTimes(owner, "2027-03-01")).Count);
    }

    [Fact]
    public async Task Bad_weekly_hours_are_a_400_and_change_nothing()
    {
        var owner = await api.CreateOwner();
        await api.PutWeeklyHours(owner, MondayHours);

        using var response = await api.Put($"/v1/owners/{owner}/weekly-hours", new { monday = new[] { new { start = "09:00", end = "25:00" } } });

        var problem = await Expect.Problem(response, 400);
        Assert.Contains("monday[0].end", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(4, (await api.SlotTimes(owner, "2027-03-01")).Count);
    }

    [Fact]
    public async Task Availability_of_an_unknown_owner_is_a_404()
    {
        using var response = await api.Put($"/v1/owners/{NewOwner()}/weekly-hours", MondayHours);

        await Expect.Problem(response, 404);
    }
}
