using System.Text.Json;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.MeetingTypes;
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
    /// <summary>The length, location and answers, checked against the meeting type by <see cref="ForType"/>.</summary>
    public BookingChoices Choices { get; init; } = BookingChoices.None;

    /// <summary>The secret of the single-use link the booking comes through, if any.</summary>
    public string? SingleUseLink { get; init; }

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
        var link = errors.Text("single_use_link", body?.SingleUseLink, 200);
        var choices = new BookingChoices(
            body?.DurationMinutes,
            body?.Location?.Kind,
            body?.Location?.Value,
            null,
            body?.Location?.Phone,
            ReadAnswers(body?.Answers, errors))
        {
            SeriesCount = body?.Recurrence is { } recurrence ? recurrence.Count ?? 0 : null,
        };
        return errors.Any || start is not { } startsAt || name is null
            ? null
            : new BookingInput(startsAt, name, email, note, holdToken, language, zone) { Choices = choices, SingleUseLink = link };
    }

    /// <summary>
    /// The slot and the request to store for a booking of <paramref name="type"/>: the choices checked against it (the
    /// chosen length gives the slot); null with field errors when they do not fit it.
    /// </summary>
    public (MeetingType Rules, BookingRequest Request, Scheduling.Booking.SeriesRule? Series)? ForType(StoredMeetingType type, RequestErrors errors)
    {
        if (Choices.Resolve(type, errors) is not { } resolved)
        {
            return null;
        }

        var request = ToRequest(resolved.Rules.SlotAt(Start)) with
        {
            Location = resolved.Location,
            Answers = resolved.Answers,
            SingleUseLinkHash = MeetingTypes.SingleUseLinks.HashOf(SingleUseLink),
        };
        return (resolved.Rules, request, resolved.Series);
    }

    /// <summary>The answers of a JSON body as texts: a string, a number, true or false, or a list of strings.</summary>
    private static Dictionary<string, IReadOnlyList<string>>? ReadAnswers(IReadOnlyDictionary<string, JsonElement>? answers, RequestErrors errors)
    {
        if (answers is null)
        {
            return null;
        }

        var read = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (id, value) in answers.Take(100))
        {
            IReadOnlyList<string>? texts = value.ValueKind switch
            {
                JsonValueKind.String => [value.GetString()!],
                JsonValueKind.Number => [value.GetRawText()],
                JsonValueKind.True => ["true"],
                JsonValueKind.False => ["false"],
                JsonValueKind.Null => [],
                JsonValueKind.Array when value.GetArrayLength() <= 100 && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                    [.. value.EnumerateArray().Select(e => e.GetString()!)],
                _ => null,
            };
            if (texts is null)
            {
                var field = $"answers.{(id.Length > 40 ? id[..40] : id)}";
                errors.Add(field, "AnswerShape", field);
                continue;
            }

            read[id] = texts;
        }

        return read;
    }

    /// <summary>The request to store for <paramref name="slot"/> (the booking use case adds the invitee's management token).</summary>
    public BookingRequest ToRequest(Slot slot) =>
        new(Name, slot, Email, Note, HoldId: HoldToken is null ? null : Bookings.SlotHolder.HoldId(HoldToken))
        {
            InviteeLanguage = Language,
            InviteeTimeZone = Zone?.Id,
        };
}
