using Agenda.Api.Platform.Localisation;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The console's words, from the resource files beside this class (<c>ConsoleTexts.resx</c> in English,
/// <c>ConsoleTexts.{language}.resx</c> for the others), in the request's UI culture (set by the request localization of
/// the pages). Texts with {0} are format strings; values put into them are escaped by Razor like any other text.
/// </summary>
internal static class ConsoleTexts
{
    private static readonly TextResource Texts = new(typeof(ConsoleTexts));

    /// <summary>The text of <paramref name="key"/> in the current UI language.</summary>
    public static string Get(string key) => Texts.Get(key);

    public static bool Has(string key) => Texts.Has(key);

    public static string Format(string key, params object?[] values) => Texts.Format(key, values);

    /// <summary>The texts themselves, for tests.</summary>
    public static TextResource Resource => Texts;
}
