using System.Globalization;
using System.Resources;

namespace Agenda.Api.Platform.Localisation;

/// <summary>
/// The texts of one resource file set (<c>Name.resx</c> in English beside the class, <c>Name.{code}.resx</c> for each
/// other language), for code that has no <see cref="Microsoft.Extensions.Localization.IStringLocalizer"/> injected
/// (static texts, e-mail composed for a recipient's language rather than the request's). A text missing in a language
/// falls back to English, as resource files do; a key missing from English is a bug and throws.
/// </summary>
internal sealed class TextResource(Type owner)
{
    private readonly ResourceManager resources = new(owner);

    public string Get(string key, CultureInfo? culture = null) =>
        resources.GetString(key, culture ?? CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"There is no text '{key}' in {owner.Name}.");

    public bool Has(string key) => resources.GetString(key, CultureInfo.InvariantCulture) is not null;

    public string Format(string key, params object?[] values) => string.Format(CultureInfo.CurrentCulture, Get(key), values);

    /// <summary>
    /// The texts one language's own file holds, without falling back to English (empty when it has no file), for the
    /// test that holds each language complete; the invariant culture gives the English ones.
    /// </summary>
    public IReadOnlyDictionary<string, string> In(CultureInfo culture) =>
        resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false) is { } set
            ? set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!)
            : new Dictionary<string, string>();
}
