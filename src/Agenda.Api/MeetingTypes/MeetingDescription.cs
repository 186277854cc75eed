using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Agenda.Api.MeetingTypes;

/// <summary>
/// A meeting type's description, written in a safe subset of Markdown: paragraphs, line breaks, emphasis, links
/// (http, https, mailto), lists, quotes and code. Markdig renders it with raw HTML off, then HtmlSanitizer keeps only
/// those elements and the <c>href</c> of links, so no text an owner writes can bring a script, a style, an image or an
/// event handler into a page or an e-mail. Headings render as strong paragraphs: the page's own headings stay its
/// outline.
/// </summary>
internal static class MeetingDescription
{
    /// <summary>The longest description, in characters of Markdown.</summary>
    public const int MaxLength = 5000;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(["p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre"], StringComparer.OrdinalIgnoreCase),
        AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
        UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
    });

    /// <summary>The description as safe HTML; empty for none.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>().ToList())
        {
            // A heading becomes a paragraph of strong text, so an owner's "# Title" does not outrank the page's own.
            var paragraph = new ParagraphBlock { Inline = new ContainerInline() };
            var strong = new EmphasisInline { DelimiterChar = '*', DelimiterCount = 2 };
            if (heading.Inline is { } inline)
            {
                foreach (var child in inline.ToList())
                {
                    child.Remove();
                    strong.AppendChild(child);
                }
            }

            paragraph.Inline.AppendChild(strong);
            var parent = heading.Parent!;
            parent[parent.IndexOf(heading)] = paragraph;
        }

        var html = document.ToHtml(Pipeline);
        return Sanitizer.Sanitize(html).Trim();
    }

    /// <summary>
    /// The description as plain text, for a calendar event and the text part of an e-mail: the Markdown's text with its
    /// marks taken off and links written as their address.
    /// </summary>
    public static string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, Pipeline).Trim();
}
