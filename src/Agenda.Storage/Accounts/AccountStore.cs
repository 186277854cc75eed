using System.Data.Common;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Accounts;

/// <summary>
/// Accounts and what hangs on them: other providers' logins, passkeys, the sign-in record, invitations and the mail
/// about accounts. None of it changes slots, so no write here raises a schedule version.
/// </summary>
internal sealed class AccountStore(StoreCore core) : IAccountStore, IAccountCredentialStore, IAccountActivityStore, IAccountMailStore
{
    private const string AccountColumns =
        "a.id AS id, a.owner_id AS owner_id, a.email AS email, a.normalized_email AS normalized_email, a.email_confirmed AS email_confirmed, " +
        "a.password_hash AS password_hash, a.security_stamp AS security_stamp, a.concurrency_stamp AS concurrency_stamp, " +
        "a.two_factor_enabled AS two_factor_enabled, a.authenticator_key AS authenticator_key, a.recovery_codes AS recovery_codes, " +
        "a.lockout_end AS lockout_end, a.access_failed_count AS access_failed_count, a.is_administrator AS is_administrator, " +
        "a.deactivated_at AS deactivated_at, a.created_at AS created_at";

    public Task<AccountCreation> CreateAccountAsync(NewAccount account, bool firstBecomesAdministrator, string? inviteTokenHash, CancellationToken cancellationToken) =>
        core.WriteAsync("create_account", async (connection, transaction, _) =>
        {
            var a = account.Account;
            if (inviteTokenHash is not null)
            {
                var accepted = await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE account_invites SET accepted_at = @now WHERE token_hash = @hash AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > @now;",
                    ("@hash", inviteTokenHash), ("@now", ToColumn(a.CreatedAt)));
                if (accepted != 1)
                {
                    return Rollback(AccountCreation.InviteNotUsable);
                }
            }

            if (await ExecuteAsync(connection, transaction, cancellationToken,
                    "INSERT INTO owners (id, display_name, time_zone, created_at) VALUES (@owner, @name, @zone, @now) ON CONFLICT (id) DO NOTHING;",
                    ("@owner", a.OwnerId), ("@name", ToColumn(account.OwnerDisplayName)), ("@zone", account.Zone.Id), ("@now", ToColumn(a.CreatedAt))) != 1)
            {
                return Rollback(AccountCreation.OwnerTaken);
            }

            // Counting up the one registry row locks it (PostgreSQL) or runs under the file's write lock (SQLite): the
            // account that makes it 1 is the first, however many sign up at once.
            await using (var count = Command(connection, transaction, "UPDATE account_registry SET accounts = accounts + 1 WHERE id = 1 RETURNING accounts;"))
            {
                var first = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
                var administrator = a.IsAdministrator || (first && firstBecomesAdministrator);
                var inserted = await ExecuteAsync(connection, transaction, cancellationToken,
                    """
                    INSERT INTO accounts (id, owner_id, email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp,
                                          two_factor_enabled, authenticator_key, recovery_codes, lockout_end, access_failed_count, is_administrator,
                                          deactivated_at, created_at)
                    VALUES (@id, @owner, @email, @normalized, @confirmed, @hash, @security, @concurrency, @two_factor, @authenticator, @recovery,
                            @lockout_end, @failed, @administrator, @deactivated, @created)
                    ON CONFLICT (normalized_email) DO NOTHING;
                    """,
                    [.. AccountParameters(a with { IsAdministrator = administrator }), ("@created", ToColumn(a.CreatedAt))]);
                return inserted == 1
                    ? Commit(administrator ? AccountCreation.CreatedAsAdministrator : AccountCreation.Created)
                    : Rollback(AccountCreation.EmailTaken);
            }
        }, cancellationToken);

    public Task<StoredAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken) =>
        FindOneAsync("find_account", "a.id = @key", accountId, cancellationToken);

    public Task<StoredAccount?> FindAccountByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        FindOneAsync("find_account_by_email", "a.normalized_email = @key", normalizedEmail, cancellationToken);

    public Task<StoredAccount?> FindAccountByOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        FindOneAsync("find_account_by_owner", "a.owner_id = @key", ownerId, cancellationToken);

    public Task<bool> UpdateAccountAsync(StoredAccount account, string expectedStamp, CancellationToken cancellationToken) =>
        core.WriteAsync("update_account", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            """
            UPDATE accounts SET email = @email, normalized_email = @normalized, email_confirmed = @confirmed, password_hash = @hash,
                security_stamp = @security, concurrency_stamp = @concurrency, two_factor_enabled = @two_factor, authenticator_key = @authenticator,
                recovery_codes = @recovery, lockout_end = @lockout_end, access_failed_count = @failed, is_administrator = @administrator,
                deactivated_at = @deactivated
            WHERE id = @id AND concurrency_stamp = @expected;
            """,
            [.. AccountParameters(account), ("@expected", expectedStamp)]) == 1), cancellationToken);

    public Task<IReadOnlyList<AccountListing>> ListAccountsAsync(CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<AccountListing>>("list_accounts", async connection => await QueryAsync(connection, null, cancellationToken,
            r => new AccountListing(ReadAccount(r), r.StringOrNull("display_name"), r.Int("passkeys")),
            $"""
            SELECT {AccountColumns}, o.display_name AS display_name,
                   (SELECT COUNT(*) FROM account_passkeys p WHERE p.account_id = a.id) AS passkeys
            FROM accounts a JOIN owners o ON o.id = a.owner_id ORDER BY a.created_at, a.id;
            """), cancellationToken);

    public Task<long> CountAccountsAsync(CancellationToken cancellationToken) =>
        core.ReadAsync("count_accounts", async connection =>
        {
            await using var command = Command(connection, null, "SELECT COUNT(*) FROM accounts;");
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task<bool> AddLoginAsync(string accountId, AccountLogin login, CancellationToken cancellationToken) =>
        core.WriteAsync("add_account_login", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            """
            INSERT INTO account_logins (provider, provider_key, account_id, display_name) VALUES (@provider, @key, @account, @name)
            ON CONFLICT (provider, provider_key) DO NOTHING;
            """,
            ("@provider", login.Provider), ("@key", login.ProviderKey), ("@account", accountId), ("@name", ToColumn(login.DisplayName))) == 1), cancellationToken);

    public Task<bool> RemoveLoginAsync(string accountId, string provider, string providerKey, CancellationToken cancellationToken) =>
        core.WriteAsync("remove_account_login", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            "DELETE FROM account_logins WHERE provider = @provider AND provider_key = @key AND account_id = @account;",
            ("@provider", provider), ("@key", providerKey), ("@account", accountId)) == 1), cancellationToken);

    public Task<IReadOnlyList<AccountLogin>> ListLoginsAsync(string accountId, CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<AccountLogin>>("list_account_logins", async connection => await QueryAsync(connection, null, cancellationToken,
            r => new AccountLogin(r.String("provider"), r.String("provider_key"), r.StringOrNull("display_name")),
            "SELECT provider, provider_key, display_name FROM account_logins WHERE account_id = @account ORDER BY provider, provider_key;",
            ("@account", accountId)), cancellationToken);

    public Task<StoredAccount?> FindAccountByLoginAsync(string provider, string providerKey, CancellationToken cancellationToken) =>
        core.ReadAsync("find_account_by_login", async connection => (await QueryAsync(connection, null, cancellationToken, ReadAccount,
            $"SELECT {AccountColumns} FROM accounts a JOIN account_logins l ON l.account_id = a.id WHERE l.provider = @provider AND l.provider_key = @key;",
            ("@provider", provider), ("@key", providerKey))).SingleOrDefault(), cancellationToken);

    public Task SavePasskeyAsync(string accountId, StoredPasskey passkey, CancellationToken cancellationToken) =>
        core.WriteAsync("save_passkey", async (connection, transaction, _) =>
        {
            // A credential id is the authenticator's: one that already belongs to another account is left as it is.
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                INSERT INTO account_passkeys (credential_id, account_id, data, created_at) VALUES (@credential, @account, @data, @created)
                ON CONFLICT (credential_id) DO UPDATE SET data = excluded.data WHERE account_passkeys.account_id = excluded.account_id;
                """,
                ("@credential", passkey.CredentialId), ("@account", accountId), ("@data", passkey.Data), ("@created", ToColumn(passkey.CreatedAt)));
            return Commit(true);
        }, cancellationToken);

    public Task<IReadOnlyList<StoredPasskey>> ListPasskeysAsync(string accountId, CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<StoredPasskey>>("list_passkeys", async connection => await QueryAsync(connection, null, cancellationToken, r => ReadPasskey(r, "created_at"),
            "SELECT credential_id, data, created_at FROM account_passkeys WHERE account_id = @account ORDER BY created_at, credential_id;",
            ("@account", accountId)), cancellationToken);

    public Task<(StoredAccount Account, StoredPasskey Passkey)?> FindPasskeyAsync(string credentialId, CancellationToken cancellationToken) =>
        core.ReadAsync<(StoredAccount, StoredPasskey)?>("find_passkey", async connection =>
        {
            var found = await QueryAsync(connection, null, cancellationToken, r => (ReadAccount(r), ReadPasskey(r, "passkey_created_at")),
                $"""
                SELECT {AccountColumns}, p.credential_id AS credential_id, p.data AS data, p.created_at AS passkey_created_at
                FROM account_passkeys p JOIN accounts a ON a.id = p.account_id WHERE p.credential_id = @credential;
                """,
                ("@credential", credentialId));
            return found.Count == 1 ? found[0] : null;
        }, cancellationToken);

    public Task<bool> RemovePasskeyAsync(string accountId, string credentialId, CancellationToken cancellationToken) =>
        core.WriteAsync("remove_passkey", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            "DELETE FROM account_passkeys WHERE credential_id = @credential AND account_id = @account;",
            ("@credential", credentialId), ("@account", accountId)) == 1), cancellationToken);

    public Task RecordAsync(AccountEvent accountEvent, CancellationToken cancellationToken) =>
        core.WriteAsync("record_account_event", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            """
            INSERT INTO account_events (id, account_id, kind, occurred_at, device, address, user_agent, detail)
            VALUES (@id, @account, @kind, @at, @device, @address, @agent, @detail);
            """,
            ("@id", accountEvent.Id), ("@account", accountEvent.AccountId), ("@kind", accountEvent.Kind), ("@at", ToColumn(accountEvent.OccurredAt)),
            ("@device", ToColumn(accountEvent.Device)), ("@address", ToColumn(accountEvent.Address)), ("@agent", ToColumn(accountEvent.UserAgent)),
            ("@detail", ToColumn(accountEvent.Detail)))), cancellationToken);

    public Task<IReadOnlyList<AccountEvent>> ListEventsAsync(string accountId, int limit, CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<AccountEvent>>("list_account_events", async connection => await QueryAsync(connection, null, cancellationToken,
            r => new AccountEvent(r.String("id"), r.String("account_id"), r.String("kind"), r.Instant("occurred_at"), r.StringOrNull("device"),
                r.StringOrNull("address"), r.StringOrNull("user_agent"), r.StringOrNull("detail")),
            """
            SELECT id, account_id, kind, occurred_at, device, address, user_agent, detail FROM account_events
            WHERE account_id = @account ORDER BY occurred_at DESC, id DESC LIMIT @limit;
            """,
            ("@account", accountId), ("@limit", limit)), cancellationToken);

    public Task<bool> HasSignedInAsync(string accountId, string? device, CancellationToken cancellationToken) =>
        core.ReadAsync("account_signed_in_before", async connection =>
        {
            await using var command = device is null
                ? Command(connection, null, "SELECT COUNT(*) FROM account_events WHERE account_id = @account AND kind = 'signed_in';", ("@account", accountId))
                : Command(connection, null, "SELECT COUNT(*) FROM account_events WHERE account_id = @account AND device = @device AND kind = 'signed_in';",
                    ("@account", accountId), ("@device", device));
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }, cancellationToken);

    public Task AddInviteAsync(StoredInvite invite, CancellationToken cancellationToken) =>
        core.WriteAsync("add_invite", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            """
            INSERT INTO account_invites (id, token_hash, email, invited_by, created_at, expires_at) VALUES (@id, @hash, @email, @by, @created, @expires);
            """,
            ("@id", invite.Id), ("@hash", invite.TokenHash), ("@email", invite.Email), ("@by", invite.InvitedBy), ("@created", ToColumn(invite.CreatedAt)),
            ("@expires", ToColumn(invite.ExpiresAt)))), cancellationToken);

    public Task<StoredInvite?> FindInviteAsync(string tokenHash, CancellationToken cancellationToken) =>
        core.ReadAsync("find_invite", async connection => (await QueryAsync(connection, null, cancellationToken, ReadInvite,
            $"SELECT {InviteColumns} FROM account_invites WHERE token_hash = @hash;", ("@hash", tokenHash))).SingleOrDefault(), cancellationToken);

    public Task<IReadOnlyList<StoredInvite>> ListOpenInvitesAsync(CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<StoredInvite>>("list_invites", async connection => await QueryAsync(connection, null, cancellationToken, ReadInvite,
            $"SELECT {InviteColumns} FROM account_invites WHERE accepted_at IS NULL AND revoked_at IS NULL ORDER BY created_at DESC, id;"), cancellationToken);

    public Task<bool> RevokeInviteAsync(string inviteId, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("revoke_invite", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            "UPDATE account_invites SET revoked_at = @now WHERE id = @id AND accepted_at IS NULL AND revoked_at IS NULL;",
            ("@id", inviteId), ("@now", ToColumn(now))) == 1), cancellationToken);

    public Task EnqueueMailAsync(AccountMail mail, CancellationToken cancellationToken) =>
        core.WriteAsync("enqueue_account_mail", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            """
            INSERT INTO account_mail (id, recipient, kind, sealed, next_attempt_at, created_at) VALUES (@id, @recipient, @kind, @sealed, @next, @created);
            """,
            ("@id", mail.Id), ("@recipient", mail.Recipient), ("@kind", mail.Kind), ("@sealed", mail.Sealed), ("@next", ToColumn(mail.NextAttemptAt)),
            ("@created", ToColumn(mail.CreatedAt)))), cancellationToken);

    public Task<IReadOnlyList<AccountMail>> ClaimDueMailAsync(Instant now, Duration lease, int limit, CancellationToken cancellationToken) =>
        core.WriteAsync<IReadOnlyList<AccountMail>>("claim_account_mail", async (connection, transaction, _) =>
        {
            var due = await QueryAsync(connection, transaction, cancellationToken,
                r => new AccountMail(r.String("id"), r.String("recipient"), r.String("kind"), r.String("sealed"), r.Int("attempts"), r.Instant("next_attempt_at"),
                    r.Instant("created_at"), r.String("status"), r.StringOrNull("last_error")),
                $"""
                SELECT id, recipient, kind, sealed, attempts, next_attempt_at, created_at, status, last_error FROM account_mail
                WHERE status = 'pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until <= @now)
                ORDER BY next_attempt_at, id LIMIT @limit{core.LockSkippingLocked()};
                """,
                ("@now", ToColumn(now)), ("@limit", limit));
            foreach (var mail in due)
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE account_mail SET claimed_until = @until WHERE id = @id;", ("@id", mail.Id), ("@until", ToColumn(now + lease)));
            }

            return new WriteDecision<IReadOnlyList<AccountMail>>(due, due.Count > 0);
        }, cancellationToken);

    public Task RecordMailAttemptAsync(string mailId, string? error, Instant? retryAt, CancellationToken cancellationToken) =>
        core.WriteAsync("record_account_mail", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            retryAt is null
                ? "UPDATE account_mail SET attempts = attempts + 1, status = @status, last_error = @error, claimed_until = NULL WHERE id = @id;"
                : "UPDATE account_mail SET attempts = attempts + 1, status = 'pending', last_error = @error, claimed_until = NULL, next_attempt_at = @retry WHERE id = @id;",
            ("@id", mailId), ("@status", error is null ? "delivered" : "failed"), ("@error", ToColumn(error)),
            ("@retry", retryAt is { } at ? ToColumn(at) : 0L))), cancellationToken);

    private const string InviteColumns = "id, token_hash, email, invited_by, created_at, expires_at, accepted_at, revoked_at";

    private Task<StoredAccount?> FindOneAsync(string operation, string condition, string key, CancellationToken cancellationToken) =>
        core.ReadAsync(operation, async connection => (await QueryAsync(connection, null, cancellationToken, ReadAccount,
            $"SELECT {AccountColumns} FROM accounts a WHERE {condition};", ("@key", key))).SingleOrDefault(), cancellationToken);

    private static (string Name, object Value)[] AccountParameters(StoredAccount a) =>
    [
        ("@id", a.Id), ("@owner", a.OwnerId), ("@email", a.Email), ("@normalized", a.NormalizedEmail), ("@confirmed", a.EmailConfirmed ? 1 : 0),
        ("@hash", ToColumn(a.PasswordHash)), ("@security", a.SecurityStamp), ("@concurrency", a.ConcurrencyStamp), ("@two_factor", a.TwoFactorEnabled ? 1 : 0),
        ("@authenticator", ToColumn(a.AuthenticatorKey)), ("@recovery", ToColumn(a.RecoveryCodes)),
        ("@lockout_end", a.LockoutEnd is { } end ? ToColumn(end) : DBNull.Value), ("@failed", a.AccessFailedCount), ("@administrator", a.IsAdministrator ? 1 : 0),
        ("@deactivated", a.DeactivatedAt is { } off ? ToColumn(off) : DBNull.Value),
    ];

    private static StoredAccount ReadAccount(DbDataReader r) => new(
        r.String("id"), r.String("owner_id"), r.String("email"), r.String("normalized_email"), r.Int("email_confirmed") == 1, r.StringOrNull("password_hash"),
        r.String("security_stamp"), r.String("concurrency_stamp"), r.Int("two_factor_enabled") == 1, r.StringOrNull("authenticator_key"),
        r.StringOrNull("recovery_codes"), r.InstantOrNull("lockout_end"), r.Int("access_failed_count"), r.Int("is_administrator") == 1,
        r.InstantOrNull("deactivated_at"), r.Instant("created_at"));

    private static StoredPasskey ReadPasskey(DbDataReader r, string createdAt) => new(r.String("credential_id"), r.String("data"), r.Instant(createdAt));

    private static StoredInvite ReadInvite(DbDataReader r) => new(
        r.String("id"), r.String("token_hash"), r.String("email"), r.String("invited_by"), r.Instant("created_at"), r.Instant("expires_at"),
        r.InstantOrNull("accepted_at"), r.InstantOrNull("revoked_at"));
}
