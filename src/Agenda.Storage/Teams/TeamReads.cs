using System.Data.Common;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using Agenda.Storage.Bookings;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Bookings.ScheduleReads;
using static Agenda.Storage.MeetingTypes.MeetingTypeRows;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Teams;

/// <summary>
/// What team writes read: the team with its members, absences and meeting types, and, for a decision on a slot, every
/// host's schedule under every host's lock (taken in the order of their ids, as batches of personal bookings take theirs,
/// so neither can deadlock the other), as a personal booking of that host would read it.
/// </summary>
internal static class TeamReads
{
    /// <summary>The team, its members (with their owners) and absences, and its meeting types with their hosts, in one command.</summary>
    public static async Task<StoredTeam?> ReadTeamAsync(DbConnection connection, DbTransaction? transaction, string teamId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            $"""
            SELECT name, created_at FROM teams WHERE id = @team;
            SELECT m.owner_id AS owner_id, m.joined_at AS joined_at, m.role AS role, o.display_name AS display_name, o.time_zone AS time_zone, o.schedule_version AS schedule_version,
                   o.booking_limits AS booking_limits, o.week_start AS week_start, o.travel AS travel
            FROM team_members m JOIN owners o ON o.id = m.owner_id
            WHERE m.team_id = @team ORDER BY m.joined_at, m.owner_id;
            SELECT owner_id, start_utc, end_utc FROM team_absences WHERE team_id = @team ORDER BY owner_id, start_utc;
            SELECT {MeetingTypeColumns}, kind, hosts_per_booking, fairness_days FROM team_meeting_types WHERE team_id = @team ORDER BY slug;
            SELECT slug, owner_id, weight, priority, is_fixed, schedule FROM team_meeting_type_hosts WHERE team_id = @team ORDER BY slug, position;
            """,
            ("@team", teamId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (name, createdAt) = (reader.String("name"), reader.Instant("created_at"));
        await reader.NextResultAsync(cancellationToken);
        var members = await ReadAllAsync(reader, r => (Owner: ReadOwnerRow(r.String("owner_id"), r), JoinedAt: r.Instant("joined_at"), Admin: r.String("role") == "admin"), cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var absences = await ReadAllAsync(reader, r => (Owner: r.String("owner_id"), Period: new Interval(r.Instant("start_utc"), r.Instant("end_utc"))), cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var types = await ReadAllAsync(reader,
            r => (Type: ReadMeetingType(r), Kind: r.String("kind"), PerBooking: r.IntOrNull("hosts_per_booking"), FairnessDays: r.Int("fairness_days")),
            cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var hosts = await ReadAllAsync(reader,
            r => (Slug: r.String("slug"), Host: new TeamHost(r.String("owner_id"), r.Int("weight"), r.Int("priority"), r.Int("is_fixed") == 1, r.StringOrNull("schedule"))),
            cancellationToken);

        return new StoredTeam(
            teamId,
            name,
            members.Select(m => new StoredTeamMember(m.Owner, m.JoinedAt, absences.Where(a => a.Owner == m.Owner.Id).Select(a => a.Period).ToList(), m.Admin)).ToList(),
            types.Select(t => new StoredTeamMeetingType(
                t.Type,
                new TeamRules(
                    t.Kind == "round_robin" ? TeamKind.RoundRobin : TeamKind.Collective,
                    hosts.Where(h => h.Slug == t.Type.Slug).Select(h => h.Host).ToList(),
                    t.PerBooking,
                    Duration.FromDays(t.FairnessDays)))).ToList(),
            createdAt);
    }

    /// <summary>The team's decision on <paramref name="slot"/> under every host's lock, with the reads it rests on.</summary>
    public static async Task<(TeamOutcome Outcome, Dictionary<string, ScheduleRead> Hosts)> DecideTeamAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, StoredTeam team, StoredTeamMeetingType meetingType, Slot slot, Instant now, CancellationToken cancellationToken)
    {
        var key = StoredTeamMeetingType.KeyOf(team.Id, meetingType.Slug);
        var rules = meetingType.RulesOf(slot);
        var hosts = await LockAndReadHostsAsync(core, connection, transaction, meetingType.Team, slot, rules, now, _ => null, cancellationToken);
        var history = meetingType.Team.Kind == TeamKind.RoundRobin
            ? await ReadHostHistoryAsync(connection, transaction, team.Id, meetingType.Slug, key, now - meetingType.Team.Assignment.FairnessPeriod, cancellationToken)
            : new Dictionary<string, HostHistory>();
        var outcome = meetingType.Team.Decide(hosts.ToDictionary(h => h.Key, h => h.Value.Schedule), team.Absences, slot, rules, key, now, history, Random.Shared);
        return (outcome, hosts);
    }

    /// <summary>
    /// The decision on <paramref name="slot"/> for exactly <paramref name="hostIds"/> (every one must be free), under
    /// their locks: a team booking moved, or a held slot booked. <paramref name="holdOf"/> names each host's hold to
    /// release for it; <paramref name="ownShare"/> each host's booking to leave out.
    /// </summary>
    public static async Task<(TeamOutcome Outcome, Dictionary<string, ScheduleRead> Hosts)> DecideForHostsAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, StoredTeam team, IReadOnlyList<string> hostIds, Slot slot, MeetingType rules, string key, Instant now,
        Func<string, string?> holdOf, Func<string, string?> ownShare, CancellationToken cancellationToken)
    {
        var sameHosts = team.OnlyHosts(key, hostIds);
        var hosts = await LockAndReadHostsAsync(core, connection, transaction, sameHosts, slot, rules, now, ownShare, cancellationToken,
            hostId => holdOf(hostId) is { } hold ? new HoldClaim(hold, slot, key) : null);
        var outcome = sameHosts.Decide(hosts.ToDictionary(h => h.Key, h => h.Value.Schedule), team.Absences, slot, rules, key, now, new Dictionary<string, HostHistory>(), Random.Shared);
        return (outcome, hosts);
    }

    /// <summary>
    /// Locks every host's owner row, in the order of their ids, then reads what deciding <paramref name="slot"/> needs for
    /// each host (the hours of the schedule they offer), without the booking <paramref name="ownShare"/> names for that
    /// host (a team booking being moved).
    /// </summary>
    private static async Task<Dictionary<string, ScheduleRead>> LockAndReadHostsAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, TeamRules hosts, Slot slot, MeetingType type, Instant now,
        Func<string, string?> ownShare, CancellationToken cancellationToken, Func<string, HoldClaim?>? claimOf = null)
    {
        var reads = new Dictionary<string, ScheduleRead>(StringComparer.Ordinal);
        foreach (var owner in (await LockHostsAsync(core, connection, transaction, hosts.Hosts.Select(h => h.OwnerId), cancellationToken)).Values)
        {
            var date = slot.Start.InZone(owner.Zone).Date;
            var (read, _) = await ReadScheduleAsync(
                core, connection, transaction, owner, new DateInterval(date, date), now, cancellationToken, excludeBookingId: ownShare(owner.Id), bookingsTouching: NeededToDecide(slot, type),
                claim: claimOf?.Invoke(owner.Id), forType: hosts.RulesOf(owner.Id, type));
            reads[owner.Id] = read;
        }

        return reads;
    }

    /// <summary>
    /// Locks every host's owner row in the order of their ids (the order every team write takes) and returns the owners
    /// as locked, by id.
    /// </summary>
    public static async Task<Dictionary<string, OwnerSnapshot>> LockHostsAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, IEnumerable<string> hostIds, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, OwnerSnapshot>(StringComparer.Ordinal);
        foreach (var hostId in hostIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            // Members are owners, and owners are never deleted: a missing row is a broken database.
            owners[hostId] = await core.ReadOwnerAsync(connection, transaction, hostId, cancellationToken, forUpdate: true)
                ?? throw new InvalidOperationException($"Host '{hostId}' of a team is no owner.");
        }

        return owners;
    }

