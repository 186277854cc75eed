-- The whole schema as of SQLite migrations 0001 to 0006, in PostgreSQL's idiom. Columns and meanings are the
-- same, so the store's SQL runs on both: instants are Unix seconds (bigint), rule dates ISO text, times 'HH:MM'.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE owners (
    id               text   NOT NULL PRIMARY KEY,
    display_name     text,
    time_zone        text   NOT NULL DEFAULT 'UTC',
    schedule_version bigint NOT NULL DEFAULT 0,
    created_at       bigint NOT NULL,
    feed_token_hash  text
);

CREATE UNIQUE INDEX ux_owners_feed_token_hash ON owners (feed_token_hash) WHERE feed_token_hash IS NOT NULL;

CREATE TABLE availability_rules (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   text NOT NULL REFERENCES owners (id),
    start_date text NOT NULL,
    end_date   text NOT NULL,
    start_time text NOT NULL,
    end_time   text NOT NULL,
    CHECK (end_date >= start_date),
    UNIQUE (owner_id, start_date, end_date, start_time, end_time)
);

CREATE INDEX ix_availability_rules_owner_dates ON availability_rules (owner_id, start_date, end_date);

CREATE TABLE weekly_hours (
    owner_id   text    NOT NULL REFERENCES owners (id),
    weekday    integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time text    NOT NULL,
    end_time   text    NOT NULL,
    PRIMARY KEY (owner_id, weekday, start_time, end_time)
);

CREATE TABLE date_overrides (
    owner_id text NOT NULL REFERENCES owners (id),
    date     text NOT NULL,
    PRIMARY KEY (owner_id, date)
);

CREATE TABLE date_override_hours (
    owner_id   text NOT NULL,
    date       text NOT NULL,
    start_time text NOT NULL,
    end_time   text NOT NULL,
    PRIMARY KEY (owner_id, date, start_time, end_time),
    FOREIGN KEY (owner_id, date) REFERENCES date_overrides (owner_id, date) ON DELETE CASCADE
);

CREATE TABLE meeting_types (
    owner_id               text    NOT NULL REFERENCES owners (id),
    slug                   text    NOT NULL,
    title                  text    NOT NULL,
    length_minutes         bigint  NOT NULL CHECK (length_minutes > 0),
    step_minutes           bigint  NOT NULL CHECK (step_minutes > 0),
    buffer_before_minutes  bigint  NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0),
    buffer_after_minutes   bigint  NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0),
    minimum_notice_minutes bigint  NOT NULL DEFAULT 0 CHECK (minimum_notice_minutes >= 0),
    horizon_days           bigint  CHECK (horizon_days >= 0),
    max_per_day            integer CHECK (max_per_day >= 1),
    created_at             bigint  NOT NULL,
    PRIMARY KEY (owner_id, slug)
);

CREATE TABLE bookings (
    id                text    NOT NULL PRIMARY KEY,
    owner_id          text    NOT NULL REFERENCES owners (id),
    meeting_type      text    NOT NULL DEFAULT '',
    invitee           text    NOT NULL,
    invitee_email     text,
    note              text,
    start_utc         bigint  NOT NULL,
    end_utc           bigint  NOT NULL,
    blocked_start_utc bigint  NOT NULL,
    blocked_end_utc   bigint  NOT NULL,
    status            text    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    created_at        bigint  NOT NULL,
    sequence          integer NOT NULL DEFAULT 0,
    cancelled_at      bigint,
    cancelled_by      text CHECK (cancelled_by IN ('owner', 'invitee')),
    cancel_reason     text,
    manage_token_hash text,
    CHECK (end_utc > start_utc),
    CHECK (blocked_start_utc <= start_utc AND blocked_end_utc >= end_utc),
    -- No code path, node count or isolation mistake can store two overlapping active bookings of one owner:
    -- their blocked times (meeting plus buffers) may not overlap.
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
        owner_id WITH =,
        int8range(blocked_start_utc, blocked_end_utc) WITH &&
    ) WHERE (status = 'active')
);

CREATE UNIQUE INDEX ux_bookings_owner_start_active ON bookings (owner_id, start_utc) WHERE status = 'active';
CREATE INDEX ix_bookings_owner_end ON bookings (owner_id, end_utc);
CREATE INDEX ix_bookings_owner_blocked ON bookings (owner_id, blocked_start_utc);
CREATE INDEX ix_bookings_owner_start_id ON bookings (owner_id, start_utc, id);

CREATE TABLE booking_history (
    booking_id text    NOT NULL REFERENCES bookings (id),
    sequence   integer NOT NULL,
    start_utc  bigint  NOT NULL,
    end_utc    bigint  NOT NULL,
    changed_at bigint  NOT NULL,
    PRIMARY KEY (booking_id, sequence)
);

CREATE TABLE owner_api_keys (
    id          text   NOT NULL PRIMARY KEY,
    owner_id    text   NOT NULL REFERENCES owners (id),
    secret_hash text   NOT NULL,
    created_at  bigint NOT NULL,
    revoked_at  bigint
);

CREATE INDEX ix_owner_api_keys_owner ON owner_api_keys (owner_id);

CREATE TABLE idempotency_keys (
    scope         text    NOT NULL,
    key           text    NOT NULL,
    request_hash  text    NOT NULL,
    status_code   integer NOT NULL,
    response_body text    NOT NULL,
    location      text,
    created_at    bigint  NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
