namespace Agenda.Api.Pages.Book;

/// <summary>
/// The side panel of a booking page (<c>_MeetingPanel</c>): who the invitee meets (a photo, or their initials), what
/// (title, length, hosts) and, once chosen, when; with the owner's welcome text. On a wide screen it stands beside the
/// calendar, on a phone above it, as on Calendly's and Cal.com's pages.
/// </summary>
internal sealed record MeetingPanel(string HostName)
{
    /// <summary>The address of the host's photo or logo, when they have one.</summary>
    public string? PhotoUrl { get; init; }

    /// <summary>A link back to the page of every meeting type, with its words.</summary>
    public (string Href, string Text)? Back { get; init; }

    public string? Title { get; init; }

    /// <summary>Whether the title is the page's heading (h1), or the page has its own (the manage page).</summary>
    public bool TitleIsHeading { get; init; } = true;

    public int? Minutes { get; init; }

    /// <summary>Who takes part, in words: who hosts a team meeting (round robin, or how many hosts), or how large a class with seats is.</summary>
    public string? Hosts { get; init; }

    /// <summary>The chosen time, in the invitee's zone, once a slot is chosen.</summary>
    public string? Chosen { get; init; }

    /// <summary>The zone the times are shown in, named for people.</summary>
    public string? Zone { get; init; }

    /// <summary>The owner's short welcome text, shown as they wrote it (escaped, line breaks kept).</summary>
    public string? Welcome { get; init; }

    /// <summary>
    /// The meeting type's description as safe HTML, made only by <see cref="MeetingTypes.MeetingDescription.ToHtml"/>
    /// (Markdown rendered without raw HTML, then sanitized); empty for none.
    /// </summary>
    public string DescriptionHtml { get; init; } = "";

    /// <summary>The places or ways to meet the type offers: each kind's icon and its name for the invitee.</summary>
    public IReadOnlyList<(string Icon, string Text)> Locations { get; init; } = [];

    /// <summary>Up to two initials of the host's name, for the avatar when there is no photo.</summary>
    public string Initials =>
        string.Concat(HostName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
}
