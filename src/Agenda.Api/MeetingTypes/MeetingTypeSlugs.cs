using System.Globalization;
using System.Text;

namespace Agenda.Api.MeetingTypes;

/// <summary>
/// A meeting type's slug made from its title, as the console makes one when the owner leaves the slug empty:
/// lowercase ASCII letters and digits, accents folded ("Café" gives cafe), every other run of characters one hyphen,
/// at most <see cref="MaxLength"/> characters. The console's script (wwwroot/js/console.js) previews the same rule.
/// </summary>
internal static class MeetingTypeSlugs
{
    /// <summary>The longest slug the API accepts.</summary>
    public const int MaxLength = 64;

    /// <summary>Letters that do not fold into ASCII by dropping their accents.</summary>
    private static readonly IReadOnlyDictionary<char, string> Spelled = new Dictionary<char, string>
    {
        ['ß'] = "ss",
        ['æ'] = "ae",
        ['œ'] = "oe",
        ['ø'] = "o",
        ['ł'] = "l",
        ['đ'] = "d",
        ['ð'] = "d",
        ['þ'] = "th",
        ['ı'] = "i",
    };

    /// <summary>The slug of <paramref name="title"/>: "Café Über-Talk!" gives cafe-uber-talk; empty when the title has no letter or digit.</summary>
    public static string FromTitle(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var letters = char.IsAsciiLetterOrDigit(c) ? c.ToString() : Spelled.GetValueOrDefault(c, "-");
            if (letters != "-" || (slug.Length > 0 && slug[^1] != '-'))
            {
                slug.Append(letters);
            }
        }

        return Cut(slug.ToString(), MaxLength);
    }

    /// <summary>
    /// <paramref name="slug"/> if no meeting type of the owner has it, else the first of slug-2, slug-3… that is free,
    /// shortened so the number fits in <see cref="MaxLength"/>.
    /// </summary>
    public static string Unique(string slug, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        if (!used.Contains(slug))
        {
            return slug;
        }

        for (var n = 2; ; n++)
        {
            var suffix = $"-{n.ToString(CultureInfo.InvariantCulture)}";
            var candidate = Cut(slug, MaxLength - suffix.Length) + suffix;
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static string Cut(string slug, int length) => slug[..Math.Min(slug.Length, length)].Trim('-');
}
