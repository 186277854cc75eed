namespace Agenda.Api.Calendars.Sources;

/// <summary>
/// What one request to a calendar source may cost: the answer's size (counted while reading, whatever Content-Length says),
/// the time for the whole exchange including redirects, and how many redirects are followed.
/// </summary>
public sealed record CalendarSourceLimits
{
    public static readonly CalendarSourceLimits Default = new();

    public long MaxResponseBytes { get; init; } = 5 * 1024 * 1024;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxRedirects { get; init; } = 3;
}
