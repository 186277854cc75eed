using System.Text.Json.Serialization;
using Agenda.Api.Wire;

namespace Agenda.Api.V1;

// Request and response bodies of the /v1 API. Property names are written in snake_case by the host's
// JSON options, as in the documented API. Request fields are nullable so that a missing value reaches
// validation, which names the field.

public sealed record CreateOwnerRequest(string? Id, string? Name, string? TimeZone);

public sealed record UpdateOwnerRequest(string? Name, string? TimeZone);

public sealed record OwnerResponse(string Id, string? Name, string TimeZone);

/// <summary>A new owner with its first API key, shown only here.</summary>
public sealed record CreatedOwnerResponse(string Id, string? Name, string TimeZone, string ApiKeyId, string ApiKey);

public sealed record IssuedKeyResponse(string Id, string Key);

public sealed record ApiKeyResponse(string Id, string CreatedAt, string? RevokedAt);

public sealed record ApiKeysResponse(IReadOnlyList<ApiKeyResponse> Keys)
{
    public static ApiKeysResponse Of(IEnumerable<Storage.StoredApiKey> keys) =>
        new([.. keys.Select(k => new ApiKeyResponse(k.Id, WireFormat.FormatUtc(k.CreatedAt), k.RevokedAt is { } revoked ? WireFormat.FormatUtc(revoked) : null))]);
}

/// <summary>A daily range, "09:00" to "17:00"; an end may be "24:00".</summary>
public sealed record HoursBody(string? Start, string? End);

public sealed record HoursResponse(string Start, string End);

/// <summary>Weekly hours: per weekday, any number of ranges. A missing or empty weekday is a day off.</summary>
public sealed record WeeklyHoursBody(
    IReadOnlyList<HoursBody?>? Monday,
    IReadOnlyList<HoursBody?>? Tuesday,
    IReadOnlyList<HoursBody?>? Wednesday,
    IReadOnlyList<HoursBody?>? Thursday,
    IReadOnlyList<HoursBody?>? Friday,
    IReadOnlyList<HoursBody?>? Saturday,
    IReadOnlyList<HoursBody?>? Sunday);

public sealed record WeeklyHoursResponse(
    IReadOnlyList<HoursResponse> Monday,
    IReadOnlyList<HoursResponse> Tuesday,
    IReadOnlyList<HoursResponse> Wednesday,
    IReadOnlyList<HoursResponse> Thursday,
    IReadOnlyList<HoursResponse> Friday,
    IReadOnlyList<HoursResponse> Saturday,
    IReadOnlyList<HoursResponse> Sunday);

/// <summary>Date-range rules, each written as the documented set_availability writes one.</summary>
public sealed record DateRangeRulesBody(IReadOnlyList<Compatibility.AvailabilityRuleBody?>? Rules);

public sealed record DateRangeRuleResponse(string StartDate, string EndDate, string StartTime, string EndTime);

public sealed record DateRangeRulesResponse(IReadOnlyList<DateRangeRuleResponse> Rules);

/// <summary>An override of one date: either <c>"unavailable": true</c>, or replacement <c>hours</c>.</summary>
public sealed record DateOverrideBody(bool? Unavailable, IReadOnlyList<HoursBody?>? Hours);

public sealed record DateOverrideResponse(string Date, bool Unavailable, IReadOnlyList<HoursResponse> Hours);

public sealed record DateOverridesResponse(IReadOnlyList<DateOverrideResponse> Overrides);

public sealed record MeetingTypeBody(
    string? Slug,
    string? Title,
    int? DurationMinutes,
    int? StepMinutes,
    int? BufferBeforeMinutes,
    int? BufferAfterMinutes,
    int? MinimumNoticeMinutes,
    int? HorizonDays,
    int? MaxPerDay);

public sealed record MeetingTypeResponse(
    string Slug,
    string Title,
    int DurationMinutes,
    int StepMinutes,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    int MinimumNoticeMinutes,
    int? HorizonDays,
    int? MaxPerDay);

public sealed record MeetingTypesResponse(IReadOnlyList<MeetingTypeResponse> MeetingTypes);

/// <summary>A slot, as ISO 8601 with the offset of the requested zone and as UTC instants.</summary>
public sealed record SlotResponse(string Start, string End, string StartUtc, string EndUtc)
{
    /// <summary>The slot as shown in <paramref name="zone"/>.</summary>
    public static SlotResponse Of(Scheduling.Slots.Slot slot, NodaTime.DateTimeZone zone) =>
        new(WireFormat.FormatWithOffset(slot.Start, zone), WireFormat.FormatWithOffset(slot.End, zone), WireFormat.FormatUtc(slot.Start), WireFormat.FormatUtc(slot.End));
}

public sealed record SlotsResponse(string OwnerId, string MeetingType, string TimeZone, string From, string To, IReadOnlyList<SlotResponse> Slots);

/// <param name="Language">The invitee's language for the e-mail they receive: en or de. When left out, the owner's e-mail language.</param>
/// <param name="TimeZone">The invitee's IANA time zone, for the times in the e-mail they receive. When left out, the owner's zone.</param>
public sealed record InviteeBody(string? Name, string? Email, string? Language = null, string? TimeZone = null);

/// <param name="HoldToken">The hold_token of a hold the invitee took on this slot: the hold is used up, and the slot it kept is theirs to book.
/// A hold that has expired or was released gives no protection; the booking is then decided like any other.</param>
public sealed record CreateBookingRequest(string? Start, InviteeBody? Invitee, string? Note, string? HoldToken = null);

public sealed record CreateHoldRequest(string? Start);

/// <summary>
/// A hold on a slot. <see cref="HoldToken"/> appears only here: it alone releases the hold or books the slot it keeps,
/// and the service keeps only its hash. Until <see cref="ExpiresAt"/> no one else is offered the slot.
/// </summary>
public sealed record HoldResponse(
    string HoldToken, string OwnerId, string MeetingType, string Start, string End, string StartUtc, string EndUtc, string TimeZone, string ExpiresAt);

/// <param name="Language">The invitee's language for e-mail (en or de), when the booking page or the API was told; null otherwise.</param>
/// <param name="TimeZone">The zone the invitee booked in (the booking page's, or the API's invitee.time_zone); null when not known.</param>
public sealed record InviteeResponse(string Name, string? Email, string? Language = null, string? TimeZone = null);

/// <summary>
/// A booking. <see cref="ManagementToken"/> appears only in the answer that creates the booking: it is the
/// invitee's only key to read, cancel and reschedule it, and the service keeps only its hash.
/// </summary>
public sealed record BookingResponse(
    string Id,
    string OwnerId,
    string MeetingType,
    string Status,
    string Start,
    string End,
    string StartUtc,
    string EndUtc,
    string TimeZone,
    InviteeResponse Invitee,
    string? Note,
    string CreatedAt,
    int Sequence,
    IReadOnlyList<PreviousTimeResponse> PreviousTimes,
    string? CancelledAt,
    string? CancelledBy,
    string? CancelReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ManagementToken = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TeamBookingResponse? Team = null);

/// <summary>A time a booking had before it was rescheduled.</summary>
public sealed record PreviousTimeResponse(string StartUtc, string EndUtc);

public sealed record CancelBookingRequest(string? Reason);

public sealed record RescheduleBookingRequest(string? Start);

/// <summary>A page of an owner's bookings; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record BookingListResponse(IReadOnlyList<BookingResponse> Bookings, string? NextCursor);
