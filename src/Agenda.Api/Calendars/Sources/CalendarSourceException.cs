namespace Agenda.Api.Calendars.Sources;

/// <summary>Why reading from or writing to an owner's calendar failed, so the service can say what to fix.</summary>
internal enum CalendarSourceFailure
{
    /// <summary>No connection could be made (name not found, connection refused, TLS failure).</summary>
    Unreachable,

    /// <summary>No complete answer within the time limit.</summary>
    Timeout,

    /// <summary>The server refused the credentials or the access (401, 403): a password was changed or a secret address reset.</summary>
    Unauthorized,

    /// <summary>There is nothing at the address (404, 410).</summary>
    NotFound,

    /// <summary>The answer is larger than the limit.</summary>
    TooLarge,

    /// <summary>The answer is not what was asked for (not iCalendar, not WebDAV XML).</summary>
    Malformed,

    /// <summary>The address is not one the service may call: a private or loopback address, or a scheme other than http(s) and webcal.</summary>
    Refused,

    /// <summary>The server answered with an error, or with a status this client does not expect.</summary>
    ServerError,

    /// <summary>The item changed on the server since it was read (412 on If-Match), or already exists (412 on If-None-Match: *).</summary>
    Conflict,
}

/// <summary>
/// Reading or writing a calendar source failed for a reason named by <see cref="Kind"/>. The message names the server by
/// scheme and host only: a feed's path is its secret, and credentials never appear.
/// </summary>
internal sealed class CalendarSourceException(CalendarSourceFailure kind, string message, int? statusCode = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public CalendarSourceFailure Kind { get; } = kind;

    /// <summary>The HTTP status that caused the failure, when there was an answer.</summary>
    public int? StatusCode { get; } = statusCode;
}
