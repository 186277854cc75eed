-- Owners get a display name; time_zone (an IANA id) already exists.
ALTER TABLE owners ADD COLUMN display_name TEXT;

-- Weekly hours: any number of ranges per ISO weekday (1 = Monday ... 7 = Sunday), in the owner's zone.
CREATE TABLE weekly_hours (
    owner_id   TEXT    NOT NULL REFERENCES owners (id),
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time TEXT    NOT NULL,
    end_time   TEXT    NOT NULL,
    PRIMARY KEY (owner_id, weekday, start_time, end_time)
);

-- Date overrides: a row per overridden date; its hours, if any, in date_override_hours.
-- An override without hours makes the date unavailable.
CREATE TABLE date_overrides (
    owner_id TEXT NOT NULL REFERENCES owners (id),
    date     TEXT NOT NULL,
    PRIMARY KEY (owner_id, date)
);

CREATE TABLE date_override_hours (
    owner_id   TEXT NOT NULL,
    date       TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time   TEXT NOT NULL,
    PRIMARY KEY (owner_id, date, start_time, end_time),
    FOREIGN KEY (owner_id, date) REFERENCES date_overrides (owner_id, date) ON DELETE CASCADE
);

-- Meeting types (event types) per owner, addressed by slug.
CREATE TABLE meeting_types (
    owner_id               TEXT    NOT NULL REFERENCES owners (id),
    slug                   TEXT    NOT NULL,
    title                  TEXT    NOT NULL,
    length_minutes         INTEGER NOT NULL CHECK (length_minutes > 0),
    step_minutes           INTEGER NOT NULL CHECK (step_minutes > 0),
    buffer_before_minutes  INTEGER NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0),
    buffer_after_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0),
    minimum_notice_minutes INTEGER NOT NULL DEFAULT 0 CHECK (minimum_notice_minutes >= 0),
    horizon_days           INTEGER CHECK (horizon_days >= 0),
    max_per_day            INTEGER CHECK (max_per_day >= 1),
    created_at             INTEGER NOT NULL,
    PRIMARY KEY (owner_id, slug)
);

-- Bookings record their meeting type ('' for the documented API's one-hour type), the invitee's
-- contact details, and the time they block: the meeting with its type's buffers.
ALTER TABLE bookings ADD COLUMN meeting_type TEXT NOT NULL DEFAULT '';
ALTER TABLE bookings ADD COLUMN invitee_email TEXT;
ALTER TABLE bookings ADD COLUMN note TEXT;
ALTER TABLE bookings ADD COLUMN blocked_start_utc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN blocked_end_utc INTEGER NOT NULL DEFAULT 0;
UPDATE bookings SET blocked_start_utc = start_utc, blocked_end_utc = end_utc;

CREATE INDEX ix_bookings_owner_blocked ON bookings (owner_id, blocked_start_utc);

-- The overlap guard now compares blocked times, buffers included.
DROP TRIGGER bookings_no_overlap_on_insert;
DROP TRIGGER bookings_no_overlap_on_update;

CREATE TRIGGER bookings_no_overlap_on_insert
BEFORE INSERT ON bookings
WHEN NEW.status = 'active'
BEGIN
    SELECT RAISE(ABORT, 'booking overlaps an active booking of the same owner')
    WHERE NEW.blocked_start_utc > NEW.start_utc
       OR NEW.blocked_end_utc < NEW.end_utc
       OR EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.owner_id = NEW.owner_id
          AND b.status = 'active'
          AND b.blocked_start_utc < NEW.blocked_end_utc
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
       OR EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.owner_id = NEW.owner_id
          AND b.id <> NEW.id
          AND b.status = 'active'
          AND b.blocked_start_utc < NEW.blocked_end_utc
          AND b.blocked_end_utc > NEW.blocked_start_utc
    );
END;
