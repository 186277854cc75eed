using System.Data.Common;
using System.Text;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using Agenda.Storage.Bookings;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Bookings.BookingRows;
using static Agenda.Storage.Outbox.OutboxEvents;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;
using static Agenda.Storage.Teams.TeamReads;

namespace Agenda.Storage.Teams;

/// <summary>
/// Series of a team meeting type, inside the series store's write transaction. The same hosts take every meeting (one
/// rotating host throughout for round robin), decided under every host's lock by the engine
/// (<see cref="TeamRules.DecideSeries"/>); the meetings keep the wall-clock time of the type's first host's zone. Each
/// meeting is a team booking (one share per host, the invitee's share's id being the team booking's), and each host's
/// shares form that host's own series, so a host's e-mail, calendar and console see their series and the invitee sees the
/// series of their shares. Changing a meeting with the rest of its series changes every host's shares of those
/// meetings together.
/// </summary>
internal static class TeamSeries
{
    public static async Task<SeriesAttempt> BookAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, RaisedVersions raised, StoredTeam team, StoredTeamMeetingType meetingType, BookingRequest request,
        SeriesRule rule, Instant now, CancellationToken cancellationToken)
    {
        var key = StoredTeamMeetingType.KeyOf(team.Id, meetingType.Slug);
        var type = meetingType.RulesOf(request.Slot);
        // A live hold of the first slot kept it for this invitee: its rows are released for the series, which may still go to
        // other hosts than the hold kept (a round-robin hold chose a host for the first meeting only).
        var held = request.HoldId is { } holdId
            ? await QueryAsync(connection, transaction, cancellationToken, r => (Id: r.String("id"), OwnerId: r.String("owner_id")),
                "SELECT id, owner_id FROM slot_holds WHERE team_hold_id = @hold AND meeting_type = @key AND start_utc = @start AND end_utc = @end AND expires_at > @now;",
                ("@hold", holdId), ("@key", key), ("@start", ToColumn(request.Slot.Start)), ("@end", ToColumn(request.Slot.End)), ("@now", ToColumn(now)))
            : [];
        var rules = meetingType.Team;
        var owners = await LockHostsAsync(core, connection, transaction, rules.Hosts.Select(h => h.OwnerId), cancellationToken);
        var zone = (await core.ReadOwnerAsync(connection, transaction, meetingType.Team.Hosts[0].OwnerId, cancellationToken))?.Zone ?? DateTimeZone.Utc;
        var meetings = RecurringSeries.Expand(request.Slot, zone, rule);
        var (outcome, reads) = await DecideSeriesAsync(core, connection, transaction, team, rules, type, key, owners, meetings, now, _ => [], cancellationToken,
            hostId => held.FirstOrDefault(h => h.OwnerId == hostId) is { Id: not null } hold ? new HoldClaim(hold.Id, request.Slot, key) : null);
        var refused = outcome.Meetings;
        var invitee = InviteeAllowance.Identity(request.Invitee, request.InviteeEmail);
        // The invitee's allowance counts a series once, as one more team booking.
        if (outcome.IsAccepted && InviteeAllowance.Decide(await TeamStore.CountInviteeTeamBookingsAsync(connection, transaction, team.Id, invitee, now, cancellationToken),
                core.Limits.MaxActiveBookingsPerInvitee) is var allowance && allowance != BookingOutcome.Accepted)
        {
            refused = [new SeriesRefusal(meetings[0], allowance)];
        }

        if (refused.Count > 0)
        {
            foreach (var (hostId, read) in reads)
            {
                raised.Saw(hostId, read.Owner.ScheduleVersion);
            }

            return new SeriesAttempt.Refused(refused);
        }

        // Each host's shares are that host's series; the lead (the first host taking it) holds the invitee's shares.
        var hosts = outcome.HostIds;
        var series = hosts.Select(h => new StoredSeries(NewId(), h, key, zone, meetings[0].LocalStart, request.Slot.End - request.Slot.Start, rule.IntervalWeeks, rule.Count, now))
            .ToList();
        var shares = meetings.SelectMany(m =>
        {
            var group = NewId();
            return hosts.Select((h, i) => NewBooking(h, request with { Slot = m.Slot!.Value }, key, now) with
            {
                Id = i == 0 ? group : NewId(),
                TeamId = team.Id,
                TeamBookingId = group,
                SeriesId = series[i].Id,
                SeriesIndex = m.Index,
            });
        }).ToList();
        if (request.SingleUseLinkHash is { } link && !await MeetingTypes.SingleUseLinkStore.UseAsync(connection, transaction, link, LinkTarget.Team(team.Id, meetingType.Slug), shares[0].Id, now, cancellationToken))
        {
            return new SeriesAttempt.Refused([new SeriesRefusal(meetings[0], BookingOutcome.LinkUsed)]);
        }

        var sql = new StringBuilder(request.HoldId is null ? "" : DeleteHoldSql);
        List<(string Name, object Value)> parameters = request.HoldId is { } hold ? [("@hold", hold)] : [];
        for (var i = 0; i < series.Count; i++)
        {
            Append(sql, parameters, $"s{i}", SeriesRows.InsertSeriesSql, SeriesRows.SeriesParameters(series[i]));
        }

        for (var i = 0; i < shares.Count; i++)
        {
            // Every share's event goes to webhooks, calendars and reminders; each host's first meeting's e-mail tells the series.
            var share = shares[i];
            Append(sql, parameters, $"m{i}", InsertBookingSql + TeamStore.TeamColumnsSql + InsertEventSql,
                [.. InsertBookingParameters(share, type.Blocks(share.Slot), invitee), .. CreatedEventParameters(share, quiet: share.SeriesIndex > 0),
                 ("@team", team.Id), ("@group", share.TeamBookingId!)]);
        }

        for (var i = 0; i < hosts.Count; i++)
        {
            Append(sql, parameters, $"v{i}", RaiseVersionSql, [("@owner", hosts[i])]);
        }

        try
        {
            await using var command = Command(connection, transaction, sql.ToString(), [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var spanning = SeriesRows.Spanning(meetings.Select(m => type.Blocks(m.Slot!.Value)));
            foreach (var host in hosts)
            {
                raised.Add(new ScheduleVersion(host, await RaisedVersionAsync(reader, cancellationToken), BookingsOnly: true, spanning));
            }
        }
        catch (DbException e) when (core.IsConflict(e))
        {
            // A host's overlap guard fired for a meeting the engine accepted under the same locks; nothing is committed.
            raised.Clear();
            return new SeriesAttempt.Refused([new SeriesRefusal(meetings[0], BookingOutcome.Taken)]);
        }

        return new SeriesAttempt.Booked(series[0] with { Bookings = [.. shares.Where(s => s.OwnerId == hosts[0])] })
        {
            FirstShares = [.. shares.Where(s => s.TeamBookingId == shares[0].Id)],
        };
    }

    /// <summary>
    /// Locks every host of the team booking <paramref name="booking"/> is a share of, in the order of their ids, and reads
    /// the booking again under the locks.
    /// </summary>
    public static async Task<StoredBooking> LockAsync(StoreCore core, DbConnection connection, DbTransaction transaction, StoredBooking booking, CancellationToken cancellationToken)
    {
        var shares = await ReadTeamBookingAsync(connection, transaction, booking.TeamBookingId!, cancellationToken);
        await LockHostsAsync(core, connection, transaction, shares.Select(s => s.OwnerId), cancellationToken);
        return (await ReadBookingAsync(connection, transaction, booking.Id, cancellationToken))!;
    }

    /// <summary>The rules of the team meeting type <paramref name="key"/> names, as the team has it now; null when it is gone.</summary>
    public static async Task<MeetingType?> RulesOfAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        StoredTeamMeetingType.ParseKey(key) is var (teamId, slug)
            ? (await ReadTeamAsync(connection, transaction, teamId, cancellationToken))?.MeetingTypes.FirstOrDefault(t => t.Slug == slug)?.Rules
            : null;

    /// <summary>
    /// Every host's shares of the meetings in <paramref name="following"/> (one host's series, from the meeting named on)
    /// that are not cancelled, by meeting; the shares of the meeting named first.
    /// </summary>
    public static async Task<List<StoredBooking>> SharesOfAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredBooking> following, CancellationToken cancellationToken)
    {
        var shares = new List<StoredBooking>();
        foreach (var meeting in following)
        {
            shares.AddRange((await ReadTeamBookingAsync(connection, transaction, meeting.TeamBookingId!, cancellationToken)).Where(s => s.Status != BookingStatus.Cancelled));
        }

        return shares;
    }

    /// <summary>
    /// Decides moving every share of <paramref name="moving"/> (meetings of a team series, the one named first, with every
    /// host's shares) to <paramref name="targets"/> (one per meeting, in the same order): the same hosts must be free for
    /// every new time, as if the meetings moved were not there.
    /// </summary>
    public static async Task<IReadOnlyList<SeriesRefusal>> DecideMoveAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, StoredBooking named, IReadOnlyList<StoredBooking> shares, IReadOnlyList<SeriesOccurrence> targets,
        MeetingType type, Instant now, CancellationToken cancellationToken)
    {
        var team = StoredTeamMeetingType.ParseKey(named.MeetingTypeKey) is var (teamId, _) ? await ReadTeamAsync(connection, transaction, teamId, cancellationToken) : null;
        if (team is null)
        {
            return [.. targets.Select(t => new SeriesRefusal(t, BookingOutcome.OutsideAvailability))];
        }

        var hostIds = shares.Where(s => s.TeamBookingId == named.TeamBookingId).Select(s => s.OwnerId).ToList();
        var owners = await LockHostsAsync(core, connection, transaction, hostIds, cancellationToken);
        var sameHosts = team.OnlyHosts(named.MeetingTypeKey, hostIds);
        var (outcome, _) = await DecideSeriesAsync(core, connection, transaction, team, sameHosts, type, named.MeetingTypeKey, owners, targets, now,
            hostId => [.. shares.Where(s => s.OwnerId == hostId).Select(s => new Interval(s.Slot.Start, s.Slot.End))], cancellationToken);
        return outcome.Meetings;
    }
}
