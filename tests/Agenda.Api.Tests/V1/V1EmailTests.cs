using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MimeKit;

namespace Agenda.Api.Tests.V1;

public sealed class V1EmailTests() : V1EmailTestsBase(onPostgres: false);

public sealed class V1EmailTestsOnPostgres() : V1EmailTestsBase(onPostgres: true);

/// <summary>
/// Booking e-mail to the invitee and the owner, through a real SMTP conversation: texts in the owner's language (or the
/// invitee's, when known), and the booking as an iCalendar invitation that calendar programs update in place (UID,
/// SEQUENCE, METHOD).
/// </summary>
public abstract class V1EmailTestsBase(bool onPostgres) : IAsyncLifetime
{
    private readonly SmtpSink smtp = SmtpSink.Start();
    private EmailHost host = null!;
    private ApiClient api = null!;

    public Task InitializeAsync()
    {
        host = new EmailHost(smtp.Port, onPostgres);
        api = host.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task Booking_and_moving_and_cancelling_mail_both_sides_an_invitation_with_one_uid_and_growing_sequence()
    {
        var owner = await OwnerAsync(language: "en");
        var booking = await Expect.Json(await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00", name: "Ben <script>", email: "ben@example.com"), 201);
        var id = booking["id"]!.GetValue<string>();
        var token = booking["management_token"]!.GetValue<string>();
        await smtp.WaitForAsync(2);
        await Expect.Status(await Send($"/v1/bookings/{id}/reschedule", token, new { start = "2027-03-01T10:00:00+01:00" }), 200);
        await smtp.WaitForAsync(4);
        await Expect.Status(await Send($"/v1/bookings/{id}/cancel", token, new { reason = "ill" }), 200);

        var messages = await smtp.WaitForAsync(6);

        Assert.Equal(3, messages.Count(m => m.To.Mailboxes.Single().Address == "ben@example.com"));
        Assert.Equal(3, messages.Count(m => m.To.Mailboxes.Single().Address == "owner@example.com"));
        var invitations = messages.Select(m => (Message: m, Calendar: Calendar.Load(Invitation(m).Text)!)).ToList();
        Assert.All(invitations, i => Assert.Equal($"{id}@agenda", i.Calendar.Events.Single().Uid));
        var toBen = invitations.Where(i => i.Message.To.Mailboxes.Single().Address == "ben@example.com").ToList();
        Assert.Equal(["REQUEST", "REQUEST", "CANCEL"], toBen.Select(i => i.Calendar.Method));
        Assert.Equal([0, 1, 1], toBen.Select(i => i.Calendar.Events.Single().Sequence));
        Assert.Equal(new DateTime(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc), toBen[1].Calendar.Events.Single().DtStart!.AsUtc);
        Assert.Equal("CANCEL", Invitation(toBen[2].Message).ContentType.Parameters["method"]);
        Assert.Contains("Booking moved", toBen[1].Message.Subject);
        Assert.Contains("Monday, 1 March 2027, 10:00 – 10:30", toBen[1].Message.TextBody);
        Assert.Contains("ill", toBen[2].Message.TextBody);
        // What the invitee typed stays plain text.
        Assert.Contains("Ben <script>", messages.First(m => m.To.Mailboxes.Single().Address == "owner@example.com").TextBody);
        Assert.Null(messages[0].HtmlBody);
    }

    [Fact]
    public async Task The_owners_language_writes_the_mail_in_german_with_the_cultures_long_date()
    {
        var owner = await OwnerAsync(language: "de");

        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00", email: "ben@example.com"), 201);

        var message = (await smtp.WaitForAsync(2)).First(m => m.To.Mailboxes.Single().Address == "ben@example.com");
        Assert.StartsWith("Termin bestätigt", message.Subject);
        // The booking pages' own form (InviteeFormat): "Montag, 1. März 2027", not "Montag 1 März 2027".
        Assert.Contains("Montag, 1. März 2027, 09:00 – 09:30", message.Subject);
        Assert.Contains("Montag, 1. März 2027, 09:00 – 09:30 (Europe/Berlin)", message.TextBody);
    }

    [Fact]
    public async Task The_invitees_mail_speaks_their_language_on_their_clock_and_the_owners_mail_the_owners()
    {
        var owner = await OwnerAsync(language: "en");

        var body = new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Bea", email = "bea@example.com", language = "de", time_zone = "America/New_York" } };
        await Expect.Status(await api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings", body), 201);

        var messages = await smtp.WaitForAsync(2);
        var toBea = messages.Single(m => m.To.Mailboxes.Single().Address == "bea@example.com");
        Assert.StartsWith("Termin bestätigt", toBea.Subject);
        Assert.Contains("Montag, 1. März 2027, 03:00 – 03:30 (America/New_York)", toBea.TextBody);
        var toOwner = messages.Single(m => m.To.Mailboxes.Single().Address == "owner@example.com");
        Assert.StartsWith("Booking confirmed", toOwner.Subject);
        Assert.Contains("Monday, 1 March 2027, 09:00 – 09:30 (Europe/Berlin)", toOwner.TextBody);
    }

    [Theory]
    [InlineData("ja", null, "invitee.language")]
    [InlineData(null, "Mars/Olympus", "invitee.time_zone")]
    public async Task An_unknown_invitee_language_or_zone_is_refused_and_books_nothing(string? language, string? zone, string field)
    {
        var owner = await OwnerAsync(language: "en");

        var body = new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Bea", email = "bea@example.com", language, time_zone = zone } };
        var problem = await Expect.Json(await api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings", body), 400);

        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(2, (await Expect.Json(await api.Get($"/v1/owners/{owner}/meeting-types/intro/slots?from=2027-03-01&to=2027-03-01"), 200))["slots"]!.AsArray().Count(s => s!["start_utc"]!.GetValue<string>().StartsWith("2027-03-01T08:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_reminder_goes_out_before_the_meeting_and_not_for_a_booking_moved_since()
    {
        var owner = await OwnerAsync(language: "en");
        await Expect.Status(await api.BookV1(owner, "intro", "2024-11-25T11:00:00+01:00", name: "Kept", email: "kept@example.com"), 201);
        var moved = await Expect.Json(await api.BookV1(owner, "intro", "2024-11-25T10:30:00+01:00", name: "Moved", email: "moved@example.com"), 201);
        await smtp.WaitForAsync(4);
        await Expect.Status(await Send($"/v1/bookings/{moved["id"]!.GetValue<string>()}/reschedule", moved["management_token"]!.GetValue<string>(), new { start = "2024-11-25T14:00:00+01:00" }), 200);
        await smtp.WaitForAsync(6);

        // Reminders come an hour before (this host's Email:ReminderMinutes): at 09:00 UTC for the meeting kept at 10:00 UTC,
        // and at 08:30 UTC for the one first booked at 09:30 UTC, which has moved to 13:00 UTC since.
        host.Clock.Advance(TimeSpan.FromMinutes(61));
        await smtp.WaitForAsync(8);
        await OutboxRounds.DrainAsync(host.Services);

        var reminders = smtp.Messages.Where(m => m.Subject?.StartsWith("Reminder", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(["kept@example.com", "owner@example.com"], reminders.Select(r => r.To.Mailboxes.Single().Address).Order());
        Assert.Contains("Kept", reminders.Single(r => r.To.Mailboxes.Single().Address == "owner@example.com").Subject);
    }

    [Fact]
    public async Task Each_side_reads_the_meetings_title_and_the_other_party_in_their_own_language()
    {
        var owner = await OwnerAsync(language: "en", name: "Ana Owner");

        var body = new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Bea", email = "bea@example.com", language = "de" } };
        var booking = await Expect.Json(await api.Post($"/v1/owners/{owner}/meeting-types/intro/bookings", body), 201);

        var messages = await smtp.WaitForAsync(2);
        var toBea = messages.Single(m => m.To.Mailboxes.Single().Address == "bea@example.com");
        Assert.StartsWith("Termin bestätigt: Intro Call mit Ana Owner, ", toBea.Subject);
        Assert.Equal("Intro Call mit Ana Owner", Calendar.Load(Invitation(toBea).Text)!.Events.Single().Summary);
        var toOwner = messages.Single(m => m.To.Mailboxes.Single().Address == "owner@example.com");
        Assert.StartsWith("Booking confirmed: Intro Call with Bea, ", toOwner.Subject);
        Assert.Equal("Intro Call with Bea", Calendar.Load(Invitation(toOwner).Text)!.Events.Single().Summary);

        // The booking's own calendar file, read by the invitee with their token and by the owner.
        var id = booking["id"]!.GetValue<string>();
        var token = booking["management_token"]!.GetValue<string>();
        using var byInvitee = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/bookings/{id}/calendar.ics") { Headers = { Authorization = new("Bearer", token) } });
        Assert.Equal("Intro Call mit Ana Owner", Calendar.Load(await byInvitee.Content.ReadAsStringAsync())!.Events.Single().Summary);
        using var byOwner = await api.Get($"/v1/bookings/{id}/calendar.ics");
        Assert.Equal("Intro Call with Bea", Calendar.Load(await byOwner.Content.ReadAsStringAsync())!.Events.Single().Summary);
    }

    [Fact]
    public async Task The_owners_mail_gives_the_invitees_address_and_replies_to_the_invitee()
    {
        var owner = await OwnerAsync(language: "en");

        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00", name: "Ben", email: "ben@example.com"), 201);

        var messages = await smtp.WaitForAsync(2);
        var toOwner = messages.Single(m => m.To.Mailboxes.Single().Address == "owner@example.com");
        Assert.Equal("ben@example.com", toOwner.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("Ben", toOwner.ReplyTo.Mailboxes.Single().Name);
        Assert.Contains("E-mail: ben@example.com", toOwner.TextBody);
        var toBen = messages.Single(m => m.To.Mailboxes.Single().Address == "ben@example.com");
        Assert.Empty(toBen.ReplyTo);
    }

    [Fact]
    public async Task The_invitees_mail_links_to_the_manage_page_which_opens_and_no_log_holds_its_token()
    {
        var port = FreePort();
        using var linked = new EmailHost(smtp.Port, onPostgres, new Dictionary<string, string>
        {
            ["PublicBaseUrl"] = $"http://127.0.0.1:{port}/",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        }, port);
        var linkedApi = linked.Api();
        var owner = await OwnerAsync(language: "en", client: linkedApi);
        var booking = await Expect.Json(await linkedApi.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00", name: "Ben", email: "ben@example.com"), 201);
        var id = booking["id"]!.GetValue<string>();

        var messages = await smtp.WaitForAsync(2);
        var toBen = messages.Single(m => m.To.Mailboxes.Single().Address == "ben@example.com");
        var link = System.Text.RegularExpressions.Regex.Match(toBen.TextBody ?? "", $@"http://127\.0\.0\.1:{port}/booking/\S+").Value;
        Assert.StartsWith($"http://127.0.0.1:{port}/booking/{id}?token=", link);
        Assert.DoesNotContain("/booking/", messages.Single(m => m.To.Mailboxes.Single().Address == "owner@example.com").TextBody);

        // The link as the invitee's mail program opens it: a plain GET, with no other credential.
        using var browser = new HttpClient();
        using var page = await browser.GetAsync(link);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Intro Call", await page.Content.ReadAsStringAsync());
        using var wrong = await browser.GetAsync(link[..^3] + "xyz");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, wrong.StatusCode);

        // The link's token opens this booking, as its management token does (the page's calendar file too), and no other.
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];
        using var file = await browser.GetAsync($"http://127.0.0.1:{port}/v1/bookings/{id}/calendar.ics?token={token}");
        Assert.Equal(System.Net.HttpStatusCode.OK, file.StatusCode);
        var other = await Expect.Json(await linkedApi.BookV1(owner, "intro", "2027-03-01T10:00:00+01:00", name: "Cy", email: null), 201);
        using var elsewhere = await browser.GetAsync($"http://127.0.0.1:{port}/booking/{other["id"]!.GetValue<string>()}?token={token}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, elsewhere.StatusCode);

        var logged = linked.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logged, l => l.Message.Contains($"/booking/{id}", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Message.Contains(Uri.UnescapeDataString(token), StringComparison.Ordinal) || l.Message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mail_refused_by_the_server_is_logged_without_secrets_shown_to_the_owner_and_reported_degraded()
    {
        await using var refusing = SmtpSink.Start(refuseAuthentication: true);
        const string password = "s3cret-smtp-password";
        using var failing = new EmailHost(refusing.Port, onPostgres, new Dictionary<string, string>
        {
            ["Email:Smtp:Username"] = "agenda",
            ["Email:Smtp:Password"] = password,
        });
        var failingApi = failing.Api();
        var owner = await OwnerAsync(language: "en", client: failingApi);
        var booking = await Expect.Json(await failingApi.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00", name: "Ben", email: "ben@example.com"), 201);

        // Both messages are attempted once and fail; the owner sees each with its attempt and the server's answer.
        JsonNode deliveries = null!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            deliveries = await Expect.Json(await failingApi.Get($"/v1/owners/{owner}/email-deliveries"), 200);
        }
        while (deliveries["deliveries"]!.AsArray().Count(d => d!["attempt_log"]!.AsArray().Count > 0) < 2 && DateTime.UtcNow < deadline && await Delay());

        // The confirmations were attempted; the reminders (an hour before the meeting) wait their turn.
        var all = deliveries["deliveries"]!.AsArray().Select(d => d!).ToList();
        Assert.Equal(2, all.Count(d => d["channel"]!.GetValue<string>() == "reminder" && d["attempt_log"]!.AsArray().Count == 0));
        var list = all.Where(d => d["channel"]!.GetValue<string>() == "email").ToList();
        Assert.Equal(["invitee", "owner"], list.Select(d => d["recipient_role"]!.GetValue<string>()).Order());
        Assert.All(list, d =>
        {
            Assert.Equal("booking.created", d["event_type"]!.GetValue<string>());
            Assert.Equal("pending", d["status"]!.GetValue<string>());
            var attempt = d["attempt_log"]!.AsArray()[0]!;
            Assert.Equal(535, attempt["status_code"]!.GetValue<int>());
            Assert.Contains("535", attempt["error"]!.GetValue<string>());
        });
        Assert.Equal("ben@example.com", list.Single(d => d["recipient_role"]!.GetValue<string>() == "invitee")["recipient"]!.GetValue<string>());

        // The operator's log says which delivery failed and why, with neither the password nor the booking's token.
        var token = booking["management_token"]!.GetValue<string>();
        var logged = failing.Services.GetFakeLogCollector().GetSnapshot();
        var failures = logged.Where(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains("e-mail", StringComparison.OrdinalIgnoreCase) && l.Message.Contains("535", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, l => Assert.Contains(list[0]["event_id"]!.GetValue<string>(), l.Message));
        Assert.DoesNotContain(logged, l => l.Message.Contains(password, StringComparison.Ordinal) || l.Message.Contains(token, StringComparison.Ordinal)
            || (l.Exception?.ToString().Contains(password, StringComparison.Ordinal) ?? false));

        // Readiness stays (the database serves bookings), degraded by the e-mail entry.
        using var ready = await failingApi.Get("/readyz");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        Assert.Empty(refusing.Messages);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(50);
        return true;
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static TextPart Invitation(MimeMessage message) =>
        message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");

    private Task<HttpResponseMessage> Send(string path, string token, object body) =>
        api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = System.Net.Http.Json.JsonContent.Create(body),
            Headers = { Authorization = new("Bearer", token) },
        });

    [Fact]
    public async Task A_team_booking_mails_every_host_and_the_invitee_once()
    {
        var hosts = new List<string>();
        foreach (var (address, name) in new[] { ("ana@example.com", "Ana"), ("ben@example.com", "Ben") })
        {
            var owner = await OwnerAsync(language: "en", name: name);
            await Expect.Status(await api.Put($"/v1/owners/{owner}/notifications", new { email = address, language = "en" }), 200);
            hosts.Add(owner);
        }

        var team = ApiClient.NewOwner();
        await Expect.Status(await api.Post($"/v1/owners/{hosts[0]}/teams", new { id = team, name = "Panel" }), 201);
        await Expect.Status(await api.Put($"/v1/teams/{team}/members/{hosts[1]}", new { }), 200);
        await Expect.Status(await api.Post($"/v1/teams/{team}/meeting-types", new
        {
            slug = "panel",
            title = "Panel",
            kind = "collective",
            duration_minutes = 30,
            hosts = hosts.Select(h => new { owner_id = h }).ToArray(),
        }), 201);

        await Expect.Status(await api.Post($"/v1/teams/{team}/meeting-types/panel/bookings", new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Zoe", email = "zoe@example.com" } }), 201);
        var messages = await smtp.WaitForAsync(3);
        // Anything sent twice would have arrived by the end of the dispatcher's next two rounds.
        await OutboxRounds.DrainAsync(host.Services);

        Assert.Equal(["ana@example.com", "ben@example.com", "zoe@example.com"], smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(messages, m => Assert.Contains("Monday, 1 March 2027, 09:00 – 09:30", m.TextBody));
        // The invitee's copy names the hosts; each host's names the invitee.
        Assert.StartsWith("Booking confirmed: Panel with Ana, Ben, ", smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "zoe@example.com").Subject);
        Assert.All(smtp.Messages.Where(m => m.To.Mailboxes.Single().Address != "zoe@example.com"), m => Assert.StartsWith("Booking confirmed: Panel with Zoe, ", m.Subject));
    }

    [Fact]
    public async Task A_branded_owners_mail_has_an_html_part_with_the_welcome_the_colour_and_the_photo_inline_and_the_same_text()
    {
        var plain = await OwnerAsync(language: "en");
        var branded = await OwnerAsync(language: "en");
        await Expect.Status(await api.Put($"/v1/owners/{branded}/branding", new { brand_color = "#0b5394", welcome = "Welcome <friend>!\nSee you soon & bring questions." }), 200);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        await Expect.Status(await api.Http.PutAsync($"/v1/owners/{branded}/photo", new ByteArrayContent(png)), 200);

        await Expect.Status(await api.BookV1(plain, "intro", "2027-03-01T09:00:00+01:00", name: "Ben <script>", email: "ben@example.com"), 201);
        await Expect.Status(await api.BookV1(branded, "intro", "2027-03-01T09:00:00+01:00", name: "Ben <script>", email: "ben@example.com"), 201);
        var messages = await smtp.WaitForAsync(4);

        var toBen = messages.Where(m => m.To.Mailboxes.Single().Address == "ben@example.com").ToList();
        var (withBrand, without) = toBen[0].HtmlBody is null ? (toBen[1], toBen[0]) : (toBen[0], toBen[1]);
        Assert.Null(without.HtmlBody);
        Assert.Equal(without.TextBody, withBrand.TextBody);
        var html = withBrand.HtmlBody!;
        Assert.Contains("Welcome &lt;friend&gt;!<br>", html, StringComparison.Ordinal);
        Assert.Contains("See you soon &amp; bring questions.", html, StringComparison.Ordinal);
        Assert.Contains("background-color:#0b5394", html, StringComparison.Ordinal);
        Assert.Contains("Monday, 1 March 2027, 09:00 – 09:30 (Europe/Berlin)", html, StringComparison.Ordinal);
        var image = Assert.Single(withBrand.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        Assert.False(string.IsNullOrEmpty(image.ContentId));
        Assert.Contains($"src=\"cid:{image.ContentId}\"", html, StringComparison.Ordinal);
        using var bytes = new MemoryStream();
        await image.Content!.DecodeToAsync(bytes);
        Assert.Equal(png, bytes.ToArray());
        // The owner's copy is branded too, and what the invitee typed is encoded there.
        var toOwner = messages.Single(m => m.To.Mailboxes.Single().Address == "owner@example.com" && m.HtmlBody is not null);
        Assert.Contains("Ben &lt;script&gt;", toOwner.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", toOwner.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_mails_the_invitee_that_it_was_sent_and_the_owner_a_link_that_answers_it_and_confirming_sends_the_invitation()
    {
        var port = FreePort();
        using var linked = new EmailHost(smtp.Port, onPostgres, new Dictionary<string, string> { ["PublicBaseUrl"] = $"http://127.0.0.1:{port}/" }, port);
        var linkedApi = linked.Api();
        var owner = await OwnerAsync(language: "en", client: linkedApi);
        await linkedApi.CreateMeetingType(owner, new { slug = "consult", title = "Consultation", duration_minutes = 60, approval = new { expires_after_minutes = 2880 } });
        var request = await Expect.Json(await linkedApi.BookV1(owner, "consult", "2027-03-01T09:00:00+01:00", name: "Ben", email: "ben@example.com"), 201);
        var id = request["id"]!.GetValue<string>();

        var sent = await smtp.WaitForAsync(2);
        var toBen = sent.Single(m => m.To.Mailboxes.Single().Address == "ben@example.com");
        var toOwner = sent.Single(m => m.To.Mailboxes.Single().Address == "owner@example.com");
        Assert.StartsWith("Booking requested: ", toBen.Subject, StringComparison.Ordinal);
        Assert.Contains("will confirm or decline this request", toBen.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("New booking request: ", toOwner.Subject, StringComparison.Ordinal);
        Assert.Contains("Answer by: ", toOwner.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(toBen.BodyParts.OfType<TextPart>(), p => p.ContentType.MimeType == "text/calendar");
        var link = System.Text.RegularExpressions.Regex.Match(toOwner.TextBody ?? "", $@"http://127\.0\.0\.1:{port}/booking/{id}/answer\?token=apr_\S+").Value;
        Assert.NotEmpty(link);
        Assert.DoesNotContain("/answer", toBen.TextBody, StringComparison.Ordinal);

        // The owner's link opens the request's page, and no more: not the booking as the invitee's token does.
        using var browser = new HttpClient();
        using (var page = await browser.GetAsync(link))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Consultation", await page.Content.ReadAsStringAsync());
        }

        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
        using var asInvitee = await browser.GetAsync($"http://127.0.0.1:{port}/booking/{id}?token={Uri.EscapeDataString(token)}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, asInvitee.StatusCode);

        await Expect.Status(await linkedApi.Post($"/v1/bookings/{id}/confirm", new { }), 200);
        var confirmed = (await smtp.WaitForAsync(4)).Skip(2).ToList();
        Assert.All(confirmed, m => Assert.StartsWith("Booking confirmed: ", m.Subject, StringComparison.Ordinal));
        Assert.Equal("REQUEST", Calendar.Load(Invitation(confirmed.Single(m => m.To.Mailboxes.Single().Address == "ben@example.com")).Text)!.Method);
    }

    [Fact]
    public async Task Each_seat_of_a_class_mails_its_own_invitee_and_the_owner_with_an_invitation_of_its_own()
    {
        var owner = await OwnerAsync(language: "en");
        await api.CreateMeetingType(owner, new { slug = "class", title = "Yoga class", duration_minutes = 60, seats = 8 });
        var ben = await Expect.Json(await api.BookV1(owner, "class", "2027-03-01T09:00:00+01:00", name: "Ben", email: "ben@example.com"), 201);
        var cy = await Expect.Json(await api.BookV1(owner, "class", "2027-03-01T09:00:00+01:00", name: "Cy", email: "cy@example.com"), 201);

        var messages = await smtp.WaitForAsync(4);

        Assert.Equal(ben["seat_slot_id"]!.GetValue<string>(), cy["seat_slot_id"]!.GetValue<string>());
        var toBen = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == "ben@example.com");
        var toCy = Assert.Single(messages, m => m.To.Mailboxes.Single().Address == "cy@example.com");
        Assert.Equal(2, messages.Count(m => m.To.Mailboxes.Single().Address == "owner@example.com"));
        Assert.Equal($"{ben["id"]}@agenda", Calendar.Load(Invitation(toBen).Text)!.Events.Single().Uid);
        Assert.Equal($"{cy["id"]}@agenda", Calendar.Load(Invitation(toCy).Text)!.Events.Single().Uid);
        Assert.Contains("Yoga class", toCy.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_series_sends_one_e_mail_to_each_side_with_the_series_as_one_recurring_event_and_cancelling_the_rest_one_more()
    {
        var owner = await OwnerAsync(language: "en");
        await api.CreateMeetingType(owner, new { slug = "weekly", title = "Weekly coaching", duration_minutes = 60, recurrence = new { max_count = 8 } });
        var first = await Expect.Json(await api.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/weekly/bookings",
            new { start = "2027-03-15T09:00:00+01:00", invitee = new { name = "Ben", email = "ben@example.com" }, recurrence = new { count = 4 } }), 201);

        var booked = await smtp.WaitForAsync(2);
        var toBen = Assert.Single(booked, m => m.To.Mailboxes.Single().Address == "ben@example.com");
        Assert.Single(booked, m => m.To.Mailboxes.Single().Address == "owner@example.com");
        Assert.Contains("Series: 4 meetings, every week: ", toBen.TextBody, StringComparison.Ordinal);
        var invitation = Calendar.Load(Invitation(toBen).Text)!;
        var series = invitation.Events.Single();
        Assert.Equal(("REQUEST", $"{first["series"]!["id"]}@agenda", 4), (invitation.Method, series.Uid, series.RecurrenceRule!.Count));

        // Cancelling the third meeting with the fourth: one e-mail to each side, whose series has both as exceptions.
        var ids = (await Expect.Json(await api.Get($"/v1/bookings/{first["id"]}/series"), 200))["bookings"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()).ToList();
        await Expect.Status(await api.Post($"/v1/bookings/{ids[2]}/cancel", new { series = "following" }), 200);
        var all = await smtp.WaitForAsync(4);
        await Task.Delay(1500);
        Assert.Equal(4, smtp.Messages.Count);
        var update = Calendar.Load(Invitation(all.Skip(2).Single(m => m.To.Mailboxes.Single().Address == "ben@example.com")).Text)!;
        Assert.Equal("REQUEST", update.Method);
        Assert.Equal(2, update.Events.Single().ExceptionDates.GetAllDates().Count());
    }

    [Fact]
    public async Task A_team_series_sends_one_e_mail_to_the_invitee_and_one_to_each_host_each_with_the_whole_series()
    {
        var ana = await OwnerAsync(language: "en", name: "Ana");
        var ben = await OwnerAsync(language: "en", name: "Ben");
        var team = ApiClient.NewOwner();
        var code = (await Expect.Json(await api.Post($"/v1/owners/{ana}/teams", new { id = team, name = "Coaches" }), 201))["join_code"]!.GetValue<string>();
        await Expect.Status(await api.Put($"/v1/teams/{team}/members/{ben}", new { join_code = code }), 200);
        await Expect.Status(await api.Post($"/v1/teams/{team}/meeting-types", new
        {
            slug = "pair",
            title = "Pair coaching",
            kind = "collective",
            duration_minutes = 60,
            recurrence = new { max_count = 4 },
            hosts = new[] { new { owner_id = ana }, new { owner_id = ben } },
        }), 201);

        await Expect.Json(await api.Http.PostAsJsonAsync($"/v1/teams/{team}/meeting-types/pair/bookings",
            new { start = "2027-03-15T09:00:00+01:00", invitee = new { name = "Cy", email = "cy@example.com" }, recurrence = new { count = 3 } }), 201);

        var sent = await smtp.WaitForAsync(3);
        await Task.Delay(1500);
        Assert.Equal(3, smtp.Messages.Count);
        var toCy = Assert.Single(sent, m => m.To.Mailboxes.Single().Address == "cy@example.com");
        Assert.Equal(2, sent.Count(m => m.To.Mailboxes.Single().Address == "owner@example.com"));
        Assert.All(sent, m => Assert.Contains("Series: 3 meetings, every week: ", m.TextBody, StringComparison.Ordinal));
        Assert.Equal(3, Calendar.Load(Invitation(toCy).Text)!.Events.Single().RecurrenceRule!.Count);
    }

    private async Task<string> OwnerAsync(string language, string name = "Test Owner", ApiClient? client = null)
    {
        client ??= api;
        var owner = ApiClient.NewOwner();
        await Expect.Status(await client.Post("/v1/owners", new { id = owner, name, time_zone = "Europe/Berlin" }), 201);
        await client.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "17:00" } } });
        // The slug is not the title: each side reads the title.
        await client.CreateMeetingType(owner, new { slug = "intro", title = "Intro Call", duration_minutes = 30 });
        await Expect.Status(await client.Put($"/v1/owners/{owner}/notifications", new { email = "owner@example.com", language }), 200);
        return owner;
    }

    private sealed class EmailHost : ApiHost
    {
        private readonly int smtpPort;
        private readonly bool onPostgres;
        private readonly IReadOnlyDictionary<string, string> extra;

        /// <param name="httpPort">A fixed port for Kestrel (for settings that name the service's own address); else a free one.</param>
        public EmailHost(int smtpPort, bool onPostgres, IReadOnlyDictionary<string, string>? extra = null, int? httpPort = null)
        {
            this.smtpPort = smtpPort;
            this.onPostgres = onPostgres;
            this.extra = extra ?? new Dictionary<string, string>();
            if (httpPort is { } fixedPort)
            {
                UseKestrel(fixedPort);
            }
        }

        protected override bool OnPostgres => onPostgres;

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(extra)
        {
            ["Outbox:PollMilliseconds"] = "50",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:From"] = "Agenda <agenda@example.com>",
            ["Email:ReminderMinutes"] = "60",
        };

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddLogging(logging => logging.AddFakeLogging()));
        }
    }
}
