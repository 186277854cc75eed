using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using NodaTime;

namespace Agenda.Storage;

/// <summary>Teams of owners: their members, join codes, out-of-office periods and meeting types.</summary>
public interface ITeamStore
{
    /// <summary>Creates a team with <paramref name="firstMemberId"/> as its first member.</summary>
    Task<TeamWrite> CreateTeamAsync(string teamId, string name, string firstMemberId, string joinCodeHash, Instant now, CancellationToken cancellationToken);

    /// <summary>The team with its members, absences and meeting types; null for an unknown team.</summary>
    Task<StoredTeam?> GetTeamAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>The teams <paramref name="ownerId"/> is a member of, by id.</summary>
    Task<IReadOnlyList<StoredTeam>> ListTeamsOfAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="ownerId"/> a member. <paramref name="joinCodeHash"/> must match the team's, unless it is null
    /// (the administrator adds the member). Joining twice changes nothing and is <see cref="TeamWrite.Written"/>.
    /// </summary>
    Task<TeamWrite> JoinTeamAsync(string teamId, string ownerId, string? joinCodeHash, Instant now, CancellationToken cancellationToken);

    /// <summary>Removes a member who hosts none of the team's meeting types (<see cref="TeamWrite.StillHost"/> otherwise; <see cref="TeamWrite.NotMember"/> for an owner who is not one).</summary>
    Task<TeamWrite> LeaveTeamAsync(string teamId, string ownerId, CancellationToken cancellationToken);

    /// <summary>Makes a member an admin of the team, or a member only; refused for a non-member, and for the last admin of a team with others.</summary>
    Task<TeamWrite> SetMemberRoleAsync(string teamId, string ownerId, bool admin, CancellationToken cancellationToken);

    /// <summary>Replaces the join code; false for an unknown team.</summary>
    Task<bool> SetJoinCodeAsync(string teamId, string joinCodeHash, CancellationToken cancellationToken);

    /// <summary>Replaces a member's out-of-office periods.</summary>
    Task<TeamWrite> SetAbsencesAsync(string teamId, string ownerId, IReadOnlyList<Interval> periods, CancellationToken cancellationToken);

    /// <summary>
    /// Creates (<paramref name="create"/>) or replaces a team meeting type. Every host must be a member
    /// (<see cref="TeamWrite.NotMember"/>). A host already listed keeps the time they were added (their fairness).
    /// </summary>
    Task<TeamWrite> SaveTeamMeetingTypeAsync(string teamId, StoredTeamMeetingType meetingType, bool create, Instant now, CancellationToken cancellationToken);

    /// <summary>Deletes a team meeting type (its bookings stay); false if there is none of that slug.</summary>
    Task<bool> DeleteTeamMeetingTypeAsync(string teamId, string slug, CancellationToken cancellationToken);

}

