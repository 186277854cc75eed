using System.Buffers;
using System.Net;
using System.Text;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Outbound;

namespace Agenda.Api.Calendars.Sources;

/// <summary>
/// What the feed and CalDAV clients share: one time limit over the whole exchange, redirects followed by hand (counted,
/// each hop's scheme checked and its connection guarded by the handler), answers read with a counting size limit, and
/// failures turned into <see cref="CalendarSourceException"/> whose messages name scheme and host only.
/// </summary>
internal static class CalendarHttp
{
    /// <summary>The part of an address that may appear in messages and logs: a feed's path and query are its secret.</summary>
    public static string Origin(Uri url) => $"{url.Scheme}://{url.Authority}";

    /// <summary>http and https as they are; webcal (the subscription scheme) read as https; anything else refused.</summary>
    public static Uri Normalize(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new CalendarSourceException(CalendarSourceFailure.Refused, "A calendar address must be absolute (https://...).");
        }

        if (url.Scheme is "webcal" or "webcals")
        {
            return new UriBuilder(url) { Scheme = Uri.UriSchemeHttps, Port = url.IsDefaultPort ? -1 : url.Port }.Uri;
        }

        return url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps
            ? url
            : throw new CalendarSourceException(CalendarSourceFailure.Refused, $"Only http, https and webcal addresses can be read, not {url.Scheme}.");
    }

    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    /// <summary>
    /// Runs one exchange within <see cref="CalendarSourceLimits.Timeout"/> and turns transport failures into typed ones.
    /// The caller's own cancellation stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<T> RunAsync<T>(Uri url, CalendarSourceLimits limits, Func<CancellationToken, Task<T>> exchange, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        try
        {
            return await exchange(timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CalendarSourceException(CalendarSourceFailure.Timeout, $"{Origin(url)} did not answer within {limits.Timeout.TotalSeconds:0.#} seconds.", null, e);
        }
        catch (HttpRequestException e) when (Find<WebhookTargetRefusedException>(e) is not null)
        {
            throw new CalendarSourceException(CalendarSourceFailure.Refused,
                $"{Origin(url)} (or an address it redirected to) resolves only to private or loopback addresses, which calendar sources may not use.", null, e);
        }
        catch (HttpRequestException e)
        {
            throw new CalendarSourceException(CalendarSourceFailure.Unreachable, $"{Origin(url)} could not be reached ({Describe(e.HttpRequestError)}).", null, e);
        }
    }

    /// <summary>
    /// Sends the request <paramref name="create"/> makes for each address, following at most <see cref="CalendarSourceLimits.MaxRedirects"/>
    /// redirects. <paramref name="create"/> gets the address of each hop, so it can leave credentials off a hop to another origin.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, Uri Url)> SendAsync(
        HttpClient http, Uri url, Func<Uri, HttpRequestMessage> create, CalendarSourceLimits limits, CancellationToken cancellationToken)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            var response = await SendOnceAsync(http, () => create(current), cancellationToken);
            if (!IsRedirect(response.StatusCode))
            {
                return (response, current);
            }

            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw new CalendarSourceException(CalendarSourceFailure.ServerError, $"{Origin(current)} answered a redirect without a Location.", (int)response.StatusCode);
            }

            if (redirects >= limits.MaxRedirects)
            {
                throw new CalendarSourceException(CalendarSourceFailure.ServerError, $"{Origin(url)} redirected more than {limits.MaxRedirects} times.", (int)response.StatusCode);
            }

            current = Normalize(location.IsAbsoluteUri ? location : new Uri(current, location));
        }
    }

    /// <summary>
    /// Sends one request, once more if the connection closed before any answer came. A server that closes idle connections
    /// (or answers HTTP/1.0, as radicale's built-in server does) can close a pooled connection just as it is reused; every
    /// method these clients send is idempotent or conditional, so sending it again is safe (RFC 9110 §9.2.2).
    /// </summary>
    private static async Task<HttpResponseMessage> SendOnceAsync(HttpClient http, Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = create();
            try
            {
                return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e) when (attempt < 3 && e.HttpRequestError == HttpRequestError.ResponseEnded)
            {
                // Sent again below on a fresh connection.
            }
        }
    }

    /// <summary>
    /// The body as text, read with a counting limit: a Content-Length over the limit fails at once, and a body without
    /// one (or with a false one) fails as soon as the limit is passed, without holding more than the limit in memory.
    /// </summary>
    public static async Task<string> ReadTextAsync(HttpResponseMessage response, Uri url, CalendarSourceLimits limits, CancellationToken cancellationToken)
    {
        var max = limits.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw TooLarge(url, max);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(), cancellationToken)) > 0)
            {
                if (body.Length + read > max)
                {
                    throw TooLarge(url, max);
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var encoding = EncodingOf(response);
        var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        var preamble = encoding.Preamble;
        return encoding.GetString(bytes.StartsWith(preamble) ? bytes[preamble.Length..] : bytes);
    }

    /// <summary>
    /// The body as a reader of text, in the answer's charset (UTF-8 by default, a byte order mark wins), counting bytes as
    /// they arrive: a Content-Length over <paramref name="max"/> fails at once, and a body that passes it fails when it does.
    /// Nothing but the reader's buffers is held.
    /// </summary>
    public static async Task<TextReader> OpenTextAsync(HttpResponseMessage response, Uri url, long max, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > max)
        {
            throw TooLarge(url, max);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new StreamReader(new CountingStream(stream, max, () => TooLarge(url, max)), EncodingOf(response), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
    }

    /// <summary>The failure for an unsuccessful status, by what the owner can do about it.</summary>
    public static CalendarSourceException Failure(HttpResponseMessage response, Uri url)
    {
        var code = (int)response.StatusCode;
        var origin = Origin(url);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new(CalendarSourceFailure.Unauthorized, $"{origin} refused access ({code}): the user name, password or secret address is not accepted.", code),
            HttpStatusCode.NotFound or HttpStatusCode.Gone => new(CalendarSourceFailure.NotFound, $"{origin} has nothing at this address ({code}).", code),
            HttpStatusCode.PreconditionFailed => new(CalendarSourceFailure.Conflict, $"{origin} refused the change ({code}): the item changed on the server since it was read, or already exists.", code),
            HttpStatusCode.RequestEntityTooLarge => new(CalendarSourceFailure.TooLarge, $"{origin} refused the item as too large ({code}).", code),
            _ => new(CalendarSourceFailure.ServerError, $"{origin} answered {code} {response.ReasonPhrase}.", code),
        };
    }

    private static CalendarSourceException TooLarge(Uri url, long max) =>
        new(CalendarSourceFailure.TooLarge, $"The answer from {Origin(url)} is larger than {max / (1024.0 * 1024.0):0.#} MB.");

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
        or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static Encoding EncodingOf(HttpResponseMessage response)
    {
        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"');
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                return Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // An unknown charset: iCalendar and WebDAV are UTF-8 by default (RFC 5545 §3.1.4, RFC 4918 §8.1).
            }
        }

        return new UTF8Encoding(false);
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the name could not be resolved",
        HttpRequestError.ConnectionError => "the connection failed",
        HttpRequestError.SecureConnectionError => "the TLS connection failed",
        HttpRequestError.ResponseEnded => "the answer ended early",
        HttpRequestError.InvalidResponse => "the answer was not valid HTTP",
        _ => "the request failed",
    };

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>A read-only stream that fails once more than <paramref name="max"/> bytes have come through it.</summary>
    private sealed class CountingStream(Stream inner, long max, Func<Exception> tooLarge) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int bytes)
        {
            read += bytes;
            return read > max ? throw tooLarge() : bytes;
        }
    }
}
