using System.Text.Json.Serialization;

namespace Agenda.Api.Compatibility;

// Request and response bodies of the documented API, with the document's snake_case names and shapes.
// Request fields are nullable strings so that a missing or malformed value reaches validation,
// which names the field, instead of failing inside the JSON reader.

internal sealed record SetAvailabilityRequest(
    [property: JsonPropertyName("availability_rules")] IReadOnlyList<AvailabilityRuleBody?>? AvailabilityRules);

internal sealed record AvailabilityRuleBody(
    [property: JsonPropertyName("start_date")] string? StartDate,
    [property: JsonPropertyName("end_date")] string? EndDate,
    [property: JsonPropertyName("start_time")] string? StartTime,
    [property: JsonPropertyName("end_time")] string? EndTime);

internal sealed record SetAvailabilityResponse(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("new_slots")] string NewSlots);

internal sealed record SearchSlotsRequest(
    [property: JsonPropertyName("owner")] string? Owner,
    [property: JsonPropertyName("request_date")] string? RequestDate);

internal sealed record SearchSlotsResponse(
    [property: JsonPropertyName("available_slots")] IReadOnlyList<SlotBody> AvailableSlots);

internal sealed record SlotBody(
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End);

internal sealed record BookSlotRequest(
    [property: JsonPropertyName("owner")] string? Owner,
    [property: JsonPropertyName("invitee")] string? Invitee,
    [property: JsonPropertyName("start_time")] string? StartTime,
    [property: JsonPropertyName("end_time")] string? EndTime);

internal sealed record BookSlotResponse(
    [property: JsonPropertyName("appointment")] AppointmentBody Appointment,
    [property: JsonPropertyName("message")] string Message);

internal sealed record AppointmentBody(
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("invitee")] string Invitee,
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End);

internal sealed record ListUpcomingResponse(
    [property: JsonPropertyName("upcoming_appointments")] IReadOnlyList<UpcomingAppointmentBody> UpcomingAppointments);

internal sealed record UpcomingAppointmentBody(
    [property: JsonPropertyName("start_time")] string StartTime,
    [property: JsonPropertyName("end_time")] string EndTime,
    [property: JsonPropertyName("invitee")] string Invitee);
