-- The overlap guard of 0024, its scan bounded by the owner's longest blocked time (0027) instead of the most any booking
-- may block (three days): an existing booking that starts earlier than the new one's blocked start less that cannot
-- reach it. The longest blocked time is kept by triggers in the same transaction as every booking and hold, and only
-- grows, so the bound never leaves out a booking that could overlap. A booking still may not block more than three days.
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
          AND b.blocked_start_utc >= NEW.blocked_start_utc - (SELECT longest_blocked FROM owners WHERE id = NEW.owner_id)
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
          AND b.blocked_start_utc >= NEW.blocked_start_utc - (SELECT longest_blocked FROM owners WHERE id = NEW.owner_id)
          AND b.blocked_start_utc < NEW.blocked_end_utc
          AND b.holds_time
          AND b.blocked_end_utc > NEW.blocked_start_utc
          AND (NEW.seat_slot_id IS NULL OR b.seat_slot_id IS NULL OR b.seat_slot_id <> NEW.seat_slot_id)
    );
END;

-- A seat has its seat slot's owner, type and times, buffers included.
