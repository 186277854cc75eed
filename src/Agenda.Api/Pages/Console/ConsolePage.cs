using Agenda.Api.Accounts;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// A page of the signed-in owner's console. The owner comes from the session, never from the URL or the form, and every
/// read and write names that owner, so one owner's session cannot reach another's data.
/// </summary>
internal abstract class ConsolePage : PageModel
{
    /// <summary>The session's owner, read before every handler; a session whose owner is gone ends.</summary>
    public OwnerSnapshot Owner { get; private set; } = null!;

    public string OwnerId => Owner.Id;

    /// <summary>What went wrong with the last form, in words the person can act on, each beside its field where it has one.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>Whether the page answers 404: what was asked for is not the session owner's, or does not exist.</summary>
    public bool Missing { get; private set; }

    /// <summary>A confirmation to show, as one of the console's texts named by <c>?notice=</c> after a redirect.</summary>
    public string? Notice { get; set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var owners = HttpContext.RequestServices.GetRequiredService<IOwnerStore>();
        if (await owners.FindOwnerAsync(User.ConsoleOwnerId(), HttpContext.RequestAborted) is not { } owner)
        {
            await ConsoleSession.SignOutAsync(HttpContext);
            context.Result = Redirect(ConsoleSession.SignInPath);
            return;
        }

        Owner = owner;
        if (Request.Query.TryGetValue("notice", out var notice))
        {
            var key = notice.ToString();
            Notice = ConsoleTexts.Has(key) ? ConsoleTexts.Get(key) : AccountTexts.Has(key) ? AccountTexts.Get(key) : null;
        }

        await next();
    }

    /// <summary>After a change: back to the page (GET), with a confirmation, so reloading does not post again.</summary>
    protected RedirectToPageResult Done(string noticeKey, string? page = null) => RedirectToPage(page, new { notice = noticeKey });

    /// <summary>A 404 page: the same answer for another owner's item as for one that does not exist.</summary>
    protected PageResult NotFoundPage()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>
    /// Keeps a use case's field errors or refusal as this page's errors, each field error beside the field that
    /// <paramref name="fieldOf"/> names for its key (none: all at the top); true when it was done.
    /// </summary>
    protected bool Accepted<T>(Outcome<T> outcome, Func<string, string?>? fieldOf = null)
    {
        switch (outcome)
        {
            case Outcome<T>.Invalid invalid:
                Errors.Add(invalid.Errors, fieldOf ?? (_ => null));
                break;
            default:
                Errors.AddRange(outcome.Messages);
                break;
        }

        return outcome is Outcome<T>.Done;
    }

    /// <summary>
    /// The form's values that did not even bind (a number field with letters), as errors naming the field by its
    /// label: <paramref name="labels"/> maps a property name to the key of its label text, and <paramref name="fieldOf"/>
    /// maps the posted name (such as <c>Form.DurationMinutes</c>) to the field's id, to show the error beside it.
    /// </summary>
    protected bool BindingFailed(IReadOnlyDictionary<string, string> labels, Func<string, string?>? fieldOf = null)
    {
        foreach (var (field, entry) in ModelState)
        {
            if (entry.Errors.Count > 0)
            {
                var property = field[(field.LastIndexOf('.') + 1)..];
                Errors.Add(fieldOf?.Invoke(field), ConsoleTexts.Format("NotANumber", labels.TryGetValue(property, out var label) ? ConsoleTexts.Get(label) : property));
            }
        }

        return Errors.Count > 0;
    }

    /// <summary>The owner's named schedules, for a meeting type's choice of hours.</summary>
    public async Task<IReadOnlyList<StoredSchedule>> NamedSchedulesAsync() =>
        await HttpContext.RequestServices.GetRequiredService<Availability.OwnerSchedules>().ListAsync(OwnerId, HttpContext.RequestAborted) ?? [];

    /// <summary>Now, from the service's clock (the zone picker shows the time in each zone).</summary>
    public Instant Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetCurrentInstant();

    /// <summary>A moment as the date and time in the owner's zone, labelled with the zone: Mon, 1 Mar 2027, 09:00 (Europe/Berlin).</summary>
    public string InOwnersZone(Instant instant) => ConsoleFormat.Moment(instant, Owner.Zone);

    /// <summary>An instant written by the API in UTC (such as a key's creation) as <see cref="InOwnersZone(Instant)"/> shows it.</summary>
    public string InOwnersZone(string utc) =>
        InstantPattern.ExtendedIso.Parse(utc) is { Success: true } parsed ? InOwnersZone(parsed.Value) : utc;

    /// <summary>A booking's time as the API writes it (ISO 8601 with offset), in the owner's zone and labelled with it: Tue, 26 Nov 2024, 09:00–09:30 (UTC).</summary>
    public string InOwnersZone(string startWithOffset, string endWithOffset) =>
        OffsetDateTimePattern.ExtendedIso.Parse(startWithOffset) is { Success: true } start && OffsetDateTimePattern.ExtendedIso.Parse(endWithOffset) is { Success: true } end
            ? ConsoleFormat.Span(start.Value.ToInstant(), end.Value.ToInstant(), Owner.Zone)
            : $"{startWithOffset}–{endWithOffset}";

    /// <summary>The address of a page of this service as the browser reached it, for links to share.</summary>
    public string Absolute(string path) => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{path}";

    public static string Escaped(string segment) => Uri.EscapeDataString(segment);
}
