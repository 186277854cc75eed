using System.Text.Json;
using Agenda.Api.Calendars.Busy;
using Agenda.Api.Calendars.Sources;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Calendars.Sync;

/// <summary>
/// Reads one connected calendar into a <see cref="SyncRecord"/>: its busy times in the window ahead, or why it could
/// not be read (in words with no secret in them). An unchanged calendar costs one small request: the feed's ETag or
/// Last-Modified, or each CalDAV calendar's ctag. Once a day (when the window has moved on by a date) everything is
/// read in full, so events that have come into the window are seen.
/// </summary>
internal sealed class CalendarReader(IHttpClientFactory http, CalendarSecrets secrets, CalendarOptions options)
{
    public const string ClientName = "calendars";

    private readonly CalendarSourceLimits limits = new() { Timeout = options.SourceTimeout };

    /// <summary>What a read leaves for the next one to be conditional, kept with the connection.</summary>
    public sealed record Validators(string WindowDate, string? ETag, string? LastModified, Dictionary<string, string?>? CTags);

    public async Task<SyncRecord> ReadAsync(StoredConnection connection, DateTimeZone ownerZone, IReadOnlyCollection<string> ownerEmails, Instant now, CancellationToken cancellationToken) =>
        (await ReadAsync(connection, ownerZone, ownerEmails, now, verifying: false, cancellationToken)).Record;

    /// <summary>
    /// Reads a connection about to be made, as <see cref="ReadAsync(StoredConnection, DateTimeZone, IReadOnlyCollection{string}, Instant, CancellationToken)"/>
    /// does, and also says how the server failed, if it did. A CalDAV address where no calendar holding events is found
    /// fails too: it is not a calendar.
    /// </summary>
    public Task<CalendarRead> VerifyAsync(StoredConnection connection, DateTimeZone ownerZone, IReadOnlyCollection<string> ownerEmails, Instant now, CancellationToken cancellationToken) =>
        ReadAsync(connection, ownerZone, ownerEmails, now, verifying: true, cancellationToken);

    private async Task<CalendarRead> ReadAsync(
        StoredConnection connection, DateTimeZone ownerZone, IReadOnlyCollection<string> ownerEmails, Instant now, bool verifying, CancellationToken cancellationToken)
    {
        // A day back as well, so a meeting running now still blocks.
        var window = new Interval(now - Duration.FromDays(1), now + options.Window);
        var windowDate = window.Start.InUtc().Date.ToString("yyyy-MM-dd", null);
        var previous = connection.Validators is { } text ? JsonSerializer.Deserialize<Validators>(text) : null;
        var conditional = previous is not null && previous.WindowDate == windowDate ? previous : null;
        try
        {
            if (secrets.TryOpen(connection.SecretBox) is not { } secret)
            {
                return new(Record(connection, now, window) with { Error = CalendarSecrets.CannotOpen }, null, null);
            }

            var (busy, validators) = connection.Kind == ConnectionKinds.Ics
                ? await ReadFeedAsync(secret, window, windowDate, conditional, ownerZone, ownerEmails, cancellationToken)
                : await ReadCalDavAsync(connection, secret, window, windowDate, conditional, ownerZone, ownerEmails, verifying, cancellationToken);
            return new(Record(connection, now, window) with { Busy = busy, Unchanged = busy is null, Validators = JsonSerializer.Serialize(validators) }, null, null);
        }
        catch (CalendarSourceException e)
        {
            return new(Record(connection, now, window) with { Error = e.Message }, e.Kind, e.StatusCode);
        }
        catch (CalendarFormatException e)
        {
            return new(Record(connection, now, window) with { Error = e.Message }, CalendarSourceFailure.Malformed, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(Record(connection, now, window) with { Error = "The calendar did not answer in time." }, CalendarSourceFailure.Timeout, null);
        }
    }

    private SyncRecord Record(StoredConnection connection, Instant now, Interval window) =>
        new(connection.Id, connection.OwnerId, now, now + options.SyncInterval, window, null, false, null, null, options.MaxAge) { ReadTicket = connection.ReadTicket };

    private async Task<(IReadOnlyList<Interval>? Busy, Validators Validators)> ReadFeedAsync(
        ConnectionSecret secret, Interval window, string windowDate, Validators? previous, DateTimeZone zone, IReadOnlyCollection<string> emails, CancellationToken cancellationToken)
    {
        var client = new IcsFeedClient(http.CreateClient(ClientName), limits);
        var since = previous is null ? null : new FeedValidators(previous.ETag, previous.LastModified);
        // Streamed through a filter for the window: a feed of many megabytes of past events costs little memory.
        switch (await client.FetchAsync(new Uri(secret.Url), since, window, cancellationToken))
        {
            case FeedFetchResult.NotModified same:
                return (null, new Validators(windowDate, same.Validators.ETag, same.Validators.LastModified, null));
            case FeedFetchResult.Changed changed:
                var busy = IcsBusyTimes.Read(changed.IcsText, window.Start, window.End, zone, emails);
                return (ToIntervals(busy), new Validators(windowDate, changed.Validators.ETag, changed.Validators.LastModified, null));
            default:
                throw new InvalidOperationException("A feed read ends changed or not modified.");
        }
    }

    private async Task<(IReadOnlyList<Interval>? Busy, Validators Validators)> ReadCalDavAsync(
        StoredConnection connection, ConnectionSecret secret, Interval window, string windowDate, Validators? previous, DateTimeZone zone,
        IReadOnlyCollection<string> emails, bool verifying, CancellationToken cancellationToken)
    {
        var client = new CalDavClient(http.CreateClient(ClientName), new CalDavCredentials(secret.UserName ?? "", secret.Password ?? ""), limits);
        IReadOnlyList<Uri> calendars = connection.Settings.BusyCalendars is { } chosen
            ? [.. chosen.Select(c => new Uri(c))]
            : [.. (await client.ListCalendarsAsync(new Uri(secret.Url), cancellationToken)).Where(c => c.HoldsEvents).Select(c => c.Href)];
        if (verifying && calendars.Count == 0)
        {
            throw new CalendarSourceException(CalendarSourceFailure.NotFound,
                $"{CalendarHttp.Origin(new Uri(secret.Url))} holds no calendar with events at that address; give the address of a calendar or of the account's calendar home.");
        }
        var ctags = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var calendar in calendars)
        {
            var state = await client.GetCtagAsync(calendar, cancellationToken);
            ctags[calendar.AbsoluteUri] = state.CTag ?? state.SyncToken;
        }

        var validators = new Validators(windowDate, null, null, ctags);
        if (previous?.CTags is { } before && before.Count == ctags.Count && ctags.All(c => c.Value is not null && before.TryGetValue(c.Key, out var was) && was == c.Value))
        {
            return (null, validators);
        }

        var texts = new List<string>();
        foreach (var calendar in calendars)
        {
            texts.AddRange((await client.QueryEventsAsync(calendar, window.Start, window.End, cancellationToken)).Select(e => e.IcsText));
        }

        return (ToIntervals(IcsBusyTimes.Read(texts, window.Start, window.End, zone, emails)), validators);
    }

    private static List<Interval> ToIntervals(IReadOnlyList<BusyInterval> busy) => [.. busy.Select(b => new Interval(b.Start, b.End))];
}

/// <summary>A read's record and, when the calendar server failed, how (<paramref name="Failure"/>) and its HTTP status, if it answered.</summary>
internal sealed record CalendarRead(SyncRecord Record, CalendarSourceFailure? Failure, int? ServerStatus);
