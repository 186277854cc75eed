-- Owners' own calendars (CalDAV calendars, read-only iCalendar feeds), whose busy times are taken out of the offered
-- slots. Where and how to reach one (URL, user name, password or token) is kept only encrypted (secret_box, sealed by
-- the service with Calendars:EncryptionKey); display_host (scheme and host) is what the owner is shown.
CREATE TABLE calendar_connections (
    id               TEXT    NOT NULL PRIMARY KEY,
    owner_id         TEXT    NOT NULL REFERENCES owners (id),
    kind             TEXT    NOT NULL CHECK (kind IN ('caldav', 'ics')),
    secret_box       BYTEA   NOT NULL,
    display_host     TEXT    NOT NULL,
    busy_calendars   TEXT,
    write_calendar   TEXT,
    when_unreachable TEXT    NOT NULL CHECK (when_unreachable IN ('block', 'offer')),
    state            TEXT    NOT NULL CHECK (state IN ('pending', 'ok', 'failing', 'stale')),
    last_error       TEXT,
    last_attempt_at  BIGINT ,
    last_success_at  BIGINT ,
    next_sync_at     BIGINT  NOT NULL,
    lease_until      BIGINT  NOT NULL DEFAULT 0,
    validators       TEXT,
    created_at       BIGINT  NOT NULL
);
CREATE INDEX ix_calendar_connections_owner ON calendar_connections (owner_id);
CREATE INDEX ix_calendar_connections_due ON calendar_connections (next_sync_at);

-- The busy times of each connection's last good read, within the sync window. Every change of them raises the
-- owner's schedule version in the same transaction, so cached slots are computed again.
CREATE TABLE external_busy (
    connection_id TEXT    NOT NULL REFERENCES calendar_connections (id) ON DELETE CASCADE,
    owner_id      TEXT    NOT NULL,
    start_utc     BIGINT  NOT NULL,
    end_utc       BIGINT  NOT NULL
);
CREATE INDEX ix_external_busy_owner_end ON external_busy (owner_id, end_utc);
CREATE INDEX ix_external_busy_connection ON external_busy (connection_id);
