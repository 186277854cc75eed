using Agenda.Scheduling.Zones;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// What the invitee pages share: the invitee's time zone (chosen with <c>?tz=</c>, then remembered in a cookie, else the
/// owner's until the page script reports the browser's zone), and a friendly 404 page for what does not exist.
/// </summary>
internal abstract class InviteePage(PageTexts texts) : PageModel
{
    public const string ZoneCookie = "agenda_tz";

    public PageTexts T { get; } = texts;

    /// <summary>Set when the page answers 404; the page then shows this and nothing else.</summary>
    public string? Missing { get; private set; }

    /// <summary>A link back to something that exists, on a 404 page.</summary>
    public string? MissingLink { get; private set; }

    /// <summary>The heading of the page shown instead (<see cref="Missing"/>): not found, or a link already used.</summary>
    public string MissingTitle { get; private set; } = texts.NotFoundTitle;

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    /// <summary>
    /// The query parameters every link and form of a meeting type's pages carries on: the chosen length and the
    /// single-use link the page was reached through, when there are.
    /// </summary>
    public List<KeyValuePair<string, string>> Carried { get; } = [];

    /// <summary>The single-use link's token the page was reached through (<c>?link=</c>), when it was.</summary>
    public string? LinkToken { get; private set; }

    /// <summary>
    /// Takes the single-use link <paramref name="token"/> the page came with, for <paramref name="target"/>: null when
    /// there is none or it is open (and then carried on); else the page that says it is used (410) or unknown (404).
    /// </summary>
    protected async Task<IActionResult?> ThroughLinkAsync(string? token, Storage.LinkTarget target, CancellationToken cancellationToken)
    {
        var links = HttpContext.RequestServices.GetRequiredService<MeetingTypes.SingleUseLinks>();
        switch (await LinkOnPage.CheckAsync(links, token, target, cancellationToken))
        {
            case LinkState.Open:
                LinkToken = token;
                Carried.Add(new(LinkOnPage.Parameter, token!));
                return null;
            case LinkState.Used:
                return LinkUsedPage();
            case LinkState.Unknown:
                return NotFoundPage(T.UnknownLink);
            default:
                return null;
        }
    }

    /// <summary>The page of a single-use link that booked already or was revoked: 410 Gone, no form.</summary>
    protected IActionResult LinkUsedPage()
    {
        Missing = T.LinkUsed;
        MissingTitle = T.LinkUsedTitle;
        MissingLink = null;
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }

    /// <summary>
    /// An owner's pages (their address has the owner in it) are not offered once an administrator deactivated the
    /// owner's account: the page says the person is not taking bookings here. Pages of a booking made earlier (its
    /// confirmation, its manage page) stay, so invitees can still see, move or cancel it.
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (RouteData.Values["owner"] is string owner
            && await Accounts.Administration.IsDeactivatedAsync(HttpContext.RequestServices.GetRequiredService<Storage.IAccountStore>(), owner, HttpContext.RequestAborted))
        {
            context.Result = NotFoundPage(Accounts.AccountTexts.Format("NotAvailable", owner));
            return;
        }

        await next();
    }

    /// <summary>The current instant, from the service's clock.</summary>
    public Instant Now => Platform.Hosting.ClockRegistration.GetCurrentInstant(HttpContext.RequestServices.GetRequiredService<TimeProvider>());

    /// <summary>Whether the invitee chose the zone (or the browser reported it), rather than it being the owner's by default.</summary>
    public bool ZoneChosen { get; private set; }

    protected void ChooseZone(string? requested, DateTimeZone ownerZone)
    {
        if (requested is not null && ZoneRules.Find(requested) is { } asked)
        {
            Zone = asked;
            ZoneChosen = true;
            Response.Cookies.Append(ZoneCookie, asked.Id, new Microsoft.AspNetCore.Http.CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.None,
                Secure = Request.IsHttps,
            });
        }
        else if (Request.Cookies.TryGetValue(ZoneCookie, out var kept) && ZoneRules.Find(kept) is { } remembered)
        {
            Zone = remembered;
            ZoneChosen = true;
        }
        else
        {
            Zone = ownerZone;
        }
    }

    protected IActionResult NotFoundPage(string message, string? link = null)
    {
        Missing = message;
        MissingLink = link;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>The public address of an owner's page, or of one of their meeting types.</summary>
    public static string OwnerPath(string ownerId, string? slug = null) =>
        "/" + Uri.EscapeDataString(ownerId) + (slug is null ? "" : "/" + slug);

    public static string ManagePath(string bookingId, string token) =>
        Platform.Access.BookingLinks.ManagePath(bookingId, token);
}
