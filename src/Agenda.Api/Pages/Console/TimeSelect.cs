using Agenda.Api.Platform.Wire;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using NodaTime;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// A select of wall-clock times in 15-minute steps, written in the page's culture (09:00, or 9:00 AM) with the wire
/// format as the value (HH:MM): a start from 00:00 to 23:45, an end from 00:15 to 24:00. A value set elsewhere off
/// the steps (the API takes any minute) is kept as an option of its own. One instance per page, so the texts of the
/// 96 times are made once.
/// </summary>
internal sealed class TimeSelect
{
    private const int Step = 15;

    private readonly List<(LocalTime Time, string Value, string Text)> starts = [];
    private readonly List<(LocalTime Time, string Value, string Text)> ends = [];

    public TimeSelect()
    {
        for (var minutes = 0; minutes < 24 * 60; minutes += Step)
        {
            var time = LocalTime.Midnight.PlusMinutes(minutes);
            starts.Add((time, WireFormat.FormatTime(time, isEnd: false), ConsoleFormat.Time(time)));
            var end = time.PlusMinutes(Step);
            ends.Add((end, WireFormat.FormatTime(end, isEnd: true), ConsoleFormat.Time(end, isEnd: true)));
        }
    }

    /// <summary>The select; <paramref name="value"/> as posted or stored (HH:MM, 24:00 for an end), empty for none.</summary>
    public IHtmlContent Render(string id, string name, string? value, bool isEnd, string? describedBy = null, string? invalid = null, bool required = false)
    {
        var select = new TagBuilder("select");
        select.AddCssClass(isEnd ? "end" : "start");
        select.Attributes["id"] = id;
        select.Attributes["name"] = name;
        if (describedBy is not null)
        {
            select.Attributes["aria-describedby"] = describedBy;
        }

        if (invalid is not null)
        {
            select.Attributes["aria-invalid"] = invalid;
        }

        if (required)
        {
            select.Attributes["required"] = "required";
        }

        var options = isEnd ? ends : starts;
        var found = string.IsNullOrEmpty(value) || options.Any(o => o.Value == value);
        select.InnerHtml.AppendHtml(Option("", "--:--", string.IsNullOrEmpty(value)));
        foreach (var (time, optionValue, text) in options)
        {
            if (!found && Parsed(value!, isEnd) is { } own && (own < time || (isEnd && own != LocalTime.Midnight && time == LocalTime.Midnight)))
            {
                select.InnerHtml.AppendHtml(Option(value!, ConsoleFormat.Time(own, isEnd), true));
                found = true;
            }

            select.InnerHtml.AppendHtml(Option(optionValue, text, optionValue == value));
        }

        if (!found)
        {
            // Not a time at all (a form posted by hand): kept as it was typed, so the use case can say what is wrong with it.
            select.InnerHtml.AppendHtml(Option(value!, value!, true));
        }

        return select;
    }

    private static LocalTime? Parsed(string value, bool isEnd) =>
        isEnd && value == WireFormat.EndOfDay ? LocalTime.Midnight : WireFormat.TryParseTime(value, out var time) ? time : null;

    private static TagBuilder Option(string value, string text, bool selected)
    {
        var option = new TagBuilder("option");
        // An option's value is its text when it has none: on a 24-hour clock that halves the page's ~2,700 options.
        if (value != text)
        {
            option.Attributes["value"] = value;
        }

        if (selected)
        {
            option.Attributes["selected"] = "selected";
        }

        option.InnerHtml.Append(text);
        return option;
    }
}
