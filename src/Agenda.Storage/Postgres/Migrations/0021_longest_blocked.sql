-- The longest time any of an owner's bookings or holds blocks, kept by triggers on every write of one (it only grows).
-- Reads of the bookings near a time scan the index over blocked starts from that time minus this, not minus the most
-- any booking may block (three days): a busy owner's read of some dates then reads the few bookings that can reach them.
ALTER TABLE owners ADD COLUMN longest_blocked bigint NOT NULL DEFAULT 0;
UPDATE owners o SET longest_blocked = greatest(
    coalesce((SELECT max(blocked_end_utc - blocked_start_utc) FROM bookings b WHERE b.owner_id = o.id), 0),
    coalesce((SELECT max(blocked_end_utc - blocked_start_utc) FROM slot_holds h WHERE h.owner_id = o.id), 0));
CREATE FUNCTION note_longest_blocked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE owners SET longest_blocked = NEW.blocked_end_utc - NEW.blocked_start_utc
    WHERE id = NEW.owner_id AND longest_blocked < NEW.blocked_end_utc - NEW.blocked_start_utc;
    RETURN NULL;
END;
$$;
CREATE TRIGGER bookings_longest_blocked
AFTER INSERT OR UPDATE OF blocked_start_utc, blocked_end_utc ON bookings
FOR EACH ROW EXECUTE FUNCTION note_longest_blocked();
CREATE TRIGGER slot_holds_longest_blocked
AFTER INSERT ON slot_holds
FOR EACH ROW EXECUTE FUNCTION note_longest_blocked();
