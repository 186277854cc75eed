using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Operations;
using Agenda.Api.Tests.Support;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Agenda.Api.Tests.Operations;

/// <summary>
/// Newer time-zone rules read from TimeZones:Path at start and on SIGHUP, with a synthetic change: Berlin keeps summer
/// time all year (UTC+2), so a winter meeting at 10:00 Berlin time shows 11:00 on the owner's clock. The rules are
/// process-wide, so the service runs as its own process, on the real clock; the meetings are weeks ahead of it.
/// </summary>
public sealed class TimeZoneRulesTests : IDisposable
{
    private const string NewVersion = "2099a";
    private static readonly DateTimeZone BuiltInBerlin = TzdbDateTimeZoneSource.Default.ForId("Europe/Berlin");
    private static readonly DateTimeZone BuiltInNewYork = TzdbDateTimeZoneSource.Default.ForId("America/New_York");

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_file_that_does_not_parse_or_is_older_than_the_built_in_rules_is_refused_and_a_folder_gives_its_last_file()
    {
        var rules = Directory.CreateDirectory(folder.File("rules")).FullName;
        Assert.Equal("built-in", TimeZoneUpdates.Read(rules).Origin);
        Assert.Equal("built-in", TimeZoneUpdates.Read(null).Origin);

        await File.WriteAllBytesAsync(Path.Combine(rules, "tzdb2099a.nzd"), SyntheticTimeZones.WithFixedOffset("Europe/Berlin", Offset.FromHours(2), NewVersion));
        await File.WriteAllBytesAsync(Path.Combine(rules, "tzdb2098a.nzd"), SyntheticTimeZones.WithFixedOffset("Europe/Berlin", Offset.FromHours(3), "2098a"));
        var (source, origin, refusal) = TimeZoneUpdates.Read(rules);
        Assert.True(refusal is null, refusal);
        Assert.Equal((NewVersion, Path.Combine(rules, "tzdb2099a.nzd")), (source!.TzdbVersion, origin));
        Assert.Equal(Offset.FromHours(2), source.ForId("Europe/Berlin").GetUtcOffset(Instant.FromUtc(2027, 1, 11, 9, 0)));
        Assert.Equal(BuiltInNewYork.GetUtcOffset(Instant.FromUtc(2027, 1, 11, 9, 0)), source.ForId("America/New_York").GetUtcOffset(Instant.FromUtc(2027, 1, 11, 9, 0)));

        var older = folder.File("old.nzd");
        await File.WriteAllBytesAsync(older, SyntheticTimeZones.WithFixedOffset("Europe/Berlin", Offset.FromHours(2), "1999a"));
        Assert.Contains("older than the built-in", TimeZoneUpdates.Read(older).Refusal, StringComparison.Ordinal);

        var garbage = folder.File("garbage.nzd");
        await File.WriteAllTextAsync(garbage, "this is not a time-zone database");
        Assert.Contains("is not a NodaTime tz database", TimeZoneUpdates.Read(garbage).Refusal, StringComparison.Ordinal);
        var truncated = folder.File("truncated.nzd");
        var whole = SyntheticTimeZones.WithFixedOffset("Europe/Berlin", Offset.FromHours(2), NewVersion);
        await File.WriteAllBytesAsync(truncated, whole[..(whole.Length / 2)]);
        Assert.Contains("is not a NodaTime tz database", TimeZoneUpdates.Read(truncated).Refusal, StringComparison.Ordinal);
        Assert.Contains("is not a NodaTime tz database", TimeZoneUpdates.Read(folder.File("missing.nzd")).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_sqlite_rules_read_on_a_hang_up_move_what_the_owner_sees_and_each_moved_booking_is_reported_once()
    {
        var rules = Directory.CreateDirectory(folder.File("rules")).FullName;
        var environment = Service(rules, new() { ["ConnectionStrings__Booking"] = $"Data Source={folder.File("agenda.db")}" });
        string winterId;
        using (var service = await ServiceProcess.StartAsync(environment))
        {
            using var api = service.Client();
            var (winter, _, _) = await BookAsync(api);
            winterId = winter;
            var health = await HealthAsync(api);
            Assert.Equal((TzdbDateTimeZoneSource.Default.TzdbVersion, "built-in"), (health["tzdb_version"]!.GetValue<string>(), health["source"]!.GetValue<string>()));

            await File.WriteAllBytesAsync(Path.Combine(rules, "tzdb2099a.nzd"), SyntheticTimeZones.WithFixedOffset("Europe/Berlin", Offset.FromHours(2), NewVersion));
            service.HangUp();
            health = await WaitForAsync(api, h => h["tzdb_version"]!.GetValue<string>() == NewVersion);
            Assert.Equal(Path.Combine(rules, "tzdb2099a.nzd"), health["source"]!.GetValue<string>());

            // Ana's winter meeting now shows 11:00 on her clock, and she is told; her summer one and Bea's are unchanged.
            var reports = await ServiceReportsAsync(api, "ana");
            var report = Assert.Single(reports);
            Assert.Equal($"time-zone rules {TzdbDateTimeZoneSource.Default.TzdbVersion} → {NewVersion}: local time moved", report["action"]!.GetValue<string>());
            Assert.Equal($"{winter}: {WinterDay():uuuu-MM-dd} 10:00 → {WinterDay():uuuu-MM-dd} 11:00 (Europe/Berlin)", report["target"]!.GetValue<string>());
            Assert.Empty(await ServiceReportsAsync(api, "bea"));

            // The search uses the new rules at once: Ana's 09:00 is 07:00 UTC on that winter day.
            var slots = await SlotsAsync(api, "ana", WinterDay());
            Assert.Equal(WinterDay().At(new LocalTime(7, 0)).InUtc().ToInstant(), slots[0]);

            // A file that does not parse is refused; the rules in force stay.
            await File.WriteAllTextAsync(Path.Combine(rules, "tzdb2100a.nzd"), "not a tz database");
            service.HangUp();
            health = await WaitForAsync(api, h => h["last_refusal"] is not null);
            Assert.Equal(NewVersion, health["tzdb_version"]!.GetValue<string>());
            Assert.Contains("tzdb2100a.nzd is not a NodaTime tz database", health["last_refusal"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(WinterDay().At(new LocalTime(7, 0)).InUtc().ToInstant(), (await SlotsAsync(api, "ana", WinterDay()))[0]);
            File.Delete(Path.Combine(rules, "tzdb2100a.nzd"));
        }

        // Started again on the same file, the service puts the rules in force at start and reports nothing twice.
        using (var again = await ServiceProcess.StartAsync(environment))
        {
            using var api = again.Client();
            Assert.Equal(NewVersion, (await HealthAsync(api))["tzdb_version"]!.GetValue<string>());
            Assert.Contains(winterId, Assert.Single(await ServiceReportsAsync(api, "ana"))["target"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(WinterDay().At(new LocalTime(7, 0)).InUtc().ToInstant(), (await SlotsAsync(api, "ana", WinterDay()))[0]);
        }
    }

    [Fact]
    public async Task On_two_postgres_nodes_the_node_that_reads_the_rules_first_reports_and_the_other_only_puts_them_in_force()
    {
        var rules = Directory.CreateDirectory(folder.File("rules")).FullName;
        var environment = Service(rules, new() { ["Storage__Provider"] = "Postgres", ["ConnectionStrings__Booking"] = SharedPostgres.Server.CreateDatabase() });
        using var first = await ServiceProcess.StartAsync(environment);
        using var api = first.Client();
        var (winter, _, _) = await BookAsync(api);

        await File.WriteAllBytesAsync(Path.Combine(rules, "tzdb2099a.nzd"), SyntheticTimeZones.WithFixedOffset("Europe/Berlin", Offset.FromHours(2), NewVersion));
        using var second = await ServiceProcess.StartAsync(environment);
        using var other = second.Client();
        Assert.Equal(NewVersion, (await HealthAsync(other))["tzdb_version"]!.GetValue<string>());
        first.HangUp();
        await WaitForAsync(api, h => h["tzdb_version"]!.GetValue<string>() == NewVersion);

        Assert.Contains(winter, Assert.Single(await ServiceReportsAsync(api, "ana"))["target"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(WinterDay().At(new LocalTime(7, 0)).InUtc().ToInstant(), (await SlotsAsync(api, "ana", WinterDay()))[0]);
        Assert.Equal(WinterDay().At(new LocalTime(7, 0)).InUtc().ToInstant(), (await SlotsAsync(other, "ana", WinterDay()))[0]);
    }

    /// <summary>The first Monday at least a week ahead on which Berlin keeps winter time under the built-in rules.</summary>
    private static LocalDate WinterDay() => FirstMondayAhead(date => BuiltInBerlin.GetUtcOffset(date.At(LocalTime.Noon).InZoneLeniently(BuiltInBerlin).ToInstant()) == Offset.FromHours(1));

    private static LocalDate SummerDay() => FirstMondayAhead(date => BuiltInBerlin.GetUtcOffset(date.At(LocalTime.Noon).InZoneLeniently(BuiltInBerlin).ToInstant()) == Offset.FromHours(2));

    private static LocalDate FirstMondayAhead(Func<LocalDate, bool> wanted)
    {
        var date = LocalDate.FromDateTime(DateTime.UtcNow).PlusDays(7);
        while (date.DayOfWeek != IsoDayOfWeek.Monday || !wanted(date))
        {
            date = date.PlusDays(1);
        }

        return date;
    }

    /// <summary>Ana (Berlin) books a winter and a summer meeting at 10:00 her time, Bea (New York) a winter one; answers their ids.</summary>
    private static async Task<(string Winter, string Summer, string NewYork)> BookAsync(HttpClient api)
    {
        async Task<string> Book(string owner, LocalDate day, DateTimeZone zone)
        {
            var start = day.At(new LocalTime(10, 0)).InZoneStrictly(zone).ToInstant();
            using var booked = await api.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/call/bookings",
                new { start = InstantPattern.General.Format(start), invitee = new { name = $"Invitee of {owner}", email = $"{owner}-guest@example.com" } });
            Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
            return (await booked.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        }

        var allWeek = new[] { new { start = "09:00", end = "17:00" } };
        foreach (var (owner, zone) in new[] { ("ana", "Europe/Berlin"), ("bea", "America/New_York") })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/owners", new { id = owner, time_zone = zone })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/v1/owners/{owner}/weekly-hours", new { monday = allWeek })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types", new { slug = "call", title = "Call", duration_minutes = 60, horizon_days = 400 })).StatusCode);
        }

        return (await Book("ana", WinterDay(), BuiltInBerlin), await Book("ana", SummerDay(), BuiltInBerlin), await Book("bea", WinterDay(), BuiltInNewYork));
    }

    private static async Task<List<Instant>> SlotsAsync(HttpClient api, string owner, LocalDate day)
    {
        var text = day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        var answer = (await api.GetFromJsonAsync<JsonObject>($"/v1/owners/{owner}/meeting-types/call/slots?from={text}&to={text}&time_zone=UTC"))!;
        return [.. answer["slots"]!.AsArray().Select(s => Instant.FromDateTimeOffset(DateTimeOffset.Parse(s!["start"]!.GetValue<string>(), CultureInfo.InvariantCulture)))];
    }

    private static async Task<List<JsonNode>> ServiceReportsAsync(HttpClient api, string owner) =>
        [.. (await api.GetFromJsonAsync<JsonObject>($"/v1/owners/{owner}/audit?limit=200"))!["entries"]!.AsArray()
            .Where(e => e!["actor"]!.GetValue<string>() == "service").Select(e => e!)];

    private static async Task<JsonObject> HealthAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonObject>("/v1/admin/health"))!["time_zones"]!.AsObject();

    private static async Task<JsonObject> WaitForAsync(HttpClient api, Func<JsonObject, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var health = await HealthAsync(api);
            if (done(health) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(health), $"The rules were not read in time: {health.ToJsonString()}");
                return health;
            }

            await Task.Delay(100);
        }
    }

    private static Dictionary<string, string> Service(string rules, Dictionary<string, string> store) => new(store)
    {
        ["Auth__Mode"] = "Open",
        ["Limits__RateLimit__Enabled"] = "false",
        ["TimeZones__Path"] = rules,
    };
}
