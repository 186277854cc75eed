using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>A page with the invitee's details form (personal and team bookings), for the <c>_InviteeFields</c> partial.</summary>
internal interface IInviteeForm
{
    string? Name { get; }

    string? Email { get; }

    string? Note { get; }

    /// <summary>Each invalid field's message, by the field's id (name, email, note).</summary>
    Dictionary<string, string> Errors { get; }
}

/// <summary>
/// A page with the booking form (personal and team), for the <c>_BookingForm</c> partial: the slot it books, or after
/// a refusal the nearest free times to choose from in the same form, so the invitee keeps what they typed.
/// </summary>
internal interface IBookingForm : IInviteeForm
{
    MeetingPanel Panel { get; }

    /// <summary>The slot the form books; null when it is not (or no longer) offered.</summary>
    Slot? Slot { get; }

    /// <summary>After a refusal: the free times nearest the one refused, offered in the form itself; empty when none is near.</summary>
    IReadOnlyList<Slot> Alternatives { get; }

    HeldSlot Hold { get; }

    FormSubmission Submission { get; }

    /// <summary>Why the slot cannot be booked.</summary>
    string? Refusal { get; }

    /// <summary>A month to choose from when no time near the refused one is free.</summary>
    SlotPickerView? FreshSlots { get; }

    DateTimeZone Zone { get; }

    /// <summary>The length the form books, of a type that offers several.</summary>
    LengthChoice Length { get; }

    /// <summary>Where to meet and the type's questions, with what the invitee chose and answered.</summary>
    InviteeChoices Choices { get; }

    /// <summary>The single-use link the form books through, when it does.</summary>
    string? LinkToken { get; }
}

/// <summary>The invitee's details once every field is valid.</summary>
internal sealed record InviteeInput(string Name, string Email, string? Note)
{
    public const int MaxNoteLength = 2000;

    /// <summary>
    /// Reads the typed fields with the API's own reading of each (so both accept the same), putting the page's words for
    /// each invalid field into <paramref name="errors"/>; null when one is invalid.
    /// </summary>
    public static InviteeInput? Read(string? name, string? email, string? note, PageTexts texts, Dictionary<string, string> errors)
    {
        var check = new RequestErrors();
        var readName = check.Name("name", name);
        if (check.Any)
        {
            errors["name"] = texts.NameRequired;
        }

        check = new RequestErrors();
        var readEmail = string.IsNullOrWhiteSpace(email) ? null : check.Email("email", email.Trim());
        if (readEmail is null)
        {
            errors["email"] = texts.EmailInvalid;
        }

        check = new RequestErrors();
        var readNote = check.Text("note", string.IsNullOrWhiteSpace(note) ? null : note, MaxNoteLength);
        if (check.Any)
        {
            errors["note"] = texts.NoteInvalid;
        }

        return errors.Count > 0 || readName is null || readEmail is null ? null : new InviteeInput(readName, readEmail, readNote);
    }

    /// <summary>
    /// The booking of <paramref name="slot"/> for this invitee, naming the hold the form carries, with where to meet and
    /// the answers (<paramref name="chosen"/>) and the single-use link (<paramref name="link"/>) it books through; the
    /// e-mail to the invitee speaks the page's <paramref name="language"/> and shows the times in the
    /// <paramref name="zone"/> the page showed.
    /// </summary>
    public BookingRequest ToRequest(Slot slot, HeldSlot hold, string language, DateTimeZone zone, Bookings.ResolvedChoices chosen, string? link) =>
        new(Name, slot, Email, Note, HoldId: hold.Token is { } held ? Bookings.SlotHolder.HoldId(held) : null)
        {
            InviteeLanguage = language,
            InviteeTimeZone = zone.Id,
            Location = chosen.Location,
            Answers = chosen.Answers,
            SingleUseLinkHash = MeetingTypes.SingleUseLinks.HashOf(link),
        };
}
