using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ical.Net;

namespace Agenda.Api.Tests.V1;

/// <summary>The invitee's management of a booking with its token: read, cancel, reschedule, calendar file.</summary>
public sealed class V1BookingLifecycleTests(KeyedApiHost host) : V1BookingLifecycleTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class V1BookingLifecycleTestsOnPostgres(KeyedPostgresApiHost host) : V1BookingLifecycleTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

public abstract class V1BookingLifecycleTestsBase(KeyedApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task Without_the_token_a_booking_cannot_be_read_and_the_answer_asks_for_it()
    {
        var (_, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");

        using var response = await host.Anonymous().Get($"/v1/bookings/{booking.Id}");

        await Expect.Problem(response, 401);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Another_bookings_token_opens_nothing_and_changes_nothing()
    {
        var (owner, mine) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");
        var other = await Book(owner, "2027-03-01T10:00:00+01:00");

        using var read = await Send(HttpMethod.Get, $"/v1/bookings/{mine.Id}", other.Token);
        using var cancel = await Send(HttpMethod.Post, $"/v1/bookings/{mine.Id}/cancel", other.Token, new { reason = "not mine" });
        using var move = await Send(HttpMethod.Post, $"/v1/bookings/{mine.Id}/reschedule", other.Token, new { start = "2027-03-01T11:00:00+01:00" });

        await Expect.Problem(read, 401);
        await Expect.Problem(cancel, 401);
        await Expect.Problem(move, 401);
        var unchanged = await Read(mine);
        Assert.Equal("active", unchanged["status"]!.GetValue<string>());
        Assert.Equal("2027-03-01T08:00:00Z", unchanged["start_utc"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_token_also_works_as_a_query_parameter_for_links()
    {
        var (_, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");

        using var response = await host.Anonymous().Get($"/v1/bookings/{booking.Id}?token={Uri.EscapeDataString(booking.Token)}");

        await Expect.Status(response, 200);
    }

    [Fact]
    public async Task A_cancelled_booking_frees_its_slot_at_once_and_stays_readable()
    {
        var (owner, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");
        Assert.DoesNotContain("2027-03-01T09:00:00+01:00", await api.SlotStartsV1(owner, "intro", "2027-03-01", "2027-03-01"));

        var cancelled = await ApiClient.Expecting(Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/cancel", booking.Token, new { reason = "Something came up" }), 200);

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("Something came up", cancelled["cancel_reason"]!.GetValue<string>());
        Assert.Equal("invitee", cancelled["cancelled_by"]!.GetValue<string>());
        Assert.Contains("2027-03-01T09:00:00+01:00", await api.SlotStartsV1(owner, "intro", "2027-03-01", "2027-03-01"));
        Assert.Empty(await api.Upcoming(owner));
        Assert.Equal("cancelled", (await Read(booking))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_twice_is_a_409()
    {
        var (_, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");
        await ApiClient.Expecting(Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/cancel", booking.Token, new { }), 200);

        using var again = await Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/cancel", booking.Token, new { });

        Assert.Equal("already_cancelled", (await Expect.Problem(again, 409))["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cancelled_booking_cannot_be_rescheduled()
    {
        var (_, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");
        await ApiClient.Expecting(Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/cancel", booking.Token, new { }), 200);

        using var move = await Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/reschedule", booking.Token, new { start = "2027-03-01T11:00:00+01:00" });

        Assert.Equal("already_cancelled", (await Expect.Problem(move, 409))["reason"]!.GetValue<string>());
        Assert.Equal("2027-03-01T08:00:00Z", (await Read(booking))["start_utc"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_meeting_that_has_begun_can_be_neither_cancelled_nor_moved()
    {
        // The host's clock stands at Monday 2024-11-25 08:00 UTC: this slot starts exactly now, so it is offered and booked.
        var (_, booking) = await OwnerWithBooking("2024-11-25T09:00:00+01:00");

        using var cancel = await Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/cancel", booking.Token, new { });
        using var move = await Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/reschedule", booking.Token, new { start = "2027-03-01T11:00:00+01:00" });

        Assert.Equal("already_begun", (await Expect.Problem(cancel, 409))["reason"]!.GetValue<string>());
        Assert.Equal("already_begun", (await Expect.Problem(move, 409))["reason"]!.GetValue<string>());
        Assert.Equal("active", (await Read(booking))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_booking_whose_meeting_type_was_deleted_cannot_be_moved_but_can_be_cancelled()
    {
        var (owner, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");
        using (var deleted = await api.Delete($"/v1/owners/{owner}/meeting-types/intro"))
        {
            await Expect.Status(deleted, 204);
        }

        using var move = await Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/reschedule", booking.Token, new { start = "2027-03-01T11:00:00+01:00" });

        Assert.Equal("meeting_type_deleted", (await Expect.Problem(move, 409))["reason"]!.GetValue<string>());
        await ApiClient.Expecting(Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/cancel", booking.Token, new { }), 200);
    }

    [Fact]
    public async Task An_unknown_booking_is_a_404_with_or_without_credentials()
    {
        using var anonymous = await host.Anonymous().Get("/v1/bookings/no-such-booking");
        using var admin = await api.Get("/v1/bookings/no-such-booking/calendar.ics");

        await Expect.Problem(anonymous, 404);
        await Expect.Problem(admin, 404);
    }

    [Fact]
    public async Task Rescheduling_moves_the_booking_keeps_its_id_and_history_and_frees_the_old_slot()
    {
        var (owner, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");

        var moved = await ApiClient.Expecting(Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/reschedule", booking.Token, new { start = "2027-03-01T11:00:00+01:00" }), 200);

        Assert.Equal(booking.Id, moved["id"]!.GetValue<string>());
        Assert.Equal("2027-03-01T10:00:00Z", moved["start_utc"]!.GetValue<string>());
        Assert.Equal(1, moved["sequence"]!.GetValue<int>());
        Assert.Equal("2027-03-01T08:00:00Z", moved["previous_times"]![0]!["start_utc"]!.GetValue<string>());
        var starts = await api.SlotStartsV1(owner, "intro", "2027-03-01", "2027-03-01");
        Assert.Contains("2027-03-01T09:00:00+01:00", starts);
        Assert.DoesNotContain("2027-03-01T11:00:00+01:00", starts);
    }

    [Fact]
    public async Task A_booking_may_move_onto_part_of_its_own_time()
    {
        var (_, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");

        using var response = await Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/reschedule", booking.Token, new { start = "2027-03-01T09:30:00+01:00" });

        await Expect.Status(response, 200);
    }

    [Fact]
    public async Task Rescheduling_onto_a_taken_slot_is_a_409_and_the_booking_keeps_its_time()
    {
        var (owner, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");
        await Book(owner, "2027-03-01T11:00:00+01:00");

        using var response = await Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/reschedule", booking.Token, new { start = "2027-03-01T11:00:00+01:00" });

        Assert.Equal("taken", (await Expect.Problem(response, 409))["reason"]!.GetValue<string>());
        var unchanged = await Read(booking);
        Assert.Equal("2027-03-01T08:00:00Z", unchanged["start_utc"]!.GetValue<string>());
        Assert.Equal(0, unchanged["sequence"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_reschedule_racing_a_booking_of_the_target_slot_leaves_exactly_one_booking_there()
    {
        for (var round = 0; round < 5; round++)
        {
            var (owner, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");
            using var start = new SemaphoreSlim(0);
            var reschedule = Task.Run(async () =>
            {
                await start.WaitAsync();
                using var response = await Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/reschedule", booking.Token, new { start = "2027-03-01T11:00:00+01:00" });
                return response.StatusCode;
            });
            var newcomer = Task.Run(async () =>
            {
                await start.WaitAsync();
                using var response = await host.Api().BookV1(owner, "intro", "2027-03-01T11:00:00+01:00", "Newcomer");
                return response.StatusCode;
            });
            start.Release(2);
            var statuses = await Task.WhenAll(reschedule, newcomer);

            Assert.Equal(1, statuses.Count(s => s is HttpStatusCode.OK or HttpStatusCode.Created));
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Conflict));
            var upcoming = await api.Upcoming(owner);
            Assert.Single(upcoming, a => a!["start_time"]!.GetValue<string>() == "2027-03-01T11:00");
            var mine = await Read(booking);
            var expected = statuses[0] == HttpStatusCode.OK ? "2027-03-01T10:00:00Z" : "2027-03-01T08:00:00Z";
            Assert.Equal(expected, mine["start_utc"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_calendar_file_parses_back_with_a_stable_uid_a_growing_sequence_and_a_cancelled_status()
    {
        var (_, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");

        var first = await CalendarFile(booking);
        await ApiClient.Expecting(Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/reschedule", booking.Token, new { start = "2027-03-01T10:00:00+01:00" }), 200);
        var moved = await CalendarFile(booking);
        await ApiClient.Expecting(Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/cancel", booking.Token, new { }), 200);
        var cancelled = await CalendarFile(booking);

        var events = new[] { first, moved, cancelled }.Select(c => Assert.Single(c.Events)).ToList();
        Assert.Single(events.Select(e => e.Uid).Distinct());
        Assert.Equal([0, 1, 1], events.Select(e => e.Sequence));
        Assert.Equal(new DateTime(2027, 3, 1, 8, 0, 0, DateTimeKind.Utc), events[0].DtStart!.AsUtc);
        Assert.Equal(new DateTime(2027, 3, 1, 10, 0, 0, DateTimeKind.Utc), events[1].DtEnd!.AsUtc);
        Assert.Equal("CONFIRMED", events[0].Status);
        Assert.Equal("CANCELLED", events[2].Status);
    }

    [Fact]
    public async Task The_calendar_file_needs_the_token()
    {
        var (_, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");

        using var response = await host.Anonymous().Get($"/v1/bookings/{booking.Id}/calendar.ics");

        await Expect.Problem(response, 401);
    }

    [Fact]
    public async Task The_owner_reads_and_cancels_a_booking_with_their_key_and_another_owners_key_is_refused()
    {
        var (owner, booking) = await OwnerWithBooking("2027-03-01T09:00:00+01:00");
        var ownerKey = (await ApiClient.Expecting(api.Post($"/v1/owners/{owner}/keys", new { }), 201))["key"]!.GetValue<string>();
        var stranger = await api.CreateOwner();
        var strangerKey = (await ApiClient.Expecting(api.Post($"/v1/owners/{stranger}/keys", new { }), 201))["key"]!.GetValue<string>();

        using var foreign = await Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/cancel", strangerKey, new { });
        await Expect.Problem(foreign, 403);
        Assert.Equal("active", (await Read(booking))["status"]!.GetValue<string>());

        var cancelled = await ApiClient.Expecting(Send(HttpMethod.Post, $"/v1/bookings/{booking.Id}/cancel", ownerKey, new { reason = "Ill" }), 200);
        Assert.Equal("owner", cancelled["cancelled_by"]!.GetValue<string>());
    }

    private sealed record Booked(string Id, string Token);

    private async Task<(string Owner, Booked Booking)> OwnerWithBooking(string start)
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 60, step_minutes = 30 });
        return (owner, await Book(owner, start));
    }

    private async Task<Booked> Book(string owner, string start)
    {
        var body = await ApiClient.Expecting(api.BookV1(owner, "intro", start), 201);
        return new Booked(body["id"]!.GetValue<string>(), body["management_token"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host.Anonymous().Http.SendAsync(request);
    }

    private Task<JsonNode> Read(Booked booking) => ApiClient.Expecting(Send(HttpMethod.Get, $"/v1/bookings/{booking.Id}", booking.Token), 200);

    private async Task<Calendar> CalendarFile(Booked booking)
    {
        using var response = await Send(HttpMethod.Get, $"/v1/bookings/{booking.Id}/calendar.ics", booking.Token);
        await Expect.Status(response, 200);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }
}
