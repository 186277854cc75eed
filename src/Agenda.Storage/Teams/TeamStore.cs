using System.Data.Common;
using System.Text;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using Agenda.Storage.Bookings;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Bookings.BookingRows;
using static Agenda.Storage.MeetingTypes.MeetingTypeRows;
using static Agenda.Storage.Outbox.OutboxEvents;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;
using static Agenda.Storage.Teams.TeamReads;

namespace Agenda.Storage.Teams;

/// <summary>
/// Teams and team bookings. A team booking locks every host's owner row in the order of their ids (as batches of
/// personal bookings do, so neither can deadlock the other), reads each host's schedule as a personal booking would,
/// lets the engine decide (<see cref="TeamReads"/>), and inserts one booking per assigned host in one command
/// (<see cref="BookingRows"/>): the per-owner overlap guard of the schema stands behind each of them. A team booking's
/// shares are cancelled and moved together (<see cref="TeamShares"/>).
/// </summary>
internal sealed class TeamStore(StoreCore core) : ITeamStore, ITeamBookingStore
{
    public Task<TeamWrite> CreateTeamAsync(string teamId, string name, string firstMemberId, string joinCodeHash, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("create_team", async (connection, transaction, _) =>
        {
            if (await core.ReadOwnerAsync(connection, transaction, firstMemberId, cancellationToken) is null)
            {
                return Rollback<TeamWrite>(new TeamWrite.UnknownOwner(firstMemberId));
            }

            var created = await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO teams (id, name, join_code_hash, created_at) VALUES (@team, @name, @code, @now) ON CONFLICT (id) DO NOTHING;",
                ("@team", teamId), ("@name", name), ("@code", joinCodeHash), ("@now", ToColumn(now)));
            if (created == 0)
            {
                return Rollback<TeamWrite>(new TeamWrite.AlreadyExists());
            }

            await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO team_members (team_id, owner_id, joined_at, role) VALUES (@team, @owner, @now, 'admin');",
                ("@team", teamId), ("@owner", firstMemberId), ("@now", ToColumn(now)));
            return Commit<TeamWrite>(new TeamWrite.Written());
        }, cancellationToken);

    public Task<StoredTeam?> GetTeamAsync(string teamId, CancellationToken cancellationToken) =>
        core.ReadSnapshotAsync("get_team", (connection, transaction) => ReadTeamAsync(connection, transaction, teamId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<StoredTeam>> ListTeamsOfAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadSnapshotAsync<IReadOnlyList<StoredTeam>>("list_teams", async (connection, transaction) =>
        {
            var ids = await QueryAsync(connection, transaction, cancellationToken, r => r.String("team_id"),
                "SELECT team_id FROM team_members WHERE owner_id = @owner ORDER BY team_id;", ("@owner", ownerId));
            var teams = new List<StoredTeam>();
            foreach (var id in ids)
            {
                if (await ReadTeamAsync(connection, transaction, id, cancellationToken) is { } team)
                {
                    teams.Add(team);
                }
            }

            return teams;
        }, cancellationToken);

    public Task<TeamWrite> JoinTeamAsync(string teamId, string ownerId, string? joinCodeHash, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("join_team", async (connection, transaction, raised) =>
        {
            var code = await QueryAsync(connection, transaction, cancellationToken, r => r.String("join_code_hash"),
                $"SELECT join_code_hash FROM teams WHERE id = @team{core.LockRowClause};", ("@team", teamId));
            if (code.Count == 0)
            {
                return Rollback<TeamWrite>(new TeamWrite.UnknownTeam());
            }

            if (joinCodeHash is not null && !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(code[0]), Encoding.UTF8.GetBytes(joinCodeHash)))
            {
                return Rollback<TeamWrite>(new TeamWrite.WrongJoinCode());
            }

            if (await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken) is null)
            {
                return Rollback<TeamWrite>(new TeamWrite.UnknownOwner(ownerId));
            }

            var joined = await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO team_members (team_id, owner_id, joined_at, role) VALUES (@team, @owner, @now, 'member') ON CONFLICT (team_id, owner_id) DO NOTHING;",
                ("@team", teamId), ("@owner", ownerId), ("@now", ToColumn(now)));
            if (joined == 1)
            {
                // Copies of the team are kept while its members' versions stand (TeamChange): the member list changed.
                var members = await QueryAsync(connection, transaction, cancellationToken, r => r.String("owner_id"),
                    "SELECT owner_id FROM team_members WHERE team_id = @team ORDER BY owner_id;", ("@team", teamId));
                foreach (var member in members)
                {
                    await RaiseScheduleVersionAsync(connection, transaction, raised, member, cancellationToken);
                }
            }

            return new WriteDecision<TeamWrite>(new TeamWrite.Written(), joined == 1);
        }, cancellationToken);

    public Task<TeamWrite> LeaveTeamAsync(string teamId, string ownerId, CancellationToken cancellationToken) =>
        WriteTeamAsync("leave_team", teamId, cancellationToken, async (connection, transaction, change) =>
        {
            if (!await IsMemberAsync(connection, transaction, teamId, ownerId, cancellationToken))
            {
                return new TeamWrite.NotMember(ownerId);
            }

            var hosting = await QueryAsync(connection, transaction, cancellationToken, r => r.String("slug"),
                "SELECT slug FROM team_meeting_type_hosts WHERE team_id = @team AND owner_id = @owner ORDER BY slug;", ("@team", teamId), ("@owner", ownerId));
            if (hosting.Count > 0)
            {
                return new TeamWrite.StillHost(hosting);
            }

            if (await IsLastAdminAsync(connection, transaction, teamId, ownerId, cancellationToken))
            {
                return new TeamWrite.LastAdmin();
            }

            change.Offers.Add(ownerId);
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                DELETE FROM team_absences WHERE team_id = @team AND owner_id = @owner;
                DELETE FROM team_members WHERE team_id = @team AND owner_id = @owner;
                """,
                ("@team", teamId), ("@owner", ownerId));
            return new TeamWrite.Written();
        });

    public Task<TeamWrite> SetMemberRoleAsync(string teamId, string ownerId, bool admin, CancellationToken cancellationToken) =>
        WriteTeamAsync("set_member_role", teamId, cancellationToken, async (connection, transaction, change) =>
        {
            if (!await IsMemberAsync(connection, transaction, teamId, ownerId, cancellationToken))
            {
                return new TeamWrite.NotMember(ownerId);
            }

            if (!admin && await IsLastAdminAsync(connection, transaction, teamId, ownerId, cancellationToken))
            {
                return new TeamWrite.LastAdmin();
            }

            await ExecuteAsync(connection, transaction, cancellationToken, "UPDATE team_members SET role = @role WHERE team_id = @team AND owner_id = @owner;",
                ("@team", teamId), ("@owner", ownerId), ("@role", admin ? "admin" : "member"));
            return new TeamWrite.Written();
        });

    /// <summary>Whether <paramref name="ownerId"/> is the team's only admin while others are members: then they cannot leave or step down.</summary>
    private static async Task<bool> IsLastAdminAsync(DbConnection connection, DbTransaction transaction, string teamId, string ownerId, CancellationToken cancellationToken)
    {
        var roles = await QueryAsync(connection, transaction, cancellationToken, r => (Owner: r.String("owner_id"), Admin: r.String("role") == "admin"),
            "SELECT owner_id, role FROM team_members WHERE team_id = @team;", ("@team", teamId));
        return roles.Count > 1 && roles.Where(r => r.Admin).Select(r => r.Owner).SequenceEqual([ownerId]);
    }

    public async Task<bool> SetJoinCodeAsync(string teamId, string joinCodeHash, CancellationToken cancellationToken) =>
        await WriteTeamAsync("set_join_code", teamId, cancellationToken, async (connection, transaction, change) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken, "UPDATE teams SET join_code_hash = @code WHERE id = @team;", ("@team", teamId), ("@code", joinCodeHash));
            return new TeamWrite.Written();
        }) is TeamWrite.Written;

    public Task<TeamWrite> SetAbsencesAsync(string teamId, string ownerId, IReadOnlyList<Interval> periods, CancellationToken cancellationToken) =>
        WriteTeamAsync("set_absences", teamId, cancellationToken, async (connection, transaction, change) =>
        {
            if (!await IsMemberAsync(connection, transaction, teamId, ownerId, cancellationToken))
            {
                return new TeamWrite.NotMember(ownerId);
            }

            change.Offers.Add(ownerId);
            await ExecuteAsync(connection, transaction, cancellationToken,
                "DELETE FROM team_absences WHERE team_id = @team AND owner_id = @owner;", ("@team", teamId), ("@owner", ownerId));
            foreach (var period in periods)
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "INSERT INTO team_absences (team_id, owner_id, start_utc, end_utc) VALUES (@team, @owner, @start, @end);",
                    ("@team", teamId), ("@owner", ownerId), ("@start", ToColumn(period.Start)), ("@end", ToColumn(period.End)));
            }

            return new TeamWrite.Written();
        });

    public Task<TeamWrite> SaveTeamMeetingTypeAsync(string teamId, StoredTeamMeetingType meetingType, bool create, Instant now, CancellationToken cancellationToken) =>
        WriteTeamAsync("save_team_meeting_type", teamId, cancellationToken, async (connection, transaction, change) =>
        {
            foreach (var host in meetingType.Team.Hosts)
            {
                if (!await IsMemberAsync(connection, transaction, teamId, host.OwnerId, cancellationToken))
                {
                    return new TeamWrite.NotMember(host.OwnerId);
                }

                if (host.Schedule is { } schedule && !await KeepsScheduleAsync(connection, transaction, host.OwnerId, schedule, cancellationToken))
                {
                    return new TeamWrite.UnknownSchedule(host.OwnerId, schedule);
                }
            }

            var saved = await ExecuteAsync(connection, transaction, cancellationToken,
                create ? InsertTeamMeetingTypeSql : UpdateTeamMeetingTypeSql, TeamMeetingTypeParameters(teamId, meetingType, now));
            if (saved == 0)
            {
                return create ? new TeamWrite.AlreadyExists() : new TeamWrite.UnknownMeetingType();
            }

            // A host who stays keeps the time they were added: round robin's fairness counts from it.
            var addedAt = (await QueryAsync(connection, transaction, cancellationToken, r => (Owner: r.String("owner_id"), At: r.Long("added_at")),
                    "SELECT owner_id, added_at FROM team_meeting_type_hosts WHERE team_id = @team AND slug = @slug;", ("@team", teamId), ("@slug", meetingType.Slug)))
                .ToDictionary(h => h.Owner, h => h.At, StringComparer.Ordinal);
            change.Offers.UnionWith(addedAt.Keys);
            change.Offers.UnionWith(meetingType.Team.Hosts.Select(h => h.OwnerId));
            await ExecuteAsync(connection, transaction, cancellationToken,
                "DELETE FROM team_meeting_type_hosts WHERE team_id = @team AND slug = @slug;", ("@team", teamId), ("@slug", meetingType.Slug));
            var hosts = meetingType.Team.Hosts;
            for (var i = 0; i < hosts.Count; i++)
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    """
                    INSERT INTO team_meeting_type_hosts (team_id, slug, owner_id, position, weight, priority, is_fixed, schedule, added_at)
                    VALUES (@team, @slug, @owner, @position, @weight, @priority, @fixed, @schedule, @added);
                    """,
                    ("@team", teamId), ("@slug", meetingType.Slug), ("@owner", hosts[i].OwnerId), ("@position", i), ("@weight", hosts[i].Weight),
                    ("@priority", hosts[i].Priority), ("@fixed", hosts[i].IsFixed ? 1 : 0), ("@schedule", (object?)hosts[i].Schedule ?? DBNull.Value),
                    ("@added", addedAt.TryGetValue(hosts[i].OwnerId, out var at) ? at : ToColumn(now)));
            }

            return new TeamWrite.Written();
        });

    public async Task<bool> DeleteTeamMeetingTypeAsync(string teamId, string slug, CancellationToken cancellationToken) =>
        await WriteTeamAsync("delete_team_meeting_type", teamId, cancellationToken, async (connection, transaction, change) =>
        {
            change.Offers.UnionWith(await QueryAsync(connection, transaction, cancellationToken, r => r.String("owner_id"),
                "SELECT owner_id FROM team_meeting_type_hosts WHERE team_id = @team AND slug = @slug;", ("@team", teamId), ("@slug", slug)));
            await ExecuteAsync(connection, transaction, cancellationToken,
                "DELETE FROM team_meeting_type_hosts WHERE team_id = @team AND slug = @slug;", ("@team", teamId), ("@slug", slug));
            var deleted = await ExecuteAsync(connection, transaction, cancellationToken,
                "DELETE FROM team_meeting_types WHERE team_id = @team AND slug = @slug;", ("@team", teamId), ("@slug", slug));
            return deleted == 1 ? new TeamWrite.Written() : new TeamWrite.UnknownMeetingType();
        }) is TeamWrite.Written;

    public Task<TeamBookingAttempt> BookTeamAsync(string teamId, string slug, BookingRequest request, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("book_team", async (connection, transaction, raised) =>
        {
            var attempt = await TryBookTeamAsync(connection, transaction, raised, teamId, slug, request, now, cancellationToken);
            return new WriteDecision<TeamBookingAttempt>(attempt, attempt is TeamBookingAttempt.Booked);
        }, cancellationToken);

    public Task<IdempotentTeamBooking> BookTeamIdempotentlyAsync(
        string teamId, string slug, BookingRequest request, Instant now, IdempotencyKey key, Func<IReadOnlyList<StoredBooking>, string> payload, CancellationToken cancellationToken) =>
        core.WriteAsync<IdempotentTeamBooking>("book_team_idempotently", async (connection, transaction, raised) =>
        {
            // The team is locked before the key is looked up, so two requests with one key cannot both miss it (the
            // hosts are locked after it, in the order every team write takes).
            var found = await QueryAsync(connection, transaction, cancellationToken, r => r.String("id"),
                $"SELECT id FROM teams WHERE id = @team{core.LockRowClause};", ("@team", teamId));
            if (found.Count == 0)
            {
                return Rollback<IdempotentTeamBooking>(new IdempotentTeamBooking.Attempted(new TeamBookingAttempt.Unknown(), null));
            }

            if (await IdempotencyKeys.FindAsync(connection, transaction, key, now, cancellationToken) is { } earlier)
            {
                return Rollback<IdempotentTeamBooking>(earlier.Hash == key.RequestHash ? new IdempotentTeamBooking.Replayed(earlier.Payload) : new IdempotentTeamBooking.KeyReused());
            }

            var attempt = await TryBookTeamAsync(connection, transaction, raised, teamId, slug, request, now, cancellationToken);
            if (attempt is not TeamBookingAttempt.Booked booked)
            {
                return Rollback<IdempotentTeamBooking>(new IdempotentTeamBooking.Attempted(attempt, null));
            }

            var stored = payload(booked.Bookings);
            await IdempotencyKeys.KeepAsync(connection, transaction, key, stored, now, cancellationToken);
            return Commit<IdempotentTeamBooking>(new IdempotentTeamBooking.Attempted(attempt, stored));
        }, cancellationToken);

    /// <summary>The decision and insert of a team booking inside the caller's write transaction; commits nothing.</summary>
    private async Task<TeamBookingAttempt> TryBookTeamAsync(
        DbConnection connection, DbTransaction transaction, RaisedVersions raised, string teamId, string slug, BookingRequest request, Instant now, CancellationToken cancellationToken)
    {
        var team = await ReadTeamAsync(connection, transaction, teamId, cancellationToken);
        if (team?.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } meetingType)
        {
            return new TeamBookingAttempt.Unknown();
        }

        var key = StoredTeamMeetingType.KeyOf(teamId, slug);
        var rules = meetingType.RulesOf(request.Slot);
        // A live hold of this slot names the hosts it kept: the booking takes exactly them, their holds released for it.
        var held = request.HoldId is { } holdId ? await ReadTeamHoldAsync(connection, transaction, holdId, key, request.Slot, now, cancellationToken) : [];
        var (outcome, hosts) = held.Count > 0
            ? await DecideForHostsAsync(core, connection, transaction, team, held.Select(h => h.OwnerId).ToList(), request.Slot, rules, key, now, h => held.First(x => x.OwnerId == h).Id, ownShare: _ => null, cancellationToken)
            : await DecideTeamAsync(core, connection, transaction, team, meetingType, request.Slot, now, cancellationToken);
        var reason = outcome.Outcome;
        var invitee = InviteeAllowance.Identity(request.Invitee, request.InviteeEmail);
        if (outcome.IsAccepted)
        {
            reason = InviteeAllowance.Decide(await CountInviteeTeamBookingsAsync(connection, transaction, teamId, invitee, now, cancellationToken), core.Limits.MaxActiveBookingsPerInvitee);
        }

        if (reason != BookingOutcome.Accepted)
        {
            foreach (var (hostId, read) in hosts)
            {
                raised.Saw(hostId, read.Owner.ScheduleVersion);
            }

            return new TeamBookingAttempt.Refused(reason);
        }

        var groupId = NewId();
        if (request.SingleUseLinkHash is { } link && !await MeetingTypes.SingleUseLinkStore.UseAsync(connection, transaction, link, LinkTarget.Team(teamId, slug), groupId, now, cancellationToken))
        {
            foreach (var (hostId, read) in hosts)
            {
                raised.Saw(hostId, read.Owner.ScheduleVersion);
            }

            return new TeamBookingAttempt.Refused(BookingOutcome.LinkUsed);
        }

        var bookings = outcome.HostIds
            .Select((hostId, i) => NewBooking(hostId, request, key, now) with { Id = i == 0 ? groupId : NewId(), TeamId = teamId, TeamBookingId = groupId })
            .ToList();
        var blocked = rules.Blocks(request.Slot);
        var sql = new StringBuilder();
        var parameters = new List<(string Name, object Value)>();
        if (request.HoldId is not null)
        {
            // A hold the booking names is used up, whether or not it was for this slot.
            Append(sql, parameters, "held", DeleteHoldSql, [("@hold", request.HoldId)]);
        }

        for (var i = 0; i < bookings.Count; i++)
        {
            Append(sql, parameters, $"h{i}", InsertBookingSql + TeamColumnsSql + InsertEventSql + RaiseVersionSql,
                [.. InsertBookingParameters(bookings[i], blocked, invitee), .. CreatedEventParameters(bookings[i]), ("@team", teamId), ("@group", groupId)]);
        }

        try
        {
            await using var command = Command(connection, transaction, sql.ToString(), [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            foreach (var booking in bookings)
            {
                raised.Add(new ScheduleVersion(booking.OwnerId, await RaisedVersionAsync(reader, cancellationToken), BookingsOnly: true, blocked));
            }
        }
        catch (DbException e) when (core.IsConflict(e))
        {
            // The schema's overlap guard fired for one of the hosts: nothing is committed.
            raised.Clear();
            return new TeamBookingAttempt.Refused(BookingOutcome.Taken);
        }

        return new TeamBookingAttempt.Booked(bookings);
    }

    public Task<HoldAttempt?> HoldTeamAsync(string teamId, string slug, string holdId, Slot slot, Instant now, Instant expiresAt, CancellationToken cancellationToken) =>
        core.WriteAsync("hold_team", async (connection, transaction, raised) =>
        {
            var team = await ReadTeamAsync(connection, transaction, teamId, cancellationToken);
            if (team?.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } meetingType)
            {
                return Rollback<HoldAttempt?>(null);
            }

            var (outcome, hosts) = await DecideTeamAsync(core, connection, transaction, team, meetingType, slot, now, cancellationToken);
            if (!outcome.IsAccepted)
            {
                foreach (var (hostId, read) in hosts)
                {
                    raised.Saw(hostId, read.Owner.ScheduleVersion);
                }

                return Rollback<HoldAttempt?>(new HoldAttempt.Refused(outcome.Outcome));
            }

            var key = StoredTeamMeetingType.KeyOf(teamId, slug);
            var hold = new SlotHold(holdId, new Interval(slot.Start, slot.End), meetingType.RulesOf(slot).Blocks(slot), key, expiresAt);
            var sql = new StringBuilder();
            var parameters = new List<(string Name, object Value)>();
            for (var i = 0; i < outcome.HostIds.Count; i++)
            {
                // Expired holds of the host go with the new one, as for a personal hold.
                Append(sql, parameters, $"h{i}",
                    """
                    DELETE FROM slot_holds WHERE owner_id = @owner AND expires_at <= @now;
                    INSERT INTO slot_holds (id, owner_id, meeting_type, start_utc, end_utc, blocked_start_utc, blocked_end_utc, expires_at, created_at, team_hold_id)
                    VALUES (@id, @owner, @type, @start, @end, @blocked_start, @blocked_end, @expires, @now, @group);

                    """ + RaiseVersionSql,
                    [("@id", i == 0 ? holdId : $"{holdId}.{i}"), ("@owner", outcome.HostIds[i]), ("@type", key), ("@start", ToColumn(slot.Start)), ("@end", ToColumn(slot.End)),
                     ("@blocked_start", ToColumn(hold.Blocked.Start)), ("@blocked_end", ToColumn(hold.Blocked.End)), ("@expires", ToColumn(expiresAt)), ("@now", ToColumn(now)), ("@group", holdId)]);
            }

            await using var command = Command(connection, transaction, sql.ToString(), [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            foreach (var hostId in outcome.HostIds)
            {
                raised.Add(new ScheduleVersion(hostId, await RaisedVersionAsync(reader, cancellationToken), BookingsOnly: true, hold.Blocked));
            }

            return Commit<HoldAttempt?>(new HoldAttempt.Held(hold));
        }, cancellationToken);

    /// <summary>The live hold <paramref name="holdId"/> of this very slot and type, one row per host, the holder's first; empty otherwise.</summary>
    private static Task<List<(string Id, string OwnerId)>> ReadTeamHoldAsync(
        DbConnection connection, DbTransaction transaction, string holdId, string key, Slot slot, Instant now, CancellationToken cancellationToken) =>
        QueryAsync(connection, transaction, cancellationToken, r => (r.String("id"), r.String("owner_id")),
            """
            SELECT id, owner_id FROM slot_holds
            WHERE team_hold_id = @hold AND meeting_type = @key AND start_utc = @start AND end_utc = @end AND expires_at > @now
            ORDER BY CASE WHEN id = @hold THEN 0 ELSE 1 END, id;
            """,
            ("@hold", holdId), ("@key", key), ("@start", ToColumn(slot.Start)), ("@end", ToColumn(slot.End)), ("@now", ToColumn(now)));

    public Task<IReadOnlyList<TeamBookingListing>?> ListTeamBookingsAsync(string teamId, BookingQuery query, CancellationToken cancellationToken) =>
        core.ReadSnapshotAsync<IReadOnlyList<TeamBookingListing>?>("list_team_bookings", async (connection, transaction) =>
        {
            var found = await QueryAsync(connection, transaction, cancellationToken, r => r.String("id"), "SELECT id FROM teams WHERE id = @team;", ("@team", teamId));
            if (found.Count == 0)
            {
                return null;
            }

            // The invitee's shares (whose id is the team booking's) are the team's bookings; then the hosts of the page's.
            var page = await WithPreviousTimesAsync(connection, transaction,
                await QueryAsync(connection, transaction, cancellationToken, ReadBooking, ListSql("team_id = @team AND id = team_booking_id", query), [("@team", teamId), .. ListParameters(query)]),
                cancellationToken);
            var hosts = new List<(string Group, string Owner)>();
            if (page.Count > 0)
            {
                hosts = await QueryAsync(connection, transaction, cancellationToken, r => (r.String("team_booking_id"), r.String("owner_id")),
                    """
                    SELECT team_booking_id, owner_id FROM bookings
                    WHERE team_id = @team AND team_booking_id IS NOT NULL AND start_utc >= @first AND start_utc <= @last;
                    """,
                    ("@team", teamId), ("@first", ToColumn(page[0].Slot.Start)), ("@last", ToColumn(page[^1].Slot.Start)));
            }

            return page.Select(b => new TeamBookingListing(
                b,
                [b.OwnerId, .. hosts.Where(h => h.Group == b.Id && h.Owner != b.OwnerId).Select(h => h.Owner).Order(StringComparer.Ordinal)])).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<StoredBooking>> GetTeamBookingAsync(string teamBookingId, CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<StoredBooking>>("get_team_booking", async connection => await ReadTeamBookingAsync(connection, null, teamBookingId, cancellationToken), cancellationToken);

    /// <summary>Makes the booking @id a share of the team booking @group of team @team, after <see cref="BookingRows.InsertBookingSql"/>.</summary>
    public const string TeamColumnsSql = "UPDATE bookings SET team_id = @team, team_booking_id = @group WHERE id = @id;\n";

    /// <summary>
    /// The invitee's team bookings with the team that hold time and have not ended, counted once each (by the invitee's
    /// share, and a series once), as <see cref="ScheduleReads"/> counts their personal ones for the allowance.
    /// </summary>
    public static async Task<long> CountInviteeTeamBookingsAsync(
        DbConnection connection, DbTransaction transaction, string teamId, string invitee, Instant now, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            """
            SELECT COUNT(*) - COUNT(series_id) + COUNT(DISTINCT series_id) FROM bookings
            WHERE team_id = @team AND id = team_booking_id AND invitee_key = @invitee AND holds_time AND end_utc > @now;
            """,
            ("@team", teamId), ("@invitee", invitee), ("@now", ToColumn(now)));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction with the team's row locked, if the team exists; commits only
    /// <see cref="TeamWrite.Written"/>, raising the schedule version of each owner the work names as changed
    /// (<see cref="TeamChange.Offers"/>), in the order of their ids. Timed as <paramref name="operation"/>.
    /// </summary>
    private Task<TeamWrite> WriteTeamAsync(string operation, string teamId, CancellationToken cancellationToken, Func<DbConnection, DbTransaction, TeamChange, Task<TeamWrite>> work) =>
        core.WriteAsync(operation, async (connection, transaction, raised) =>
        {
            var found = await QueryAsync(connection, transaction, cancellationToken, r => r.String("id"),
                $"SELECT id FROM teams WHERE id = @team{core.LockRowClause};", ("@team", teamId));
            if (found.Count == 0)
            {
                return Rollback<TeamWrite>(new TeamWrite.UnknownTeam());
            }

            var change = new TeamChange();
            var result = await work(connection, transaction, change);
            if (result is not TeamWrite.Written)
            {
                return Rollback(result);
            }

            foreach (var owner in change.Offers.Order(StringComparer.Ordinal))
            {
                await RaiseScheduleVersionAsync(connection, transaction, raised, owner, cancellationToken);
            }

            return Commit(result);
        }, cancellationToken);

    /// <summary>
    /// The owners whose team offers a team write changes (hosts of a meeting type saved or deleted, a member's absences).
    /// Their schedule versions are raised with it, so every node's copies of the team and of its searches' answers,
    /// which are kept while those versions stand, are read again.
    /// </summary>
    private sealed class TeamChange
    {
        public HashSet<string> Offers { get; } = new(StringComparer.Ordinal);
    }

    private static async Task<bool> IsMemberAsync(DbConnection connection, DbTransaction transaction, string teamId, string ownerId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, transaction, cancellationToken, r => r.String("owner_id"),
            "SELECT owner_id FROM team_members WHERE team_id = @team AND owner_id = @owner;", ("@team", teamId), ("@owner", ownerId))).Count == 1;

    /// <summary>Whether the owner keeps the named schedule a host would offer a team type.</summary>
    private static async Task<bool> KeepsScheduleAsync(DbConnection connection, DbTransaction transaction, string ownerId, string scheduleId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, transaction, cancellationToken, r => r.String("id"),
            "SELECT id FROM schedules WHERE owner_id = @owner AND id = @id;", ("@owner", ownerId), ("@id", scheduleId))).Count == 1;

    /// <summary>A team meeting type: what every meeting type has (<see cref="MeetingTypes.MeetingTypeRows"/>), then the team's rules.</summary>
    private static readonly string InsertTeamMeetingTypeSql =
        $"""
        INSERT INTO team_meeting_types (team_id, {MeetingTypeColumns}, kind, hosts_per_booking, fairness_days, created_at)
        VALUES (@team, {MeetingTypeValues}, @kind, @per_booking, @fairness, @now)
        ON CONFLICT (team_id, slug) DO NOTHING;
        """;

    private static readonly string UpdateTeamMeetingTypeSql =
        $"""
        UPDATE team_meeting_types SET {MeetingTypeAssignments}, kind = @kind, hosts_per_booking = @per_booking, fairness_days = @fairness
        WHERE team_id = @team AND slug = @slug;
        """;

    private static (string, object)[] TeamMeetingTypeParameters(string teamId, StoredTeamMeetingType meetingType, Instant now) =>
    [
        .. MeetingTypeParameters(meetingType.Shared),
        ("@team", teamId),
        ("@kind", meetingType.Team.Kind == TeamKind.RoundRobin ? "round_robin" : "collective"),
        ("@per_booking", ToColumn(meetingType.Team.HostsPerBooking)),
        ("@fairness", (int)meetingType.Team.Assignment.FairnessPeriod.TotalDays),
        ("@now", ToColumn(now)),
    ];
}
