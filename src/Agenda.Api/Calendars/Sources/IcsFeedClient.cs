using System.Globalization;
using System.Net;
using Agenda.Api.Calendars.Busy;
using NodaTime;

namespace Agenda.Api.Calendars.Sources;

/// <summary>
/// The validators of the last feed text read, sent back as If-None-Match and If-Modified-Since so an unchanged feed costs
/// one small request (RFC 9110 §13). Either may be missing; a feed with neither is downloaded every time.
/// </summary>
internal sealed record FeedValidators(string? ETag, string? LastModified)
{
    public static readonly FeedValidators None = new(null, null);
}

/// <summary>What fetching a feed found: the same text as last time, or new text with its validators.</summary>
internal abstract record FeedFetchResult
{
    private FeedFetchResult()
    {
    }

    /// <summary>The server answered 304: the text read last time is still current.</summary>
    public sealed record NotModified(FeedValidators Validators) : FeedFetchResult;

    /// <summary>New iCalendar text (it starts with BEGIN:VCALENDAR; the busy-time reader checks the rest) and the validators to send next time.</summary>
    public sealed record Changed(string IcsText, FeedValidators Validators) : FeedFetchResult;
}

/// <summary>
/// Reads a calendar's read-only subscription address ("secret address" in Google, Outlook, iCloud ...): http, https, or
/// webcal read as https. The address is a secret, so messages name its scheme and host only. The host builds the
/// <see cref="HttpClient"/> on <see cref="CalendarSourceHandler.Create"/>, which keeps connections off private addresses.
/// </summary>
internal sealed class IcsFeedClient(HttpClient http, CalendarSourceLimits? limits = null)
{
    private readonly CalendarSourceLimits limits = limits ?? CalendarSourceLimits.Default;

    /// <summary>Fetches the feed, conditionally when <paramref name="previous"/> has validators.</summary>
    /// <exception cref="CalendarSourceException">The feed could not be read; <see cref="CalendarSourceException.Kind"/> says why.</exception>
    public Task<FeedFetchResult> FetchAsync(Uri feedUrl, FeedValidators? previous = null, CancellationToken cancellationToken = default) =>
        FetchAsync(feedUrl, previous, cancellationToken, async (response, finalUrl, token) =>
        {
            var text = await CalendarHttp.ReadTextAsync(response, finalUrl, limits, token);
            return text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase)
                ? text
                : throw NotICalendar(finalUrl, response);
        });

    /// <summary>
    /// Fetches the feed for a window: its text streams through <see cref="IcsWindowFilter"/> as it arrives, so only what can
    /// block time in <paramref name="window"/> is held (the VCALENDAR's properties, its VTIMEZONEs, the events that may
    /// touch the window, every recurring one) and the feed may be as large as <see cref="CalendarSourceLimits.MaxFeedBytes"/>.
    /// <see cref="FeedFetchResult.Changed.IcsText"/> is that filtered text.
    /// </summary>
    /// <exception cref="CalendarSourceException">The feed could not be read; <see cref="CalendarSourceException.Kind"/> says why.</exception>
    public Task<FeedFetchResult> FetchAsync(Uri feedUrl, FeedValidators? previous, Interval window, CancellationToken cancellationToken = default) =>
        FetchAsync(feedUrl, previous, cancellationToken, async (response, finalUrl, token) =>
        {
            using var reader = await CalendarHttp.OpenTextAsync(response, finalUrl, limits.MaxFeedBytes, token);
            try
            {
                return await IcsWindowFilter.FilterAsync(reader, window.Start, window.End, token);
            }
            catch (CalendarFormatException)
            {
                throw NotICalendar(finalUrl, response);
            }
        });

    /// <summary>One conditional fetch: a 304 keeps <paramref name="previous"/>; a success is read by <paramref name="readText"/>.</summary>
    private Task<FeedFetchResult> FetchAsync(
        Uri feedUrl, FeedValidators? previous, CancellationToken cancellationToken, Func<HttpResponseMessage, Uri, CancellationToken, Task<string>> readText)
    {
        var url = CalendarHttp.Normalize(feedUrl);
        var validators = previous ?? FeedValidators.None;
        return CalendarHttp.RunAsync(url, limits, async token =>
        {
            var (response, finalUrl) = await CalendarHttp.SendAsync(http, url, hop => Request(hop, validators), limits, token);
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return new FeedFetchResult.NotModified(validators);
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw CalendarHttp.Failure(response, finalUrl);
                }

                var text = await readText(response, finalUrl, token);
                var lastModified = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture);
                return (FeedFetchResult)new FeedFetchResult.Changed(text, new FeedValidators(response.Headers.ETag?.ToString(), lastModified));
            }
        }, cancellationToken);
    }

    private static CalendarSourceException NotICalendar(Uri finalUrl, HttpResponseMessage response) =>
        new(CalendarSourceFailure.Malformed,
            $"{CalendarHttp.Origin(finalUrl)} did not answer with iCalendar data (the text does not start with BEGIN:VCALENDAR); check that the address is the calendar's iCal (.ics) address.",
            (int)response.StatusCode);

    private static HttpRequestMessage Request(Uri url, FeedValidators previous)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "text/calendar, */*;q=0.5");
        if (previous.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (previous.LastModified is { } lastModified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        return request;
    }
}