    /// <summary>
    /// The decision of <paramref name="rules"/> on the meetings of a series, for hosts already locked
    /// (<see cref="LockHostsAsync"/>): each host's schedule is read from the series' first date to its last in the host's
    /// zone, with the bookings each meeting could collide with (and the hold <paramref name="claimOf"/> names for the host released), and without the times <paramref name="moving"/> names for
    /// that host (meetings of the series being moved). Round robin reads its history of the type.
    /// </summary>
    public static async Task<(TeamSeriesOutcome Outcome, Dictionary<string, ScheduleRead> Hosts)> DecideSeriesAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, StoredTeam team, TeamRules rules, MeetingType type, string key,
        IReadOnlyDictionary<string, OwnerSnapshot> owners, IReadOnlyList<SeriesOccurrence> occurrences, Instant now, Func<string, IReadOnlyList<Interval>> moving,
        CancellationToken cancellationToken, Func<string, HoldClaim?>? claimOf = null)
    {
        var slots = occurrences.Where(o => o.Slot is not null).Select(o => o.Slot!.Value).ToList();
        var touching = SeriesRows.Touching(occurrences, type);
        var reads = new Dictionary<string, ScheduleRead>(StringComparer.Ordinal);
        foreach (var owner in owners.Values)
        {
            var dates = slots.Select(s => s.Start.InZone(owner.Zone).Date).ToList();
            var (read, _) = await ReadScheduleAsync(
                core, connection, transaction, owner, new DateInterval(dates.Min(), dates.Max()), now, cancellationToken, bookingsTouchingEach: touching, claim: claimOf?.Invoke(owner.Id),
                forType: rules.RulesOf(owner.Id, type));
            reads[owner.Id] = read;
        }

        var history = rules.Kind == TeamKind.RoundRobin && StoredTeamMeetingType.ParseKey(key) is var (_, slug)
            ? await ReadHostHistoryAsync(connection, transaction, team.Id, slug, key, now - rules.Assignment.FairnessPeriod, cancellationToken)
            : new Dictionary<string, HostHistory>();
        var outcome = rules.DecideSeries(
            reads.ToDictionary(r => r.Key, r => r.Value.Schedule.Without([.. moving(r.Key)])), team.Absences, occurrences, type, key, now, history, Random.Shared);
        return (outcome, reads);
    }

    /// <summary>
    /// Round robin's history of a team meeting type: when each host was added, their assignments still standing since
    /// <paramref name="since"/>, and their latest one before it (for "least recently booked"; one that is in the
    /// period is read once, with the others, so no assignment counts twice toward a share).
    /// </summary>
    private static async Task<Dictionary<string, HostHistory>> ReadHostHistoryAsync(
        DbConnection connection, DbTransaction transaction, string teamId, string slug, string key, Instant since, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            """
            SELECT owner_id, added_at FROM team_meeting_type_hosts WHERE team_id = @team AND slug = @slug;
            SELECT owner_id, created_at FROM bookings
            WHERE team_id = @team AND meeting_type = @key AND status <> @cancelled AND created_at >= @since;
            SELECT owner_id, MAX(created_at) AS latest_at FROM bookings
            WHERE team_id = @team AND meeting_type = @key AND status <> @cancelled AND created_at < @since GROUP BY owner_id;
            """,
            ("@team", teamId), ("@slug", slug), ("@key", key), ("@since", ToColumn(since)), BookingStatusColumn.CancelledParameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var added = await ReadTimesAsync(reader, "added_at", cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var recent = await ReadTimesAsync(reader, "created_at", cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var latest = await ReadTimesAsync(reader, "latest_at", cancellationToken);
        return added.ToDictionary(
            h => h.Owner,
            h => new HostHistory(h.At, [.. recent.Where(b => b.Owner == h.Owner).Select(b => b.At), .. latest.Where(b => b.Owner == h.Owner).Select(b => b.At)]),
            StringComparer.Ordinal);

        // A round robin's bookings in the period can be many: the columns are resolved once per result set.
        static Task<List<(string Owner, Instant At)>> ReadTimesAsync(DbDataReader reader, string at, CancellationToken cancellationToken)
        {
            int owner = reader.GetOrdinal("owner_id"), time = reader.GetOrdinal(at);
            return ReadAllAsync(reader, r => (Owner: r.GetString(owner), At: r.Instant(time)), cancellationToken);
        }
    }
}
