using System.Collections;
using Agenda.Api.Platform.Wire;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Agenda.Api.Pages.Console;

/// <summary>One thing wrong with the last form: what to tell the person, and the id of the field (or group of fields) it is about, if any.</summary>
internal sealed record FormError(string Message, string? FieldId);

/// <summary>
/// What went wrong with the last form. The layout lists every message at the top (a message about a field links to it);
/// a page shows the messages of a field beside it with <see cref="Beside"/> and marks the field with
/// <see cref="Invalid"/> and <see cref="DescribedBy"/>, so a screen reader reads the error with the field.
/// </summary>
internal sealed class FormErrors : IEnumerable<FormError>
{
    private readonly List<FormError> all = [];

    public int Count => all.Count;

    /// <summary>A message about the form as a whole.</summary>
    public void Add(string message) => all.Add(new FormError(message, null));

    /// <summary>A message about the field (or group) whose element id is <paramref name="fieldId"/>; null for the form as a whole.</summary>
    public void Add(string? fieldId, string message) => all.Add(new FormError(message, fieldId));

    public void AddRange(IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Add(message);
        }
    }

    /// <summary>
    /// A use case's errors, each beside the field that <paramref name="fieldOf"/> names for its key (the request's
    /// field, such as <c>title</c> or <c>monday[0].start</c>); a key without a field on the page goes to the list at the top.
    /// </summary>
    public void Add(RequestErrors errors, Func<string, string?> fieldOf)
    {
        foreach (var (key, messages) in errors.ByField)
        {
            foreach (var message in messages)
            {
                Add(fieldOf(key), message);
            }
        }
    }

    public bool Has(string fieldId) => all.Any(e => e.FieldId == fieldId);

    /// <summary>The value of the field's <c>aria-invalid</c>: "true", or null (no attribute) when the field is fine.</summary>
    public string? Invalid(string fieldId) => Has(fieldId) ? "true" : null;

    /// <summary>The field's <c>aria-describedby</c>: its hint (if any) and its error (if it has one); null when neither.</summary>
    public string? DescribedBy(string fieldId, string? hintId = null) =>
        string.Join(' ', new[] { hintId, Has(fieldId) ? ErrorId(fieldId) : null }.OfType<string>()) is { Length: > 0 } ids ? ids : null;

    /// <summary>The messages of the field, as a paragraph to put beside it (nothing when it has none).</summary>
    public IHtmlContent Beside(string fieldId)
    {
        var messages = all.Where(e => e.FieldId == fieldId).Select(e => e.Message).ToList();
        if (messages.Count == 0)
        {
            return HtmlString.Empty;
        }

        var paragraph = new TagBuilder("p");
        paragraph.AddCssClass("field-error");
        paragraph.Attributes["id"] = ErrorId(fieldId);
        paragraph.InnerHtml.Append(string.Join(" ", messages));
        return paragraph;
    }

    public static string ErrorId(string fieldId) => $"{fieldId}-error";

    public IEnumerator<FormError> GetEnumerator() => all.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
