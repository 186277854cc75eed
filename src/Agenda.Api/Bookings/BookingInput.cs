using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Bookings;

/// <summary>
/// What a booking's body says, checked the same way for a personal and a team meeting type: the slot's start, the
/// invitee (name, email, language, zone), the note, and the hold it names.
/// </summary>
internal sealed record BookingInput(Instant Start, string Name, string? Email, string? Note, string? HoldToken, string? Language, DateTimeZone? Zone)
{
    /// <summary>The body read into <paramref name="errors"/>; null when it has any, which the caller answers as a 400.</summary>
    public static BookingInput? Read(CreateBookingRequest? body, string? idempotencyKey, RequestErrors errors)
    {
        var start = errors.Instant("start", body?.Start);
        var name = errors.Name("invitee.name", body?.Invitee?.Name);
        var email = errors.Email("invitee.email", body?.Invitee?.Email);
        var note = errors.Text("note", body?.Note, 2000);
        var holdToken = errors.Text("hold_token", body?.HoldToken, 200);
        var language = body?.Invitee?.Language;
        if (language is not null && !Platform.Localisation.Languages.Codes.Contains(language))
        {
            errors.Add("invitee.language", "InviteeLanguage", "invitee.language", string.Join(", ", Platform.Localisation.Languages.Codes));
        }

        var zone = body?.Invitee?.TimeZone is { } zoneId ? errors.Zone("invitee.time_zone", zoneId) : null;
        errors.IdempotencyKey(idempotencyKey);
        return errors.Any || start is not { } startsAt || name is null ? null : new BookingInput(startsAt, name, email, note, holdToken, language, zone);
    }

    /// <summary>The request to store for <paramref name="slot"/> (the booking use case adds the invitee's management token).</summary>
    public BookingRequest ToRequest(Slot slot) =>
        new(Name, slot, Email, Note, HoldId: HoldToken is null ? null : Bookings.SlotHolder.HoldId(HoldToken))
        {
            InviteeLanguage = Language,
            InviteeTimeZone = Zone?.Id,
        };
}
