using System.Net;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;
using Ical.Net;
using MimeKit;

namespace Agenda.Api.Tests.V1;

public sealed class V1MeetingDetailsNotificationTests(RadicaleServer radicale) : V1MeetingDetailsNotificationTestsBase(radicale, onPostgres: false), IClassFixture<RadicaleServer>;

public sealed class V1MeetingDetailsNotificationTestsOnPostgres(RadicaleServer radicale) : V1MeetingDetailsNotificationTestsBase(radicale, onPostgres: true), IClassFixture<RadicaleServer>;

/// <summary>
/// Everything that leaves the service about a booking says where and how to meet: an invitee books a video call through
/// /v1 and answers the meeting type's questions, and the e-mail of both sides (a real SMTP conversation), the signed
/// webhook (a real HTTP receiver) and the event written into the owner's CalDAV calendar (a real radicale) carry the
/// video room; the owner's carry the answers, the invitee's the type's description and not the answers.
/// </summary>
public abstract class V1MeetingDetailsNotificationTestsBase(RadicaleServer radicale, bool onPostgres) : IAsyncLifetime
{
    private readonly SmtpSink smtp = SmtpSink.Start();
    private WebhookReceiver receiver = null!;
    private DetailsHost host = null!;
    private ApiClient api = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        host = new DetailsHost(smtp.Port, onPostgres);
        api = host.Api();
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await receiver.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_video_booking_with_answers_reaches_mail_webhook_and_the_owners_calendar_with_the_room_and_the_answers_only_for_the_owner()
    {
        var owner = ApiClient.NewOwner();
        await Expect.Status(await api.Post("/v1/owners", new { id = owner, name = "Ana Owner", time_zone = "Europe/Berlin" }), 201);
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new
        {
            slug = "consult",
            title = "Consultation",
            duration_minutes = 30,
            description = "**Bring** your notes",
            locations = new[] { new { kind = "video", value = "https://meet.example.org/{room}" } },
            questions = new object[]
            {
                new { id = "topic", label = "Topic", kind = "short_text", required = true },
                new { id = "recorded", label = "May we record it?", kind = "checkbox" },
            },
        });
        await Expect.Status(await api.Put($"/v1/owners/{owner}/notifications", new { email = "owner@example.com", language = "en" }), 200);
        // A brand colour gives the e-mail its HTML part.
        await Expect.Status(await api.Put($"/v1/owners/{owner}/branding", new { brand_color = "#0b5394" }), 200);
        await Expect.Status(await api.Post($"/v1/owners/{owner}/webhooks", new { url = receiver.Url, events = new[] { "booking.created" } }), 201);
        var calendar = await radicale.CreateCalendarAsync("md-" + Guid.NewGuid().ToString("N")[..12], "Bookings");
        await Expect.Status(await api.Post($"/v1/owners/{owner}/calendars", new
        {
            kind = "caldav",
            url = radicale.Home.AbsoluteUri,
            username = RadicaleServer.User,
            password = RadicaleServer.Password,
            write_calendar = calendar.AbsoluteUri,
        }), 201);

        var booking = await Expect.Json(await api.Post($"/v1/owners/{owner}/meeting-types/consult/bookings", new
        {
            start = "2027-03-01T09:00:00+01:00",
            invitee = new { name = "Ben", email = "ben@example.com" },
            location = new { kind = "video" },
            answers = new { topic = "Budget; Q3, draft", recorded = true },
        }), 201);
        var id = booking["id"]!.GetValue<string>();
        var room = booking["location"]!["value"]!.GetValue<string>();
        Assert.StartsWith("https://meet.example.org/", room);

