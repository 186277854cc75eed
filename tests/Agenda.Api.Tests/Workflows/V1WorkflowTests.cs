using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;
using MimeKit;
using StandardWebhooks;

namespace Agenda.Api.Tests.Workflows;

public sealed class V1WorkflowTests() : V1WorkflowTestsBase(onPostgres: false);

public sealed class V1WorkflowTestsOnPostgres() : V1WorkflowTestsBase(onPostgres: true);

/// <summary>
/// Workflows through the API with a fake clock and a real SMTP conversation: timed runs follow a booking's moves and stop
/// when it is cancelled, each sent once, in the invitee's language; a workflow saved later is planned for bookings still
/// to come and follows its edits; bad templates and settings are refused with the line and change nothing.
/// </summary>
public abstract class V1WorkflowTestsBase(bool onPostgres) : IAsyncLifetime
{
    private readonly SmtpSink smtp = SmtpSink.Start();
    private WorkflowHost host = null!;
    private ApiClient api = null!;

    public Task InitializeAsync()
    {
        host = new WorkflowHost(smtp.Port, onPostgres);
        api = host.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_booking_a_move_and_a_cancel_give_exactly_the_runs_expected_once_each_in_the_invitees_language()
    {
        var owner = await OwnerAsync();
        var reminder = await Expect.Json(await api.Post($"/v1/owners/{owner}/workflows", new
        {
            name = "Reminder",
            trigger = "before_start",
            offset_minutes = 60,
            action = "email_invitee",
            subject = "Reminder: {{ booking.title }}",
            body = "Hello {{ invitee.name }},\nsee you {{ booking.start }}.\nTopic: {{ answer.topic | default: \"none\" }}",
            translations = new { de = new { subject = "Erinnerung: {{ booking.title }}", body = "Hallo {{ invitee.name | upcase }}, bis {{ booking.start }}." } },
            meeting_types = new[] { "intro" },
        }), 201);
        var followUp = await Expect.Json(await api.Post($"/v1/owners/{owner}/workflows", new
        {
            name = "Follow-up",
            trigger = "after_end",
            offset_minutes = 30,
            action = "email_owner",
            subject = "How did it go with {{ invitee.name }}?",
            body = "{{ booking.title }} ended at {{ booking.end }}.",
        }), 201);
        Assert.Null(reminder["secret"]);

        // Monday 25 November 2024; the clock stands at 08:00 UTC (09:00 in Berlin).
        var kept = await Expect.Json(await api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings",
            new { start = "2024-11-25T12:00:00+01:00", invitee = new { name = "Jonas <b>", email = "jonas@example.com", language = "de" } }), 201);
        var cancelled = await Expect.Json(await api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings",
            new { start = "2024-11-25T13:00:00+01:00", invitee = new { name = "Ben", email = "ben@example.com" } }), 201);
        await OutboxRounds.DrainAsync(host.Services);
        await Expect.Status(await api.Post($"/v1/bookings/{kept["id"]!.GetValue<string>()}/reschedule", new { start = "2024-11-25T15:00:00+01:00" }), 200);
        await Expect.Status(await api.Post($"/v1/bookings/{cancelled["id"]!.GetValue<string>()}/cancel", new { }), 200);
        await OutboxRounds.DrainAsync(host.Services);

        // Past every time either workflow set: 11:00 and 12:00 UTC for the reminders as first booked, 13:00 for the moved
        // meeting's, 15:00 for its follow-up.
        for (var hour = 0; hour < 8; hour++)
        {
            host.Clock.Advance(TimeSpan.FromHours(1));
            await OutboxRounds.DrainAsync(host.Services);
        }

        var fromWorkflows = smtp.Messages.Where(m => (m.Subject?.StartsWith("Erinnerung", StringComparison.Ordinal) ?? false) || (m.Subject?.StartsWith("Reminder", StringComparison.Ordinal) ?? false)
            || (m.Subject?.StartsWith("How did it go", StringComparison.Ordinal) ?? false)).ToList();
        Assert.Equal(2, fromWorkflows.Count);
        Assert.All(fromWorkflows, m => Assert.NotNull(m.TextBody));
        var toJonas = Assert.Single(fromWorkflows, m => m.To.Mailboxes.Single().Address == "jonas@example.com");
        Assert.Equal("Erinnerung: Intro Call mit Test Owner", toJonas.Subject);
        Assert.Equal("Hallo JONAS <B>, bis Montag, 25. November 2024, 15:00 – 15:30.", toJonas.TextBody!.Trim());
        Assert.Contains("JONAS &lt;B&gt;", toJonas.HtmlBody!, StringComparison.Ordinal);
        var toOwner = Assert.Single(fromWorkflows, m => m.To.Mailboxes.Single().Address == "owner@example.com");
        Assert.Equal("How did it go with Jonas <b>?", toOwner.Subject);
        Assert.Contains("ended at 15:30", toOwner.TextBody!, StringComparison.Ordinal);

