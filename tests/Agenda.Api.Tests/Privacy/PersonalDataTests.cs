using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;
using Ical.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Agenda.Api.Tests.Privacy;

public sealed class PersonalDataTests(RadicaleServer radicale) : PersonalDataTestsBase(radicale, onPostgres: false), IClassFixture<RadicaleServer>;

public sealed class PersonalDataTestsOnPostgres(RadicaleServer radicale) : PersonalDataTestsBase(radicale, onPostgres: true), IClassFixture<RadicaleServer>;

/// <summary>
/// An invitee's personal data exported and erased through the API, on both stores, with every place it reaches in use: a
/// booking with a note, answers, their phone number, an owner's private note and an Idempotency-Key; a cancelled one with
/// a reason; e-mail to them and to the owner (a real SMTP server), a workflow's e-mail, a webhook whose receiver repeats
/// the name in its answer, and the owner's CalDAV calendar (a real radicale). After the erasure, every column of every
/// table of the database is read, and none holds a trace of the person; another invitee's data is untouched; the
/// calendar's event is written again without them.
/// </summary>
public abstract class PersonalDataTestsBase(RadicaleServer radicale, bool onPostgres) : IAsyncLifetime
{
    /// <summary>What the erased person left, each in its own place; none may remain anywhere after the erasure.</summary>
    private static readonly string[] Traces = ["Zimmerman", "zed.zimmerman", "4915112345678", "secret-note-xyz", "answer-xyz", "reason-xyz", "private-xyz"];