        // (a) E-mail: the owner reads the room and the answers; the invitee the room and the description, not the answers.
        var messages = await smtp.WaitForAsync(2);
        var toOwner = messages.Single(m => m.To.Mailboxes.Single().Address == "owner@example.com");
        Assert.Contains($"Where: Video call: {room}", toOwner.TextBody);
        Assert.Contains("Topic: Budget; Q3, draft", toOwner.TextBody);
        Assert.Contains("May we record it?: Yes", toOwner.TextBody);
        Assert.Contains($"<a href=\"{room}\"", toOwner.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Budget; Q3, draft", toOwner.HtmlBody, StringComparison.Ordinal);
        var ownersInvitation = Event(Invitation(toOwner));
        Assert.Contains("Topic: Budget; Q3, draft", ownersInvitation.Description);

        var toBen = messages.Single(m => m.To.Mailboxes.Single().Address == "ben@example.com");
        Assert.Contains($"Where: Video call: {room}", toBen.TextBody);
        Assert.Contains("About this meeting\nBring your notes", toBen.TextBody?.ReplaceLineEndings("\n"));
        Assert.Contains($"<a href=\"{room}\"", toBen.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Bring</strong> your notes", toBen.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Budget", toBen.TextBody);
        Assert.DoesNotContain("Budget", toBen.HtmlBody);
        var bensInvitation = Event(Invitation(toBen));
        Assert.Equal(room, bensInvitation.Location);
        Assert.Equal(new Uri(room), bensInvitation.Url);
        Assert.Contains("Bring your notes", bensInvitation.Description);
        Assert.DoesNotContain("Budget", bensInvitation.Description);

        // (b) The webhook carries location and answers as the /v1 booking does.
        var data = JsonNode.Parse((await receiver.WaitForAsync(1))[0].Body)!["data"]!;
        Assert.Equal(Expect.Canonical(booking["location"]!.ToJsonString()), Expect.Canonical(data["location"]!.ToJsonString()));
        Assert.Equal(Expect.Canonical(booking["answers"]!.ToJsonString()), Expect.Canonical(data["answers"]!.ToJsonString()));
        Assert.Equal("video", data["location"]!["kind"]!.GetValue<string>());
        Assert.Equal(["Budget; Q3, draft"], data["answers"]![0]!["values"]!.AsArray().Select(v => v!.GetValue<string>()));

        // (c) The event written into the owner's calendar: LOCATION and URL the room, DESCRIPTION with the answers.
        var written = await WaitForObjectAsync(calendar, id);
        Assert.Equal(room, written.Location);
        Assert.Equal(new Uri(room), written.Url);
        Assert.Contains("Topic: Budget; Q3, draft", written.Description);
        Assert.Contains("Bring your notes", written.Description);
        Assert.Null(written.Organizer);
        Assert.Empty(written.Attendees);

        // The owner's calendar file names the owner as organizer, at their address, and the invitee as attendee.
        using var file = await api.Get($"/v1/bookings/{id}/calendar.ics");
        var owners = Calendar.Load(await file.Content.ReadAsStringAsync())!.Events.Single();
        Assert.Equal("mailto:owner@example.com", owners.Organizer!.Value!.ToString());
        Assert.Equal("Ana Owner", owners.Organizer.CommonName);
        Assert.Equal("mailto:ben@example.com", Assert.Single(owners.Attendees).Value!.ToString());
        Assert.Contains("Topic: Budget; Q3, draft", owners.Description);
    }

    private static TextPart Invitation(MimeMessage message) =>
        message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");

    private static Ical.Net.CalendarComponents.CalendarEvent Event(TextPart invitation) => Calendar.Load(invitation.Text)!.Events.Single();

    /// <summary>The booking's object in the calendar, read straight from radicale once it is there.</summary>
    private async Task<Ical.Net.CalendarComponents.CalendarEvent> WaitForObjectAsync(Uri calendar, string bookingId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var response = await radicale.Http.GetAsync(new Uri(calendar, bookingId + ".ics"));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return Calendar.Load(await response.Content.ReadAsStringAsync())!.Events.Single();
            }

            Assert.True(DateTime.UtcNow < deadline, $"The booking was not written into the calendar: {(int)response.StatusCode}.");
            await Task.Delay(25);
        }
    }

    /// <summary>A host that mails through the test's SMTP server, posts to its loopback receiver and writes into radicale, with an outbox that runs every 50 ms.</summary>
    private sealed class DetailsHost(int smtpPort, bool onPostgres) : ApiHost
    {
        private readonly string calendarKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        protected override bool OnPostgres => onPostgres;

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Outbox:PollMilliseconds"] = "50",
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Calendars:AllowPrivateTargets"] = "true",
            ["Calendars:EncryptionKey"] = calendarKey,
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:From"] = "Agenda <agenda@example.com>",
        };
    }
}
