-- A booking's status is data, not a CHECK list: booking_statuses lists each status and whether a booking in it holds
-- its time (the engine's BookingStatuses.HoldsTime; pending approval, say, will hold it like an active booking). Each
-- booking carries holds_time beside its status, written by the store from the engine's answer, and the pair must be a
-- row of booking_statuses (a foreign key: every connection the service opens has foreign keys on). What occupies time
-- (the overlap guard, the unique start, the covering schedule index, the invitee's index) reads holds_time only, so
-- a new status is a row here, never a rebuild of bookings.
CREATE TABLE booking_statuses (
    status     TEXT    NOT NULL PRIMARY KEY,
    holds_time INTEGER NOT NULL CHECK (holds_time IN (0, 1)),
    UNIQUE (status, holds_time)
);
INSERT INTO booking_statuses (status, holds_time) VALUES ('active', 1), ('cancelled', 0);

-- SQLite cannot drop a CHECK in place, so bookings is made again, with its columns in their order, holds_time after
-- status (a row that names neither is active, as before). booking_history is made again with it so that its reference
-- leads to the new table: with foreign keys on, the old one can be dropped only once nothing refers to it.
CREATE TABLE bookings_new (
    id                TEXT    NOT NULL PRIMARY KEY,
    owner_id          TEXT    NOT NULL REFERENCES owners (id),
    invitee           TEXT    NOT NULL,
    start_utc         INTEGER NOT NULL,
    end_utc           INTEGER NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'active',
    holds_time        INTEGER NOT NULL DEFAULT 1,
    created_at        INTEGER NOT NULL,
    meeting_type      TEXT    NOT NULL DEFAULT '',
    invitee_email     TEXT,
    note              TEXT,
    blocked_start_utc INTEGER NOT NULL DEFAULT 0,
    blocked_end_utc   INTEGER NOT NULL DEFAULT 0,
    sequence          INTEGER NOT NULL DEFAULT 0,
    cancelled_at      INTEGER,
    cancel_reason     TEXT,
    cancelled_by      TEXT    CHECK (cancelled_by IN ('owner', 'invitee')),
    manage_token_hash TEXT,
    invitee_key       TEXT,
    invitee_language  TEXT,
    invitee_time_zone TEXT,
    team_id           TEXT,
    team_booking_id   TEXT,
    CHECK (end_utc > start_utc),
    FOREIGN KEY (status, holds_time) REFERENCES booking_statuses (status, holds_time)
);
-- holds_time comes from booking_statuses; a status missing there would leave it NULL and fail the copy, never drop a row.
INSERT INTO bookings_new (id, owner_id, invitee, start_utc, end_utc, status, holds_time, created_at, meeting_type, invitee_email, note,
                          blocked_start_utc, blocked_end_utc, sequence, cancelled_at, cancel_reason, cancelled_by, manage_token_hash,
                          invitee_key, invitee_language, invitee_time_zone, team_id, team_booking_id)
SELECT id, owner_id, invitee, start_utc, end_utc, status, (SELECT s.holds_time FROM booking_statuses s WHERE s.status = b.status), created_at,
       meeting_type, invitee_email, note, blocked_start_utc, blocked_end_utc, sequence, cancelled_at, cancel_reason, cancelled_by,
       manage_token_hash, invitee_key, invitee_language, invitee_time_zone, team_id, team_booking_id
FROM bookings b;

CREATE TABLE booking_history_new (
    booking_id TEXT    NOT NULL REFERENCES bookings_new (id),
    sequence   INTEGER NOT NULL,
    start_utc  INTEGER NOT NULL,
    end_utc    INTEGER NOT NULL,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (booking_id, sequence)
);
INSERT INTO booking_history_new (booking_id, sequence, start_utc, end_utc, changed_at)
SELECT booking_id, sequence, start_utc, end_utc, changed_at FROM booking_history;

-- Dropping bookings drops its indexes and triggers too; they are made again below, over holds_time.
DROP TABLE booking_history;
DROP TABLE bookings;
-- Renaming also renames the reference in booking_history_new (SQLite 3.26 and later).
ALTER TABLE bookings_new RENAME TO bookings;
ALTER TABLE booking_history_new RENAME TO booking_history;

CREATE UNIQUE INDEX ux_bookings_owner_start_holding ON bookings (owner_id, start_utc) WHERE holds_time;
CREATE INDEX ix_bookings_owner_end ON bookings (owner_id, end_utc);
CREATE INDEX ix_bookings_owner_start_id ON bookings (owner_id, start_utc, id);
-- Counting an invitee's bookings that hold time, inside the booking's write transaction (ScheduleReads.InviteeBookingsQuery).
CREATE INDEX ix_bookings_owner_invitee_end ON bookings (owner_id, invitee_key, end_utc) WHERE holds_time;
-- The schedule read and the overlap guard read this index alone (holds_time is in it so that SQLite need not read the
-- table to check the query's own holds_time): ScheduleReads.NearbyBookingsQuery.
CREATE INDEX ix_bookings_owner_holding_blocked
    ON bookings (owner_id, blocked_start_utc, blocked_end_utc, start_utc, end_utc, meeting_type, id, holds_time)
    WHERE holds_time;
CREATE INDEX ix_bookings_team_booking ON bookings (team_booking_id) WHERE team_booking_id IS NOT NULL;
CREATE INDEX ix_bookings_team_type_created ON bookings (team_id, meeting_type, owner_id, created_at) WHERE team_id IS NOT NULL;

-- The overlap guard of 0009, over bookings that hold time: no two of one owner overlap, buffers included, and none
-- blocks more than three days, so only the three days before a new booking are read.
CREATE TRIGGER bookings_no_overlap_on_insert
BEFORE INSERT ON bookings
WHEN NEW.holds_time
BEGIN
    SELECT RAISE(ABORT, 'booking overlaps a booking of the same owner that holds its time')
    WHERE NEW.blocked_start_utc > NEW.start_utc
       OR NEW.blocked_end_utc < NEW.end_utc
       OR NEW.blocked_end_utc - NEW.blocked_start_utc > 259200
       OR EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.owner_id = NEW.owner_id
          AND b.blocked_start_utc >= NEW.blocked_start_utc - 259200
          AND b.blocked_start_utc < NEW.blocked_end_utc
          AND b.holds_time
          AND b.blocked_end_utc > NEW.blocked_start_utc
    );
END;

CREATE TRIGGER bookings_no_overlap_on_update
BEFORE UPDATE OF start_utc, end_utc, blocked_start_utc, blocked_end_utc, holds_time, owner_id ON bookings
WHEN NEW.holds_time
BEGIN
    SELECT RAISE(ABORT, 'booking overlaps a booking of the same owner that holds its time')
    WHERE NEW.blocked_start_utc > NEW.start_utc
       OR NEW.blocked_end_utc < NEW.end_utc
       OR NEW.blocked_end_utc - NEW.blocked_start_utc > 259200
       OR EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.owner_id = NEW.owner_id
          AND b.id <> NEW.id
          AND b.blocked_start_utc >= NEW.blocked_start_utc - 259200
          AND b.blocked_start_utc < NEW.blocked_end_utc
          AND b.holds_time
          AND b.blocked_end_utc > NEW.blocked_start_utc
    );
END;
