-- The outbox: every change of a booking is written as an event in the change's own transaction, so an event exists
-- exactly when its change committed. A dispatcher later fans each event out into one delivery per subscribed webhook
-- endpoint and delivers those, at least once, each with the event's stable id.
CREATE TABLE booking_events (
    id                 TEXT    NOT NULL PRIMARY KEY,
    owner_id           TEXT    NOT NULL,
    booking_id         TEXT    NOT NULL,
    event_type         TEXT    NOT NULL,
    sequence           BIGINT  NOT NULL,
    start_utc          BIGINT  NOT NULL,
    end_utc            BIGINT  NOT NULL,
    previous_start_utc BIGINT ,
    previous_end_utc   BIGINT ,
    occurred_at        BIGINT  NOT NULL,
    fanned_out         BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX ix_booking_events_waiting ON booking_events (occurred_at) WHERE fanned_out = 0;
CREATE INDEX ix_booking_events_booking ON booking_events (booking_id);

-- Where e-mail for the owner goes, and the language of the e-mail about the owner's bookings (en or de).
ALTER TABLE owners ADD COLUMN notify_email TEXT;
ALTER TABLE owners ADD COLUMN notify_language TEXT NOT NULL DEFAULT 'en';

-- Owners' webhook endpoints. The signing secret is kept as it is, since every delivery is signed with it; it is
-- shown to the owner only when made. During a rotation the previous secret signs too, until it expires.
CREATE TABLE webhook_endpoints (
    id                         TEXT    NOT NULL PRIMARY KEY,
    owner_id                   TEXT    NOT NULL REFERENCES owners (id),
    url                        TEXT    NOT NULL,
    event_types                TEXT    NOT NULL,
    secret                     TEXT    NOT NULL,
    previous_secret            TEXT,
    previous_secret_expires_at BIGINT ,
    enabled                    BIGINT  NOT NULL DEFAULT 1,
    disabled_reason            TEXT,
    failing_since              BIGINT ,
    created_at                 BIGINT  NOT NULL
);
CREATE INDEX ix_webhook_endpoints_owner ON webhook_endpoints (owner_id);

-- One event for one recipient, until delivered or given up: a webhook endpoint (channel 'webhook'), or an e-mail
-- address (channel 'email', or 'reminder' for the reminder before the meeting). The id is made of the event's and the
-- recipient's, so an event is never fanned out twice to one recipient. claimed_until is a lease: while it lies ahead,
-- one node is attempting the delivery and no other takes it.
CREATE TABLE deliveries (
    id               TEXT    NOT NULL PRIMARY KEY,
    event_id         TEXT    NOT NULL REFERENCES booking_events (id),
    channel          TEXT    NOT NULL CHECK (channel IN ('webhook', 'email', 'reminder')),
    endpoint_id      TEXT    REFERENCES webhook_endpoints (id),
    recipient        TEXT,
    recipient_role   TEXT    CHECK (recipient_role IN ('invitee', 'owner')),
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,
    claimed_until    BIGINT ,
    created_at       BIGINT  NOT NULL,
    CHECK ((channel = 'webhook') = (endpoint_id IS NOT NULL))
);
CREATE INDEX ix_deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_deliveries_endpoint ON deliveries (endpoint_id, created_at);

-- Every attempt, for the owner's delivery log: the answer's status and a short excerpt of its body, never more.
CREATE TABLE delivery_attempts (
    delivery_id      TEXT    NOT NULL REFERENCES deliveries (id),
    attempt          BIGINT  NOT NULL,
    attempted_at     BIGINT  NOT NULL,
    status_code      BIGINT ,
    error            TEXT,
    duration_ms      BIGINT  NOT NULL,
    response_excerpt TEXT,
    PRIMARY KEY (delivery_id, attempt)
);
