-- What a meeting type says besides its rules (a description, where and how to meet, the questions an invitee
-- answers, the lengths offered, whether it is listed, where to go after booking, how late an invitee may change a
-- booking), kept as one JSON document per type written and read only by Storage/MeetingTypes/MeetingTypeDetails.cs:
-- nothing is ever selected by these fields, so a new one needs no migration. '{}' is a type with none of them.
ALTER TABLE meeting_types ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
ALTER TABLE team_meeting_types ADD COLUMN details TEXT NOT NULL DEFAULT '{}';

-- Where a booking's meeting happens (the option the invitee chose, resolved: the address, the number, the link, the
-- video room made for it) and the invitee's answers to the type's questions, each as a JSON document; NULL when the
-- type offered none. Both are the invitee's personal data, like the name and the note.
ALTER TABLE bookings ADD COLUMN location TEXT;
ALTER TABLE bookings ADD COLUMN answers TEXT;

-- Links that book a meeting type once. Only the hash of the link's secret is kept. A link belongs to an owner's type
-- (owner_id) or a team's (team_id). used_at and booking_id are set in the transaction that makes the booking, by an
-- UPDATE that finds the link unused, so two bookings racing for one link cannot both commit.
CREATE TABLE single_use_links (
    id          TEXT    NOT NULL PRIMARY KEY,
    token_hash  TEXT    NOT NULL UNIQUE,
    owner_id    TEXT    REFERENCES owners (id) ON DELETE CASCADE,
    team_id     TEXT    REFERENCES teams (id) ON DELETE CASCADE,
    slug        TEXT    NOT NULL,
    label       TEXT,
    created_at  INTEGER NOT NULL,
    used_at     INTEGER,
    booking_id  TEXT,
    revoked_at  INTEGER,
    CHECK ((owner_id IS NULL) <> (team_id IS NULL))
);
CREATE INDEX single_use_links_owner ON single_use_links (owner_id, slug);
CREATE INDEX single_use_links_team ON single_use_links (team_id, slug);
