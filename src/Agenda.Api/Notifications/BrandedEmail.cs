using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Agenda.Api.Owners;

namespace Agenda.Api.Notifications;

/// <summary>
/// The HTML alternative of a booking e-mail from an owner with branding: a band in the brand colour with what happened,
/// the owner's photo (an inline image, <c>cid:</c>) and name, their welcome text with its line breaks, the same facts as
/// the plain text, and the invitee's manage link as a button in the brand colour. Every text is HTML-encoded, so nothing
/// anyone typed (a name, a note, the welcome) becomes markup. Styles are inline, as mail programs read only those.
/// </summary>
internal static class BrandedEmail
{
    /// <summary>Encodes for text and attribute values alike; letters of every script stay readable in the source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Muted = "#55555f";

    /// <param name="photoContentId">The photo's Content-ID in the message, when it has one.</param>
    /// <param name="facts">The labelled facts of the plain text, in its order.</param>
    /// <param name="about">The meeting type's description with its heading, for the invitee: safe HTML already (<c>MeetingDescription.ToHtml</c>), put in as it is.</param>
    /// <param name="manage">The manage link with its words, for the invitee.</param>
    public static string Write(
        string language, string heading, string summary, string ownerName, string? photoContentId, BrandColor color, string? welcome,
        IReadOnlyList<EmailFact> facts, (string Heading, string Html)? about, (string Intro, string Button, string Link)? manage, string footer)
    {
        var accent = color.Hex;
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{E(language)}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{E(heading)}: {E(summary)}</title></head>
            <body style="margin:0;padding:0;background-color:#f4f5f8;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f8;"><tr><td align="center" style="padding:24px 12px;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border-radius:12px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1f;">
            <tr><td class="band" style="background-color:{accent};color:#ffffff;padding:20px 24px;border-radius:12px 12px 0 0;font-size:20px;font-weight:700;">{E(heading)}</td></tr>
            <tr><td style="padding:24px;">

            """);
        if (photoContentId is not null)
        {
            html.Append($"""<img class="avatar" src="cid:{E(photoContentId)}" alt="{E(ownerName)}" width="64" height="64" style="display:block;width:64px;height:64px;border-radius:50%;">""").Append('\n');
        }

        html.Append($"""<p class="host" style="margin:8px 0 0;font-weight:600;color:{Muted};">{E(ownerName)}</p>""").Append('\n');
        if (welcome is not null)
        {
            html.Append($"""<p class="welcome" style="margin:12px 0 0;">{string.Join("<br>\n", welcome.Split('\n').Select(E))}</p>""").Append('\n');
        }

        html.Append($"""<h1 style="margin:20px 0 8px;font-size:22px;line-height:1.3;">{E(summary)}</h1>""").Append('\n');
        html.Append("""<table role="presentation" class="facts" cellpadding="0" cellspacing="0" border="0">""").Append('\n');
        foreach (var fact in facts)
        {
            html.Append($"""<tr><th align="left" valign="top" style="padding:4px 16px 4px 0;font-weight:600;color:{Muted};">{E(fact.Label)}</th><td style="padding:4px 0;">{Value(fact, accent)}</td></tr>""").Append('\n');
        }

        html.Append("</table>\n");
        if (about is { } description)
        {
            html.Append($"""<h2 style="margin:24px 0 8px;font-size:18px;line-height:1.3;">{E(description.Heading)}</h2>""").Append('\n');
            html.Append($"""<div class="description">{description.Html}</div>""").Append('\n');
        }
        if (manage is { } link)
        {
            html.Append($"""<p style="margin:24px 0 8px;">{E(link.Intro)}</p>""").Append('\n');
            html.Append($"""<p style="margin:0;"><a class="button" href="{E(link.Link)}" style="display:inline-block;background-color:{accent};color:#ffffff;padding:12px 20px;border-radius:8px;font-weight:700;text-decoration:none;">{E(link.Button)}</a></p>""").Append('\n');
        }

        html.Append($"""
            <p style="margin:24px 0 0;font-size:14px;color:{Muted};">{E(footer)}</p>
            </td></tr>
            </table>
            </td></tr></table>
            </body>
            </html>

            """);
        return html.ToString();
    }

    /// <summary>A fact's value, encoded, its lines kept; its link part (a meeting's address, a phone number) a link.</summary>
    private static string Value(EmailFact fact, string accent)
    {
        var at = fact.Link is { Length: > 0 } link && fact.Href is not null ? fact.Value.IndexOf(link, StringComparison.Ordinal) : -1;
        if (at < 0)
        {
            return Lines(fact.Value);
        }

        var anchor = $"""<a href="{E(fact.Href!)}" style="color:{accent};">{E(fact.Link!)}</a>""";
        return Lines(fact.Value[..at]) + anchor + Lines(fact.Value[(at + fact.Link!.Length)..]);
    }

    private static string Lines(string text) => string.Join("<br>\n", text.Split('\n').Select(E));

    private static string E(string text) => Encoder.Encode(text);
}
