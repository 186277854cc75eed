using System.Security.Cryptography;
using System.Text;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;

namespace Agenda.Api.Owners;

/// <summary>
/// An owner's branding, as the API (<c>/v1/owners/{o}/branding</c>, <c>/photo</c>) and the console's branding page change
/// it, and as the booking pages and e-mail show it: a brand colour that stays readable (<see cref="BrandColor"/>), a
/// short plain-text welcome, and a photo or logo whose format is read from its bytes (<see cref="PhotoFormat"/>). Each
/// door says what is wrong in its own words: it passes how to put a <see cref="BrandingFault"/> (the API's English by
/// default, <see cref="InEnglish"/>).
/// </summary>
internal sealed class OwnerBranding(IOwnerBrandingStore store)
{
    public const int MaxWelcomeLength = 500;

    /// <summary>1 MiB.</summary>
    public const int MaxPhotoBytes = 1024 * 1024;

    public const string ColorField = "brand_color";
    public const string WelcomeField = "welcome";
    public const string PhotoField = "photo";

    /// <summary>The owner's branding, without the photo's bytes; null for an unknown owner.</summary>
    public Task<StoredBranding?> GetAsync(string ownerId, CancellationToken cancellationToken) => store.GetBrandingAsync(ownerId, cancellationToken);

    /// <summary>The photo with its bytes and stored type; null without one.</summary>
    public Task<StoredPhoto?> PhotoAsync(string ownerId, CancellationToken cancellationToken) => store.ReadPhotoAsync(ownerId, cancellationToken);

    /// <summary>
    /// Replaces the brand colour and the welcome text; null (or blank) clears either. The colour is written
    /// <c>#rrggbb</c>; the welcome keeps its line breaks (as <c>\n</c>) and loses the blanks around it.
    /// </summary>
    public async Task<Outcome<StoredBranding>> SaveAsync(
        string ownerId, string? brandColor, string? welcome, CancellationToken cancellationToken, Func<BrandingFault, string>? words = null)
    {
        var faults = new List<BrandingFault>();
        var color = Color(brandColor, faults);
        var text = Welcome(welcome, faults);
        if (faults.Count > 0)
        {
            return Errors(faults, words);
        }

        return await store.SetBrandingAsync(ownerId, color, text, cancellationToken)
            && await store.GetBrandingAsync(ownerId, cancellationToken) is { } saved
            ? saved
            : Refusal.UnknownOwner(ownerId);
    }

    /// <summary>
    /// Reads a photo of at most <see cref="MaxPhotoBytes"/> from <paramref name="body"/> (no more than one byte past it
    /// is read; a <paramref name="declaredLength"/> past it is refused unread) and keeps it as the type its bytes are.
    /// </summary>
    public async Task<Outcome<StoredBranding>> SetPhotoAsync(
        string ownerId, Stream body, long? declaredLength, CancellationToken cancellationToken, Func<BrandingFault, string>? words = null)
    {
        if (declaredLength > MaxPhotoBytes)
        {
            return Errors([new BrandingFault.PhotoTooLarge(declaredLength.Value)], words);
        }

        var bytes = await ReadAtMostAsync(body, MaxPhotoBytes + 1, cancellationToken);
        BrandingFault? fault = bytes.Length == 0 ? new BrandingFault.PhotoMissing()
            : bytes.Length > MaxPhotoBytes ? new BrandingFault.PhotoTooLarge(null)
            : PhotoFormat.Detect(bytes) is null ? new BrandingFault.PhotoNotAnImage(PhotoFormat.Describe(bytes))
            : null;
        if (fault is not null)
        {
            return Errors([fault], words);
        }

        return await store.SetPhotoAsync(ownerId, bytes, PhotoFormat.Detect(bytes)!, cancellationToken) is not null
            && await store.GetBrandingAsync(ownerId, cancellationToken) is { } saved
            ? saved
            : Refusal.UnknownOwner(ownerId);
    }

    /// <summary>Removes the photo; false for an unknown owner.</summary>
    public Task<bool> RemovePhotoAsync(string ownerId, CancellationToken cancellationToken) => store.RemovePhotoAsync(ownerId, cancellationToken);

    /// <summary>Where the owner's photo is, naming its version (so the address may be cached for ever); null without one.</summary>
    public static string? PhotoUrl(string ownerId, StoredBranding branding) =>
        branding.HasPhoto ? $"{OwnerPath(ownerId)}/photo?v={branding.PhotoVersion}" : null;

    /// <summary>Where the owner's colours are as a style sheet, naming its content (so it may be cached for ever); null without a colour.</summary>
    public static string? BrandCssUrl(string ownerId, StoredBranding branding) =>
        branding.BrandColor is null ? null : $"{OwnerPath(ownerId)}/brand.css?v={CssVersion(branding)}";

    /// <summary>
    /// The owner's colours as the pages' custom properties: the colour, its tint and the ink on it
    /// (<c>:root{--accent:#1f5fbf;--accent-soft:#e4ecf7;--accent-ink:#fff}</c>); empty rules without a colour.
    /// </summary>
    public static string BrandCss(StoredBranding branding) =>
        BrandColor.TryParse(branding.BrandColor, out var color)
            ? $":root{{--accent:{color.Hex};--accent-soft:{color.Tint.Hex};--accent-ink:#fff}}"
            : ":root{}";

