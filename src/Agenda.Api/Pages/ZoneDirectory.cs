using System.Globalization;
using Agenda.Scheduling.Zones;
using NodaTime;
using NodaTime.TimeZones;

namespace Agenda.Api.Pages;

/// <summary>A time zone as people look for it: its tz id, the city it is named after, its region and its country.</summary>
internal sealed record ZoneEntry(string Id, string City, string Region, string? CountryCode)
{
    /// <summary>The country's name in the page's language (CLDR's, through .NET's ICU cultures), or null for a zone of no country (UTC).</summary>
    public string? Country => CountryCode is null ? null : ZoneDirectory.CountryName(CountryCode, CultureInfo.CurrentUICulture);
}

/// <summary>
/// The zones an invitee or an owner can choose from: every canonical zone of the tz database that names a place, and
/// UTC, grouped by the region of their id (Africa, America, Asia…) and sorted by city, with the city, the country
/// and the time there now, so "Berlin" or "New York" is found without knowing "America/New_York".
/// </summary>
internal static class ZoneDirectory
{
    public const string UtcRegion = "UTC";

    public static readonly IReadOnlyList<ZoneEntry> All =
    [
        .. ZoneRules.Source.ZoneLocations!
            .Select(l => new ZoneEntry(l.ZoneId, City(l.ZoneId), Region(l.ZoneId), l.CountryCode))
            .DistinctBy(z => z.Id)
            .OrderBy(z => z.Region, StringComparer.Ordinal).ThenBy(z => z.City, StringComparer.Ordinal),
        new ZoneEntry("UTC", "UTC", UtcRegion, null),
    ];

    private static readonly Dictionary<string, ZoneEntry> ById = All.ToDictionary(z => z.Id, StringComparer.Ordinal);

    /// <summary>Whether the picker lists <paramref name="zoneId"/> (an alias such as Etc/GMT+5 it does not).</summary>
    public static bool Lists(string zoneId) => ById.ContainsKey(zoneId);

    /// <summary>The zones by region, in the order of the regions' ids, UTC last.</summary>
    public static readonly IReadOnlyList<IGrouping<string, ZoneEntry>> ByRegion = [.. All.GroupBy(z => z.Region)];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string?> CountryNames = new();

    /// <summary>
    /// A country's name in <paramref name="language"/>: ICU names a culture of that language and this country
    /// "Deutsch (Vereinigte Staaten)", so the name in brackets is the country's in that language.
    /// </summary>
    public static string? CountryName(string countryCode, CultureInfo language) =>
        CountryNames.GetOrAdd((language.TwoLetterISOLanguageName, countryCode), key =>
        {
            try
            {
                var name = CultureInfo.GetCultureInfo($"{key.Item1}-{key.Item2}").NativeName;
                var open = name.IndexOf('(');
                var close = name.LastIndexOf(')');
                return open >= 0 && close > open ? name[(open + 1)..close] : new RegionInfo(key.Item2).EnglishName;
            }
            catch (ArgumentException)
            {
                // CultureNotFoundException, or a region .NET does not know: the zone is then named by its city alone.
                return null;
            }
        });

    /// <summary>The entry of <paramref name="zoneId"/>; a zone the list does not hold (an alias such as Etc/GMT+5) gets one made from its id.</summary>
    public static ZoneEntry Of(string zoneId) =>
        ById.GetValueOrDefault(zoneId) ?? new ZoneEntry(zoneId, City(zoneId), Region(zoneId), null);

    /// <summary>The city of a tz id: its last part, with spaces for underscores (America/Argentina/Buenos_Aires: Buenos Aires).</summary>
    public static string City(string zoneId) => zoneId[(zoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');

    private static string Region(string zoneId) => zoneId.Contains('/') ? zoneId[..zoneId.IndexOf('/')] : UtcRegion;

    /// <summary>The zone's offset from UTC at <paramref name="now"/>, as people write it: UTC+1, UTC−3:30, UTC.</summary>
    public static string Offset(DateTimeZone zone, Instant now)
    {
        var offset = zone.GetUtcOffset(now);
        if (offset == NodaTime.Offset.Zero)
        {
            return "UTC";
        }

        var span = offset.ToTimeSpan();
        var sign = span < TimeSpan.Zero ? "−" : "+";
        span = span.Duration();
        return span.Minutes == 0 ? $"UTC{sign}{span.Hours}" : $"UTC{sign}{span.Hours}:{span.Minutes:00}";
    }

    /// <summary>
    /// A zone's name for a label: "New York (United States)". Without an offset, which changes with daylight saving and
    /// so may differ between the day shown and today.
    /// </summary>
    public static string Name(string zoneId)
    {
        var entry = Of(zoneId);
        return entry.Country is { } country && country != entry.City ? $"{entry.City} ({country})" : entry.City;
    }

    /// <summary>
    /// The picker's options, grouped by region, each zone on one line without indentation: about 400 zones, so every
    /// byte of markup counts on a phone's first load. Every text is HTML-encoded.
    /// </summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Options(string selected, Instant now, CultureInfo culture, Func<string, string> regionName)
    {
        var html = System.Text.Encodings.Web.HtmlEncoder.Default;
        var options = new System.Text.StringBuilder(32 * 1024);
        foreach (var region in ByRegion)
        {
            options.Append("<optgroup label=\"").Append(html.Encode(regionName(region.Key))).Append("\">\n");
            foreach (var zone in region)
            {
                options.Append("<option value=\"").Append(html.Encode(zone.Id)).Append(zone.Id == selected ? "\" selected>" : "\">")
                    .Append(html.Encode(Describe(zone.Id, now, culture))).Append("</option>\n");
            }

            options.Append("</optgroup>\n");
        }

        return new Microsoft.AspNetCore.Html.HtmlString(options.ToString());
    }

    /// <summary>How a zone is named to a person: "Berlin (Germany), 14:05, UTC+1": city, country, the time there now and the offset.</summary>
    public static string Describe(string zoneId, Instant now, CultureInfo culture)
    {
        var entry = Of(zoneId);
        var zone = ZoneRules.Find(zoneId) ?? DateTimeZone.Utc;
        var time = now.InZone(zone).TimeOfDay.ToString(culture.DateTimeFormat.ShortTimePattern.Contains('H') ? "HH:mm" : "h:mm tt", culture);
        if (entry.Region == UtcRegion)
        {
            return $"{entry.City}, {time}";
        }

        var place = entry.Country is { } country && country != entry.City ? $"{entry.City} ({country})" : entry.City;
        return $"{place}, {time}, {Offset(zone, now)}";
    }
}

/// <summary>
/// A zone picker (<c>_ZonePicker</c>): a select named <see cref="Name"/> with the zones grouped by region, each named by
/// its city, country, time now and offset; with the page script, a search box filters it.
/// </summary>
internal sealed record ZonePickerView(string Name, string Id, string Label, string Selected, Instant Now, string? DescribedBy = null);
