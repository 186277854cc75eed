using System.Text;
using Agenda.Api.Calendars.Busy;
using Agenda.Api.Calendars.Sources;
using Agenda.Api.Platform.Outbound;
using NodaTime;
using static Agenda.Api.Tests.Calendars.Ics;

namespace Agenda.Api.Tests.Calendars;

/// <summary>
/// A long-kept feed of many megabytes, mostly past events, read as the sync reads it (streamed over HTTP from a real
/// server through <see cref="IcsWindowFilter"/>): the busy times in the window are exactly those of reading the whole
/// text with <see cref="IcsBusyTimes"/>, for single events in every time form, recurring events with exceptions and
/// moved or cancelled occurrences, events near the window's edges, and times given in a VTIMEZONE only the file defines.
/// </summary>
public sealed class LargeFeedTests : IAsyncLifetime
{
    private static readonly Instant From = Utc("2024-11-24T08:00:00Z");
    private static readonly Instant To = From + Duration.FromDays(121);

    private TestFeed feed = null!;

    public async Task InitializeAsync() => feed = await TestFeed.StartAsync();

    public async Task DisposeAsync() => await feed.DisposeAsync();

    [Fact]
    public async Task A_feed_larger_than_the_old_limit_gives_the_busy_times_of_reading_it_whole_and_keeps_little_of_it()
    {
        feed.Text = LargeFeed(pastEvents: 16_000);
        Assert.True(Encoding.UTF8.GetByteCount(feed.Text) > 5 * 1024 * 1024, "The feed is larger than the former 5 MB limit.");
        var whole = IcsBusyTimes.Read(feed.Text, From, To, Berlin, OwnerEmails);
        var client = new IcsFeedClient(new HttpClient(CalendarSourceHandler.Create(new WebhookTargets(allowPrivate: true))));

        var fetched = Assert.IsType<FeedFetchResult.Changed>(await client.FetchAsync(new Uri(feed.Url), null, new Interval(From, To)));
        var streamed = IcsBusyTimes.Read(fetched.IcsText, From, To, Berlin, OwnerEmails);

        Assert.True(whole.Count > 100, $"The window holds {whole.Count} busy intervals.");
        Assert.Equal(whole, streamed);
        Assert.True(fetched.IcsText.Length < feed.Text.Length / 10, $"The filter kept {fetched.IcsText.Length} of {feed.Text.Length} characters.");
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    public async Task Lines_ending_in_a_line_feed_or_a_carriage_return_alone_are_read_as_lines(string ending)
    {
        var text = LargeFeed(pastEvents: 2_000);

        var filtered = await IcsWindowFilter.FilterAsync(new StringReader(text.Replace("\r\n", ending, StringComparison.Ordinal)), From, To, CancellationToken.None);

        Assert.Equal(IcsBusyTimes.Read(text, From, To, Berlin, OwnerEmails), IcsBusyTimes.Read(filtered, From, To, Berlin, OwnerEmails));
        Assert.True(filtered.Length < text.Length / 2, $"The filter kept {filtered.Length} of {text.Length} characters.");
    }

    [Theory]
    // Ends exactly at the window's start, starts exactly at its end, reaches over either edge, in each time form.
    [InlineData("DTSTART:20241124T070000Z", "DTEND:20241124T080000Z")]
    [InlineData("DTSTART:20250325T080000Z", "DTEND:20250325T090000Z")]
    [InlineData("DTSTART;TZID=Europe/Berlin:20241124T083000", "DTEND;TZID=Europe/Berlin:20241124T093100")]
    [InlineData("DTSTART;TZID=Custom Berlin:20241124T083000", "DURATION:PT1H1M")]
    [InlineData("DTSTART:20241124T083000", "DURATION:PT1H")]
    [InlineData("DTSTART;VALUE=DATE:20241124", "DTEND;VALUE=DATE:20241125")]
    [InlineData("DTSTART;VALUE=DATE:20241123", "")]
    [InlineData("DTSTART;VALUE=DATE:20250324", "DURATION:P2D")]
    [InlineData("DTSTART;TZID=Custom Berlin:20241101T090000", "DURATION:P4W")]
    [InlineData("DTSTART:20241001T090000Z", "DTEND:20250601T090000Z")]
    // In the window only by their zone: local digits earlier than UTC (New York) at the start, later (Berlin) at the end.
    [InlineData("DTSTART;TZID=America/New_York:20241124T023000", "DTEND;TZID=America/New_York:20241124T033000")]
    [InlineData("DTSTART;TZID=Europe/Berlin:20250325T083000", "DTEND;TZID=Europe/Berlin:20250325T100000")]
    [InlineData("DTSTART;TZID=Custom Berlin:20250325T083000", "DTEND;TZID=Custom Berlin:20250325T100000")]
    [InlineData("DTSTART:20250325T083000", "DURATION:PT1H")]
    // A time the filter cannot read cheaply is kept for the parser to judge.
    [InlineData("DTSTART;TZID=Europe/Berlin:20241202T1000", "DTEND;TZID=Europe/Berlin:20241202T110000")]
    public async Task An_event_at_the_edge_of_the_window_is_kept_exactly_when_it_blocks_time_there(string start, string end)
    {
        var text = Calendar(CustomZone, Event(end.Length == 0 ? [start] : [start, end]));

        var filtered = await IcsWindowFilter.FilterAsync(new StringReader(text), From, To, CancellationToken.None);

        Assert.Equal(IcsBusyTimes.Read(text, From, To, Berlin, OwnerEmails), IcsBusyTimes.Read(filtered, From, To, Berlin, OwnerEmails));
    }

    /// <summary>A VTIMEZONE like Berlin's under a name no database knows, so only the file's definition places its times.</summary>
    private const string CustomZone =
        "BEGIN:VTIMEZONE\nTZID:Custom Berlin\nBEGIN:DAYLIGHT\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nDTSTART:19810329T020000\n" +
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nEND:DAYLIGHT\nBEGIN:STANDARD\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\n" +
        "DTSTART:19961027T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nEND:STANDARD\nEND:VTIMEZONE\n";

    /// <summary>
    /// Ten years of past single events in every time form (with alarms, long folded descriptions and attendees), events in
    /// and around the window, weekly and daily series begun years ago with exceptions, moved and cancelled occurrences
    /// (some far in the past, some in the window, some moved into or out of it), and a task.
    /// </summary>
    private static string LargeFeed(int pastEvents)
    {
        var random = new Random(22);
        var text = new StringBuilder();
        text.Append(CustomZone);
        var first = Utc("2014-01-01T00:00:00Z");
        var span = (From - first - Duration.FromDays(3)).TotalMinutes;
        for (var i = 0; i < pastEvents; i++)
        {
            text.Append(Single(random, first + Duration.FromMinutes(Math.Floor(random.NextDouble() * span)), i));
        }

        for (var i = 0; i < 600; i++)
        {
            var start = From - Duration.FromDays(3) + Duration.FromMinutes(Math.Floor(random.NextDouble() * (To - From + Duration.FromDays(6)).TotalMinutes));
            text.Append(Single(random, start, pastEvents + i));
        }

        for (var series = 0; series < 40; series++)
        {
            text.Append(Series(random, series));
        }

        text.Append("BEGIN:VTODO\nUID:task-1\nDTSTAMP:20240101T000000Z\nDTSTART:20241201T090000Z\nDUE:20241201T100000Z\nSUMMARY:A task\nEND:VTODO\n");
        return Calendar(text.ToString());
    }

    private static string Single(Random random, Instant start, int index)
    {
        var minutes = 15 * random.Next(1, 9);
        var local = start.InZone(Berlin).LocalDateTime;
        var lines = new List<string> { $"UID:single-{index}@example.com", "SUMMARY:Meeting " + index };
        switch (index % 7)
        {
            case 0:
                lines.Add($"DTSTART:{start.InUtc():yyyyMMdd'T'HHmmss'Z'}");
                lines.Add($"DTEND:{(start + Duration.FromMinutes(minutes)).InUtc():yyyyMMdd'T'HHmmss'Z'}");
                break;
            case 1:
                lines.Add($"DTSTART;TZID=Europe/Berlin:{local:yyyyMMdd'T'HHmmss}");
                lines.Add($"DTEND;TZID=Europe/Berlin:{local.PlusMinutes(minutes):yyyyMMdd'T'HHmmss}");
                break;
            case 2:
                lines.Add($"DTSTART;TZID=Custom Berlin:{local:yyyyMMdd'T'HHmmss}");
                lines.Add($"DURATION:PT{minutes}M");
                break;
            case 3:
                lines.Add($"DTSTART:{local:yyyyMMdd'T'HHmmss}");
                lines.Add($"DTEND:{local.PlusMinutes(minutes):yyyyMMdd'T'HHmmss}");
                break;
            case 4:
                lines.Add($"DTSTART;VALUE=DATE:{local:yyyyMMdd}");
                lines.Add($"DTEND;VALUE=DATE:{local.Date.PlusDays(random.Next(1, 3)):yyyyMMdd}");
                break;
            case 5:
                lines.Add($"DTSTART;TZID=Europe/Berlin:{local:yyyyMMdd'T'HHmmss}");
                lines.Add($"DURATION:P{random.Next(0, 2)}DT{random.Next(1, 5)}H");
                lines.Add("BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT15M\nDESCRIPTION:Soon\nEND:VALARM");
                break;
            default:
                lines.Add($"DTSTART:{start.InUtc():yyyyMMdd'T'HHmmss'Z'}");
                lines.Add($"DTEND:{(start + Duration.FromMinutes(minutes)).InUtc():yyyyMMdd'T'HHmmss'Z'}");
                lines.Add(index % 2 == 0 ? "TRANSP:TRANSPARENT" : "ATTENDEE;PARTSTAT=DECLINED:mailto:ana@example.com");
                break;
        }

        // A long description, folded as RFC 5545 folds lines longer than 75 octets.
        lines.Add(Fold("DESCRIPTION:" + string.Concat(Enumerable.Repeat("Notes of the meeting, agenda and minutes. ", 3))));
        return Event([.. lines]);
    }

    private static string Series(Random random, int series)
    {
        var start = new LocalDateTime(2015 + (series % 6), 1 + (series % 12), 1 + (series % 27), 8 + (series % 9), 30);
        var zone = series % 3 == 0 ? "Custom Berlin" : "Europe/Berlin";
        var rule = series % 4 == 0 ? "RRULE:FREQ=DAILY;INTERVAL=3" : series % 4 == 1 ? "RRULE:FREQ=WEEKLY;BYDAY=MO,TH" : series % 4 == 2 ? "RRULE:FREQ=WEEKLY;UNTIL=20250110T000000Z" : "RRULE:FREQ=MONTHLY;BYMONTHDAY=2,16";
        var uid = $"series-{series}@example.com";
        var text = new StringBuilder(Event(
            $"UID:{uid}",
            $"DTSTART;TZID={zone}:{start:yyyyMMdd'T'HHmmss}",
            $"DTEND;TZID={zone}:{start.PlusMinutes(45):yyyyMMdd'T'HHmmss}",
            rule,
            $"EXDATE;TZID={zone}:{start.PlusWeeks(1):yyyyMMdd'T'HHmmss}"));
        // Overridden occurrences of instants the rule may or may not produce: far past, just before and in the window;
        // moved within a day, far away, or into the window; some cancelled.
        var windowStart = From.InZone(Berlin).LocalDateTime;
        LocalDateTime[] replaced =
        [
            start.PlusDays(35), start.PlusDays(400), windowStart.Date.PlusDays(-10) + start.TimeOfDay,
            windowStart.Date.PlusDays(random.Next(0, 110)) + start.TimeOfDay, windowStart.Date.PlusDays(random.Next(0, 110)) + start.TimeOfDay,
        ];
        for (var i = 0; i < replaced.Length; i++)
        {
            var moved = i switch
            {
                0 => windowStart.Date.PlusDays(20) + new LocalTime(10, 0),
                1 => replaced[i].PlusHours(2),
                3 => new LocalDateTime(2031, 1, 6, 9, 0),
                _ => replaced[i].PlusHours(1),
            };
            text.Append(Event(
                $"UID:{uid}",
                $"RECURRENCE-ID;TZID={zone}:{replaced[i]:yyyyMMdd'T'HHmmss}",
                $"DTSTART;TZID={zone}:{moved:yyyyMMdd'T'HHmmss}",
                $"DTEND;TZID={zone}:{moved.PlusMinutes(30):yyyyMMdd'T'HHmmss}",
                i == 4 && series % 2 == 0 ? "STATUS:CANCELLED" : "STATUS:CONFIRMED"));
        }

        return text.ToString();
    }

    private static string Fold(string line)
    {
        var folded = new StringBuilder();
        for (var i = 0; i < line.Length; i += 74)
        {
            folded.Append(i == 0 ? "" : "\n ").Append(line, i, Math.Min(74, line.Length - i));
        }

        return folded.ToString();
    }
}
