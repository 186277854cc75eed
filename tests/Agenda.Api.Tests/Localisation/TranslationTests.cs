using System.Globalization;
using System.Text.RegularExpressions;
using Agenda.Api.Accounts;
using Agenda.Api.Notifications;
using Agenda.Api.Pages;
using Agenda.Api.Pages.Console;
using Agenda.Api.Platform.Localisation;
using Agenda.Api.Platform.Wire;

namespace Agenda.Api.Tests.Localisation;

/// <summary>
/// Every language the service offers has every text of every resource file, with the same placeholders as the English
/// one ({0}, {1}…), so no page, console screen, e-mail or validation message falls back to English or loses a value.
/// </summary>
public sealed partial class TranslationTests
{
    public static TheoryData<string, string> ResourcesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var resource in Resources.Keys)
        {
            foreach (var language in Languages.Codes.Where(c => c != "en"))
            {
                data.Add(resource, language);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, TextResource> Resources = new()
    {
        ["PageTexts"] = new(typeof(PageTexts)),
        ["ConsoleTexts"] = ConsoleTexts.Resource,
        ["AccountTexts"] = AccountTexts.Resource,
        ["EmailTexts"] = new(typeof(EmailTexts)),
        ["ValidationTexts"] = ValidationTexts.Resource,
    };

    [Theory]
    [MemberData(nameof(ResourcesAndLanguages))]
    public void Each_language_has_every_text_with_the_same_placeholders(string resource, string language)
    {
        var english = Resources[resource].In(CultureInfo.InvariantCulture);
        var translated = Resources[resource].In(CultureInfo.GetCultureInfo(language));

        Assert.Empty(english.Keys.Except(translated.Keys).Order());
        Assert.Empty(translated.Keys.Except(english.Keys).Order());
        foreach (var (key, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(translated[key]), $"{resource}.{language}: '{key}' is empty.");
            Assert.True(
                Placeholders(text).SetEquals(Placeholders(translated[key])),
                $"{resource}.{language}: '{key}' has other placeholders than the English text.");
        }
    }

    [Fact]
    public void Every_resource_has_english_texts() =>
        Assert.All(Resources.Values, r => Assert.NotEmpty(r.In(CultureInfo.InvariantCulture)));

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
