-- Recurring series: a weekly series of one invitee's meetings, booked all or nothing in one write. Each meeting is a
-- booking of its own (its own row, guarded against overlaps like any other) that names its series and its position in
-- it; the series keeps the rule it was booked with (the owner's zone, the first meeting's wall-clock start, how many
-- weeks apart and how many meetings), from which each meeting's first time (RFC 5545's RECURRENCE-ID) is known after
-- it moves. An event whose change another event of the same series write tells (cancelling or moving the rest of a
-- series, booking one) is quiet: it goes to webhooks, calendars and reminders, but sends no e-mail of its own.
CREATE TABLE booking_series (
    id                text    NOT NULL PRIMARY KEY,
    owner_id          text    NOT NULL REFERENCES owners (id),
    meeting_type      text    NOT NULL,
    time_zone         text    NOT NULL,
    first_local_start text    NOT NULL,
    length_minutes    integer NOT NULL CHECK (length_minutes BETWEEN 1 AND 1440),
    interval_weeks    integer NOT NULL CHECK (interval_weeks BETWEEN 1 AND 12),
    count             integer NOT NULL CHECK (count BETWEEN 2 AND 52),
    created_at        bigint  NOT NULL
);
ALTER TABLE bookings ADD COLUMN series_id text REFERENCES booking_series (id);
ALTER TABLE bookings ADD COLUMN series_index integer CHECK (series_index >= 0);
CREATE UNIQUE INDEX ux_bookings_series_index ON bookings (series_id, series_index) WHERE series_id IS NOT NULL;
ALTER TABLE booking_events ADD COLUMN quiet integer NOT NULL DEFAULT 0;
-- The invitee's allowance counts a series once: the index that counts an invitee's bookings carries the series, so the
-- count still reads the index alone.
DROP INDEX ix_bookings_owner_invitee_end;
CREATE INDEX ix_bookings_owner_invitee_end ON bookings (owner_id, invitee_key, end_utc, series_id) WHERE holds_time;
