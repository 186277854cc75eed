-- The overlap guard reads only the bookings near the new one. Before, it read every earlier booking of the owner
-- inside the write lock, so each booking cost more as history grew (about 5 ms at 10,000 bookings).
-- No booking blocks more than three days (a meeting of at most a day with a buffer of at most a day on each side,
-- as MeetingType guarantees); the guard now refuses any row that would, so a booking that overlaps the new one must
-- start its blocked time at most three days (259,200 seconds) before the new one's, and the index
-- (owner_id, blocked_start_utc) is scanned over that range only.
DROP TRIGGER bookings_no_overlap_on_insert;
DROP TRIGGER bookings_no_overlap_on_update;

CREATE TRIGGER bookings_no_overlap_on_insert
BEFORE INSERT ON bookings
WHEN NEW.status = 'active'
BEGIN
    SELECT RAISE(ABORT, 'booking overlaps an active booking of the same owner')
    WHERE NEW.blocked_start_utc > NEW.start_utc
       OR NEW.blocked_end_utc < NEW.end_utc
       OR NEW.blocked_end_utc - NEW.blocked_start_utc > 259200
       OR EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.owner_id = NEW.owner_id
          AND b.blocked_start_utc >= NEW.blocked_start_utc - 259200
          AND b.blocked_start_utc < NEW.blocked_end_utc
          AND b.status = 'active'
          AND b.blocked_end_utc > NEW.blocked_start_utc
    );
END;

CREATE TRIGGER bookings_no_overlap_on_update
BEFORE UPDATE OF start_utc, end_utc, blocked_start_utc, blocked_end_utc, status, owner_id ON bookings
WHEN NEW.status = 'active'
BEGIN
    SELECT RAISE(ABORT, 'booking overlaps an active booking of the same owner')
    WHERE NEW.blocked_start_utc > NEW.start_utc
       OR NEW.blocked_end_utc < NEW.end_utc
       OR NEW.blocked_end_utc - NEW.blocked_start_utc > 259200
       OR EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.owner_id = NEW.owner_id
          AND b.id <> NEW.id
          AND b.blocked_start_utc >= NEW.blocked_start_utc - 259200
          AND b.blocked_start_utc < NEW.blocked_end_utc
          AND b.status = 'active'
          AND b.blocked_end_utc > NEW.blocked_start_utc
    );
END;
