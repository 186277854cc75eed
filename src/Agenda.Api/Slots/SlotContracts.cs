using Agenda.Api.Platform.Wire;

namespace Agenda.Api.Slots;

// Request and response bodies of the /v1 API. Property names are written in snake_case by the host's
// JSON options, as in the documented API. Request fields are nullable so that a missing value reaches
// validation, which names the field.

/// <summary>
/// A slot, as ISO 8601 with the offset of the requested zone and as UTC instants; for a meeting type with seats, how many
/// of its seats are left (left out for any other type).
/// </summary>
internal sealed record SlotResponse(
    string Start,
    string End,
    string StartUtc,
    string EndUtc,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? SeatsLeft = null)
{
    /// <summary>The slot as shown in <paramref name="zone"/>.</summary>
    public static SlotResponse Of(Scheduling.Slots.Slot slot, NodaTime.DateTimeZone zone, int? seatsLeft = null) =>
        new(WireFormat.FormatWithOffset(slot.Start, zone), WireFormat.FormatWithOffset(slot.End, zone), WireFormat.FormatUtc(slot.Start), WireFormat.FormatUtc(slot.End), seatsLeft);
}

internal sealed record SlotsResponse(string OwnerId, string MeetingType, string TimeZone, string From, string To, IReadOnlyList<SlotResponse> Slots);

/// <summary>An owner's or a team's next free times, soonest first, shown in <see cref="TimeZone"/>.</summary>
/// <param name="OwnerId">The owner's id, or the team's for a team's free times.</param>
internal sealed record FreeTimesResponse(string OwnerId, string TimeZone, IReadOnlyList<FreeTimeResponse> FreeTimes)
{
    /// <summary>The answer for <paramref name="id"/>, shown in <paramref name="viewZone"/> or else the zone the times come with.</summary>
    public static FreeTimesResponse Of(string id, FreeTimes found, NodaTime.DateTimeZone? viewZone)
    {
        var zone = viewZone ?? found.Zone;
        return new(id, zone.Id, [.. found.Times.Select(t => FreeTimeResponse.Of(t, zone))]);
    }
}

/// <summary>A free time: its meeting type (slug and title), its length, and the slot as <see cref="SlotResponse"/> gives it.</summary>
internal sealed record FreeTimeResponse(
    string MeetingType,
    string Title,
    int DurationMinutes,
    string Start,
    string End,
    string StartUtc,
    string EndUtc,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? SeatsLeft = null)
{
    public static FreeTimeResponse Of(FreeTime time, NodaTime.DateTimeZone zone)
    {
        var slot = SlotResponse.Of(time.Slot, zone, time.SeatsLeft);
        return new(time.Type.Slug, time.Type.Title, (int)time.Type.Rules.Length.TotalMinutes, slot.Start, slot.End, slot.StartUtc, slot.EndUtc, slot.SeatsLeft);
    }
}
