using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1OwnersTests(ApiHost host) : V1OwnersTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1OwnersTestsOnPostgres(PostgresApiHost host) : V1OwnersTestsBase(host), IClassFixture<PostgresApiHost>;

public abstract class V1OwnersTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task An_owner_is_created_with_a_name_and_a_zone_and_can_be_read_back()
    {
        var id = NewOwner();

        using var created = await api.Post("/v1/owners", new { id, name = "Ana Weber", time_zone = "Europe/Berlin" });

        await Expect.Status(created, 201);
        Assert.Equal($"/v1/owners/{id}", created.Headers.Location?.OriginalString);
        var read = await Expecting(api.Get($"/v1/owners/{id}"), 200);
        Assert.Equal("Ana Weber", read["name"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", read["time_zone"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_owner_without_a_zone_is_in_utc()
    {
        var id = NewOwner();
        await Expecting(api.Post("/v1/owners", new { id }), 201);

        var read = await Expecting(api.Get($"/v1/owners/{id}"), 200);

        Assert.Equal("UTC", read["time_zone"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_owner_can_be_updated()
    {
        var id = await api.CreateOwner("Europe/Berlin");

        var updated = await Expecting(api.Put($"/v1/owners/{id}", new { name = "Ana", time_zone = "Asia/Kolkata" }), 200);

        Assert.Equal("Asia/Kolkata", updated["time_zone"]!.GetValue<string>());
        Assert.Equal("Asia/Kolkata", (await Expecting(api.Get($"/v1/owners/{id}"), 200))["time_zone"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_zone_is_a_400_that_names_it_and_creates_nothing()
    {
        var id = NewOwner();

        using var response = await api.Post("/v1/owners", new { id, time_zone = "Europe/Atlantis" });

        var problem = await Expect.Problem(response, 400);
        Assert.Contains("Europe/Atlantis", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var read = await api.Get($"/v1/owners/{id}");
        await Expect.Problem(read, 404);
    }

    [Fact]
    public async Task An_update_to_an_unknown_zone_is_a_400_and_changes_nothing()
    {
        var id = await api.CreateOwner("Europe/Berlin");

        using var response = await api.Put($"/v1/owners/{id}", new { time_zone = "Nowhere/Special" });

        await Expect.Problem(response, 400);
        Assert.Equal("Europe/Berlin", (await Expecting(api.Get($"/v1/owners/{id}"), 200))["time_zone"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_taken_id_is_a_409()
    {
        var id = await api.CreateOwner();

        using var response = await api.Post("/v1/owners", new { id, time_zone = "UTC" });

        await Expect.Problem(response, 409);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("slash/inside")]
    public async Task An_id_that_is_not_url_safe_is_a_400(string id)
    {
        using var response = await api.Post("/v1/owners", new { id });

        await Expect.Problem(response, 400);
    }

    [Fact]
    public async Task Reading_an_unknown_owner_is_a_404()
    {
        using var response = await api.Get($"/v1/owners/{NewOwner()}");

        await Expect.Problem(response, 404);
    }

    [Fact]
    public async Task The_documented_routes_read_wall_clock_times_in_the_owners_zone()
    {
        var id = await api.CreateOwner("Europe/Berlin");
        await api.SetAvailabilityOk(id, OnDay("2027-03-01", "09:00", "11:00"));

        using var booked = await api.Book(id, "ana", "2027-03-01T09:00", "2027-03-01T10:00");
        await Expect.Status(booked, 201);

        await api.CreateMeetingType(id, new { slug = "hour", title = "One hour", duration_minutes = 60 });
        Assert.Equal(["2027-03-01T09:00:00+00:00"], await api.SlotStartsV1(id, "hour", "2027-03-01", "2027-03-01", "UTC"));
        var upcoming = await api.Upcoming(id);
        Assert.Equal("2027-03-01T09:00", upcoming[0]!["start_time"]!.GetValue<string>());
        Assert.Equal(["10:00-11:00"], await api.SlotTimes(id, "2027-03-01"));
    }
}
