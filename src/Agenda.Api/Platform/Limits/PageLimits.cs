namespace Agenda.Api.Platform.Limits;

/// <summary>
/// How much one answer of a list may hold. <c>Limits:MaxUpcomingPerPage</c> (default 500) bounds the documented
/// <c>list_upcoming</c>: more appointments are reached through its <c>Link: &lt;...&gt;; rel="next"</c> header.
/// </summary>
internal sealed record PageLimits(int MaxUpcomingPerPage)
{
    public const int DefaultMaxUpcomingPerPage = 500;
}
