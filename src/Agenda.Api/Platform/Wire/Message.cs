using System.Globalization;

namespace Agenda.Api.Platform.Wire;

/// <summary>
/// A sentence for a person about their request (a field error or a refusal), kept as the name of its text in
/// <see cref="ValidationTexts"/> and the values that go into it. It is worded when it is read, not when it is made: in
/// the current UI culture (<see cref="ToString"/>), which the API takes from Accept-Language and the pages from their
/// language, or in a language named (<see cref="In"/>). A key that English lacks is a bug and throws where it is made.
/// </summary>
internal sealed record Message
{
    public Message(string key, params object?[] arguments)
    {
        if (!ValidationTexts.Has(key))
        {
            throw new ArgumentException($"There is no text '{key}' in ValidationTexts.resx.", nameof(key));
        }

        Key = key;
        Arguments = [.. arguments];
    }

    /// <summary>The name of the text, which is the name of the rule.</summary>
    public string Key { get; }

    /// <summary>The values of the text's {0}, {1}…, in order.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>
    /// A text made elsewhere and not translated here (what a calendar server answered, kept as the connection's state),
    /// passed on as it is.
    /// </summary>
    public static Message AsGiven(string text) => new(nameof(AsGiven), text);

    /// <summary>The sentence in <paramref name="language"/> (English where that language lacks the text).</summary>
    public string In(CultureInfo language) => ValidationTexts.Format(language, Key, Arguments);

    /// <summary>The sentence in the current UI culture.</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture);

    public bool Equals(Message? other) => other is not null && Key == other.Key && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Key, Arguments.Count);
}
