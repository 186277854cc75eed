using System.Net;
using System.Text.Json.Nodes;
using Agenda.Storage;
using Agenda.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Agenda.Api.Tests.Calendars;

public sealed class CalendarWriteBackTests(RadicaleServer radicale) : CalendarWriteBackTestsBase(new WriteBackHost(), radicale), IClassFixture<RadicaleServer>;

public sealed class CalendarWriteBackTestsOnPostgres(RadicaleServer radicale) : CalendarWriteBackTestsBase(new PostgresWriteBackHost(), radicale), IClassFixture<RadicaleServer>;

/// <summary>
/// Bookings are written into the owner's chosen CalDAV calendar (a real radicale) through the outbox: made, moved and
/// cancelled through the API, read back from the server. Each test has a host of its own, since some move the clock.
/// </summary>
public abstract class CalendarWriteBackTestsBase(ApiHost host, RadicaleServer radicale) : IDisposable
{
    private readonly ApiClient api = host.Api();

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_booking_is_written_into_the_calendar_moved_on_reschedule_and_removed_on_cancel()
    {
        var calendar = await radicale.CreateCalendarAsync(NewName(), "Bookings");
        var owner = await OwnerWithIntro();
        var connection = await ConnectAsync(owner, calendar);

        var (id, token) = await BookAsync(owner, "2027-03-01T09:00:00+01:00");
        var written = await WaitForObjectAsync(calendar, id, ics => ics is not null);
        Assert.Contains($"UID:{id}@agenda", written);
        Assert.Contains("DTSTART:20270301T080000Z", written);
        Assert.Contains("DTEND:20270301T083000Z", written);
        Assert.DoesNotContain("METHOD:", written);
        // The meeting type's title (not its slug) with the invitee, as the owner reads it.
        Assert.Contains("SUMMARY:Intro Call with Ben", written);

        await Expect.Status(await Send(HttpMethod.Post, $"/v1/bookings/{id}/reschedule", token, new { start = "2027-03-01T10:00:00+01:00" }), 200);
        var moved = await WaitForObjectAsync(calendar, id, ics => ics?.Contains("SEQUENCE:1") == true);
        Assert.Contains($"UID:{id}@agenda", moved);
        Assert.Contains("DTSTART:20270301T090000Z", moved);
        Assert.Equal([$"{id}.ics"], await ObjectNamesAsync(calendar));

        await Expect.Status(await Send(HttpMethod.Post, $"/v1/bookings/{id}/cancel", token, new { reason = "ill" }), 200);
        await WaitForObjectAsync(calendar, id, ics => ics is null);
        var log = await WaitForDeliveriesAsync(owner, connection, all => all.Count == 3 && all.All(d => d.Status == "delivered"));
        Assert.Equal(["booking.cancelled", "booking.created", "booking.rescheduled"], log.Select(d => d.EventType).Order());
        Assert.Empty(await ObjectNamesAsync(calendar));
    }

    [Fact]
    public async Task A_failed_write_is_a_failed_attempt_retried_on_schedule_and_the_booking_stands()
    {
        var calendar = await radicale.CreateCalendarAsync(NewName(), "Bookings");
        var owner = await OwnerWithIntro();
        var connection = await ConnectAsync(owner, new Uri(radicale.Home, NewName() + "/"));

        var (id, token) = await BookAsync(owner, "2027-03-01T09:00:00+01:00");
        var delivery = (await WaitForDeliveriesAsync(owner, connection, all => all.Count == 1 && all[0].Attempts == 1))[0];
        Assert.Equal("pending", delivery.Status);
        var attempt = Assert.Single(delivery.AttemptLog);
        Assert.NotNull(attempt.Error);
        Assert.NotNull(attempt.StatusCode);
        Assert.Contains(radicale.BaseUrl.Authority, attempt.Error);
        Assert.DoesNotContain(RadicaleServer.Password, attempt.Error);
        // The first retry is due 5 s later, with up to 10 % jitter.
        Assert.InRange((delivery.NextAttemptAt!.Value - delivery.AttemptLog[0].AttemptedAt).ToTimeSpan(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5.5));
        Assert.Equal("active", (await Expect.Json(await Send(HttpMethod.Get, $"/v1/bookings/{id}", token, null), 200))["status"]!.GetValue<string>());
        // The owner sees the failed attempt and its reason through the API.
        var shown = (await Expect.Json(await api.Get($"/v1/owners/{owner}/calendars/{connection}/deliveries"), 200))["deliveries"]!.AsArray();
        Assert.Equal(attempt.Error, Assert.Single(shown)!["attempt_log"]![0]!["error"]!.GetValue<string>());

        // The owner points the connection at a calendar that exists; the retry writes the booking there.
        await Expect.Status(await api.Put($"/v1/owners/{owner}/calendars/{connection}", new { write_calendar = calendar.AbsoluteUri }), 200);
        host.Clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Contains($"UID:{id}@agenda", await WaitForObjectAsync(calendar, id, ics => ics is not null));
        delivery = (await WaitForDeliveriesAsync(owner, connection, all => all[0].Status == "delivered"))[0];
        Assert.Equal(2, delivery.Attempts);
        Assert.Null(delivery.AttemptLog[1].Error);
    }

