using Agenda.Api.Accounts;
using Agenda.Api.Availability;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Owners;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The first visit's setup, on one page: name and time zone (the browser's, detected at sign-up), the weekly hours (the
/// same start and end on the chosen days), a first meeting type, and then the link to share. Each part goes through the
/// use case the API and the other console pages use (<see cref="OwnerProfile"/>, <see cref="OwnerAvailability"/>,
/// <see cref="OwnerMeetingTypes"/>); the page can be used again later, and changes nothing it is not given.
/// </summary>
internal sealed class SetupModel(OwnerProfile profile, OwnerAvailability availability, OwnerMeetingTypes meetingTypes) : ConsolePage
{
    public static readonly IReadOnlyList<IsoDayOfWeek> Week = HoursModel.Week;

    public static readonly IReadOnlyList<int> Durations = [15, 30, 45, 60, 90];

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty]
    public List<IsoDayOfWeek> Days { get; set; } = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    [BindProperty]
    public string Start { get; set; } = "09:00";

    [BindProperty]
    public string End { get; set; } = "17:00";

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public int Duration { get; set; } = 30;

    /// <summary>After saving: the address of the owner's booking page, to share.</summary>
    public string? Link { get; private set; }

    public void OnGet(bool done = false)
    {
        DisplayName = Owner.DisplayName;
        TimeZone = Owner.Zone.Id;
        Title = AccountTexts.Format("SetupDefaultTitle", Duration);
        Link = done ? Absolute($"/{Escaped(OwnerId)}") : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (profileErrors, _) = await profile.UpdateAsync(OwnerId, string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim(), TimeZone?.Trim(), cancellationToken);
        if (profileErrors is not null)
        {
            Errors.Add(profileErrors, key => key switch { "name" => "display-name", "time_zone" => "time-zone", _ => null });
            return Refused();
        }

        List<HoursBody?>? On(IsoDayOfWeek day) => Days.Contains(day) ? [new HoursBody(Start.Trim(), End.Trim())] : [];
        var (hoursErrors, _) = await availability.ReplaceWeeklyHoursAsync(OwnerId, new WeeklyHoursBody(
            On(IsoDayOfWeek.Monday), On(IsoDayOfWeek.Tuesday), On(IsoDayOfWeek.Wednesday), On(IsoDayOfWeek.Thursday),
            On(IsoDayOfWeek.Friday), On(IsoDayOfWeek.Saturday), On(IsoDayOfWeek.Sunday)), cancellationToken);
        if (hoursErrors is not null)
        {
            Errors.Add(hoursErrors, _ => "start");
            return Refused();
        }

        if (!string.IsNullOrWhiteSpace(Title))
        {
            var title = Title.Trim();
            var written = await meetingTypes.CreateAsync(OwnerId, new MeetingTypeBody(Slug: SlugOf(title, Duration), Title: title, DurationMinutes: Duration), cancellationToken);
            if (written is MeetingTypeWrite.Invalid invalid)
            {
                Errors.Add(invalid.Errors, key => key == "title" ? "title" : null);
                return Refused();
            }

            if (written is MeetingTypeWrite.LimitReached)
            {
                Errors.Add(AccountTexts.Get("SetupMeetingTypeLimit"));
                return Refused();
            }

            // An existing meeting type of that slug (the page used a second time) is kept as it is.
        }

        return RedirectToPage(new { done = true });
    }

    /// <summary>A meeting type's slug from its title: "30 minute meeting" gives 30-minute-meeting; a title without letters or digits, "meeting-30".</summary>
    public static string SlugOf(string title, int minutes) => MeetingTypeSlugs.FromTitle(title) is { Length: > 0 } slug ? slug : $"meeting-{minutes}";

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