        var runs = await RunsAsync(owner, reminder["id"]!.GetValue<string>());
        Assert.Equal(
            [("booking.created", "skipped"), ("booking.created", "skipped"), ("booking.rescheduled", "sent")],
            runs.Select(r => (r["event"]!.GetValue<string>(), r["status"]!.GetValue<string>())).OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal));
        Assert.All(runs.Where(r => r["status"]!.GetValue<string>() == "skipped"), r => Assert.NotNull(r["note"]));
        var sent = runs.Single(r => r["status"]!.GetValue<string>() == "sent");
        Assert.Equal("jonas@example.com", Assert.Single(sent["attempt_log"]!.AsArray())!["recipient"]!.GetValue<string>());
        Assert.Single(await RunsAsync(owner, followUp["id"]!.GetValue<string>()), r => r!["status"]!.GetValue<string>() == "sent");

        // Run again: the same message once more, on request.
        await Expect.Status(await api.Post($"/v1/owners/{owner}/workflows/{reminder["id"]}/runs/{sent["id"]}/run-again", new { }), 204);
        await OutboxRounds.DrainAsync(host.Services);
        Assert.Equal(2, smtp.Messages.Count(m => (m.Subject?.StartsWith("Erinnerung", StringComparison.Ordinal) ?? false)));
    }

    [Fact]
    public async Task A_timed_workflow_saved_later_is_planned_for_bookings_to_come_and_follows_its_edits()
    {
        var owner = await OwnerAsync();
        await Expect.Status(await api.BookV1(owner, "intro", "2024-11-25T15:00:00+01:00"), 201);
        await Expect.Status(await api.BookV1(owner, "intro", "2024-11-25T09:30:00+01:00"), 201);
        await OutboxRounds.DrainAsync(host.Services);
        var body = new { name = "Prepare", trigger = "before_start", offset_minutes = 120, action = "email_owner", subject = "Soon: {{ invitee.name }}", body = "{{ booking.start }}" };

        var created = await Expect.Json(await api.Post($"/v1/owners/{owner}/workflows", body), 201);
        var id = created["id"]!.GetValue<string>();

        // 14:00 UTC less two hours is still ahead; 08:30 UTC less two hours is past, so nothing is planned for it.
        var planned = Assert.Single(await RunsAsync(owner, id))!;
        Assert.Equal(("pending", "2024-11-25T12:00:00Z"), (planned["status"]!.GetValue<string>(), planned["next_attempt_at"]!.GetValue<string>()));
        await Expect.Status(await api.Put($"/v1/owners/{owner}/workflows/{id}", body with { offset_minutes = 30 }), 200);
        var moved = Assert.Single(await RunsAsync(owner, id))!;
        Assert.Equal(("pending", "2024-11-25T13:30:00Z"), (moved["status"]!.GetValue<string>(), moved["next_attempt_at"]!.GetValue<string>()));
        await Expect.Status(await api.Put($"/v1/owners/{owner}/workflows/{id}", new { body.name, body.trigger, offset_minutes = 30, body.action, body.subject, body.body, enabled = false }), 200);
        Assert.Equal("skipped", Assert.Single(await RunsAsync(owner, id))!["status"]!.GetValue<string>());

        host.Clock.Advance(TimeSpan.FromHours(6));
        await OutboxRounds.DrainAsync(host.Services);
        Assert.DoesNotContain(smtp.Messages, m => (m.Subject?.StartsWith("Soon", StringComparison.Ordinal) ?? false));
        await Expect.Status(await api.Delete($"/v1/owners/{owner}/workflows/{id}"), 204);
        await Expect.Status(await api.Get($"/v1/owners/{owner}/workflows/{id}"), 404);
    }

    [Fact]
    public async Task A_webhook_workflow_posts_the_booking_event_once_signed_with_its_own_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = await OwnerAsync();
        var created = await Expect.Json(await api.Post($"/v1/owners/{owner}/workflows", new { name = "Tell the CRM", trigger = "cancelled", action = "webhook", url = receiver.Url }), 201);
        var secret = created["secret"]!.GetValue<string>();
        var booking = await Expect.Json(await api.BookV1(owner, "intro", "2024-11-25T15:00:00+01:00"), 201);
        await OutboxRounds.DrainAsync(host.Services);
        Assert.Empty(receiver.Received);

        await Expect.Status(await api.Post($"/v1/bookings/{booking["id"]!.GetValue<string>()}/cancel", new { reason = "ill" }), 200);
        var received = Assert.Single(await receiver.WaitForAsync(1));
        await OutboxRounds.DrainAsync(host.Services);

        Assert.Single(receiver.Received);
        var expected = new StandardWebhook(secret).Sign(received.Id, DateTimeOffset.FromUnixTimeSeconds(long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture)), received.Body);
        Assert.Contains(expected, received.Signature.Split(' '));
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal(("workflow.run", "booking.cancelled", created["id"]!.GetValue<string>()), (body["type"]!.GetValue<string>(), body["event"]!.GetValue<string>(), body["workflow"]!["id"]!.GetValue<string>()));
        Assert.Equal(("cancelled", "ill"), (body["data"]!["status"]!.GetValue<string>(), body["data"]!["cancel_reason"]!.GetValue<string>()));
        Assert.StartsWith("run_", received.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marking_a_no_show_once_the_meeting_has_begun_runs_the_no_show_workflow_once()
    {
        var owner = await OwnerAsync();
        var workflow = await Expect.Json(await api.Post($"/v1/owners/{owner}/workflows", new
        {
            name = "Missed you",
            trigger = "no_show",
            action = "email_invitee",
            subject = "We missed you, {{ invitee.name }}",
            body = "Book again: {{ booking.title }}",
        }), 201);
        var booking = await Expect.Json(await api.BookV1(owner, "intro", "2024-11-25T10:00:00+01:00", name: "Ben", email: "ben@example.com"), 201);
        var id = booking["id"]!.GetValue<string>();
        var other = await OwnerAsync();

        Assert.Equal("not_begun", (await Expect.Json(await api.Put($"/v1/owners/{owner}/bookings/{id}/no-show", new { no_show = true }), 409))["reason"]!.GetValue<string>());
        host.Clock.Advance(TimeSpan.FromHours(2));
        await Expect.Status(await api.Put($"/v1/owners/{other}/bookings/{id}/no-show", new { no_show = true }), 404);
        await Expect.Status(await api.Put($"/v1/owners/{owner}/bookings/{id}/no-show", new { }), 400);
        Assert.True((await Expect.Json(await api.Put($"/v1/owners/{owner}/bookings/{id}/no-show", new { no_show = true }), 200))["no_show"]!.GetValue<bool>());
        Assert.True((await Expect.Json(await api.Put($"/v1/owners/{owner}/bookings/{id}/no-show", new { no_show = true }), 200))["no_show"]!.GetValue<bool>());
        await smtp.WaitForAsync(3);
        await OutboxRounds.DrainAsync(host.Services);

        var missed = Assert.Single(smtp.Messages, m => m.Subject?.StartsWith("We missed you", StringComparison.Ordinal) ?? false);
        Assert.Equal("We missed you, Ben", missed.Subject);
        Assert.Equal("sent", Assert.Single(await RunsAsync(owner, workflow["id"]!.GetValue<string>()))["status"]!.GetValue<string>());
        Assert.False((await Expect.Json(await api.Put($"/v1/owners/{owner}/bookings/{id}/no-show", new { no_show = false }), 200))["no_show"]!.GetValue<bool>());
        var cancelled = await Expect.Json(await api.BookV1(owner, "intro", "2024-11-25T16:00:00+01:00"), 201);
        await Expect.Status(await api.Post($"/v1/bookings/{cancelled["id"]!.GetValue<string>()}/cancel", new { }), 200);
        host.Clock.Advance(TimeSpan.FromHours(6));
        Assert.Equal("not_active", (await Expect.Json(await api.Put($"/v1/owners/{owner}/bookings/{cancelled["id"]}/no-show", new { no_show = true }), 409))["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("body", "Hello\n{% if invitee.name %}no end", "line 2")]
    [InlineData("body", "Hello\n\n{{ bookng.start }}", "'bookng.start'")]
    [InlineData("subject", "{{ booking.starts }}", "booking.start")]
    [InlineData("body", "{{ invitee.name | shout }}", "'shout'")]
    [InlineData("body", "{% include 'other' %}", "'include'")]
    public async Task A_template_that_does_not_parse_or_reads_what_does_not_exist_is_refused_with_its_line_and_nothing_is_saved(string field, string template, string said)
    {
        var owner = await OwnerAsync();
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Bad",
            ["trigger"] = "booked",
            ["action"] = "email_invitee",
            ["subject"] = "Fine",
            ["body"] = "Fine",
        };
        body[field] = template;

        var problem = await Expect.Json(await api.Post($"/v1/owners/{owner}/workflows", body), 400);

        Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains(said, problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await Expect.Json(await api.Get($"/v1/owners/{owner}/workflows"), 200))["workflows"]!.AsArray());
    }

    [Fact]
    public async Task Absurd_offsets_loops_and_unknown_types_are_refused_clearly()
    {
        var owner = await OwnerAsync();
        async Task<string[]> Refused(object body) =>
            [.. (await Expect.Json(await api.Post($"/v1/owners/{owner}/workflows", body), 400))["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal)];

        Assert.Equal(["offset_minutes"], await Refused(new { name = "x", trigger = "before_start", offset_minutes = 600_000, action = "email_owner", subject = "s", body = "b" }));
        Assert.Equal(["offset_minutes"], await Refused(new { name = "x", trigger = "before_start", offset_minutes = -5, action = "email_owner", subject = "s", body = "b" }));
        Assert.Equal(["offset_minutes"], await Refused(new { name = "x", trigger = "booked", offset_minutes = 30, action = "email_owner", subject = "s", body = "b" }));
        Assert.Equal(["url"], await Refused(new { name = "x", trigger = "booked", action = "webhook", url = $"{api.Http.BaseAddress}v1/owners/{owner}/meeting-types/intro/bookings" }));
        Assert.Equal(["address"], await Refused(new { name = "x", trigger = "booked", action = "email_address", subject = "s", body = "b" }));
        Assert.Equal(["meeting_types[0]"], await Refused(new { name = "x", trigger = "booked", action = "email_owner", subject = "s", body = "b", meeting_types = new[] { "nope" } }));
        Assert.Equal(["translations.xx", "trigger"], await Refused(new { name = "x", trigger = "sometimes", action = "email_owner", subject = "s", body = "b", translations = new { xx = new { subject = "s", body = "b" } } }));

        var webhook = await Expect.Json(await api.Post($"/v1/owners/{owner}/workflows", new { name = "Hook", trigger = "booked", action = "webhook", url = "https://hooks.example.com/agenda" }), 201);
        Assert.StartsWith("whsec_", webhook["secret"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null((await Expect.Json(await api.Get($"/v1/owners/{owner}/workflows/{webhook["id"]}"), 200))["secret"]);
        var preview = await Expect.Json(await api.Post($"/v1/owners/{owner}/workflow-preview", new { subject = "Hi {{ invitee.name }}", body = "<i>{{ booking.location }}</i>", language = "fr" }), 200);
        Assert.Equal("Hi Jane Doe", preview["subject"]!.GetValue<string>());
        Assert.Contains("&lt;i&gt;Video call: <a href=\"https://meet.example.org/sample\">https://meet.example.org/sample</a>&lt;/i&gt;", preview["html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<JsonNode>> RunsAsync(string owner, string workflow) =>
        [.. (await Expect.Json(await api.Get($"/v1/owners/{owner}/workflows/{workflow}/runs"), 200))["runs"]!.AsArray().Select(r => r!)];

    private async Task<string> OwnerAsync()
    {
        var owner = ApiClient.NewOwner();
        await Expect.Status(await api.Post("/v1/owners", new { id = owner, name = "Test Owner", time_zone = "Europe/Berlin" }), 201);
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "17:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro Call", duration_minutes = 30 });
        await Expect.Status(await api.Put($"/v1/owners/{owner}/notifications", new { email = "owner@example.com", language = "en" }), 200);
        return owner;
    }

    private sealed class WorkflowHost(int smtpPort, bool onPostgres) : ApiHost
    {
        protected override bool OnPostgres => onPostgres;

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Outbox:PollMilliseconds"] = "50",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:From"] = "Agenda <agenda@example.com>",
            // The built-in reminder is off: every reminder here is a workflow's.
            ["Email:ReminderMinutes"] = "0",
            // The webhook receiver listens on this machine.
            ["Webhooks:AllowPrivateTargets"] = "true",
        };
    }
}
