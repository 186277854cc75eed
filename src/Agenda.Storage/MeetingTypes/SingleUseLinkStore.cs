using System.Data.Common;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.MeetingTypes;

/// <summary>
/// Links that book a meeting type once (<c>single_use_links</c>). A link is used by the booking it makes, in that
/// booking's transaction (<see cref="UseAsync"/>), so of any number of bookings racing through one link exactly one
/// commits; a booking refused for any reason leaves its link unused.
/// </summary>
internal sealed class SingleUseLinkStore(StoreCore core) : ISingleUseLinkStore
{
    private const string Columns = "id, owner_id, team_id, slug, label, created_at, used_at, booking_id, revoked_at";

    public Task<SingleUseLink?> CreateAsync(LinkTarget target, string tokenHash, string? label, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync<SingleUseLink?>("create_single_use_link", async (connection, transaction, _) =>
        {
            var open = await QueryAsync(connection, transaction, cancellationToken, r => r.Long("n"),
                $"SELECT COUNT(*) AS n FROM single_use_links WHERE {Whose(target)} AND slug = @slug AND used_at IS NULL AND revoked_at IS NULL;",
                [.. TargetParameters(target)]);
            if (open[0] >= SingleUseLink.MaxOpenPerType)
            {
                return Rollback<SingleUseLink?>(null);
            }

            var link = new SingleUseLink(NewId(), target, label, now, null, null, null);
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                INSERT INTO single_use_links (id, token_hash, owner_id, team_id, slug, label, created_at)
                VALUES (@id, @hash, @owner, @team, @slug, @label, @now);
                """,
                ("@id", link.Id), ("@hash", tokenHash), ("@owner", ToColumn(target.OwnerId)), ("@team", ToColumn(target.TeamId)),
                ("@slug", target.Slug), ("@label", ToColumn(label)), ("@now", ToColumn(now)));
            return Commit<SingleUseLink?>(link);
        }, cancellationToken);

    public Task<IReadOnlyList<SingleUseLink>> ListAsync(LinkTarget target, CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<SingleUseLink>>("list_single_use_links", async connection =>
            await QueryAsync(connection, null, cancellationToken, Read,
                $"SELECT {Columns} FROM single_use_links WHERE {Whose(target)} AND slug = @slug ORDER BY created_at DESC, id;",
                [.. TargetParameters(target)]),
            cancellationToken);

    public Task<SingleUseLink?> FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        core.ReadAsync("find_single_use_link", async connection =>
            (await QueryAsync(connection, null, cancellationToken, Read,
                $"SELECT {Columns} FROM single_use_links WHERE token_hash = @hash;", ("@hash", tokenHash))).SingleOrDefault(),
            cancellationToken);

    public Task<bool> RevokeAsync(LinkTarget target, string id, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("revoke_single_use_link", async (connection, transaction, _) =>
        {
            var revoked = await ExecuteAsync(connection, transaction, cancellationToken,
                $"UPDATE single_use_links SET revoked_at = @now WHERE id = @id AND {Whose(target)} AND slug = @slug AND revoked_at IS NULL AND used_at IS NULL;",
                [("@id", id), ("@now", ToColumn(now)), .. TargetParameters(target)]);
            return Commit(revoked == 1);
        }, cancellationToken);

    /// <summary>
    /// Marks the link of <paramref name="tokenHash"/> to <paramref name="target"/> used by <paramref name="bookingId"/>, in
    /// the booking's transaction; false when it is used or revoked already, unknown, or a link to another type, and the
    /// booking must be refused.
    /// </summary>
    public static async Task<bool> UseAsync(
        DbConnection connection, DbTransaction transaction, string tokenHash, LinkTarget target, string bookingId, Instant now, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, cancellationToken,
            $"""
            UPDATE single_use_links SET used_at = @used_now, booking_id = @used_by
            WHERE token_hash = @link AND {Whose(target)} AND slug = @slug AND used_at IS NULL AND revoked_at IS NULL;
            """,
            [("@link", tokenHash), ("@used_now", ToColumn(now)), ("@used_by", bookingId), .. TargetParameters(target)]) == 1;

    private static string Whose(LinkTarget target) => target.TeamId is null ? "owner_id = @owner" : "team_id = @team";

    private static IEnumerable<(string, object)> TargetParameters(LinkTarget target) =>
        [("@owner", ToColumn(target.OwnerId)), ("@team", ToColumn(target.TeamId)), ("@slug", target.Slug)];

    private static SingleUseLink Read(DbDataReader r) =>
        new(
            r.String("id"),
            new LinkTarget(r.StringOrNull("owner_id"), r.StringOrNull("team_id"), r.String("slug")),
            r.StringOrNull("label"),
            r.Instant("created_at"),
            r.InstantOrNull("used_at"),
            r.StringOrNull("booking_id"),
            r.InstantOrNull("revoked_at"));
}
