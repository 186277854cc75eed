namespace Agenda.Api.Calendars.Sources;

/// <summary>
/// What one request to a calendar source may cost: the answer's size (counted while reading, whatever Content-Length says),
/// the time for the whole exchange including redirects, and how many redirects are followed.
/// </summary>
internal sealed record CalendarSourceLimits
{
    public static readonly CalendarSourceLimits Default = new();

    public long MaxResponseBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>
    /// A subscription feed read for a window (<see cref="IcsFeedClient.FetchAsync(Uri, FeedValidators?, NodaTime.Interval, CancellationToken)"/>)
    /// streams through a filter that keeps only what can matter, so it may be much larger: 64 MB by default.
    /// </summary>
    public long MaxFeedBytes { get; init; } = 64 * 1024 * 1024;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxRedirects { get; init; } = 3;
}
