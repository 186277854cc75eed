-- Slot holds: a slot kept away from other invitees for a few minutes while one fills in the booking form.
-- id is the hash of the hold's secret; the secret itself is only ever in the holder's hands. An expired row blocks
-- nothing (every read compares expires_at with the clock) and is deleted by the next hold taken for its owner.
CREATE TABLE slot_holds (
    id                TEXT    NOT NULL PRIMARY KEY,
    owner_id          TEXT    NOT NULL REFERENCES owners (id),
    meeting_type      TEXT    NOT NULL,
    start_utc         BIGINT  NOT NULL,
    end_utc           BIGINT  NOT NULL,
    blocked_start_utc BIGINT  NOT NULL,
    blocked_end_utc   BIGINT  NOT NULL,
    expires_at        BIGINT  NOT NULL,
    created_at        BIGINT  NOT NULL,
    CHECK (end_utc > start_utc),
    CHECK (blocked_start_utc <= start_utc AND blocked_end_utc >= end_utc)
);
-- The holds near a slot or a date are a range of this index, as the bookings are of theirs.
CREATE INDEX ix_slot_holds_owner_blocked ON slot_holds (owner_id, blocked_start_utc);
