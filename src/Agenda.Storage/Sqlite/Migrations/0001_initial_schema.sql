-- Owners publish availability; schedule_version grows with every change to their rules or bookings,
-- so a slot cache keyed by it can never serve an answer older than the last acknowledged write.
CREATE TABLE owners (
    id               TEXT    NOT NULL PRIMARY KEY,
    time_zone        TEXT    NOT NULL DEFAULT 'UTC',
    schedule_version INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL
);

-- Date-range rules in the owner's zone. Dates are ISO 'YYYY-MM-DD' (they sort as text);
-- times are 'HH:MM', and an end of '24:00' means the end of the day.
CREATE TABLE availability_rules (
    id         INTEGER NOT NULL PRIMARY KEY,
    owner_id   TEXT    NOT NULL REFERENCES owners (id),
    start_date TEXT    NOT NULL,
    end_date   TEXT    NOT NULL,
    start_time TEXT    NOT NULL,
    end_time   TEXT    NOT NULL,
    CHECK (end_date >= start_date),
    UNIQUE (owner_id, start_date, end_date, start_time, end_time)
);

CREATE INDEX ix_availability_rules_owner_dates ON availability_rules (owner_id, start_date, end_date);

-- Bookings as UTC instants in Unix seconds, half-open [start_utc, end_utc).
CREATE TABLE bookings (
    id         TEXT    NOT NULL PRIMARY KEY,
    owner_id   TEXT    NOT NULL REFERENCES owners (id),
    invitee    TEXT    NOT NULL,
    start_utc  INTEGER NOT NULL,
    end_utc    INTEGER NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    created_at INTEGER NOT NULL,
    CHECK (end_utc > start_utc)
);

CREATE UNIQUE INDEX ux_bookings_owner_start_active ON bookings (owner_id, start_utc) WHERE status = 'active';
CREATE INDEX ix_bookings_owner_end ON bookings (owner_id, end_utc);

-- The second guard against double booking, after the check inside the write transaction:
-- no two active bookings of one owner may overlap, whatever code path inserts them.
CREATE TRIGGER bookings_no_overlap_on_insert
BEFORE INSERT ON bookings
WHEN NEW.status = 'active'
BEGIN
    SELECT RAISE(ABORT, 'booking overlaps an active booking of the same owner')
    WHERE EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.owner_id = NEW.owner_id
          AND b.status = 'active'
          AND b.start_utc < NEW.end_utc
          AND b.end_utc > NEW.start_utc
    );
END;

CREATE TRIGGER bookings_no_overlap_on_update
BEFORE UPDATE OF start_utc, end_utc, status, owner_id ON bookings
WHEN NEW.status = 'active'
BEGIN
    SELECT RAISE(ABORT, 'booking overlaps an active booking of the same owner')
    WHERE EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.owner_id = NEW.owner_id
          AND b.id <> NEW.id
          AND b.status = 'active'
          AND b.start_utc < NEW.end_utc
          AND b.end_utc > NEW.start_utc
    );
END;
