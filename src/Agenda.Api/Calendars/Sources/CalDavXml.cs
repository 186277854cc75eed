using System.Xml;
using System.Xml.Linq;

namespace Agenda.Api.Calendars.Sources;

/// <summary>The WebDAV and CalDAV request bodies this client sends, and the parts of multistatus answers it reads (RFC 4918, 4791).</summary>
internal static class CalDavXml
{
    public static readonly XNamespace Dav = "DAV:";
    public static readonly XNamespace CalDav = "urn:ietf:params:xml:ns:caldav";
    public static readonly XNamespace CalendarServer = "http://calendarserver.org/ns/";

    public static string PropFind(params XName[] properties) =>
        Serialize(new XElement(Dav + "propfind", Namespaces(), new XElement(Dav + "prop", properties.Select(p => new XElement(p)))));

    /// <summary>A calendar-query for the VEVENTs overlapping [from, to), asking for the raw data: no server-side expansion, which some servers lack.</summary>
    public static string EventsBetween(string from, string to) =>
        Serialize(new XElement(CalDav + "calendar-query", Namespaces(),
            new XElement(Dav + "prop", new XElement(Dav + "getetag"), new XElement(CalDav + "calendar-data")),
            new XElement(CalDav + "filter",
                new XElement(CalDav + "comp-filter", new XAttribute("name", "VCALENDAR"),
                    new XElement(CalDav + "comp-filter", new XAttribute("name", "VEVENT"),
                        new XElement(CalDav + "time-range", new XAttribute("start", from), new XAttribute("end", to)))))));

    /// <summary>
    /// The responses of a multistatus answer, each with its absolute address and the properties the server found (propstat 200).
    /// DTDs are refused, so an answer cannot make the parser fetch or expand entities.
    /// </summary>
    public static IReadOnlyList<DavResponse> Responses(string text, Uri requestUrl)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new CalendarSourceException(CalendarSourceFailure.Malformed, $"{CalendarHttp.Origin(requestUrl)} did not answer with valid WebDAV XML.", null, e);
        }

        if (document.Root?.Name != Dav + "multistatus")
        {
            throw new CalendarSourceException(CalendarSourceFailure.Malformed, $"{CalendarHttp.Origin(requestUrl)} did not answer with a WebDAV multistatus.");
        }

        return document.Root.Elements(Dav + "response")
            .Select(r => (Href: (string?)r.Element(Dav + "href"), Response: r))
            .Where(r => !string.IsNullOrWhiteSpace(r.Href))
            .Select(r => new DavResponse(
                new Uri(requestUrl, r.Href!.Trim()),
                r.Response.Elements(Dav + "propstat").Where(p => IsOk((string?)p.Element(Dav + "status"))).Elements(Dav + "prop").Elements().ToList()))
            .ToList();
    }

    private static bool IsOk(string? status) => status is not null && status.Contains(" 200", StringComparison.Ordinal);

    private static XAttribute[] Namespaces() =>
        [new(XNamespace.Xmlns + "D", Dav), new(XNamespace.Xmlns + "C", CalDav), new(XNamespace.Xmlns + "CS", CalendarServer)];

    private static string Serialize(XElement root) => new XDeclaration("1.0", "utf-8", null) + Environment.NewLine + root.ToString(SaveOptions.DisableFormatting);
}

/// <summary>One response of a multistatus answer: the resource's address and the properties found for it.</summary>
internal sealed record DavResponse(Uri Href, IReadOnlyList<XElement> Properties)
{
    public XElement? Property(XName name) => Properties.FirstOrDefault(p => p.Name == name);

    public string? Text(XName name) => Property(name) is { } p && !string.IsNullOrEmpty(p.Value) ? p.Value.Trim() : null;

    /// <summary>The first DAV:href inside a property (calendar-home-set, current-user-principal), resolved against this response.</summary>
    public Uri? Link(XName name) =>
        Property(name)?.Element(CalDavXml.Dav + "href") is { } href && !string.IsNullOrWhiteSpace(href.Value) ? new Uri(Href, href.Value.Trim()) : null;
}