    [Fact]
    public async Task A_create_retried_after_the_cancel_leaves_no_event_behind()
    {
        var calendar = await radicale.CreateCalendarAsync(NewName(), "Bookings");
        var owner = await OwnerWithIntro();
        var connection = await ConnectAsync(owner, new Uri(radicale.Home, NewName() + "/"));
        var (id, token) = await BookAsync(owner, "2027-03-01T09:00:00+01:00");
        await WaitForDeliveriesAsync(owner, connection, all => all.Count == 1 && all[0].Attempts == 1);

        await Expect.Status(await Send(HttpMethod.Post, $"/v1/bookings/{id}/cancel", token, new { reason = "ill" }), 200);
        await WaitForDeliveriesAsync(owner, connection, all => all.Count == 2 && all.All(d => d.Attempts >= 1));
        await Expect.Status(await api.Put($"/v1/owners/{owner}/calendars/{connection}", new { write_calendar = calendar.AbsoluteUri }), 200);
        host.Clock.Advance(TimeSpan.FromSeconds(6));

        // The create's retry comes after the cancel: it writes the booking as it is now, cancelled, so nothing.
        var log = await WaitForDeliveriesAsync(owner, connection, all => all.All(d => d.Status == "delivered"));
        var created = log.Single(d => d.EventType == "booking.created");
        Assert.StartsWith("Removed", created.AttemptLog[^1].ResponseExcerpt);
        Assert.Empty(await ObjectNamesAsync(calendar));
    }

    [Fact]
    public async Task A_delivery_for_a_connection_removed_since_is_closed_with_a_note()
    {
        var owner = await OwnerWithIntro();
        var connection = await ConnectAsync(owner, new Uri(radicale.Home, NewName() + "/"));
        await BookAsync(owner, "2027-03-01T09:00:00+01:00");
        await WaitForDeliveriesAsync(owner, connection, all => all.Count == 1 && all[0].Attempts == 1);

        await Expect.Status(await api.Delete($"/v1/owners/{owner}/calendars/{connection}"), 204);
        host.Clock.Advance(TimeSpan.FromSeconds(6));

        var delivery = (await WaitForDeliveriesAsync(owner, connection, all => all[0].Status == "delivered"))[0];
        Assert.Equal(2, delivery.Attempts);
        Assert.Null(delivery.AttemptLog[1].Error);
        Assert.StartsWith("Not written", delivery.AttemptLog[1].ResponseExcerpt);
    }

    private static string NewName() => "wb-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string> OwnerWithIntro()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro Call", duration_minutes = 30 });
        return owner;
    }

    private async Task<string> ConnectAsync(string owner, Uri writeCalendar)
    {
        var connected = await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars", new
        {
            kind = "caldav",
            url = radicale.Home.AbsoluteUri,
            username = RadicaleServer.User,
            password = RadicaleServer.Password,
            write_calendar = writeCalendar.AbsoluteUri,
        }), 201);
        return connected["id"]!.GetValue<string>();
    }

    private async Task<(string Id, string Token)> BookAsync(string owner, string start)
    {
        var booking = await Expect.Json(await api.BookV1(owner, "intro", start), 201);
        return (booking["id"]!.GetValue<string>(), booking["management_token"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Headers = { Authorization = new("Bearer", token) } };
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body);
        }

        return api.Http.SendAsync(request);
    }

    /// <summary>The booking's object in the calendar, read straight from the server; null when there is none.</summary>
    private async Task<string?> ReadObjectAsync(Uri calendar, string bookingId)
    {
        using var response = await radicale.Http.GetAsync(new Uri(calendar, bookingId + ".ics"));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string?> WaitForObjectAsync(Uri calendar, string bookingId, Func<string?, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var ics = await ReadObjectAsync(calendar, bookingId);
        while (!condition(ics) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
            ics = await ReadObjectAsync(calendar, bookingId);
        }

        Assert.True(condition(ics), $"The calendar object of {bookingId} is not as expected:\n{ics ?? "(none)"}");
        return ics;
    }

    /// <summary>The names of the objects in the calendar (PROPFIND, Depth 1), without the calendar itself.</summary>
    private async Task<IReadOnlyList<string>> ObjectNamesAsync(Uri calendar)
    {
        using var request = new HttpRequestMessage(new HttpMethod("PROPFIND"), calendar)
        {
            Content = new StringContent("""<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>""", System.Text.Encoding.UTF8, "application/xml"),
            Headers = { { "Depth", "1" } },
        };
        using var response = await radicale.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        return xml.Descendants(System.Xml.Linq.XName.Get("href", "DAV:"))
            .Select(h => Uri.UnescapeDataString(h.Value.TrimEnd('/').Split('/')[^1]))
            .Where(name => name.EndsWith(".ics", StringComparison.Ordinal))
            .ToList();
    }

    private async Task<IReadOnlyList<DeliveryLog>> WaitForDeliveriesAsync(string owner, string connection, Func<IReadOnlyList<DeliveryLog>, bool> condition)
    {
        var deliveries = host.Services.GetRequiredService<IDeliveryLogStore>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var log = await deliveries.ListConnectionDeliveriesAsync(owner, connection, 50, CancellationToken.None);
        while (!(log.Count > 0 && condition(log)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
            log = await deliveries.ListConnectionDeliveriesAsync(owner, connection, 50, CancellationToken.None);
        }

        Assert.True(log.Count > 0 && condition(log), $"The calendar deliveries are not as expected: {string.Join("; ", log.Select(d => $"{d.EventType} {d.Status} x{d.Attempts} [{string.Join(", ", d.AttemptLog.Select(a => a.Error ?? a.ResponseExcerpt))}]"))}");
        return log;
    }
}

/// <summary>A host that can connect calendars on loopback (radicale), with an outbox that runs every 50 ms.</summary>
public sealed class WriteBackHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => WriteBackSettings.Values;
}

public sealed class PostgresWriteBackHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => WriteBackSettings.Values;

    protected override bool OnPostgres => true;
}

internal static class WriteBackSettings
{
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["Calendars:EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Calendars:AllowPrivateTargets"] = "true",
        ["Outbox:PollMilliseconds"] = "50",
    };
}
