using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Calendars;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Owners;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Observability;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>Date overrides: listed, added (a day off or other hours) and removed through the same use case as the API (<see cref="OwnerAvailability"/>).</summary>
internal sealed class OverridesModel(OwnerAvailability availability, LimitMetrics limits) : ConsolePage
{
    public IReadOnlyList<DateOverrideResponse> Overrides { get; private set; } = [];

    [BindProperty]
    public OverrideForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var hours = Form.Starts.Zip(Form.Ends)
            .Where(r => !string.IsNullOrWhiteSpace(r.First) || !string.IsNullOrWhiteSpace(r.Second))
            .Select(r => (HoursBody?)new HoursBody(r.First?.Trim(), r.Second?.Trim()))
            .ToList();
        if (Form.DayOff == (hours.Count > 0))
        {
            Errors.Add(ConsoleTexts.Get("OverrideNeedsDayOffOrHours"));
            return await PageAsync(cancellationToken);
        }

        var body = new DateOverrideBody(Form.DayOff ? true : null, Form.DayOff ? null : hours);
        switch (await availability.PutOverrideAsync(OwnerId, Form.Date?.Trim() ?? "", body, cancellationToken))
        {
            case OverrideWrite.Saved:
                return Done("Saved");
            case OverrideWrite.Invalid invalid:
                Errors.AddRange(invalid.Errors.Messages);
                break;
            case OverrideWrite.LimitReached reached:
                Errors.Add(OwnerLimitRefusals.Describe(reached.Reached, limits));
                break;
            default:
                return NotFoundPage();
        }

        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? date, CancellationToken cancellationToken)
    {
        switch (await availability.DeleteOverrideAsync(OwnerId, date ?? "", cancellationToken))
        {
            case OverrideWrite.Deleted:
                return Done("Saved");
            case OverrideWrite.Invalid invalid:
                Errors.AddRange(invalid.Errors.Messages);
                return await PageAsync(cancellationToken);
            default:
                return NotFoundPage();
        }
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (await availability.GetOverridesAsync(OwnerId, cancellationToken) is not { } overrides)
        {
            return NotFoundPage();
        }

        Overrides = [.. overrides.Select(o => o.ToResponse())];
        return Page();
    }
}

/// <summary>The add form as typed: a date, and either a day off or up to two ranges.</summary>
internal sealed class OverrideForm
{
    public string? Date { get; set; }

    public bool DayOff { get; set; }

    public List<string?> Starts { get; set; } = [];

    public List<string?> Ends { get; set; } = [];
}
