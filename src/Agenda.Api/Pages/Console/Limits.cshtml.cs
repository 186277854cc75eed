using Agenda.Api.Availability;
using Agenda.Api.MeetingTypes;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The owner's limits across all their meeting types and the day their weeks start on, read and set through the use case
/// the API's <c>/booking-limits</c> calls (<see cref="OwnerBookingLimits"/>). Each type's own limits are on its form.
/// </summary>
internal sealed class LimitsModel(OwnerBookingLimits limits) : ConsolePage
{
    /// <summary>The console text key of each field's label, for errors about that field.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(LimitsForm.PerDay)] = "OwnerPerDay",
        [nameof(LimitsForm.PerWeek)] = "MaxPerWeek",
        [nameof(LimitsForm.PerMonth)] = "MaxPerMonth",
        [nameof(LimitsForm.PerYear)] = "MaxPerYear",
        [nameof(LimitsForm.MinutesPerDay)] = "MaxMinutesPerDay",
        [nameof(LimitsForm.MinutesPerWeek)] = "MaxMinutesPerWeek",
    };

    [BindProperty]
    public LimitsForm Form { get; set; } = new();

    public IActionResult OnGet()
    {
        Form = LimitsForm.From(Owner.ToOwnerResponse());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (BindingFailed(Labels, field => FieldOf(field[(field.LastIndexOf('.') + 1)..])))
        {
            return Page();
        }

        var body = new OwnerLimitsBody(Form.PerDay, Form.PerWeek, Form.PerMonth, Form.PerYear, Form.MinutesPerDay, Form.MinutesPerWeek, Form.WeekStartsOn);
        switch (await limits.SetAsync(OwnerId, body, cancellationToken))
        {
            case ({ } errors, _):
                Errors.Add(errors, key => FieldOf(key));
                return Page();
            case (_, { }):
                return Done("LimitsSaved");
            default:
                return NotFoundPage();
        }
    }

    /// <summary>The form's field of an error key (per_week) or a property (PerWeek): limits-perweek.</summary>
    private static string FieldOf(string key) => "limits-" + key.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}

/// <summary>The limits form as typed: each limit empty for none, and the first day of the week as the API names it.</summary>
internal sealed class LimitsForm
{
    public int? PerDay { get; set; }

    public int? PerWeek { get; set; }

    public int? PerMonth { get; set; }

    public int? PerYear { get; set; }

    public int? MinutesPerDay { get; set; }

    public int? MinutesPerWeek { get; set; }

    public string WeekStartsOn { get; set; } = "monday";

    public static LimitsForm From(OwnerLimitsResponse limits) => new()
    {
        PerDay = limits.PerDay,
        PerWeek = limits.PerWeek,
        PerMonth = limits.PerMonth,
        PerYear = limits.PerYear,
        MinutesPerDay = limits.MinutesPerDay,
        MinutesPerWeek = limits.MinutesPerWeek,
        WeekStartsOn = limits.WeekStartsOn,
    };
}