    /// <summary>A short digest of <see cref="BrandCss"/>: it changes whenever the style sheet would.</summary>
    public static string CssVersion(StoredBranding branding) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BrandCss(branding))))[..12];

    /// <summary>A fault in the API's words (English), naming the field and what would be accepted.</summary>
    public static string InEnglish(BrandingFault fault) => fault switch
    {
        BrandingFault.ColorMalformed f =>
            $"'{ColorField}' must be a colour written #RRGGBB, such as #1f5fbf; '{f.Given}' is not.",
        BrandingFault.ColorTooLight f when f.OnWhite < BrandColor.MinimumContrast =>
            $"'{ColorField}' {f.Given} has a contrast of {BrandColor.Ratio(f.OnWhite)} against white; buttons with white text and links on white need at least 4.5:1. "
            + $"A darker shade of the same hue that passes: {f.Suggestion} ({BrandColor.Ratio(f.Suggestion.ContrastOnWhite)}).",
        BrandingFault.ColorTooLight f =>
            $"'{ColorField}' {f.Given} has a contrast of {BrandColor.Ratio(f.OnWhite)} against white but only {BrandColor.Ratio(f.OnTint)} against its light tint {f.Given.Tint}, "
            + $"which the pages put behind it; both need at least 4.5:1. A darker shade of the same hue that passes: {f.Suggestion} ({BrandColor.Ratio(f.Suggestion.ContrastOnWhite)} against white).",
        BrandingFault.WelcomeTooLong f =>
            $"'{WelcomeField}' must be at most {MaxWelcomeLength} characters; it has {f.Length}.",
        BrandingFault.WelcomeNotPlainText =>
            $"'{WelcomeField}' must be plain text without control characters (line breaks are fine).",
        BrandingFault.PhotoMissing =>
            "The photo is empty: send the image's bytes as the request body.",
        BrandingFault.PhotoTooLarge { Bytes: { } bytes } =>
            $"The photo must be at most 1 MiB ({MaxPhotoBytes} bytes); this one is {bytes} bytes.",
        BrandingFault.PhotoTooLarge =>
            $"The photo must be at most 1 MiB ({MaxPhotoBytes} bytes).",
        BrandingFault.PhotoNotAnImage { Looks: PhotoFormat.RefusedKind.Svg } =>
            "The photo is an SVG, which can carry script: send a PNG, JPEG, WebP or GIF.",
        BrandingFault.PhotoNotAnImage =>
            "The photo must be a PNG, JPEG, WebP or GIF image (known by its bytes, whatever the Content-Type); this is none of them.",
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    private static string? Color(string? given, List<BrandingFault> faults)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            return null;
        }

        var text = given.Trim();
        if (!BrandColor.TryParse(text, out var color))
        {
            faults.Add(new BrandingFault.ColorMalformed(text.Length > 40 ? text[..40] + "…" : text));
            return null;
        }

        if (!color.IsReadable)
        {
            faults.Add(new BrandingFault.ColorTooLight(color, color.ContrastOnWhite, color.ContrastOnTint, color.ReadableShade()));
            return null;
        }

        return color.Hex;
    }

    private static string? Welcome(string? given, List<BrandingFault> faults)
    {
        var text = given?.ReplaceLineEndings("\n").Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > MaxWelcomeLength)
        {
            faults.Add(new BrandingFault.WelcomeTooLong(text.Length));
            return null;
        }

        if (!IsPlainText(text))
        {
            faults.Add(new BrandingFault.WelcomeNotPlainText());
            return null;
        }

        return text;
    }

    /// <summary>Valid Unicode (no lone surrogate) without control characters but line breaks.</summary>
    private static bool IsPlainText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c != '\n') || c is '\u2028' or '\u2029')
            {
                return false;
            }
        }

        return true;
    }

    private static RequestErrors Errors(IEnumerable<BrandingFault> faults, Func<BrandingFault, string>? words)
    {
        var errors = new RequestErrors();
        foreach (var fault in faults)
        {
            // Worded here already (the console passes its own words), so passed on as given.
            errors.Add(fault.Field, Message.AsGiven((words ?? InEnglish)(fault)));
        }

        return errors;
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[limit];
        var read = 0;
        int last;
        while (read < limit && (last = await body.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken)) > 0)
        {
            read += last;
        }

        return buffer[..read];
    }

    private static string OwnerPath(string ownerId) => $"/v1/owners/{Uri.EscapeDataString(ownerId)}";
}

/// <summary>What is wrong with branding an owner asked for, for each door to put in its words; <see cref="Field"/> is the API's field.</summary>
internal abstract record BrandingFault(string Field)
{
    public sealed record ColorMalformed(string Given) : BrandingFault(OwnerBranding.ColorField);

    /// <summary>The colour's contrast against white and against its tint, and the lightest shade of its hue that passes.</summary>
    public sealed record ColorTooLight(BrandColor Given, double OnWhite, double OnTint, BrandColor Suggestion) : BrandingFault(OwnerBranding.ColorField);

    public sealed record WelcomeTooLong(int Length) : BrandingFault(OwnerBranding.WelcomeField);

    public sealed record WelcomeNotPlainText() : BrandingFault(OwnerBranding.WelcomeField);

    public sealed record PhotoMissing() : BrandingFault(OwnerBranding.PhotoField);

    /// <summary>A photo past the limit; its size when the sender declared it.</summary>
    public sealed record PhotoTooLarge(long? Bytes) : BrandingFault(OwnerBranding.PhotoField);

    public sealed record PhotoNotAnImage(PhotoFormat.RefusedKind Looks) : BrandingFault(OwnerBranding.PhotoField);
}
