using System.Diagnostics;
using System.Globalization;
using System.Text;
using Agenda.Api.Calendars.Busy;
using Agenda.Api.Calendars.Sources;
using Agenda.Api.Platform.Outbound;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NodaTime;

// Reads a generated feed (100,000 events, about 8 MB, ten years of mostly past events plus weekly series) the way the
// sync reads one, served by Kestrel from a file, and prints the time and the extra peak memory (peak resident set
// after the read minus the resident set before it). Each way runs in its own process, so one does not inflate the
// other's peak:
//   dotnet run -c Release --project bench/Agenda.FeedRead -- stream [readers]   the sync's way: streamed through IcsWindowFilter
//   dotnet run -c Release --project bench/Agenda.FeedRead -- whole  [readers]   the former way: the whole text to Ical.Net
var mode = args.FirstOrDefault() ?? "stream";
var readers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var now = Instant.FromUtc(2026, 12, 6, 8, 0);
var from = now - Duration.FromDays(1);
var to = now + Duration.FromDays(120);
var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

var feedPath = Path.Combine(Path.GetTempPath(), "agenda-feed-100k.ics");
if (!File.Exists(feedPath))
{
    await File.WriteAllTextAsync(feedPath, Feed(100_000, now));
}

var smallPath = Path.Combine(Path.GetTempPath(), "agenda-feed-1k.ics");
await File.WriteAllTextAsync(smallPath, Feed(1_000, now));

var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/{name}.ics", (string name) => Results.File(name == "large" ? feedPath : smallPath, "text/calendar; charset=utf-8"));
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var http = new HttpClient(CalendarSourceHandler.Create(new WebhookTargets(allowPrivate: true))) { Timeout = Timeout.InfiniteTimeSpan };
var client = new IcsFeedClient(http, new CalendarSourceLimits { Timeout = TimeSpan.FromMinutes(5), MaxResponseBytes = 64 * 1024 * 1024 });

async Task<int> ReadAsync(string name)
{
    var url = new Uri($"{address}/{name}.ics");
    if (mode == "whole")
    {
        var whole = Assert(await client.FetchAsync(url, null));
        return IcsBusyTimes.Read(whole.IcsText, from, to, berlin, []).Count;
    }

    var fetching = Stopwatch.StartNew();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var filtered = Assert(await client.FetchAsync(url, null, new Interval(from, to)));
    var fetched = fetching.Elapsed;
    var fetchAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    var count = IcsBusyTimes.Read(filtered.IcsText, from, to, berlin, []).Count;
    if (name == "large")
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  fetched and filtered in {fetched.TotalSeconds:0.00} s, allocating {fetchAllocated / 1048576.0:0} MiB (with other readers), kept {filtered.IcsText.Length / 1e6:0.00} M characters, read in {(fetching.Elapsed - fetched).TotalSeconds:0.00} s"));
    }

    return count;
}

// Warm up (JIT, connection pool) on a small feed, then measure from a settled heap.
await ReadAsync("small");
GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
GC.WaitForPendingFinalizers();
GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
var peakReset = ResetPeak();
var before = Status("VmRSS");
var allocated = GC.GetTotalAllocatedBytes(precise: true);
var clock = Stopwatch.StartNew();
var busy = await Task.WhenAll(Enumerable.Range(0, readers).Select(_ => ReadAsync("large")));
clock.Stop();
var peak = peakReset ? Status("VmHWM") : Environment.WorkingSet;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"mode={mode} readers={readers} feed={new FileInfo(feedPath).Length / 1e6:0.0} MB busy={busy[0]} time={clock.Elapsed.TotalSeconds:0.00} s " +
    $"extra_peak={(peak - before) / (1024.0 * 1024.0):0} MiB{(peakReset ? "" : " (peak not reset: an estimate)")} allocated={(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024.0):0} MiB"));
await app.StopAsync();
return;

static FeedFetchResult.Changed Assert(FeedFetchResult result) =>
    result as FeedFetchResult.Changed ?? throw new InvalidOperationException("The feed was not read.");

// Linux: writing 5 to clear_refs resets the peak resident set (VmHWM) to the current one.
static bool ResetPeak()
{
    try
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return true;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        return false;
    }
}

static long Status(string field)
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
}

// Ten years of single events (UTC and Europe/Berlin times, one in forty all-day) up to 120 days ahead, and 50 weekly series
// begun years ago; the same seed every run.
static string Feed(int events, Instant now)
{
    var random = new Random(16);
    var text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Agenda bench//EN\r\n");
    var first = now - Duration.FromDays(3650);
    var span = (Duration.FromDays(3650 + 120)).TotalMinutes;
    var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    for (var i = 0; i < events - 50; i++)
    {
        var start = first + Duration.FromMinutes(Math.Floor(random.NextDouble() * span / 15) * 15);
        var end = start + Duration.FromMinutes(15 * random.Next(1, 8));
        text.Append("BEGIN:VEVENT\r\nUID:e").Append(i).Append("\r\n");
        switch (i % 4)
        {
            case 0 or 1:
                text.Append(CultureInfo.InvariantCulture, $"DTSTART:{start.InUtc():yyyyMMdd'T'HHmmss'Z'}\r\nDTEND:{end.InUtc():yyyyMMdd'T'HHmmss'Z'}\r\n");
                break;
            case 2:
                text.Append(CultureInfo.InvariantCulture, $"DTSTART;TZID=Europe/Berlin:{start.InZone(berlin):yyyyMMdd'T'HHmmss}\r\nDURATION:PT{(end - start).TotalMinutes}M\r\n");
                break;
            case 3 when i % 40 == 3:
                text.Append(CultureInfo.InvariantCulture, $"DTSTART;VALUE=DATE:{start.InUtc():yyyyMMdd}\r\n");
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"DTSTART:{start.InUtc():yyyyMMdd'T'HHmmss'Z'}\r\nDTEND:{end.InUtc():yyyyMMdd'T'HHmmss'Z'}\r\n");
                break;
        }

        text.Append("END:VEVENT\r\n");
    }

    for (var i = 0; i < 50; i++)
    {
        var start = (first + Duration.FromDays(random.Next(0, 3000))).InZone(berlin).Date.AtMidnight().PlusHours(9);
        text.Append(CultureInfo.InvariantCulture,
            $"BEGIN:VEVENT\r\nUID:s{i}\r\nDTSTART;TZID=Europe/Berlin:{start:yyyyMMdd'T'HHmmss}\r\nDTEND;TZID=Europe/Berlin:{start.PlusMinutes(30):yyyyMMdd'T'HHmmss}\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n");
    }

    return text.Append("END:VCALENDAR\r\n").ToString();
}
