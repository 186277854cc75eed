using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;

namespace Agenda.Api.Tests;

/// <summary>
/// No secret reaches the log: the service runs as its own process with every category at Trace, a client does
/// everything that carries a secret (in a header, in a query, in a path, right and wrong), and not one of them
/// appears in anything the process wrote. Nor does an invitee's name, address or note, while they book, cancel and are
/// exported and erased.
/// </summary>
public sealed class LogRedactionTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("simple")]
    public async Task With_every_category_at_trace_no_key_token_feed_secret_or_invitees_personal_data_reaches_the_log(string formatter)
    {
        using var folder = new TempFolder();
        // Base64 with '+', '/' and '=' in it, as `openssl rand -base64 32` makes them.
        var adminKey = "a+b/c=" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var secrets = new List<string> { adminKey };
        IReadOnlyList<string> log;
        await using var calendarFeed = await Calendars.TestFeed.StartAsync();
        using (var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Booking"] = $"Data Source={folder.File("agenda.db")}",
            ["Auth__Mode"] = "ApiKey",
            ["Auth__AdminKey"] = adminKey,
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__Console__FormatterName"] = formatter,
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
            ["Calendars__EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Calendars__AllowPrivateTargets"] = "true",
            ["Calendars__TimeoutSeconds"] = "2",
        }))
        {
            using var http = service.Client();
            await Exercise(http, adminKey, secrets);
            await ConnectCalendars(http, adminKey, calendarFeed, secrets);
            service.Dispose();
            log = service.Output;
        }

        // The run did log each request at Trace, so the absence of secrets means something.
        Assert.Contains(log, line => line.Contains("Request starting", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("token=[redacted]", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("fdt_[redacted]", StringComparison.Ordinal));
        var text = string.Join('\n', log);
        Assert.All(secrets.Distinct(), secret =>
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(secret), text, StringComparison.Ordinal);
            // The secret without its prefix, as a log that re-encoded or split it might show it.
            Assert.DoesNotContain(secret[(secret.IndexOf('_') + 1)..], text, StringComparison.Ordinal);
        });
    }

    /// <summary>Creates an owner, keys, a booking and a feed, and uses each secret right and wrong; collects every secret seen.</summary>
    private static async Task Exercise(HttpClient http, string adminKey, List<string> secrets)
    {
        var owner = $"owner-{Guid.NewGuid():N}";
        var created = await Json(Send(http, HttpMethod.Post, "/v1/owners", adminKey, new { id = owner, name = "Ana", time_zone = "UTC" }), 201);
        var ownerKey = created["api_key"]!.GetValue<string>();
        secrets.Add(ownerKey);
        var secondKey = (await Json(Send(http, HttpMethod.Post, $"/v1/owners/{owner}/keys", ownerKey, new { }), 201))["key"]!.GetValue<string>();
        secrets.Add(secondKey);
        var allDay = new[] { new { start = "00:00", end = "24:00" } };
        await Json(Send(http, HttpMethod.Put, $"/v1/owners/{owner}/weekly-hours", secondKey, new
        {
            monday = allDay,
            tuesday = allDay,
            wednesday = allDay,
            thursday = allDay,
            friday = allDay,
            saturday = allDay,
            sunday = allDay,
        }), 200);
        await Json(Send(http, HttpMethod.Post, $"/v1/owners/{owner}/meeting-types", ownerKey, new { slug = "intro", title = "Intro", duration_minutes = 60 }), 201);

        // The service runs on the real clock: a day ten days ahead is always bookable.
        var day = DateTime.UtcNow.Date.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // The invitee's name, address and note are personal data: they stay out of the log like secrets.
        var booking = await Json(Send(http, HttpMethod.Post, $"/v1/owners/{owner}/meeting-types/intro/bookings", null,
            new { start = $"{day}T09:00:00Z", invitee = new { name = "Benedikt Quellmann", email = "quellmann@example.org" }, note = "quellmann-note" }), 201);
        secrets.AddRange(["Quellmann", "quellmann@example.org", "quellmann-note"]);
        var id = booking["id"]!.GetValue<string>();
        var token = booking["management_token"]!.GetValue<string>();
        secrets.Add(token);
        var query = $"?token={Uri.EscapeDataString(token)}";

        await Json(Send(http, HttpMethod.Get, $"/v1/bookings/{id}{query}", null), 200);
        await Json(Send(http, HttpMethod.Get, $"/v1/bookings/{id}", token), 200);
        await Status(Send(http, HttpMethod.Get, $"/v1/bookings/{id}/calendar.ics{query}", null), 200);
        await Status(Send(http, HttpMethod.Get, $"/v1/bookings/{id}/calendar.ics", token), 200);
        await Json(Send(http, HttpMethod.Post, $"/v1/bookings/{id}/reschedule{query}", null, new { start = $"{day}T10:00:00Z" }), 200);
        await Json(Send(http, HttpMethod.Post, $"/v1/bookings/{id}/cancel", token, new { reason = "ill" }), 200);

        await Json(Send(http, HttpMethod.Post, $"/v1/owners/{owner}/personal-data/invitee-export", ownerKey, new { email = "quellmann@example.org" }), 200);
        await Json(Send(http, HttpMethod.Post, "/v1/personal-data/invitee-erasure", adminKey, new { email = "quellmann@example.org" }), 200);
        var feed = (await Json(Send(http, HttpMethod.Post, $"/v1/owners/{owner}/feed", ownerKey, new { }), 201))["path"]!.GetValue<string>();
        secrets.Add(feed["/v1/feeds/".Length..^".ics".Length]);
        await Status(Send(http, HttpMethod.Get, feed, null), 200);
        await Status(Send(http, HttpMethod.Get, feed + "/not-a-route", null), 404);

        // Wrong secrets: mistyped, unknown, revoked, or another kind's.
        var wrongToken = "bkt_" + new string('A', 43);
        var wrongKey = ownerKey[..^4] + "AAAA";
        var wrongAdmin = adminKey[..^4] + "AAAA";
        var wrongFeed = "fdt_" + new string('B', 43);
        secrets.AddRange([wrongToken, wrongKey, wrongAdmin, wrongFeed]);
        await Status(Send(http, HttpMethod.Get, $"/v1/bookings/{id}?token={wrongToken}", null), 401);
        await Status(Send(http, HttpMethod.Get, $"/v1/bookings/{id}", wrongToken), 401);
        await Status(Send(http, HttpMethod.Get, $"/v1/owners/{owner}/keys", wrongKey), 401);
        await Status(Send(http, HttpMethod.Post, "/v1/owners", wrongAdmin, new { id = "x" + owner }), 401);
        await Status(Send(http, HttpMethod.Get, $"/v1/feeds/{wrongFeed}.ics", null), 404);
        var keyId = secondKey.Split('_')[1];
        await Status(Send(http, HttpMethod.Delete, $"/v1/owners/{owner}/keys/{keyId}", ownerKey), 204);
        await Status(Send(http, HttpMethod.Get, $"/v1/owners/{owner}/keys", secondKey), 401);
    }

    /// <summary>Connects a served feed (its address is a secret) and a CalDAV account nobody serves (its password is), and reads both again.</summary>
    private static async Task ConnectCalendars(HttpClient http, string adminKey, Calendars.TestFeed feed, List<string> secrets)
    {
        var owner = $"owner-{Guid.NewGuid():N}";
        await Json(Send(http, HttpMethod.Post, "/v1/owners", adminKey, new { id = owner, time_zone = "UTC" }), 201);
        var feedSecret = new Uri(feed.Url).Segments[2].TrimEnd('/');
        secrets.Add(feedSecret);
        var connected = await Json(Send(http, HttpMethod.Post, $"/v1/owners/{owner}/calendars", adminKey, new { kind = "ics", url = feed.Url }), 201);
        Assert.Equal("ok", connected["state"]!.GetValue<string>());
        await Json(Send(http, HttpMethod.Post, $"/v1/owners/{owner}/calendars/{connected["id"]!.GetValue<string>()}/sync", adminKey, new { }), 200);
        const string Password = "caldav-password-Zq9x";
        secrets.Add(Password);
        using var refused = await Send(http, HttpMethod.Post, $"/v1/owners/{owner}/calendars", adminKey, new
        {
            kind = "caldav",
            url = "http://127.0.0.1:9/dav/ana/",
            username = "ana",
            password = Password,
        });
        var failing = await Expect.Problem(refused, 422);
        Assert.NotNull(failing["detail"]);
        Assert.True(feed.Requests >= 2);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string? bearer, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return http.SendAsync(request);
    }

    private static async Task<JsonNode> Json(Task<HttpResponseMessage> send, int status)
    {
        using var response = await send;
        return await Expect.Json(response, status);
    }

    private static async Task Status(Task<HttpResponseMessage> send, int status)
    {
        using var response = await send;
        await Expect.Status(response, status);
    }
}
