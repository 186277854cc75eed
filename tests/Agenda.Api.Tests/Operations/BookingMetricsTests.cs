using System.Net.Http.Json;
using Agenda.Api.Bookings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Agenda.Api.Tests.Operations;

/// <summary>What the booking counters count, exactly: each test has its own host, and the collectors listen to that host's meters only.</summary>
public sealed class BookingMetricsTests : IDisposable
{
    private readonly ApiHost host = new();
    private readonly MetricCollector<long> made;
    private readonly MetricCollector<long> refusals;

    public BookingMetricsTests()
    {
        var meters = host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        made = new MetricCollector<long>(meters, BookingMetrics.MeterName, BookingMetrics.MadeName);
        refusals = new MetricCollector<long>(meters, BookingMetrics.MeterName, BookingMetrics.RefusalsName);
    }

    public void Dispose()
    {
        made.Dispose();
        refusals.Dispose();
        host.Dispose();
    }

    [Fact]
    public async Task A_replayed_idempotent_booking_is_counted_once()
    {
        var owner = await OwnerWithIntro();

        using var first = await BookWithKey(owner, "key-1");
        using var replay = await BookWithKey(owner, "key-1");

        await Expect.Status(first, 201);
        await Expect.Status(replay, 201);
        Assert.Equal(1, made.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Empty(refusals.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task A_refused_cancellation_is_counted_with_its_reason_and_operation()
    {
        var owner = await OwnerWithIntro();
        var booking = await ApiClient.Expecting(host.Api().BookV1(owner, "intro", "2027-03-01T09:00:00Z"), 201);
        var cancel = $"/v1/bookings/{booking["id"]}/cancel?token={Uri.EscapeDataString(booking["management_token"]!.GetValue<string>())}";

        await ApiClient.Expecting(host.Api().Post(cancel, new { }), 200);
        using var again = await host.Api().Post(cancel, new { });

        await Expect.Problem(again, 409);
        var refusal = Assert.Single(refusals.GetMeasurementSnapshot());
        Assert.Equal("already_cancelled", refusal.Tags["reason"]);
        Assert.Equal("cancel", refusal.Tags["operation"]);
        Assert.Equal(1, made.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    private Task<HttpResponseMessage> BookWithKey(string owner, string key) =>
        host.Api().Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/owners/{owner}/meeting-types/intro/bookings")
        {
            Headers = { { "Idempotency-Key", key } },
            Content = JsonContent.Create(new { start = "2027-03-01T09:00:00Z", invitee = new { name = "Ben" } }),
        });

    private async Task<string> OwnerWithIntro()
    {
        var api = host.Api();
        var owner = await api.CreateOwner();
        await api.SetAvailabilityOk(owner, ApiClient.OnDay("2027-03-01", "09:00", "12:00"));
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 60 });
        return owner;
    }
}
