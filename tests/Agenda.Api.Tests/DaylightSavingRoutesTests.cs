using System.Text.Json.Nodes;

namespace Agenda.Api.Tests;

public sealed class DaylightSavingRoutesTests(KeyedApiHost host) : DaylightSavingRoutesTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class DaylightSavingRoutesTestsOnPostgres(KeyedPostgresApiHost host) : DaylightSavingRoutesTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>On the nights clocks go back, every slot a search offers is in order and can be booked with the times it shows.</summary>
public abstract class DaylightSavingRoutesTestsBase(KeyedApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task The_documented_routes_offer_the_repeated_hour_twice_and_book_each_with_the_times_shown()
    {
        var owner = await api.CreateOwner("America/New_York");
        await api.SetAvailabilityOk(owner, ApiClient.OnDay("2027-11-07", "00:00", "03:00"));

        var offered = (await ApiClient.Expecting(api.SearchSlots(owner, "2027-11-07"), 200))["available_slots"]!.AsArray()
            .Select(s => (Start: s!["start"]!.GetValue<string>(), End: s["end"]!.GetValue<string>())).ToList();

        // 01:00 EDT to 01:00 EST, then 01:00 EST to 02:00 EST: one hour each.
        Assert.Equal(["00:00-01:00", "01:00-01:00", "01:00-02:00", "02:00-03:00"], offered.Select(s => $"{s.Start[11..]}-{s.End[11..]}"));
        foreach (var (start, end) in offered)
        {
            await ApiClient.Expecting(api.Book(owner, $"guest {start}-{end}", start, end), 201);
        }

        Assert.Empty((await ApiClient.Expecting(api.SearchSlots(owner, "2027-11-07"), 200))["available_slots"]!.AsArray());
        var booked = await ApiClient.Expecting(api.Get($"/v1/owners/{owner}/bookings?from=2027-11-07&to=2027-11-07"), 200);
        Assert.Equal(
            ["2027-11-07T04:00:00Z", "2027-11-07T05:00:00Z", "2027-11-07T06:00:00Z", "2027-11-07T07:00:00Z"],
            booked["bookings"]!.AsArray().Select(b => b!["start_utc"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_window_after_the_repeated_hour_is_offered_in_real_time_order_and_bookable()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { sunday = new[] { new { start = "00:00", end = "02:30" }, new { start = "02:45", end = "06:00" } } });
        await api.CreateMeetingType(owner, new { slug = "quick", title = "Quick", duration_minutes = 15 });

        var starts = await api.SlotStartsV1(owner, "quick", "2027-10-31", "2027-10-31");

        Assert.Equal(starts.OrderBy(s => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture)), starts);
        Assert.Contains("2027-10-31T02:45:00+02:00", starts);
        var booking = await ApiClient.Expecting(api.BookV1(owner, "quick", "2027-10-31T02:45:00+02:00"), 201);
        Assert.Equal("2027-10-31T00:45:00Z", booking["start_utc"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_meeting_through_havanas_first_midnight_is_offered_and_booked_and_a_day_off_next_morning_takes_it_away()
    {
        var owner = await api.CreateOwner("America/Havana");
        object[] night = [new { start = "00:00", end = "03:00" }, new { start = "22:00", end = "24:00" }];
        await api.PutWeeklyHours(owner, new { monday = night, tuesday = night, wednesday = night, thursday = night, friday = night, saturday = night, sunday = night });
        await api.CreateMeetingType(owner, new { slug = "forty", title = "Forty", duration_minutes = 40, step_minutes = 20 });

        // Searching the Saturday alone: its 23:40 slot runs into Sunday's hours, which the search must read too.
        Assert.Contains("2027-11-06T23:40:00-04:00", await api.SlotStartsV1(owner, "forty", "2027-11-06", "2027-11-06"));
        await ApiClient.Expecting(api.Put($"/v1/owners/{owner}/date-overrides/2027-11-14", new { unavailable = true }), 200);
        Assert.DoesNotContain("2027-11-13T23:40:00-05:00", await api.SlotStartsV1(owner, "forty", "2027-11-13", "2027-11-13"));
        Assert.Contains("2027-11-12T23:40:00-05:00", await api.SlotStartsV1(owner, "forty", "2027-11-12", "2027-11-12"));

        var booking = await ApiClient.Expecting(api.BookV1(owner, "forty", "2027-11-06T23:40:00-04:00"), 201);

        Assert.Equal("2027-11-07T04:20:00Z", booking["end_utc"]!.GetValue<string>());
        Assert.DoesNotContain("2027-11-07T00:00:00-04:00", await api.SlotStartsV1(owner, "forty", "2027-11-07", "2027-11-07"));
    }
}
