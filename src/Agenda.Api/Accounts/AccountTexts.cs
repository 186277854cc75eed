using Agenda.Api.Platform.Localisation;

namespace Agenda.Api.Accounts;

/// <summary>
/// The words of accounts (their pages and their mail), from the resource files beside this class, as the console's
/// (<see cref="Pages.Console.ConsoleTexts"/>), in the request's UI culture.
/// </summary>
internal static class AccountTexts
{
    private static readonly TextResource Texts = new(typeof(AccountTexts));

    /// <summary>The text of <paramref name="key"/> in the current UI language.</summary>
    public static string Get(string key) => Texts.Get(key);

    public static bool Has(string key) => Texts.Has(key);

    public static string Format(string key, params object?[] values) => Texts.Format(key, values);

    /// <summary>The texts themselves, for tests.</summary>
    public static TextResource Resource => Texts;
}
