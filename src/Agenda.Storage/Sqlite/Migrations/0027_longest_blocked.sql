-- The longest time any of an owner's bookings or holds blocks, kept by triggers on every write of one (it only grows).
-- Reads of the bookings near a time scan the index over blocked starts from that time minus this, not minus the most
-- any booking may block (three days): a busy owner's read of one slot then reads the few bookings that can reach it.
ALTER TABLE owners ADD COLUMN longest_blocked INTEGER NOT NULL DEFAULT 0;
UPDATE owners SET longest_blocked = max(
    coalesce((SELECT max(blocked_end_utc - blocked_start_utc) FROM bookings WHERE owner_id = owners.id), 0),
    coalesce((SELECT max(blocked_end_utc - blocked_start_utc) FROM slot_holds WHERE owner_id = owners.id), 0));
CREATE TRIGGER bookings_longest_blocked_on_insert AFTER INSERT ON bookings
BEGIN
    UPDATE owners SET longest_blocked = NEW.blocked_end_utc - NEW.blocked_start_utc
    WHERE id = NEW.owner_id AND longest_blocked < NEW.blocked_end_utc - NEW.blocked_start_utc;
END;
CREATE TRIGGER bookings_longest_blocked_on_update AFTER UPDATE OF blocked_start_utc, blocked_end_utc ON bookings
BEGIN
    UPDATE owners SET longest_blocked = NEW.blocked_end_utc - NEW.blocked_start_utc
    WHERE id = NEW.owner_id AND longest_blocked < NEW.blocked_end_utc - NEW.blocked_start_utc;
END;
CREATE TRIGGER slot_holds_longest_blocked_on_insert AFTER INSERT ON slot_holds
BEGIN
    UPDATE owners SET longest_blocked = NEW.blocked_end_utc - NEW.blocked_start_utc
    WHERE id = NEW.owner_id AND longest_blocked < NEW.blocked_end_utc - NEW.blocked_start_utc;
END;