    private readonly SmtpSink smtp = SmtpSink.Start();
    private WebhookReceiver receiver = null!;
    private PrivacyHost host = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        // The receiver answers with the invitee's name, so the sender's log keeps it unless erased.
        receiver.Reply = body => "received for " + (JsonNode.Parse(body)?["data"]?["invitee"]?["name"]?.GetValue<string>() ?? "?");
        host = new PrivacyHost(smtp.Port, onPostgres);
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await receiver.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task An_erased_invitee_leaves_no_trace_in_any_table_or_calendar_and_others_keep_theirs()
    {
        var admin = host.Api();
        var owner = ApiClient.NewOwner();
        var key = (await Expect.Json(await admin.Post("/v1/owners", new { id = owner, name = "Ana Owner", time_zone = "Europe/Berlin" }), 201))["api_key"]!.GetValue<string>();
        var api = host.WithKey(key);
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "17:00" } } });
        await api.CreateMeetingType(owner, new
        {
            slug = "call",
            title = "Call",
            duration_minutes = 30,
            locations = new object[] { new { kind = "invitee_phone" } },
            questions = new object[] { new { id = "topic", label = "Topic", kind = "short_text" } },
        });
        await Expect.Status(await api.Put($"/v1/owners/{owner}/notifications", new { email = "owner@example.com", language = "en" }), 200);
        await Expect.Status(await api.Post($"/v1/owners/{owner}/webhooks", new { url = receiver.Url }), 201);
        await Expect.Status(await api.Post($"/v1/owners/{owner}/workflows", new
        {
            name = "Welcome",
            trigger = "booked",
            action = "email_invitee",
            subject = "Welcome {{ invitee.name }}",
            body = "See you {{ booking.start }}.",
        }), 201);
        var calendar = await radicale.CreateCalendarAsync("pd-" + Guid.NewGuid().ToString("N")[..12], "Bookings");
        await Expect.Status(await api.Post($"/v1/owners/{owner}/calendars", new
        {
            kind = "caldav",
            url = radicale.Home.AbsoluteUri,
            username = RadicaleServer.User,
            password = RadicaleServer.Password,
            write_calendar = calendar.AbsoluteUri,
        }), 201);

        // Zed books twice (once with an Idempotency-Key) and cancels the second, giving a reason; Olga books once.
        using var keyed = new HttpRequestMessage(HttpMethod.Post, $"/v1/owners/{owner}/meeting-types/call/bookings")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                start = "2024-11-25T10:00:00+01:00",
                invitee = new { name = "Zed Zimmerman", email = "zed.zimmerman@example.com", language = "de" },
                note = "secret-note-xyz",
                location = new { kind = "invitee_phone", phone = "+49 151 12345678" },
                answers = new { topic = "answer-xyz" },
            }),
            Headers = { { "Idempotency-Key", "zed-key-1" } },
        };
        var kept = await Expect.Json(await host.Anonymous().Http.SendAsync(keyed), 201);
        var keptId = kept["id"]!.GetValue<string>();
        var token = kept["management_token"]!.GetValue<string>();
        var second = await Expect.Json(await host.Anonymous().Post($"/v1/owners/{owner}/meeting-types/call/bookings", new
        {
            start = "2024-11-25T11:00:00+01:00",
            invitee = new { name = "Zed Zimmerman", email = "Zed.Zimmerman@example.com" },
            location = new { kind = "invitee_phone", phone = "+49 151 12345678" },
        }), 201);
        await Expect.Status(await WithToken(second["management_token"]!.GetValue<string>()).Post($"/v1/bookings/{second["id"]!.GetValue<string>()}/cancel", new { reason = "reason-xyz" }), 200);
        var olga = await Expect.Json(await host.Anonymous().Post($"/v1/owners/{owner}/meeting-types/call/bookings", new
        {
            start = "2024-11-25T12:00:00+01:00",
            invitee = new { name = "Olga Control", email = "olga@example.com" },
            note = "olga-note",
            location = new { kind = "invitee_phone", phone = "+49 151 99999999" },
        }), 201);
        await Expect.Status(await api.Put($"/v1/owners/{owner}/bookings/{keptId}/private-note", new { private_note = "private-xyz" }), 200);
        await WaitForAsync(() => smtp.Messages.Count(m => m.To.Mailboxes.Any(a => a.Address.Equals("zed.zimmerman@example.com", StringComparison.OrdinalIgnoreCase))) >= 3, "Zed's e-mail");
        await WaitForAsync(async () => (await ReadCalendarAsync(calendar, keptId))?.Contains("Zimmerman", StringComparison.Ordinal) == true, "the calendar's event");
        await OutboxRounds.DrainAsync(host.Services);
        Assert.NotEmpty(await TracesAsync());

        // The export names both bookings with every field, and the messages to the address; another owner may not ask.
        var other = ApiClient.NewOwner();
        var otherKey = (await Expect.Json(await admin.Post("/v1/owners", new { id = other, time_zone = "UTC" }), 201))["api_key"]!.GetValue<string>();
        await Expect.Status(await host.WithKey(otherKey).Post($"/v1/owners/{owner}/personal-data/invitee-export", new { email = "zed.zimmerman@example.com" }), 403);
        await Expect.Status(await host.WithKey(otherKey).Post("/v1/personal-data/invitee-export", new { email = "zed.zimmerman@example.com" }), 403);
        await Expect.Status(await host.WithKey(otherKey).Post($"/v1/owners/{owner}/personal-data/invitee-erasure", new { email = "zed.zimmerman@example.com" }), 403);
        Assert.Empty((await Expect.Json(await host.WithKey(otherKey).Post($"/v1/owners/{other}/personal-data/invitee-export", new { email = "zed.zimmerman@example.com" }), 200))["bookings"]!.AsArray());
        var exported = await Expect.Json(await api.Post($"/v1/owners/{owner}/personal-data/invitee-export", new { email = "ZED.ZIMMERMAN@example.com" }), 200);
        var bookings = exported["bookings"]!.AsArray();
        Assert.Equal(2, bookings.Count);
        Assert.Equal("secret-note-xyz", bookings[0]!["note"]!.GetValue<string>());
        Assert.Equal("private-xyz", bookings[0]!["private_note"]!.GetValue<string>());
        Assert.Equal("answer-xyz", bookings[0]!["answers"]![0]!["values"]![0]!.GetValue<string>());
        Assert.Equal("reason-xyz", bookings[1]!["cancel_reason"]!.GetValue<string>());
        var channels = exported["messages"]!.AsArray().Select(m => m!["channel"]!.GetValue<string>()).ToList();
        Assert.Contains("email", channels);
        Assert.Contains("workflow", channels);
        await Expect.Problem(await api.Post($"/v1/owners/{owner}/personal-data/invitee-export", new { email = "not an address" }), 400);

        // The administrator erases Zed everywhere.
        var erased = await Expect.Json(await admin.Post("/v1/personal-data/invitee-erasure", new { email = "zed.zimmerman@EXAMPLE.com" }), 200);
        Assert.Equal(2, erased["bookings_erased"]!.GetValue<int>());
        Assert.True(erased["messages_erased"]!.GetValue<int>() > 0);
        await WaitForAsync(async () => (await ReadCalendarAsync(calendar, keptId)) is { } ics && !ics.Contains("Zimmerman", StringComparison.Ordinal), "the calendar's event written again");
        await OutboxRounds.DrainAsync(host.Services);

        Assert.Empty(await TracesAsync());
        var olgasRow = string.Join('\n', await RowsAsync(olga["id"]!.GetValue<string>()));
        Assert.Contains("olga-note", olgasRow, StringComparison.Ordinal);
        Assert.Contains("olga@example.com", olgasRow, StringComparison.Ordinal);
        Assert.Contains("4915199999999", olgasRow, StringComparison.Ordinal);

        // The schedule is unchanged: the erased booking still takes its time, the owner sees it as erased, its link is dead.
        var listed = (await Expect.Json(await api.Get($"/v1/owners/{owner}/bookings?status=upcoming"), 200))["bookings"]!.AsArray();
        Assert.Equal(["(erased)", "Olga Control"], listed.Select(b => b!["invitee"]!["name"]!.GetValue<string>()));
        Assert.DoesNotContain("2024-11-25T10:00:00+01:00", await api.SlotStartsV1(owner, "call", "2024-11-25", "2024-11-25"));
        Assert.Contains((int)(await WithToken(token).Http.GetAsync($"/v1/bookings/{keptId}")).StatusCode, new[] { 401, 404 });
        var again = await Expect.Json(await admin.Post("/v1/personal-data/invitee-erasure", new { email = "zed.zimmerman@example.com" }), 200);
        Assert.Equal(0, again["bookings_erased"]!.GetValue<int>());
        Assert.Empty((await Expect.Json(await admin.Post("/v1/personal-data/invitee-export", new { email = "zed.zimmerman@example.com" }), 200))["bookings"]!.AsArray());
        Assert.Contains(receiver.Received, w => JsonNode.Parse(w.Body)!["type"]!.GetValue<string>() == "booking.erased");
    }

    [Fact]
    public async Task Bookings_ended_longer_ago_than_the_retention_are_anonymised_and_later_ones_are_kept()
    {
        var admin = host.Api();
        var owner = ApiClient.NewOwner();
        var key = (await Expect.Json(await admin.Post("/v1/owners", new { id = owner, time_zone = "UTC" }), 201))["api_key"]!.GetValue<string>();
        var api = host.WithKey(key);
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "17:00" } }, tuesday = new[] { new { start = "09:00", end = "17:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        await Expect.Status(await api.BookV1(owner, "intro", "2024-11-25T09:00:00Z", name: "Old Timer", email: "old@example.com"), 201);
        await Expect.Status(await api.BookV1(owner, "intro", "2024-11-26T09:00:00Z", name: "New Comer", email: "new@example.com"), 201);
        var sweep = host.Services.GetRequiredService<Agenda.Api.Privacy.RetentionSweep>();

        // Thirty days after the first meeting's end, less a minute: nothing is old enough yet.
        host.Clock.SetUtcNow(new DateTimeOffset(2024, 12, 25, 9, 29, 0, TimeSpan.Zero));
        Assert.Equal(0, await sweep.RunOnceAsync(CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await sweep.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await sweep.RunOnceAsync(CancellationToken.None));

        var past = (await Expect.Json(await api.Get($"/v1/owners/{owner}/bookings?status=past"), 200))["bookings"]!.AsArray();
        Assert.Equal(["New Comer", "(erased)"], past.Select(b => b!["invitee"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).Reverse());
        Assert.Null(past.Single(b => b!["invitee"]!["name"]!.GetValue<string>() == "(erased)")!["invitee"]!["email"]);
    }

    [Fact]
    public async Task An_erasure_racing_the_same_persons_bookings_leaves_each_booking_whole_or_erased_never_half()
    {
        var admin = host.Api();
        var owner = ApiClient.NewOwner();
        var key = (await Expect.Json(await admin.Post("/v1/owners", new { id = owner, time_zone = "UTC" }), 201))["api_key"]!.GetValue<string>();
        var api = host.WithKey(key);
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "17:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });

        var booking = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            using var response = await host.Anonymous().Post($"/v1/owners/{owner}/meeting-types/intro/bookings", new
            {
                start = $"2024-11-25T{9 + (i / 2):00}:{(i % 2) * 30:00}:00Z",
                invitee = new { name = "Racing Person", email = "racer@example.com" },
                note = "racer-note",
            });
            return (int)response.StatusCode;
        })).ToList();
        var erasures = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await Task.Delay(Random.Shared.Next(0, 40));
            using var response = await admin.Post("/v1/personal-data/invitee-erasure", new { email = "racer@example.com" });
            return (int)response.StatusCode;
        })).ToList();
        // A booking may be refused by the limit of active bookings per invitee (10), which erased bookings no longer count in.
        var answers = await Task.WhenAll(booking);
        Assert.All(answers, status => Assert.True(status is 201 or 409, $"booking answered {status}"));
        Assert.All(await Task.WhenAll(erasures), status => Assert.Equal(200, status));

        // Each booking is the person's, whole, or erased, whole: never a name without its note, or the reverse.
        var rows = (await Expect.Json(await api.Get($"/v1/owners/{owner}/bookings?limit=50"), 200))["bookings"]!.AsArray();
        Assert.Equal(answers.Count(a => a == 201), rows.Count);
        foreach (var row in rows)
        {
            var (name, email, note) = (row!["invitee"]!["name"]!.GetValue<string>(), row["invitee"]!["email"]?.GetValue<string>(), row["note"]?.GetValue<string>());
            Assert.True((name, email, note) is ("Racing Person", "racer@example.com", "racer-note") or ("(erased)", null, null), $"A half-erased booking: {row.ToJsonString()}");
        }

        // What is left after the race is erased by one more request.
        await Expect.Status(await admin.Post("/v1/personal-data/invitee-erasure", new { email = "racer@example.com" }), 200);
        rows = (await Expect.Json(await api.Get($"/v1/owners/{owner}/bookings?limit=50"), 200))["bookings"]!.AsArray();
        Assert.All(rows, row => Assert.Equal("(erased)", row!["invitee"]!["name"]!.GetValue<string>()));
    }

    private ApiClient WithToken(string token) => host.WithKey(token);

    private async Task<string?> ReadCalendarAsync(Uri calendar, string bookingId)
    {
        using var response = await radicale.Http.GetAsync(new Uri(calendar, bookingId + ".ics"));
        return response.StatusCode == HttpStatusCode.OK ? Calendar.Load(await response.Content.ReadAsStringAsync())!.Events.Single().Summary + "\n" + await response.Content.ReadAsStringAsync() : null;
    }

    private static async Task WaitForAsync(Func<bool> done, string what) => await WaitForAsync(() => Task.FromResult(done()), what);

    private static async Task WaitForAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 20 s for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Every value of every column of every table that holds one of <see cref="Traces"/>, as "table.column: value".</summary>
    private async Task<List<string>> TracesAsync() =>
        [.. (await EveryValueAsync()).Where(v => Traces.Any(t => v.Value.Contains(t, StringComparison.OrdinalIgnoreCase))).Select(v => $"{v.Table}.{v.Column}: {v.Value}")];

    private async Task<List<string>> RowsAsync(string bookingId) =>
        [.. (await EveryValueAsync()).Where(v => v.Table == "bookings" && v.Row.Contains(bookingId, StringComparison.Ordinal)).Select(v => v.Value)];

    /// <summary>Reads the whole database: each non-null value as text, with its table, column and the row it belongs to.</summary>
    private async Task<List<(string Table, string Column, string Value, string Row)>> EveryValueAsync()
    {
        await using var connection = Open();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = onPostgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE';"
                : "SELECT name FROM sqlite_master WHERE type = 'table';";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("bookings", tables);
        Assert.Contains("idempotency_keys", tables);
        var values = new List<(string, string, string, string)>();
        foreach (var table in tables)
        {
            await using var read = connection.CreateCommand();
            read.CommandText = $"SELECT * FROM \"{table}\";";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new List<(string Column, string Value)>();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i))
                    {
                        row.Add((reader.GetName(i), reader.GetValue(i) is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                    }
                }

                var whole = string.Join('|', row.Select(c => c.Value));
                values.AddRange(row.Select(c => (table, c.Column, c.Value, whole)));
            }
        }

        return values;
    }

    private DbConnection Open()
    {
        var connectionString = host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Booking")!;
        return onPostgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
    }

    /// <summary>Keys, e-mail to the test's SMTP server, webhooks and calendars on this machine, an outbox that runs every 50 ms, and a 30-day retention.</summary>
    private sealed class PrivacyHost(int smtpPort, bool onPostgres) : KeyedApiHost
    {
        private readonly string calendarKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        protected override bool OnPostgres => onPostgres;

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["Outbox:PollMilliseconds"] = "50",
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Calendars:AllowPrivateTargets"] = "true",
            ["Calendars:EncryptionKey"] = calendarKey,
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:From"] = "Agenda <agenda@example.com>",
            ["Email:ReminderMinutes"] = "0",
            ["Privacy:RetentionDays"] = "30",
        };
    }
}
