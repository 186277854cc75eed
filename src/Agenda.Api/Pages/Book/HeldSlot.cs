using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// The hold an invitee took by choosing a slot, as a booking form carries it: in its address and, as hidden fields,
/// in its post (<c>_HoldFields</c>), with the minutes left shown above the form (<c>_HoldNotice</c>). Personal and
/// team slots are held the same way.
/// </summary>
internal sealed class HeldSlot(TimeProvider time)
{
    /// <summary>The token of the hold, when the invitee took one by choosing the slot.</summary>
    public string? Token { get; private set; }

    /// <summary>When the hold ends, as the hold's answer gave it (only shown, never trusted: the store decides).</summary>
    public Instant? Until { get; private set; }

    /// <summary>Whole minutes left of the hold, rounded up; 0 when it has ended.</summary>
    public int MinutesLeft => Until is { } until ? (int)Math.Max(0, Math.Ceiling((until - time.GetCurrentInstant()).TotalMinutes)) : 0;

    /// <summary>Whole seconds left of the hold; 0 when it has ended. The page counts down from it (the browser's clock may differ from the service's).</summary>
    public long SecondsLeft => Until is { } until ? (long)Math.Max(0, Math.Floor((until - time.GetCurrentInstant()).TotalSeconds)) : 0;

    /// <summary>Keeps the hold the address or the form names, if any.</summary>
    public void Keep(string? token, string? until)
    {
        if (!string.IsNullOrEmpty(token))
        {
            Token = token;
            Until = InviteeFormat.ParseInstant(until);
        }
    }

    /// <summary>Forgets the hold: the booking used it up or was refused.</summary>
    public void Forget() => Token = null;
}
