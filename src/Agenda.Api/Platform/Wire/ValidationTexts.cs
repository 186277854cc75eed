using System.Globalization;
using Agenda.Api.Platform.Localisation;

namespace Agenda.Api.Platform.Wire;

/// <summary>
/// The words of field errors and refusals, from the resource files beside this class (<c>ValidationTexts.resx</c> in
/// English, <c>ValidationTexts.{language}.resx</c> for the others): each text is named after its rule (<c>TimeOfDay</c>,
/// <c>EmailAddress</c>, <c>SlotTaken</c>…) and is a format string whose {0}, {1}… are the values a <see cref="Message"/>
/// carries. Values that are not words (field names, what was sent, JSON examples, API paths) are always values, so a
/// translation never has to copy them.
/// </summary>
internal static class ValidationTexts
{
    private static readonly TextResource Texts = new(typeof(ValidationTexts));

    public static bool Has(string key) => Texts.Has(key);

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>, with <paramref name="values"/> put in.</summary>
    public static string Format(CultureInfo language, string key, IReadOnlyList<object?> values) =>
        string.Format(CultureInfo.CurrentCulture, Texts.Get(key, language), [.. values]);

    /// <summary>The texts themselves, for tests.</summary>
    public static TextResource Resource => Texts;
}
