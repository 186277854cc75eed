using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;
using StandardWebhooks;

namespace Agenda.Api.Tests.Calendars;

public sealed class CalendarNoticeTests() : CalendarNoticeTestsBase(onPostgres: false);

public sealed class CalendarNoticeTestsOnPostgres() : CalendarNoticeTestsBase(onPostgres: true);

/// <summary>
/// The owner is told when a working calendar starts failing and when it goes stale: a signed webhook to the endpoints
/// that subscribed to calendar.failing / calendar.stale (and to no other), and an e-mail to the owner's address. Going
/// stale is told without the calendar being read again: it happens at a moment, not at a read.
/// </summary>
public abstract class CalendarNoticeTestsBase(bool onPostgres) : IAsyncLifetime
{
    private readonly SmtpSink smtp = SmtpSink.Start();
    private NoticeHost host = null!;
    private ApiClient api = null!;
    private TestFeed feed = null!;
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync()
    {
        host = new NoticeHost(smtp.Port, onPostgres);
        api = host.Api();
        feed = await TestFeed.StartAsync();
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await receiver.DisposeAsync();
        await feed.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_calendar_that_starts_failing_and_then_goes_stale_is_told_by_webhook_and_email_once_each()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await Expect.Status(await api.Put($"/v1/owners/{owner}/notifications", new { email = "owner@example.com", language = "en" }), 200);
        var calendarHook = await Expect.Json(await api.Post($"/v1/owners/{owner}/webhooks", new { url = receiver.Url, events = new[] { "calendar.failing", "calendar.stale" } }), 201);
        var bookingHook = await Expect.Json(await api.Post($"/v1/owners/{owner}/webhooks", new { url = receiver.Url }), 201);
        var id = (await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars", new { kind = "ics", url = feed.Url }), 201))["id"]!.GetValue<string>();

        feed.Status = 401;
        await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars/{id}/sync", new { }), 200);

        var failing = (await receiver.WaitForAsync(1)).Single();
        var signed = new StandardWebhook(calendarHook["secret"]!.GetValue<string>())
            .Sign(failing.Id, DateTimeOffset.FromUnixTimeSeconds(long.Parse(failing.Timestamp, System.Globalization.CultureInfo.InvariantCulture)), failing.Body);
        Assert.Contains(signed, failing.Signature.Split(' '));
        var body = JsonNode.Parse(failing.Body)!;
        Assert.Equal("calendar.failing", body["type"]!.GetValue<string>());
        Assert.Equal(id, body["data"]!["connection_id"]!.GetValue<string>());
        Assert.Equal("failing", body["data"]!["state"]!.GetValue<string>());
        Assert.Contains("401", body["data"]!["last_error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", failing.Body, StringComparison.Ordinal);
        var failingMail = (await smtp.WaitForAsync(1)).Single();
        Assert.Equal("owner@example.com", failingMail.To.Mailboxes.Single().Address);
        Assert.Contains("cannot be read", failingMail.Subject, StringComparison.Ordinal);
        Assert.Contains("401", failingMail.TextBody, StringComparison.Ordinal);

        // Past Calendars:MaxStaleMinutes the worker records it stale and tells, without reading the calendar.
        var reads = feed.Requests;
        host.Clock.Advance(TimeSpan.FromMinutes(60));

        var stale = (await receiver.WaitForAsync(2))[1];
        Assert.Equal("calendar.stale", JsonNode.Parse(stale.Body)!["type"]!.GetValue<string>());
        Assert.Equal("stale", JsonNode.Parse(stale.Body)!["data"]!["state"]!.GetValue<string>());
        var staleMail = (await smtp.WaitForAsync(2))[1];
        Assert.Contains("out of date", staleMail.Subject, StringComparison.Ordinal);
        Assert.Contains("offers no times", staleMail.TextBody, StringComparison.Ordinal);
        Assert.Equal(reads, feed.Requests);
        // Another read that fails tells nothing new; the endpoint for booking events heard of none of it.
        await Expect.Json(await api.Post($"/v1/owners/{owner}/calendars/{id}/sync", new { }), 200);
        var deliveries = await Expect.Json(await api.Get($"/v1/owners/{owner}/webhooks/{calendarHook["id"]!.GetValue<string>()}/deliveries"), 200);
        Assert.Equal(2, deliveries["deliveries"]!.AsArray().Count);
        var none = await Expect.Json(await api.Get($"/v1/owners/{owner}/webhooks/{bookingHook["id"]!.GetValue<string>()}/deliveries"), 200);
        Assert.Empty(none["deliveries"]!.AsArray());
    }

    private sealed class NoticeHost(int port, bool onPostgres) : ApiHost
    {
        protected override bool OnPostgres => onPostgres;

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Calendars:EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Calendars:AllowPrivateTargets"] = "true",
            ["Calendars:PollMilliseconds"] = "100",
            // Read only when asked: going stale must be told without a read.
            ["Calendars:SyncMinutes"] = "1440",
            ["Calendars:TimeoutSeconds"] = "2",
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Outbox:PollMilliseconds"] = "50",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:From"] = "Agenda <agenda@example.com>",
        };
    }
}
