using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests;

/// <summary>Bad input gets a problem-details answer that says what to fix, and changes nothing.</summary>
public sealed class BadInputTests(ApiHost host) : BadInputTestsBase(host), IClassFixture<ApiHost>;

/// <summary>The same behaviour with Auth:Mode=ApiKey, every request carrying the administrator key.</summary>
public sealed class BadInputTestsWithKeys(KeyedApiHost host) : BadInputTestsBase(host), IClassFixture<KeyedApiHost>;

/// <summary>On PostgreSQL once, with keys: the store does not depend on the mode, and the keyed run covers both.</summary>
public sealed class BadInputTestsWithKeysOnPostgres(KeyedPostgresApiHost host) : BadInputTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

public abstract class BadInputTestsBase(ApiHost host)
{
    private const string SetAvailability = "/api/calendar/set_availability/";

    private readonly ApiClient api = host.Api();

    public static TheoryData<string, string> BadAvailabilityBodies => new()
    {
        { "not json", "{\"availability_rules\": [" },
        { "missing rules", "{}" },
        { "empty rules", "{\"availability_rules\": []}" },
        { "rules not a list", "{\"availability_rules\": \"soon\"}" },
        { "rule not an object", "{\"availability_rules\": [null]}" },
        { "missing field", """{"availability_rules":[{"start_date":"2024-12-02","end_date":"2024-12-02","start_time":"09:00"}]}""" },
        { "mistyped field", """{"availability_rules":[{"start_date":20241202,"end_date":"2024-12-02","start_time":"09:00","end_time":"10:00"}]}""" },
        { "impossible date", """{"availability_rules":[{"start_date":"2024-02-30","end_date":"2024-12-02","start_time":"09:00","end_time":"10:00"}]}""" },
        { "impossible time", """{"availability_rules":[{"start_date":"2024-12-02","end_date":"2024-12-02","start_time":"25:00","end_time":"26:00"}]}""" },
        { "end time before start", """{"availability_rules":[{"start_date":"2024-12-02","end_date":"2024-12-02","start_time":"10:00","end_time":"09:00"}]}""" },
        { "empty time range", """{"availability_rules":[{"start_date":"2024-12-02","end_date":"2024-12-02","start_time":"10:00","end_time":"10:00"}]}""" },
        { "end at 00:00", """{"availability_rules":[{"start_date":"2024-12-02","end_date":"2024-12-02","start_time":"10:00","end_time":"00:00"}]}""" },
        { "end date before start date", """{"availability_rules":[{"start_date":"2024-12-03","end_date":"2024-12-02","start_time":"09:00","end_time":"10:00"}]}""" },
        { "one good rule and one bad", """{"availability_rules":[{"start_date":"2024-12-02","end_date":"2024-12-02","start_time":"09:00","end_time":"10:00"},{"start_date":"2024-12-02","end_date":"2024-12-02","start_time":"9am","end_time":"10:00"}]}""" },
    };

    [Theory]
    [MemberData(nameof(BadAvailabilityBodies))]
    public async Task Bad_availability_is_a_400_and_creates_nothing(string why, string body)
    {
        var owner = NewOwner();

        using var response = await api.PostRaw(SetAvailability + owner, body);

        var problem = await Expect.Problem(response, 400);
        Assert.NotNull(why);
        Assert.NotNull(problem["title"]);
        using var search = await api.SearchSlots(owner, "2024-12-02");
        await Expect.Problem(search, 404);
    }

