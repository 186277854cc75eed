-- Accounts: how people sign in to the console. Each account is one owner's (owner_id), made with the owner in one
-- transaction. The e-mail is unique once normalised (upper case, as ASP.NET Core Identity normalises it). Passwords are
-- kept as the framework's hashes; the authenticator key and recovery codes as Identity gives them to the store (the
-- recovery codes are hashed by the host before they get here). account_registry is one row counted up by every new
-- account, in the same transaction: whoever makes it reach 1 is the first account, so two first sign-ups racing on
-- two nodes cannot both become administrator.
CREATE TABLE account_registry (
    id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    accounts INTEGER NOT NULL
);
INSERT INTO account_registry (id, accounts) VALUES (1, 0);

CREATE TABLE accounts (
    id                  TEXT    NOT NULL PRIMARY KEY,
    owner_id            TEXT    NOT NULL UNIQUE REFERENCES owners (id),
    email               TEXT    NOT NULL,
    normalized_email    TEXT    NOT NULL UNIQUE,
    email_confirmed     INTEGER NOT NULL DEFAULT 0 CHECK (email_confirmed IN (0, 1)),
    password_hash       TEXT,
    security_stamp      TEXT    NOT NULL,
    concurrency_stamp   TEXT    NOT NULL,
    two_factor_enabled  INTEGER NOT NULL DEFAULT 0 CHECK (two_factor_enabled IN (0, 1)),
    authenticator_key   TEXT,
    recovery_codes      TEXT,
    lockout_end         INTEGER,
    access_failed_count INTEGER NOT NULL DEFAULT 0,
    is_administrator    INTEGER NOT NULL DEFAULT 0 CHECK (is_administrator IN (0, 1)),
    deactivated_at      INTEGER,
    created_at          INTEGER NOT NULL
);

-- Sign-in through another provider (OpenID Connect): the provider's subject for this account.
CREATE TABLE account_logins (
    provider     TEXT NOT NULL,
    provider_key TEXT NOT NULL,
    account_id   TEXT NOT NULL REFERENCES accounts (id),
    display_name TEXT,
    PRIMARY KEY (provider, provider_key)
);
CREATE INDEX ix_account_logins_account ON account_logins (account_id);

-- Passkeys (WebAuthn credentials): the credential id (base64url) and what Identity keeps of it, as JSON.
CREATE TABLE account_passkeys (
    credential_id TEXT    NOT NULL PRIMARY KEY,
    account_id    TEXT    NOT NULL REFERENCES accounts (id),
    data          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX ix_account_passkeys_account ON account_passkeys (account_id);

-- The sign-in record the owner sees: attempts, new devices, changes of passkeys and two-factor. device is a hash of
-- the browser's device cookie, never the cookie itself.
CREATE TABLE account_events (
    id         TEXT    NOT NULL PRIMARY KEY,
    account_id TEXT    NOT NULL REFERENCES accounts (id),
    kind       TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    device     TEXT,
    address    TEXT,
    user_agent TEXT,
    detail     TEXT
);
CREATE INDEX ix_account_events_account ON account_events (account_id, occurred_at);

-- Invitations by an administrator: only the token's hash is kept; one use, until it expires or is revoked.
CREATE TABLE account_invites (
    id          TEXT    NOT NULL PRIMARY KEY,
    token_hash  TEXT    NOT NULL UNIQUE,
    email       TEXT    NOT NULL,
    invited_by  TEXT    NOT NULL REFERENCES accounts (id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    accepted_at INTEGER,
    revoked_at  INTEGER
);

-- Mail about the account itself (confirm the address, reset the password, an invitation): kept until sent, tried
-- again like the outbox's e-mail. The body's secrets (the link) are sealed by the host's data protection keys.
CREATE TABLE account_mail (
    id              TEXT    NOT NULL PRIMARY KEY,
    recipient       TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    sealed          TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until   INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL
);
CREATE INDEX ix_account_mail_due ON account_mail (next_attempt_at) WHERE status = 'pending';
