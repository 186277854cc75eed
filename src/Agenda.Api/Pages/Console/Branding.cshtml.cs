using Agenda.Api.Owners;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// <c>/console/branding</c>: the owner's brand colour (a colour picker and its #RRGGBB field), welcome text and photo, as
/// the booking pages and e-mail show them, through the same use case as the API (<see cref="OwnerBranding"/>), with what
/// is wrong said in the page's language. The colour field wins when typed; without script the picker counts when only
/// it was changed.
/// </summary>
[RequestSizeLimit(MaxUpload)]
internal sealed class BrandingModel(OwnerBranding branding) : ConsolePage
{
    /// <summary>
    /// How large a form this page reads: far above the photo's limit, since photos from phones are several megabytes and
    /// their owners should be told the limit in words rather than by a refused request.
    /// </summary>
    private const long MaxUpload = 16 * 1024 * 1024;

    public StoredBranding Current { get; private set; } = StoredBranding.None;

    public string? PhotoUrl => OwnerBranding.PhotoUrl(OwnerId, Current);

    /// <summary>What the #RRGGBB field shows: the saved colour, or what was typed when it was refused.</summary>
    public string ColorText { get; private set; } = "";

    /// <summary>The picker's colour: the field's when it is one, else the pages' standard accent.</summary>
    public string PickerValue => BrandColor.TryParse(ColorText, out var color) ? color.Hex : BrandColor.Default.Hex;

    public string? Welcome { get; private set; }

    /// <summary>After a colour too light: the darker shade of its hue that passes, offered as a button.</summary>
    public string? Suggestion { get; private set; }

    public string Initials => string.Concat((Owner.DisplayName ?? OwnerId).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostSaveAsync(
        string? brandColor, string? brandColorPicker, string? shownColor, string? useColor, string? welcome, CancellationToken cancellationToken)
    {
        var chosen = useColor ?? Chosen(brandColor, brandColorPicker, shownColor);
        var outcome = await branding.SaveAsync(OwnerId, chosen, welcome, cancellationToken, Describe);
        if (outcome is Outcome<StoredBranding>.Refused { Refusal.IsNotFound: true })
        {
            return NotFoundPage();
        }

        if (Accepted(outcome))
        {
            return Done("BrandingSaved");
        }

        if (!await LoadAsync(cancellationToken))
        {
            return NotFoundPage();
        }

        // The form again as it was sent, with the errors above it.
        ColorText = chosen?.Trim() ?? "";
        Welcome = welcome;
        return Page();
    }

    public async Task<IActionResult> OnPostPhotoAsync(IFormFile? photo, CancellationToken cancellationToken)
    {
        await using var bytes = photo?.OpenReadStream() ?? Stream.Null;
        var outcome = await branding.SetPhotoAsync(OwnerId, bytes, photo?.Length, cancellationToken, Describe);
        if (outcome is Outcome<StoredBranding>.Refused { Refusal.IsNotFound: true })
        {
            return NotFoundPage();
        }

        if (Accepted(outcome))
        {
            return Done("PhotoSaved");
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(CancellationToken cancellationToken) =>
        await branding.RemovePhotoAsync(OwnerId, cancellationToken) ? Done("PhotoRemoved") : NotFoundPage();

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await branding.GetAsync(OwnerId, cancellationToken) is not { } current)
        {
            return false;
        }

        Current = current;
        ColorText = current.BrandColor ?? "";
        Welcome = current.Welcome;
        return true;
    }

    /// <summary>
    /// The colour asked for: the #RRGGBB field when it was changed (by typing, or by the page's script from the picker),
    /// else the picker when only it was changed (no script), else the field as shown.
    /// </summary>
    private static string? Chosen(string? text, string? picker, string? shown)
    {
        var typed = text?.Trim() ?? "";
        shown ??= "";
        if (!string.Equals(typed, shown, StringComparison.OrdinalIgnoreCase))
        {
            return typed;
        }

        var shownPicker = BrandColor.TryParse(shown, out var color) ? color.Hex : BrandColor.Default.Hex;
        return picker is not null && !string.Equals(picker, shownPicker, StringComparison.OrdinalIgnoreCase) ? picker : typed;
    }

    /// <summary>A fault in the console's words, in the page's language.</summary>
    private string Describe(BrandingFault fault)
    {
        switch (fault)
        {
            case BrandingFault.ColorMalformed f:
                return ConsoleTexts.Format("BrandColorMalformed", f.Given);
            case BrandingFault.ColorTooLight f:
                Suggestion = f.Suggestion.Hex;
                return f.OnWhite < BrandColor.MinimumContrast
                    ? ConsoleTexts.Format("BrandColorTooLight", f.Given.Hex, BrandColor.Ratio(f.OnWhite), f.Suggestion.Hex)
                    : ConsoleTexts.Format("BrandColorTooLightOnTint", f.Given.Hex, BrandColor.Ratio(f.OnWhite), BrandColor.Ratio(f.OnTint), f.Given.Tint.Hex, f.Suggestion.Hex);
            case BrandingFault.WelcomeTooLong f:
                return ConsoleTexts.Format("WelcomeTooLong", OwnerBranding.MaxWelcomeLength, f.Length);
            case BrandingFault.WelcomeNotPlainText:
                return ConsoleTexts.Get("WelcomeNotPlainText");
            case BrandingFault.PhotoMissing:
                return ConsoleTexts.Get("PhotoMissing");
            case BrandingFault.PhotoTooLarge { Bytes: { } size }:
                return ConsoleTexts.Format("PhotoTooLargeSize", size / (1024.0 * 1024.0));
            case BrandingFault.PhotoTooLarge:
                return ConsoleTexts.Get("PhotoTooLarge");
            case BrandingFault.PhotoNotAnImage { Looks: PhotoFormat.RefusedKind.Svg }:
                return ConsoleTexts.Get("PhotoSvg");
            case BrandingFault.PhotoNotAnImage:
                return ConsoleTexts.Get("PhotoNotAnImage");
            default:
                return OwnerBranding.InEnglish(fault);
        }
    }
}
