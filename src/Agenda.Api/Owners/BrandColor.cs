using System.Globalization;

namespace Agenda.Api.Owners;

/// <summary>
/// An owner's brand colour, as the booking pages and e-mail use it: the background of buttons with white text, and the
/// colour of links and text on white and on <see cref="Tint"/>, a 12 % tint of itself. So it must be readable against
/// both (<see cref="IsReadable"/>): a contrast of at least 4.5:1 in WCAG 2.x's terms (its relative luminance).
/// </summary>
internal readonly record struct BrandColor(byte R, byte G, byte B)
{
    /// <summary>WCAG 2.x level AA for normal text.</summary>
    public const double MinimumContrast = 4.5;

    /// <summary>How much of the colour its tint has, over white.</summary>
    public const double TintShare = 0.12;

    public static readonly BrandColor White = new(255, 255, 255);

    /// <summary>The accent the pages use when an owner has no colour of their own (site.css's <c>--accent</c>).</summary>
    public static readonly BrandColor Default = new(0x1f, 0x5f, 0xbf);

    /// <summary>Reads <c>#RRGGBB</c> (either case); nothing else.</summary>
    public static bool TryParse(string? text, out BrandColor color)
    {
        color = default;
        if (text is not { Length: 7 } || text[0] != '#'
            || !int.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return false;
        }

        color = new BrandColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }

    /// <summary>The colour as it is stored and written: <c>#rrggbb</c>, lower case.</summary>
    public string Hex => $"#{R:x2}{G:x2}{B:x2}";

    /// <summary>The colour at <see cref="TintShare"/> over white: the pages' <c>--accent-soft</c>.</summary>
    public BrandColor Tint => new(TintOf(R), TintOf(G), TintOf(B));

    /// <summary>WCAG 2.x relative luminance, from 0 (black) to 1 (white).</summary>
    public double RelativeLuminance => (0.2126 * Linear(R)) + (0.7152 * Linear(G)) + (0.0722 * Linear(B));

    public double ContrastOnWhite => Contrast(this, White);

    public double ContrastOnTint => Contrast(this, Tint);

    /// <summary>Whether white text on it, and it as text on white and on its tint, all reach <see cref="MinimumContrast"/>.</summary>
    public bool IsReadable => ContrastOnWhite >= MinimumContrast && ContrastOnTint >= MinimumContrast;

    /// <summary>WCAG 2.x contrast ratio, from 1 to 21.</summary>
    public static double Contrast(BrandColor a, BrandColor b)
    {
        var (lighter, darker) = (Math.Max(a.RelativeLuminance, b.RelativeLuminance), Math.Min(a.RelativeLuminance, b.RelativeLuminance));
        return (lighter + 0.05) / (darker + 0.05);
    }

    /// <summary>
    /// The lightest shade of this colour's hue and saturation (HSL) that <see cref="IsReadable"/>: this colour itself if
    /// it is, else the same hue made darker step by step. Black is always readable, so there is always one.
    /// </summary>
    public BrandColor ReadableShade()
    {
        if (IsReadable)
        {
            return this;
        }

        var (hue, saturation, lightness) = ToHsl();
        for (var l = lightness; l > 0; l -= 0.002)
        {
            if (FromHsl(hue, saturation, l) is { IsReadable: true } shade)
            {
                return shade;
            }
        }

        return new BrandColor(0, 0, 0);
    }

    /// <summary>A ratio as people read it, cut (never rounded up) to two decimals, so a refused colour never shows 4.50:1.</summary>
    public static string Ratio(double contrast) =>
        (Math.Floor(contrast * 100) / 100).ToString("0.00", CultureInfo.InvariantCulture) + ":1";

    public override string ToString() => Hex;

    private static byte TintOf(byte channel) => (byte)Math.Round(255 - (TintShare * (255 - channel)), MidpointRounding.AwayFromZero);

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private (double Hue, double Saturation, double Lightness) ToHsl()
    {
        double r = R / 255.0, g = G / 255.0, b = B / 255.0;
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var lightness = (max + min) / 2;
        var delta = max - min;
        if (delta == 0)
        {
            return (0, 0, lightness);
        }

        var saturation = delta / (1 - Math.Abs((2 * lightness) - 1));
        var hue = max == r ? ((g - b) / delta) % 6 : max == g ? ((b - r) / delta) + 2 : ((r - g) / delta) + 4;
        return ((hue * 60 + 360) % 360, saturation, lightness);
    }

    private static BrandColor FromHsl(double hue, double saturation, double lightness)
    {
        var chroma = (1 - Math.Abs((2 * lightness) - 1)) * saturation;
        var x = chroma * (1 - Math.Abs((hue / 60 % 2) - 1));
        var m = lightness - (chroma / 2);
        var (r, g, b) = (hue / 60) switch
        {
            < 1 => (chroma, x, 0.0),
            < 2 => (x, chroma, 0.0),
            < 3 => (0.0, chroma, x),
            < 4 => (0.0, x, chroma),
            < 5 => (x, 0.0, chroma),
            _ => (chroma, 0.0, x),
        };
        return new BrandColor(Channel(r + m), Channel(g + m), Channel(b + m));
    }

    private static byte Channel(double value) => (byte)Math.Clamp(Math.Round(value * 255, MidpointRounding.AwayFromZero), 0, 255);
}
