using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1MeetingTypesTests(ApiHost host) : V1MeetingTypesTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1MeetingTypesTestsOnPostgres(PostgresApiHost host) : V1MeetingTypesTestsBase(host), IClassFixture<PostgresApiHost>;

public abstract class V1MeetingTypesTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task A_meeting_type_is_created_with_defaults_and_read_back()
    {
        var owner = await api.CreateOwner();

        var created = await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro call", duration_minutes = 30 });

        Assert.Equal(30, created["step_minutes"]!.GetValue<int>());
        Assert.Equal(0, created["buffer_after_minutes"]!.GetValue<int>());
        Assert.Null(created["horizon_days"]);
        var read = await Expecting(api.Get($"/v1/owners/{owner}/meeting-types/intro"), 200);
        Assert.Equal("Intro call", read["title"]!.GetValue<string>());
        var list = await Expecting(api.Get($"/v1/owners/{owner}/meeting-types"), 200);
        Assert.Single(list["meeting_types"]!.AsArray());
    }

    [Fact]
    public async Task A_meeting_type_is_replaced_and_deleted()
    {
        var owner = await api.CreateOwner();
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });

        var replaced = await Expecting(api.Put($"/v1/owners/{owner}/meeting-types/intro", new { title = "Longer intro", duration_minutes = 45, buffer_before_minutes = 5 }), 200);
        Assert.Equal(45, replaced["duration_minutes"]!.GetValue<int>());

        using var deleted = await api.Delete($"/v1/owners/{owner}/meeting-types/intro");
        await Expect.Status(deleted, 204);
        using var read = await api.Get($"/v1/owners/{owner}/meeting-types/intro");
        await Expect.Problem(read, 404);
    }

    [Fact]
    public async Task A_taken_slug_is_a_409()
    {
        var owner = await api.CreateOwner();
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });

        using var response = await api.Post($"/v1/owners/{owner}/meeting-types", new { slug = "intro", title = "Again", duration_minutes = 15 });

        await Expect.Problem(response, 409);
    }

    public static TheoryData<string> BadMeetingTypes => new()
    {
        """{"title": "No slug", "duration_minutes": 30}""",
        """{"slug": "Not A Slug", "title": "x", "duration_minutes": 30}""",
        """{"slug": "no-title", "duration_minutes": 30}""",
        """{"slug": "no-duration", "title": "x"}""",
        """{"slug": "too-short", "title": "x", "duration_minutes": 1}""",
        """{"slug": "too-long", "title": "x", "duration_minutes": 1441}""",
        """{"slug": "negative-buffer", "title": "x", "duration_minutes": 30, "buffer_after_minutes": -5}""",
        """{"slug": "zero-cap", "title": "x", "duration_minutes": 30, "max_per_day": 0}""",
        """{"slug": "text-duration", "title": "x", "duration_minutes": "thirty"}""",
    };

    [Theory]
    [MemberData(nameof(BadMeetingTypes))]
    public async Task A_bad_meeting_type_is_a_400_and_creates_nothing(string body)
    {
        var owner = await api.CreateOwner();

        using var response = await api.PostRaw($"/v1/owners/{owner}/meeting-types", body);

        await Expect.Problem(response, 400);
        var list = await Expecting(api.Get($"/v1/owners/{owner}/meeting-types"), 200);
        Assert.Empty(list["meeting_types"]!.AsArray());
    }

    [Fact]
    public async Task Meeting_types_of_an_unknown_owner_are_a_404()
    {
        using var response = await api.Post($"/v1/owners/{NewOwner()}/meeting-types", new { slug = "intro", title = "Intro", duration_minutes = 30 });

        await Expect.Problem(response, 404);
    }
}
