-- A booking's status is data, not a CHECK list: booking_statuses lists each status and whether a booking in it holds
-- its time (the engine's BookingStatuses.HoldsTime; pending approval, say, will hold it like an active booking). Each
-- booking carries holds_time beside its status, written by the store from the engine's answer, and the pair must be a
-- row of booking_statuses (a foreign key). What occupies time (the exclusion constraint, the unique start, the covering
-- schedule index, the invitee's index) reads holds_time only, so a new status is a row here and nothing else.
CREATE TABLE booking_statuses (
    status     text    NOT NULL PRIMARY KEY,
    holds_time boolean NOT NULL,
    UNIQUE (status, holds_time)
);
INSERT INTO booking_statuses (status, holds_time) VALUES ('active', true), ('cancelled', false);

-- A row that names neither is active, as before. Adding the column with a constant default rewrites no row; only the
-- bookings whose status does not hold time are updated.
ALTER TABLE bookings ADD COLUMN holds_time boolean NOT NULL DEFAULT true;
UPDATE bookings b SET holds_time = s.holds_time FROM booking_statuses s WHERE s.status = b.status AND b.holds_time <> s.holds_time;

ALTER TABLE bookings DROP CONSTRAINT bookings_status_check;
ALTER TABLE bookings ADD CONSTRAINT bookings_status_holds_time_fkey
    FOREIGN KEY (status, holds_time) REFERENCES booking_statuses (status, holds_time);

-- The guard, the unique start and the partial indexes, over bookings that hold time. This script runs in one
-- transaction, so no booking is written between the old constraint's drop and the new one's check.
ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap;
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
    owner_id WITH =,
    int8range(blocked_start_utc, blocked_end_utc) WITH &&
) WHERE (holds_time);

DROP INDEX ux_bookings_owner_start_active;
CREATE UNIQUE INDEX ux_bookings_owner_start_holding ON bookings (owner_id, start_utc) WHERE holds_time;

-- Counting an invitee's bookings that hold time, inside the booking's write transaction (ScheduleReads.InviteeBookingsQuery).
DROP INDEX ix_bookings_owner_invitee_end;
CREATE INDEX ix_bookings_owner_invitee_end ON bookings (owner_id, invitee_key, end_utc) WHERE holds_time;

-- The schedule read of whole dates (ScheduleReads.NearbyBookingsQuery), answered from the index alone.
DROP INDEX ix_bookings_owner_active_blocked;
CREATE INDEX ix_bookings_owner_holding_blocked
    ON bookings (owner_id, blocked_start_utc) INCLUDE (blocked_end_utc, start_utc, end_utc, meeting_type, id)
    WHERE holds_time;
