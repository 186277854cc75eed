using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Bookings;

/// <summary>
/// Holds: a slot an invitee has chosen, kept away from everyone else for a few minutes (<see cref="HoldOptions"/>) while
/// they fill in their details, of a personal or a team meeting type. The API and the booking pages take and release
/// holds here. The hold token is the holder's only key: the store keeps its hash (<see cref="HoldId"/>).
/// </summary>
internal sealed class SlotHolder(IHoldStore holds, ITeamBookingStore teamBookings, HoldOptions options, TimeProvider time)
{
    public const string TokenPrefix = "hld_";

    /// <summary>What the store keeps of a hold token: its hash, so the token never rests anywhere but with its holder.</summary>
    public static string HoldId(string holdToken) => Secrets.Hash(holdToken);

    /// <summary>Holds the slot of the owner's meeting type that starts at <paramref name="start"/>, under a new token.</summary>
    /// <returns>The token, which only this answer carries; the store's attempt (null for an unknown owner); the slot asked for.</returns>
    public async Task<TakenHold> HoldAsync(string ownerId, string slug, MeetingType type, Instant start, CancellationToken cancellationToken)
    {
        var token = Secrets.NewSecret(TokenPrefix);
        var slot = type.SlotAt(start);
        var now = time.GetCurrentInstant();
        return new TakenHold(token, slot, await holds.HoldAsync(ownerId, HoldId(token), slot, type, slug, now, now + options.Length, cancellationToken));
    }

    /// <summary>Holds the slot of the team's meeting type that starts at <paramref name="start"/>: the hosts a booking would take now.</summary>
    /// <param name="length">The rules of one of the type's lengths; null for its own.</param>
    public async Task<TakenHold> HoldTeamAsync(string teamId, StoredTeamMeetingType type, Instant start, CancellationToken cancellationToken, MeetingType? length = null)
    {
        var token = Secrets.NewSecret(TokenPrefix);
        var slot = (length ?? type.Rules).SlotAt(start);
        var now = time.GetCurrentInstant();
        return new TakenHold(token, slot, await teamBookings.HoldTeamAsync(teamId, type.Slug, HoldId(token), slot, now, now + options.Length, cancellationToken));
    }

    /// <summary>Releases the hold at once; false when no hold has this token (released, used, expired or never taken).</summary>
    public Task<bool> ReleaseAsync(string holdToken, CancellationToken cancellationToken) => holds.ReleaseHoldAsync(HoldId(holdToken), cancellationToken);
}

/// <param name="Attempt">Held, refused with the engine's reason, or null when the owner or team type is gone.</param>
internal sealed record TakenHold(string Token, Slot Slot, HoldAttempt? Attempt);

/// <summary>How long a hold lasts: <c>Holds:Minutes</c>, 1 to 60, default 5.</summary>
internal sealed record HoldOptions(Duration Length)
{
    public static HoldOptions From(IConfiguration configuration)
    {
        var configured = configuration["Holds:Minutes"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new HoldOptions(SlotHolds.DefaultLength);
        }

        if (!int.TryParse(configured, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
            || minutes < 1 || Duration.FromMinutes(minutes) > SlotHolds.MaxLength)
        {
            throw new InvalidOperationException(
                $"Holds:Minutes is '{configured}'; it must be a whole number of minutes from 1 to {(int)SlotHolds.MaxLength.TotalMinutes}.");
        }

        return new HoldOptions(Duration.FromMinutes(minutes));
    }
}
