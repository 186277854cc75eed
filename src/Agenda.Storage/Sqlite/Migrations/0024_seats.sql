-- Seats: a meeting type may take several invitees per slot (a class). Each seat is a booking of its own; the seats of one
-- slot share a row of seat_slots, which counts how many of them hold time and refuses more than its capacity (a CHECK
-- that the counting triggers below run into). The overlap guard lets the seats of one seat slot overlap each other and
-- nothing else, and a seat must have its seat slot's very owner, type and times.
ALTER TABLE meeting_types ADD COLUMN seats INTEGER CHECK (seats BETWEEN 2 AND 1000);
ALTER TABLE team_meeting_types ADD COLUMN seats INTEGER CHECK (seats BETWEEN 2 AND 1000);
-- A hold on a seat takes one of the seats its slot offered when it was held.
ALTER TABLE slot_holds ADD COLUMN seats INTEGER;

CREATE TABLE seat_slots (
    id                TEXT    NOT NULL PRIMARY KEY,
    owner_id          TEXT    NOT NULL REFERENCES owners (id),
    meeting_type      TEXT    NOT NULL,
    start_utc         INTEGER NOT NULL,
    end_utc           INTEGER NOT NULL,
    blocked_start_utc INTEGER NOT NULL,
    blocked_end_utc   INTEGER NOT NULL,
    capacity          INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    taken             INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT seat_slots_within_capacity CHECK (taken BETWEEN 0 AND capacity)
);
CREATE INDEX ix_seat_slots_owner_start ON seat_slots (owner_id, start_utc);

ALTER TABLE bookings ADD COLUMN seat_slot_id TEXT REFERENCES seat_slots (id);
CREATE INDEX ix_bookings_seat_slot ON bookings (seat_slot_id) WHERE seat_slot_id IS NOT NULL;

-- The seats of one slot start together; any other two bookings that hold time still may not.
DROP INDEX ux_bookings_owner_start_holding;
CREATE UNIQUE INDEX ux_bookings_owner_start_holding ON bookings (owner_id, start_utc) WHERE holds_time AND seat_slot_id IS NULL;

-- The schedule read names the seat slot too, still from the index alone.
DROP INDEX ix_bookings_owner_holding_blocked;
CREATE INDEX ix_bookings_owner_holding_blocked
    ON bookings (owner_id, blocked_start_utc, blocked_end_utc, start_utc, end_utc, meeting_type, id, holds_time, seat_slot_id)
    WHERE holds_time;

-- The overlap guard of 0019, but two seats of one seat slot may overlap.
DROP TRIGGER bookings_no_overlap_on_insert;
DROP TRIGGER bookings_no_overlap_on_update;
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
          AND (NEW.seat_slot_id IS NULL OR b.seat_slot_id IS NULL OR b.seat_slot_id <> NEW.seat_slot_id)
    );
END;

CREATE TRIGGER bookings_no_overlap_on_update
BEFORE UPDATE OF start_utc, end_utc, blocked_start_utc, blocked_end_utc, holds_time, owner_id, seat_slot_id ON bookings
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
          AND (NEW.seat_slot_id IS NULL OR b.seat_slot_id IS NULL OR b.seat_slot_id <> NEW.seat_slot_id)
    );
END;

-- A seat has its seat slot's owner, type and times, buffers included.
CREATE TRIGGER bookings_seat_matches_slot_on_insert
BEFORE INSERT ON bookings
WHEN NEW.seat_slot_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a seat must have its seat slot''s owner, type and times')
    WHERE NOT EXISTS (
        SELECT 1 FROM seat_slots s
        WHERE s.id = NEW.seat_slot_id AND s.owner_id = NEW.owner_id AND s.meeting_type = NEW.meeting_type
          AND s.start_utc = NEW.start_utc AND s.end_utc = NEW.end_utc
          AND s.blocked_start_utc = NEW.blocked_start_utc AND s.blocked_end_utc = NEW.blocked_end_utc
    );
END;

CREATE TRIGGER bookings_seat_matches_slot_on_update
BEFORE UPDATE OF owner_id, meeting_type, start_utc, end_utc, blocked_start_utc, blocked_end_utc, seat_slot_id ON bookings
WHEN NEW.seat_slot_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a seat must have its seat slot''s owner, type and times')
    WHERE NOT EXISTS (
        SELECT 1 FROM seat_slots s
        WHERE s.id = NEW.seat_slot_id AND s.owner_id = NEW.owner_id AND s.meeting_type = NEW.meeting_type
          AND s.start_utc = NEW.start_utc AND s.end_utc = NEW.end_utc
          AND s.blocked_start_utc = NEW.blocked_start_utc AND s.blocked_end_utc = NEW.blocked_end_utc
    );
END;

-- taken counts the seats that hold time; past capacity, seat_slots_within_capacity refuses the write.
CREATE TRIGGER bookings_seat_taken_on_insert
AFTER INSERT ON bookings
WHEN NEW.seat_slot_id IS NOT NULL AND NEW.holds_time
BEGIN
    UPDATE seat_slots SET taken = taken + 1 WHERE id = NEW.seat_slot_id;
END;

CREATE TRIGGER bookings_seat_taken_on_update
AFTER UPDATE OF holds_time, seat_slot_id ON bookings
WHEN OLD.seat_slot_id IS NOT NULL OR NEW.seat_slot_id IS NOT NULL
BEGIN
    UPDATE seat_slots SET taken = taken - 1 WHERE id = OLD.seat_slot_id AND OLD.holds_time;
    UPDATE seat_slots SET taken = taken + 1 WHERE id = NEW.seat_slot_id AND NEW.holds_time;
END;

CREATE TRIGGER bookings_seat_taken_on_delete
AFTER DELETE ON bookings
WHEN OLD.seat_slot_id IS NOT NULL AND OLD.holds_time
BEGIN
    UPDATE seat_slots SET taken = taken - 1 WHERE id = OLD.seat_slot_id;
END;
