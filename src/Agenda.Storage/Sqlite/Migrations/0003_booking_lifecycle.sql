-- Booking lifecycle: cancellation, rescheduling with history, and the invitee's management token.
-- sequence grows with every reschedule (it becomes the iCalendar SEQUENCE).
ALTER TABLE bookings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN cancelled_at INTEGER;
ALTER TABLE bookings ADD COLUMN cancel_reason TEXT;
ALTER TABLE bookings ADD COLUMN cancelled_by TEXT CHECK (cancelled_by IN ('owner', 'invitee'));

-- Only a hash of the invitee's token is kept (SHA-256 of a 256-bit random secret, as hex).
ALTER TABLE bookings ADD COLUMN manage_token_hash TEXT;

-- The times a booking had before each reschedule, oldest first.
CREATE TABLE booking_history (
    booking_id TEXT    NOT NULL REFERENCES bookings (id),
    sequence   INTEGER NOT NULL,
    start_utc  INTEGER NOT NULL,
    end_utc    INTEGER NOT NULL,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (booking_id, sequence)
);
