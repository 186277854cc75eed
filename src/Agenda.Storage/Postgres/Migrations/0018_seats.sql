-- Seats: a meeting type may take several invitees per slot (a class). Each seat is a booking of its own; the seats of one
-- slot share a row of seat_slots, which counts how many of them hold time and refuses more than its capacity (a CHECK
-- that the counting trigger below runs into: the counting UPDATE locks the row, so concurrent seats, on any node, count
-- one after another). The exclusion constraint lets the seats of one seat slot overlap each other and nothing else, and
-- a foreign key makes a seat have its seat slot's very owner, type and times.
ALTER TABLE meeting_types ADD COLUMN seats integer CHECK (seats BETWEEN 2 AND 1000);
ALTER TABLE team_meeting_types ADD COLUMN seats integer CHECK (seats BETWEEN 2 AND 1000);
-- A hold on a seat takes one of the seats its slot offered when it was held.
ALTER TABLE slot_holds ADD COLUMN seats integer;

CREATE TABLE seat_slots (
    id                text    NOT NULL PRIMARY KEY,
    owner_id          text    NOT NULL REFERENCES owners (id),
    meeting_type      text    NOT NULL,
    start_utc         bigint  NOT NULL,
    end_utc           bigint  NOT NULL,
    blocked_start_utc bigint  NOT NULL,
    blocked_end_utc   bigint  NOT NULL,
    capacity          integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    taken             integer NOT NULL DEFAULT 0,
    CONSTRAINT seat_slots_within_capacity CHECK (taken BETWEEN 0 AND capacity),
    UNIQUE (id, owner_id, meeting_type, start_utc, end_utc, blocked_start_utc, blocked_end_utc)
);
CREATE INDEX ix_seat_slots_owner_start ON seat_slots (owner_id, start_utc);

ALTER TABLE bookings ADD COLUMN seat_slot_id text;
ALTER TABLE bookings ADD CONSTRAINT bookings_seat_slot_fkey
    FOREIGN KEY (seat_slot_id, owner_id, meeting_type, start_utc, end_utc, blocked_start_utc, blocked_end_utc)
    REFERENCES seat_slots (id, owner_id, meeting_type, start_utc, end_utc, blocked_start_utc, blocked_end_utc);
CREATE INDEX ix_bookings_seat_slot ON bookings (seat_slot_id) WHERE seat_slot_id IS NOT NULL;

-- The guard of 0013, but two seats of one seat slot may overlap (btree_gist gives text its <> here).
ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap;
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
    owner_id WITH =,
    int8range(blocked_start_utc, blocked_end_utc) WITH &&,
    (coalesce(seat_slot_id, id)) WITH <>
) WHERE (holds_time);

-- The seats of one slot start together; any other two bookings that hold time still may not.
DROP INDEX ux_bookings_owner_start_holding;
CREATE UNIQUE INDEX ux_bookings_owner_start_holding ON bookings (owner_id, start_utc) WHERE holds_time AND seat_slot_id IS NULL;

-- The schedule read names the seat slot too, still from the index alone.
DROP INDEX ix_bookings_owner_holding_blocked;
CREATE INDEX ix_bookings_owner_holding_blocked
    ON bookings (owner_id, blocked_start_utc) INCLUDE (blocked_end_utc, start_utc, end_utc, meeting_type, id, seat_slot_id)
    WHERE holds_time;

-- taken counts the seats that hold time; past capacity, seat_slots_within_capacity refuses the write.
CREATE FUNCTION bookings_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.seat_slot_id IS NOT NULL AND OLD.holds_time THEN
        UPDATE seat_slots SET taken = taken - 1 WHERE id = OLD.seat_slot_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.seat_slot_id IS NOT NULL AND NEW.holds_time THEN
        UPDATE seat_slots SET taken = taken + 1 WHERE id = NEW.seat_slot_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER bookings_count_seats
AFTER INSERT OR DELETE OR UPDATE OF holds_time, seat_slot_id ON bookings
FOR EACH ROW EXECUTE FUNCTION bookings_count_seats();
