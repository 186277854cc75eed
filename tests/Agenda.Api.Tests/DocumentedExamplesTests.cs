using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests;

/// <summary>A client that follows the original document's examples gets exactly the documented answers.</summary>
public sealed class DocumentedExamplesTests(ApiHost host) : DocumentedExamplesTestsBase(host), IClassFixture<ApiHost>;

/// <summary>The same behaviour with Auth:Mode=ApiKey, every request carrying the administrator key.</summary>
public sealed class DocumentedExamplesTestsWithKeys(KeyedApiHost host) : DocumentedExamplesTestsBase(host), IClassFixture<KeyedApiHost>;

/// <summary>On PostgreSQL once, with keys: the store does not depend on the mode, and the keyed run covers both.</summary>
public sealed class DocumentedExamplesTestsWithKeysOnPostgres(KeyedPostgresApiHost host) : DocumentedExamplesTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

public abstract class DocumentedExamplesTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task Set_availability_answers_the_documented_message_and_the_rules_as_a_json_string()
    {
        var owner = NewOwner();

        using var response = await api.SetAvailability(owner, Rule("2024-11-29", "2024-12-01", "09:00", "17:00"));

        await Expect.Status(response, 200);
        var expected = $$"""{"message":"Availability set for {{owner}}","new_slots":"[{\"start_date\": \"2024-11-29\", \"end_date\": \"2024-12-01\", \"start_time\": \"09:00\", \"end_time\": \"17:00\"}]"}""";
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_slots_with_a_json_body_on_get_answers_the_documented_shape()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, Rule("2024-11-29", "2024-12-01", "09:00", "12:00"));

        using var response = await api.SearchSlotsWithBody(owner, "2024-12-01");

        await Expect.Status(response, 200);
        Assert.Equal(
            """{"available_slots":[{"start":"2024-12-01T09:00","end":"2024-12-01T10:00"},{"start":"2024-12-01T10:00","end":"2024-12-01T11:00"},{"start":"2024-12-01T11:00","end":"2024-12-01T12:00"}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_slots_accepts_the_same_fields_as_query_parameters()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, Rule("2024-11-29", "2024-12-01", "09:00", "12:00"));

        using var withBody = await api.SearchSlotsWithBody(owner, "2024-12-01");
        using var withQuery = await api.SearchSlots(owner, "2024-12-01");

        await Expect.Status(withQuery, 200);
        Assert.Equal(await withBody.Content.ReadAsStringAsync(), await withQuery.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Book_slot_answers_201_with_the_documented_appointment_and_message()
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, Rule("2024-11-29", "2024-12-01", "09:00", "17:00"));

        using var response = await api.Book(owner, "invitee1", "2024-12-01T09:00", "2024-12-01T10:00");

        await Expect.Status(response, 201);
        Assert.Equal(
            $$"""{"appointment":{"owner":"{{owner}}","invitee":"invitee1","start":"2024-12-01T09:00","end":"2024-12-01T10:00"},"message":"Appointment booked successfully"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("")]
    public async Task List_upcoming_answers_the_documented_shape_at_both_documented_paths(string prefix)
    {
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, Rule("2024-11-29", "2024-12-01", "09:00", "17:00"));
        using var booked = await api.Book(owner, "invitee1", "2024-12-01T09:00", "2024-12-01T10:00");
        await Expect.Status(booked, 201);

        using var response = await api.ListUpcoming(owner, prefix);

        await Expect.Status(response, 200);
        Assert.Equal(
            """{"upcoming_appointments":[{"start_time":"2024-12-01T09:00","end_time":"2024-12-01T10:00","invitee":"invitee1"}]}""",
            await response.Content.ReadAsStringAsync());
    }
}
