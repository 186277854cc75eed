using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Calendars;
using Agenda.Api.Owners;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The owner's overview: what is missing before invitees can book (weekly hours, a meeting type) or has gone wrong
/// (a connected calendar that cannot be read), each linking to where to fix it; the next bookings; the links to share,
/// the calendar feed and the profile, through the same use cases as the API (<see cref="OwnerProfile"/>...).
/// </summary>
internal sealed class IndexModel(
    IMeetingTypeStore meetingTypes, OwnerProfile profile, OwnerAvailability availability, OwnerCalendars calendars, BookingService bookings) : ConsolePage
{
    /// <summary>How many upcoming bookings the overview lists.</summary>
    public const int UpcomingCount = 5;

    public IReadOnlyList<StoredMeetingType> MeetingTypes { get; private set; } = [];

    /// <summary>Whether the owner has weekly hours or date-range rules: without, nothing can be booked.</summary>
    public bool HasHours { get; private set; }

    /// <summary>The connected calendars that cannot be read now (failing or stale).</summary>
    public IReadOnlyList<CalendarConnectionResponse> FailingCalendars { get; private set; } = [];

    public IReadOnlyList<BookingResponse> Upcoming { get; private set; } = [];

    /// <summary>Whether there are more upcoming bookings than <see cref="Upcoming"/> shows.</summary>
    public bool MoreUpcoming { get; private set; }

    /// <summary>The feed's address, just issued: the only time it can be shown, as only its hash is kept.</summary>
    public string? FeedUrl { get; private set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    public bool AllSet => HasHours && MeetingTypes.Count > 0 && FailingCalendars.Count == 0;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostIssueFeedAsync(CancellationToken cancellationToken)
    {
        if (await profile.IssueFeedAsync(OwnerId, cancellationToken) is not { } token)
        {
            return NotFoundPage();
        }

        FeedUrl = $"{Request.Scheme}://{Request.Host}{OwnerProfile.FeedPath(token)}";

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(CancellationToken cancellationToken) =>
        await profile.RevokeFeedAsync(OwnerId, cancellationToken) ? Done("FeedRevoked") : NotFoundPage();

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName;
        var (errors, updated) = await profile.UpdateAsync(OwnerId, name, TimeZone, cancellationToken);
        if (errors is not null)
        {
            Errors.Add(errors, key => key switch { "name" => "display-name", "time_zone" => "time-zone", _ => null });
            await LoadAsync(cancellationToken);
            return Page();
        }

        return updated is null ? NotFoundPage() : Done("Saved");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        MeetingTypes = await meetingTypes.ListMeetingTypesAsync(OwnerId, cancellationToken) ?? [];
        HasHours = await availability.HasHoursAsync(OwnerId, cancellationToken) ?? false;
        var now = calendars.Now;
        FailingCalendars = [.. (await calendars.ListAsync(OwnerId, cancellationToken) ?? []).Select(c => c.ToResponse(now)).Where(c => c.State is "failing" or "stale")];
        if (await bookings.ListAsync(OwnerId, new BookingListRequest(BookingListStatus.Upcoming, null, null, UpcomingCount + 1, null), cancellationToken) is { } list)
        {
            Upcoming = [.. list.Page.Take(UpcomingCount).Select(b => b.ToResponse(list.Owner.Zone))];
            MoreUpcoming = list.Page.Count > UpcomingCount;
        }
    }
}
