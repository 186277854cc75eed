using System.Globalization;

namespace Agenda.Api.Platform.Localisation;

/// <summary>A language the service speaks: its code, its own name for itself, and its writing direction.</summary>
internal sealed record Language(string Code, string NativeName)
{
    public CultureInfo Culture => CultureInfo.GetCultureInfo(Code);

    /// <summary>Whether the language is written right to left; the pages then say <c>dir="rtl"</c> and mirror their layout.</summary>
    public bool IsRightToLeft => Culture.TextInfo.IsRightToLeft;
}

/// <summary>
/// The languages of the pages, the console, the e-mail and the validation messages. Each has its texts in the resource
/// files (<c>*.{code}.resx</c>; English is the neutral <c>*.resx</c>); dates, times and first weekdays come from the
/// request's culture, which may be any region of these languages (de-CH, pt-BR, fr-CA…), as .NET's CLDR data has them.
/// </summary>
internal static class Languages
{
    public static readonly IReadOnlyList<Language> All =
    [
        new("en", "English"),
        new("de", "Deutsch"),
        new("fr", "Français"),
        new("es", "Español"),
        new("it", "Italiano"),
        new("nl", "Nederlands"),
        new("pt", "Português"),
        new("pl", "Polski"),
    ];

    public static readonly IReadOnlyList<string> Codes = [.. All.Select(l => l.Code)];

    /// <summary>Every culture of these languages .NET knows (the neutral ones and each region), for formats.</summary>
    public static readonly IReadOnlyList<CultureInfo> Cultures =
        [.. CultureInfo.GetCultures(CultureTypes.NeutralCultures | CultureTypes.SpecificCultures)
            .Where(c => Codes.Contains(c.TwoLetterISOLanguageName) && c.Name.Length > 0)
            .OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>The language of the current request (its UI culture), English when it is none of these.</summary>
    public static Language Current => Of(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>The language with <paramref name="code"/>, English when the service does not speak it.</summary>
    public static Language Of(string? code) => All.FirstOrDefault(l => l.Code == code) ?? All[0];
}
