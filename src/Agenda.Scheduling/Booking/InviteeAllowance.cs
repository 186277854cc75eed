namespace Agenda.Scheduling.Booking;

/// <summary>
/// How many active bookings one invitee may hold with one owner: those that are active and have not ended count,
/// cancelled and past ones do not. An invitee is known by their e-mail address when they give one (compared without
/// regard to case), otherwise by their name exactly as written.
/// </summary>
public static class InviteeAllowance
{
    /// <summary>
    /// The key that identifies an invitee for the allowance: <c>email:</c> and the address in lower case (invariant
    /// culture, so every store compares the same), or <c>name:</c> and the name.
    /// </summary>
    public static string Identity(string name, string? email)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.IsNullOrWhiteSpace(email) ? "name:" + name : "email:" + email.Trim().ToLowerInvariant();
    }

    /// <summary>
    /// Whether an invitee who holds <paramref name="activeBookings"/> may book another when the allowance is
    /// <paramref name="maxActiveBookings"/> (at least 1): <see cref="BookingOutcome.Accepted"/> or <see cref="BookingOutcome.InviteeLimitReached"/>.
    /// </summary>
    public static BookingOutcome Decide(long activeBookings, int maxActiveBookings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(activeBookings);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxActiveBookings, 1);
        return activeBookings < maxActiveBookings ? BookingOutcome.Accepted : BookingOutcome.InviteeLimitReached;
    }
}
