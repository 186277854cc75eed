using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;

namespace Agenda.Api.Workflows;

/// <summary>
/// A workflow's subject and body: Liquid templates (the Fluid library) over the fields of <see cref="WorkflowFields"/>.
/// A template is checked when it is saved: it must parse, and name only fields, filters and tags that exist, so a typo
/// is refused with its line rather than sent as an empty gap. Rendering is bounded (steps, output), and reads nothing but
/// the booking's fields: no files, no other templates.
/// </summary>
internal static partial class WorkflowTemplates
{
    /// <summary>The longest template source accepted, in characters.</summary>
    public const int MaxSource = 20_000;

    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = false });

    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .WithMaxSteps(20_000)
        .WithMaxOutputSize(200_000)
        .WithMaxRecursion(8)
        .WithStrictFilters(true)
        .Build();

    /// <summary>What is wrong with a template: the line (1 for the first) and the reason, as a <see cref="Platform.Wire.ValidationTexts"/> key and arguments after the field's name and the line.</summary>
    public sealed record Problem(int Line, string Key, params object[] Arguments);

    /// <summary>Null when <paramref name="source"/> is a template a workflow may use; else the first thing wrong with it.</summary>
    public static Problem? Check(string source)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            var at = ParsedAt().Match(error ?? "");
            var line = at.Success ? int.Parse(at.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
            var reason = (error ?? "").Split('\n')[0];
            return new Problem(line, "TemplateSyntax", at.Success ? reason[..at.Index].TrimEnd() : reason);
        }

        var check = new FieldCheck(source);
        check.VisitTemplate(template);
        return check.Found;
    }

    /// <summary>
    /// Renders a checked template over <paramref name="model"/> (<see cref="WorkflowFields"/>). Values are written as they
    /// are; the caller escapes the whole text for HTML mail (<see cref="ToHtml"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The template no longer parses, or went past its bounds (steps, output).</exception>
    public static string Render(string source, IReadOnlyDictionary<string, object?> model)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new InvalidOperationException($"The template does not parse: {error}");
        }

        var context = new TemplateContext(Options);
        foreach (var (name, value) in model)
        {
            if (value is not null)
            {
                context.SetValue(name, value);
            }
        }

        try
        {
            return template.Render(context, NullEncoder.Default);
        }
        catch (Exception e) when (e is InvalidOperationException or Fluid.ParseException or ArgumentException)
        {
            throw new InvalidOperationException($"The template could not be rendered: {e.Message}", e);
        }
    }

    /// <summary>
    /// The HTML of a rendered text: every character escaped (so nothing a field holds becomes markup), paragraphs at blank
    /// lines, line breaks kept, and http and https addresses made links.
    /// </summary>
    public static string ToHtml(string text)
    {
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Concat(paragraphs.Select(p =>
            "<p>" + string.Join("<br>", p.Split('\n').Select(LineToHtml)) + "</p>"));
    }

    /// <summary>One line escaped, its addresses found in the text as written (so an escaped character never joins one) made links.</summary>
    private static string LineToHtml(string line)
    {
        var html = new System.Text.StringBuilder();
        var at = 0;
        foreach (Match link in Link().Matches(line))
        {
            var href = System.Net.WebUtility.HtmlEncode(link.Value);
            html.Append(System.Net.WebUtility.HtmlEncode(line[at..link.Index])).Append("<a href=\"").Append(href).Append("\">").Append(href).Append("</a>");
            at = link.Index + link.Length;
        }

        return html.Append(System.Net.WebUtility.HtmlEncode(line[at..])).ToString();
    }

    [GeneratedRegex(@"at \((\d+):(\d+)\)")]
    private static partial Regex ParsedAt();

    [GeneratedRegex(@"https?://[^\s<>""']+")]
    private static partial Regex Link();

    /// <summary>Walks a template for names it may not use: fields that do not exist, unknown filters, tags that read files.</summary>
    private sealed class FieldCheck(string source) : AstVisitor
    {
        private readonly HashSet<string> locals = new(StringComparer.Ordinal) { "forloop", "tablerowloop" };

        public Problem? Found { get; private set; }

        public override IFluidTemplate VisitTemplate(IFluidTemplate template)
        {
            // Names the template assigns itself may be read anywhere in it.
            new LocalNames(locals).VisitTemplate(template);
            return base.VisitTemplate(template);
        }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (Found is null && memberExpression.Segments is [IdentifierSegment root, ..] && !locals.Contains(root.Identifier))
            {
                var field = memberExpression.Segments is [_, IdentifierSegment member, ..] ? $"{root.Identifier}.{member.Identifier}" : root.Identifier;
                if (!WorkflowFields.Known(root.Identifier, memberExpression.Segments is [_, IdentifierSegment second, ..] ? second.Identifier : null))
                {
                    Found = new Problem(LineOf(field), "TemplateUnknownField", field, string.Join(", ", WorkflowFields.Names));
                }
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            if (Found is null && !Options.Filters.TryGetValue(filterExpression.Name, out _))
            {
                Found = new Problem(LineOf(filterExpression.Name), "TemplateUnknownFilter", filterExpression.Name);
            }

            return base.VisitFilterExpression(filterExpression);
        }

        protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
        {
            Found ??= new Problem(LineOf("include"), "TemplateTag", "include");
            return includeStatement;
        }

        protected override Statement VisitRenderStatement(RenderStatement renderStatement)
        {
            Found ??= new Problem(LineOf("render"), "TemplateTag", "render");
            return renderStatement;
        }

        /// <summary>The line of the first place <paramref name="text"/> is written (the AST keeps no lines for expressions).</summary>
        private int LineOf(string text)
        {
            var at = source.IndexOf(text, StringComparison.Ordinal);
            return at < 0 ? 1 : source.AsSpan(0, at).Count('\n') + 1;
        }
    }

    /// <summary>Collects the names a template assigns (assign, capture, for, tablerow, increment, macro).</summary>
    private sealed class LocalNames(HashSet<string> names) : AstVisitor
    {
        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            names.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            names.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitForStatement(ForStatement forStatement)
        {
            names.Add(forStatement.Identifier);
            return base.VisitForStatement(forStatement);
        }

        protected override Statement VisitTableRowStatement(TableRowStatement tableRowStatement)
        {
            names.Add(tableRowStatement.Identifier);
            return base.VisitTableRowStatement(tableRowStatement);
        }

        protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
        {
            names.Add(incrementStatement.Identifier);
            return base.VisitIncrementStatement(incrementStatement);
        }

        protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
        {
            names.Add(decrementStatement.Identifier);
            return base.VisitDecrementStatement(decrementStatement);
        }
    }
}
