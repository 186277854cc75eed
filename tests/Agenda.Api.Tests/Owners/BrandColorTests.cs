using Agenda.Api.Owners;

namespace Agenda.Api.Tests.Owners;

/// <summary>
/// The brand colour's rules on their own: WCAG 2.x contrast, the 12 % tint the pages use, and a suggested shade that is
/// readable, of the same hue, and never lighter than the colour asked for.
/// </summary>
public sealed class BrandColorTests
{
    [Theory]
    [InlineData("#000000", 21.0)]
    [InlineData("#ffffff", 1.0)]
    [InlineData("#767676", 4.54)]
    [InlineData("#1f5fbf", 6.09)]
    public void Contrast_against_white_follows_wcag_relative_luminance(string hex, double expected)
    {
        Assert.True(BrandColor.TryParse(hex, out var color));

        Assert.Equal(expected, color.ContrastOnWhite, precision: 2);
    }

    [Fact]
    public void The_tint_is_twelve_percent_of_the_colour_on_white()
    {
        Assert.True(BrandColor.TryParse("#1F5FBF", out var color));

        Assert.Equal("#1f5fbf", color.Hex);
        Assert.Equal("#e4ecf7", color.Tint.Hex);
    }

    [Theory]
    [InlineData("1f5fbf")]
    [InlineData("#1f5fb")]
    [InlineData("#1f5fbfa")]
    [InlineData("#1f5fbg")]
    [InlineData("# 1f5fb")]
    [InlineData("#+1f5fb")]
    public void Only_six_hex_digits_after_a_hash_are_a_colour(string text) => Assert.False(BrandColor.TryParse(text, out _));

    [Fact]
    public void A_colour_readable_on_white_but_not_on_its_tint_is_not_readable()
    {
        // Tailwind's blue-600: 5.17:1 on white, 4.37:1 on its own 12 % tint.
        Assert.True(BrandColor.TryParse("#2563eb", out var color));

        Assert.True(color.ContrastOnWhite >= BrandColor.MinimumContrast);
        Assert.False(color.IsReadable);
    }

    [Fact]
    public void Every_suggested_shade_is_readable_of_the_same_hue_and_no_lighter()
    {
        for (var r = 0; r < 256; r += 17)
        {
            for (var g = 0; g < 256; g += 17)
            {
                for (var b = 0; b < 256; b += 17)
                {
                    var color = new BrandColor((byte)r, (byte)g, (byte)b);
                    var shade = color.ReadableShade();

                    Assert.True(shade.IsReadable, $"{shade} suggested for {color} is not readable.");
                    Assert.True(shade.RelativeLuminance <= color.RelativeLuminance + 1e-9, $"{shade} is lighter than {color}.");
                    if (color.IsReadable)
                    {
                        Assert.Equal(color, shade);
                    }
                    else if (Hue(color) is { } hue && Hue(shade) is { } shadeHue && Chroma(shade) > 40)
                    {
                        var apart = Math.Abs(hue - shadeHue);
                        Assert.True(Math.Min(apart, 360 - apart) < 6, $"{shade} is not of the hue of {color}.");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_ratio_is_cut_not_rounded_so_a_refused_colour_never_reads_as_enough() =>
        Assert.Equal("4.49:1", BrandColor.Ratio(4.4999));

    private static int Chroma(BrandColor c) => Math.Max(c.R, Math.Max(c.G, c.B)) - Math.Min(c.R, Math.Min(c.G, c.B));

    private static double? Hue(BrandColor c)
    {
        double r = c.R, g = c.G, b = c.B;
        var max = Math.Max(r, Math.Max(g, b));
        var delta = max - Math.Min(r, Math.Min(g, b));
        if (delta == 0)
        {
            return null;
        }

        var hue = max == r ? ((g - b) / delta) % 6 : max == g ? ((b - r) / delta) + 2 : ((r - g) / delta) + 4;
        return ((hue * 60) + 360) % 360;
    }
}