/// <summary>
/// Team bookings. A team booking is stored as one booking per assigned host (each in that host's calendar,
/// <see cref="StoredBooking.TeamBookingId"/> tying them together), decided and written in one transaction under every
/// host's lock; the per-owner overlap guard of the schema refuses any overlap of a host's personal and team bookings
/// whatever raced.
/// </summary>
public interface ITeamBookingStore
{
    /// <summary>
    /// Books <paramref name="request"/> in the team meeting type if, at the moment of writing, the engine accepts it
    /// for enough hosts (<see cref="TeamRules.Decide"/>); the invitee is given the first host's booking.
    /// </summary>
    Task<TeamBookingAttempt> BookTeamAsync(string teamId, string slug, BookingRequest request, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="BookTeamAsync"/> once per <paramref name="key"/>: the same key with the same request replays the first
    /// answer's <paramref name="payload"/>, with another request it is refused; a refusal stores nothing, so the key
    /// can be tried again. The key is looked up under the team's lock and stored in the booking's transaction.
    /// </summary>
    Task<IdempotentTeamBooking> BookTeamIdempotentlyAsync(
        string teamId, string slug, BookingRequest request, Instant now, IdempotencyKey key, Func<IReadOnlyList<StoredBooking>, string> payload, CancellationToken cancellationToken);

    /// <summary>
    /// Holds the team slot until <paramref name="expiresAt"/> for the hosts a booking would take now (one hold per
    /// host, as a personal hold), if the engine would accept a booking of it; null for an unknown team or meeting type.
    /// A booking that names <paramref name="holdId"/> while it lives takes exactly those hosts.
    /// </summary>
    Task<HoldAttempt?> HoldTeamAsync(string teamId, string slug, string holdId, Scheduling.Slots.Slot slot, Instant now, Instant expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the team's bookings that match <paramref name="query"/>, soonest first, each with its hosts (the
    /// booking's owner first), as <see cref="IBookingStore.ListBookingsAsync"/> pages an owner's; null for an unknown team.
    /// </summary>
    Task<IReadOnlyList<TeamBookingListing>?> ListTeamBookingsAsync(string teamId, BookingQuery query, CancellationToken cancellationToken);

    /// <summary>The bookings of every host of the team booking <paramref name="teamBookingId"/>, the invitee's first.</summary>
    Task<IReadOnlyList<StoredBooking>> GetTeamBookingAsync(string teamBookingId, CancellationToken cancellationToken);
}

/// <summary>A team booking as listed: the invitee's share, and the owner ids of its hosts (the share's owner first).</summary>
public sealed record TeamBookingListing(StoredBooking Booking, IReadOnlyList<string> HostIds);

/// <summary>A team as stored.</summary>
public sealed record StoredTeam(string Id, string Name, IReadOnlyList<StoredTeamMember> Members, IReadOnlyList<StoredTeamMeetingType> MeetingTypes, Instant CreatedAt)
{
    public bool HasMember(string ownerId) => Members.Any(m => m.OwnerId == ownerId);

    /// <summary>Whether the owner is one of the team's admins, who edit its meeting types, hosts and membership.</summary>
    public bool IsAdmin(string ownerId) => Members.Any(m => m.OwnerId == ownerId && m.IsAdmin);

    /// <summary>The zone a team meeting type's times are shown in unless the invitee chose one: its first host's.</summary>
    public DateTimeZone DefaultZone(StoredTeamMeetingType type) =>
        Members.FirstOrDefault(m => m.OwnerId == type.Team.Hosts[0].OwnerId)?.Owner.Zone ?? DateTimeZone.Utc;

    /// <summary>
    /// A collective team of exactly <paramref name="hostIds"/> for the meeting type of <paramref name="key"/>
    /// (<see cref="StoredTeamMeetingType.KeyOf"/>), each host offering the schedule they offer it (their default hours
    /// once the type is gone): the hosts of a team booking being moved, or of held slots being booked.
    /// </summary>
    public TeamRules OnlyHosts(string key, IEnumerable<string> hostIds) =>
        StoredTeamMeetingType.ParseKey(key) is var (_, slug) && MeetingTypes.FirstOrDefault(t => t.Slug == slug) is { } type
            ? type.Team.OnlyHosts(hostIds)
            : new TeamRules(TeamKind.Collective, [.. hostIds.Select(id => new TeamHost(id))]);

    /// <summary>Each member's out-of-office periods, for <see cref="TeamRules"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Interval>> Absences =>
        Members.ToDictionary(m => m.OwnerId, m => m.OutOfOffice, StringComparer.Ordinal);
}

/// <summary>A member of a team: their owner snapshot (name, zone), when they joined, and when they are out of office.</summary>
/// <param name="IsAdmin">An admin of the team (its creator, or made one by an admin) rather than a member.</param>
public sealed record StoredTeamMember(OwnerSnapshot Owner, Instant JoinedAt, IReadOnlyList<Interval> OutOfOffice, bool IsAdmin = false)
{
    public string OwnerId => Owner.Id;
}

/// <summary>
/// A team meeting type: what every meeting type has (<see cref="Shared"/>: slug, title, the booking rules every host
/// applies, and any field added to <see cref="StoredMeetingType"/>), and the team rules.
/// </summary>
public sealed record StoredTeamMeetingType(StoredMeetingType Shared, TeamRules Team)
{
    /// <summary>The slug of <see cref="Shared"/>; setting it sets theirs (<c>type with { Slug = slug }</c>).</summary>
    public string Slug
    {
        get => Shared.Slug;
        init => Shared = Shared with { Slug = value };
    }

    public string Title => Shared.Title;

    public MeetingType Rules => Shared.Rules;

    /// <summary>The rules for a meeting in <paramref name="slot"/>: of its length when the type offers it, else the type's own (which then refuses it).</summary>
    public MeetingType RulesOf(Slot slot) => Shared.RulesFor(slot.End - slot.Start) ?? Rules;

    /// <summary>The key its bookings carry in each host's calendar: apart from any personal slug, and from other teams'.</summary>
    public static string KeyOf(string teamId, string slug) => $"team:{teamId}/{slug}";

    /// <summary>
    /// A meeting type key as the API and the console name it (in workflows, filters, exports): a personal type's slug,
    /// or a team type's <c>team_id/slug</c>.
    /// </summary>
    public static string NameOf(string key) => ParseKey(key) is var (team, slug) ? $"{team}/{slug}" : key;

    /// <summary>The meeting type key of a name made by <see cref="NameOf"/>.</summary>
    public static string KeyOfName(string name) => name.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? KeyOf(name[..slash], name[(slash + 1)..]) : name;

    /// <summary>The team id and slug of a key made by <see cref="KeyOf"/>, or null for a personal meeting type's key.</summary>
    public static (string TeamId, string Slug)? ParseKey(string key)
    {
        if (!key.StartsWith("team:", StringComparison.Ordinal) || key.IndexOf('/', StringComparison.Ordinal) is var slash && slash < 0)
        {
            return null;
        }

        return (key[5..slash], key[(slash + 1)..]);
    }
}

/// <summary>The result of a change to a team.</summary>
public abstract record TeamWrite
{
    private TeamWrite()
    {
    }

    public sealed record Written : TeamWrite;

    public sealed record UnknownTeam : TeamWrite;

    /// <summary>No owner has that id.</summary>
    public sealed record UnknownOwner(string OwnerId) : TeamWrite;

    /// <summary>A team or team meeting type of that id or slug exists already.</summary>
    public sealed record AlreadyExists : TeamWrite;

    /// <summary>A host named is not a member of the team.</summary>
    public sealed record NotMember(string OwnerId) : TeamWrite;

    /// <summary>A host names a schedule they do not keep.</summary>
    public sealed record UnknownSchedule(string OwnerId, string Schedule) : TeamWrite;

    /// <summary>The join code does not match the team's.</summary>
    public sealed record WrongJoinCode : TeamWrite;

    /// <summary>The member is the team's only admin while others are members: another must be made admin first.</summary>
    public sealed record LastAdmin : TeamWrite;

    /// <summary>The member still hosts these meeting types; they must be taken off them first.</summary>
    public sealed record StillHost(IReadOnlyList<string> Slugs) : TeamWrite;

    /// <summary>No team meeting type has that slug.</summary>
    public sealed record UnknownMeetingType : TeamWrite;
}

/// <summary>The result of booking a team meeting type.</summary>
public abstract record TeamBookingAttempt
{
    private TeamBookingAttempt()
    {
    }

    /// <summary>Stored: one booking per host, the invitee's (<see cref="Bookings"/>[0]) first.</summary>
    public sealed record Booked(IReadOnlyList<StoredBooking> Bookings) : TeamBookingAttempt;

    /// <summary>Refused for <paramref name="Reason"/>; nothing was written.</summary>
    public sealed record Refused(Scheduling.Booking.BookingOutcome Reason) : TeamBookingAttempt;

    /// <summary>No team, or no meeting type of that slug in it; nothing was written.</summary>
    public sealed record Unknown : TeamBookingAttempt;
}

/// <summary>The result of <see cref="ITeamStore.BookTeamIdempotentlyAsync"/>.</summary>
public abstract record IdempotentTeamBooking
{
    private IdempotentTeamBooking()
    {
    }

    /// <summary>The key was used before for the same request: this is the payload stored then.</summary>
    public sealed record Replayed(string Payload) : IdempotentTeamBooking;

    /// <summary>The key was used before for a different request; nothing was written.</summary>
    public sealed record KeyReused : IdempotentTeamBooking;

    /// <summary>The key is new: the booking was attempted, and its payload stored if it succeeded.</summary>
    public sealed record Attempted(TeamBookingAttempt Attempt, string? Payload) : IdempotentTeamBooking;
}