    [Fact]
    public async Task A_bad_rule_added_to_an_existing_owner_changes_nothing()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "10:00"));

        using var response = await api.PostRaw(SetAvailability + owner,
            """{"availability_rules":[{"start_date":"2024-12-02","end_date":"2024-12-02","start_time":"10:00","end_time":"11:00"},{"start_date":"2024-12-02","end_date":"2024-12-01","start_time":"09:00","end_time":"10:00"}]}""");

        await Expect.Problem(response, 400);
        Assert.Equal(["09:00-10:00"], await api.SlotTimes(owner, "2024-12-02"));
    }

    [Fact]
    public async Task A_field_error_names_the_field_and_the_expected_form()
    {
        using var response = await api.PostRaw(SetAvailability + NewOwner(),
            """{"availability_rules":[{"start_date":"2024-02-30","end_date":"2024-12-02","start_time":"09:00","end_time":"10:00"}]}""");

        var problem = await Expect.Problem(response, 400);
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("availability_rules[0].start_date", detail, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", detail, StringComparison.Ordinal);
        Assert.NotNull(problem["errors"]!["availability_rules[0].start_date"]);
    }

    [Fact]
    public async Task A_body_that_is_not_declared_as_json_is_a_415_that_says_what_to_send()
    {
        using var response = await api.PostRaw(SetAvailability + NewOwner(), "availability_rules=soon", "application/x-www-form-urlencoded");

        var problem = await Expect.Problem(response, 415);
        Assert.Contains("application/json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string> BadBookings => new()
    {
        "{",
        "{}",
        """{"owner":"x","invitee":"ana","start_time":"2024-12-02T09:00"}""",
        """{"owner":"x","invitee":"","start_time":"2024-12-02T09:00","end_time":"2024-12-02T10:00"}""",
        """{"owner":"x","invitee":42,"start_time":"2024-12-02T09:00","end_time":"2024-12-02T10:00"}""",
        """{"owner":"x","invitee":"ana","start_time":"2024-02-30T09:00","end_time":"2024-02-30T10:00"}""",
        """{"owner":"x","invitee":"ana","start_time":"2024-12-02T25:00","end_time":"2024-12-02T26:00"}""",
        """{"owner":"x","invitee":"ana","start_time":"2024-12-02 09:00","end_time":"2024-12-02 10:00"}""",
        """{"owner":"x","invitee":"ana","start_time":"2024-12-02T10:00","end_time":"2024-12-02T09:00"}""",
        """{"owner":"x","invitee":"ana","start_time":"2024-12-02T10:00","end_time":"2024-12-02T10:00"}""",
    };

    [Theory]
    [MemberData(nameof(BadBookings))]
    public async Task A_bad_booking_request_is_a_400_and_books_nothing(string template)
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));

        using var response = await api.PostRaw("/api/appointments/book_slot", template.Replace("\"x\"", $"\"{owner}\"", StringComparison.Ordinal));

        await Expect.Problem(response, 400);
        Assert.Empty(await api.Upcoming(owner));
        Assert.Equal(3, (await api.SlotTimes(owner, "2024-12-02")).Count);
    }

    [Theory]
    [InlineData("/api/appointments/search_slots")]
    [InlineData("/api/appointments/search_slots?owner=someone")]
    [InlineData("/api/appointments/search_slots?request_date=2024-12-02")]
    [InlineData("/api/appointments/search_slots?owner=someone&request_date=2024-02-30")]
    [InlineData("/api/appointments/search_slots?owner=someone&request_date=tomorrow")]
    public async Task A_search_without_a_valid_owner_and_date_is_a_400(string url)
    {
        using var response = await api.Http.GetAsync(url);

        await Expect.Problem(response, 400);
    }

    [Fact]
    public async Task A_search_whose_get_body_is_not_json_is_a_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/appointments/search_slots")
        {
            Content = new StringContent("{\"owner\": ", System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await api.Http.SendAsync(request);

        await Expect.Problem(response, 400);
    }

    [Fact]
    public async Task Searching_an_owner_who_never_set_availability_is_a_404()
    {
        using var response = await api.SearchSlots(NewOwner(), "2024-12-02");

        await Expect.Problem(response, 404);
    }

    [Fact]
    public async Task Booking_with_an_owner_who_never_set_availability_is_a_404()
    {
        using var response = await api.Book(NewOwner(), "ana", "2024-12-02T09:00", "2024-12-02T10:00");

        await Expect.Problem(response, 404);
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("")]
    public async Task Listing_an_owner_who_never_set_availability_is_a_404(string prefix)
    {
        using var response = await api.ListUpcoming(NewOwner(), prefix);

        await Expect.Problem(response, 404);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        using var response = await api.Http.GetAsync("/api/calendar/nothing-here");

        await Expect.Problem(response, 404);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var response = await api.Http.GetAsync("/api/appointments/book_slot");

        await Expect.Problem(response, 405);
    }
}
