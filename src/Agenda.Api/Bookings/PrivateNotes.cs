using Agenda.Api.Platform.Wire;
using Agenda.Storage;

namespace Agenda.Api.Bookings;

/// <summary>
/// The owner's private note on a booking, for the API and the console: any booking of theirs, whatever its status. The
/// note is the owner's alone: the invitee never sees it, and no e-mail, webhook or workflow carries it.
/// </summary>
internal sealed class PrivateNotes(IBookingStore bookings)
{
    /// <summary>The longest note kept, in UTF-16 code units.</summary>
    public const int MaxLength = 5000;

    /// <summary>
    /// Writes the note (blank clears it) and answers the note as kept: trimmed, with line breaks as <c>\n</c> whichever
    /// way they came (a browser's form sends <c>\r\n</c>).
    /// </summary>
    public async Task<Outcome<string?>> WriteAsync(string ownerId, string bookingId, string? text, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var note = errors.Text("private_note", string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n"), MaxLength);
        if (errors.Any)
        {
            return errors;
        }

        if (!await bookings.SetPrivateNoteAsync(ownerId, bookingId, note, cancellationToken))
        {
            return Refusal.NotFound(new Message("UnknownBooking", bookingId));
        }

        return new Outcome<string?>.Done(note);
    }
}

/// <summary>The owner's private note; null or blank clears it.</summary>
internal sealed record PrivateNoteBody(string? PrivateNote);

internal sealed record PrivateNoteResponse(string BookingId, string? PrivateNote);
