-- Bookings are written into owners' CalDAV calendars through the outbox: a delivery on channel 'calendar' is for one
-- calendar connection (connection_id), whose write_calendar receives the booking. SQLite cannot change a CHECK
-- constraint in place, so deliveries is made again with the new channel and column; delivery_attempts is made again
-- with it, so that its reference leads to the new table (the old one is dropped only once nothing refers to it).
-- connection_id has no foreign key: a connection removed later leaves its deliveries, which the dispatcher closes
-- with a note.
CREATE TABLE deliveries_new (
    id               TEXT    NOT NULL PRIMARY KEY,
    event_id         TEXT    NOT NULL REFERENCES booking_events (id),
    channel          TEXT    NOT NULL CHECK (channel IN ('webhook', 'email', 'reminder', 'calendar')),
    endpoint_id      TEXT    REFERENCES webhook_endpoints (id),
    connection_id    TEXT,
    recipient        TEXT,
    recipient_role   TEXT    CHECK (recipient_role IN ('invitee', 'owner')),
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    claimed_until    INTEGER,
    created_at       INTEGER NOT NULL,
    CHECK ((channel = 'webhook') = (endpoint_id IS NOT NULL)),
    CHECK ((channel = 'calendar') = (connection_id IS NOT NULL))
);
INSERT INTO deliveries_new (id, event_id, channel, endpoint_id, recipient, recipient_role, status, attempts, next_attempt_at, claimed_until, created_at)
SELECT id, event_id, channel, endpoint_id, recipient, recipient_role, status, attempts, next_attempt_at, claimed_until, created_at FROM deliveries;

CREATE TABLE delivery_attempts_new (
    delivery_id      TEXT    NOT NULL REFERENCES deliveries_new (id),
    attempt          INTEGER NOT NULL,
    attempted_at     INTEGER NOT NULL,
    status_code      INTEGER,
    error            TEXT,
    duration_ms      INTEGER NOT NULL,
    response_excerpt TEXT,
    PRIMARY KEY (delivery_id, attempt)
);
INSERT INTO delivery_attempts_new (delivery_id, attempt, attempted_at, status_code, error, duration_ms, response_excerpt)
SELECT delivery_id, attempt, attempted_at, status_code, error, duration_ms, response_excerpt FROM delivery_attempts;

DROP TABLE delivery_attempts;
DROP TABLE deliveries;
-- Renaming also renames the reference in delivery_attempts_new (SQLite 3.26 and later).
ALTER TABLE deliveries_new RENAME TO deliveries;
ALTER TABLE delivery_attempts_new RENAME TO delivery_attempts;

CREATE INDEX ix_deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_deliveries_endpoint ON deliveries (endpoint_id, created_at);
CREATE INDEX ix_deliveries_connection ON deliveries (connection_id, created_at);
