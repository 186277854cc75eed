using System.Text.RegularExpressions;
using Agenda.Api.Bookings;
using Agenda.Api.Platform.Access;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// The key a booking form carries (the hidden field <c>submission</c>), made when the form is shown. The booking is made
/// under it as under an API client's Idempotency-Key, and the key keeps the confirmation's address, so the same form
/// sent twice (a double click, a retry on a slow network) books once and shows the same confirmation both times.
/// Personal and team forms carry it the same way (<c>_SubmissionField</c>).
/// </summary>
internal sealed partial class FormSubmission
{
    public const string Field = "submission";

    /// <summary>The key of this form: the posted one, or a new one for a form about to be shown.</summary>
    public string Key { get; private set; } = Secrets.NewSecret("form_");

    /// <summary>Keeps the key the form posted, when it is one this service made.</summary>
    public void Keep(string? posted)
    {
        if (posted is not null && Shape().IsMatch(posted))
        {
            Key = posted;
        }
    }

    /// <summary>A new key, for the form shown again after a refusal: it books another time, not a replay of this one.</summary>
    public void Renew() => Key = Secrets.NewSecret("form_");

    /// <summary>
    /// Booking <paramref name="slot"/> for <paramref name="invitee"/> once with this form of <paramref name="scope"/>: a
    /// replay answers the first booking's confirmation page, in <paramref name="zone"/>.
    /// </summary>
    public Idempotency For(string scope, Slot slot, InviteeInput invitee, DateTimeZone zone) =>
        new(
            new IdempotencyKey($"page:{scope}", Key, Secrets.Hash(string.Join('\n', slot.Start.ToUnixTimeTicks(), slot.End.ToUnixTimeTicks(), invitee.Name, invitee.Email, invitee.Note ?? "", zone.Id))),
            (booked, token) => ConfirmedModel.Address(booked[0].Id, token!, zone));

    /// <summary>Where the form's booking leads: the confirmation of the booking made now or, for a form sent again, of the first; null when it was not booked.</summary>
    public static string? ConfirmationOf(BookResult result, DateTimeZone zone) => result switch
    {
        BookResult.Booked booked => ConfirmedModel.Address(booked.Booking.Id, booked.ManageToken!, zone),
        BookResult.Replayed replayed => replayed.Payload,
        _ => null,
    };

    [GeneratedRegex("^form_[A-Za-z0-9_-]{43}$")]
    private static partial Regex Shape();
}
