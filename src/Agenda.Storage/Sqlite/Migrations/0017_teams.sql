-- Teams: owners who are booked together. A member joins with their own key and the team's join code (kept as a hash),
-- or with the administrator key. A team meeting type lists its hosts, who must be members; a team booking is one row
-- in bookings per assigned host (owner_id = the host), all sharing team_booking_id (the first host's row's id, which
-- the invitee is given). So the same per-owner overlap guard that keeps personal bookings apart keeps every host's
-- personal and team bookings apart, and each host's schedule, caches, lists and notifications include them unchanged.
CREATE TABLE teams (
    id             TEXT    NOT NULL PRIMARY KEY,
    name           TEXT    NOT NULL,
    join_code_hash TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE TABLE team_members (
    team_id   TEXT    NOT NULL REFERENCES teams (id),
    owner_id  TEXT    NOT NULL REFERENCES owners (id),
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, owner_id)
);
CREATE INDEX ix_team_members_owner ON team_members (owner_id);

-- Out of office: while one of these periods overlaps a slot, the member is no host of any of the team's slots.
CREATE TABLE team_absences (
    team_id   TEXT    NOT NULL,
    owner_id  TEXT    NOT NULL,
    start_utc INTEGER NOT NULL,
    end_utc   INTEGER NOT NULL,
    CHECK (end_utc > start_utc),
    FOREIGN KEY (team_id, owner_id) REFERENCES team_members (team_id, owner_id)
);
CREATE INDEX ix_team_absences_member ON team_absences (team_id, owner_id);

CREATE TABLE team_meeting_types (
    team_id                TEXT    NOT NULL REFERENCES teams (id),
    slug                   TEXT    NOT NULL,
    title                  TEXT    NOT NULL,
    kind                   TEXT    NOT NULL CHECK (kind IN ('collective', 'round_robin')),
    length_minutes         INTEGER NOT NULL,
    step_minutes           INTEGER NOT NULL,
    buffer_before_minutes  INTEGER NOT NULL,
    buffer_after_minutes   INTEGER NOT NULL,
    minimum_notice_minutes INTEGER NOT NULL,
    horizon_days           INTEGER,
    max_per_day            INTEGER,
    hosts_per_booking      INTEGER,
    fairness_days          INTEGER NOT NULL,
    created_at             INTEGER NOT NULL,
    PRIMARY KEY (team_id, slug)
);

-- The hosts of a team meeting type, in the team's order (position). added_at starts the host's round-robin fairness.
CREATE TABLE team_meeting_type_hosts (
    team_id  TEXT    NOT NULL,
    slug     TEXT    NOT NULL,
    owner_id TEXT    NOT NULL,
    position INTEGER NOT NULL,
    weight   INTEGER NOT NULL CHECK (weight > 0),
    priority INTEGER NOT NULL,
    is_fixed INTEGER NOT NULL CHECK (is_fixed IN (0, 1)),
    added_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, slug, owner_id),
    FOREIGN KEY (team_id, slug) REFERENCES team_meeting_types (team_id, slug),
    FOREIGN KEY (team_id, owner_id) REFERENCES team_members (team_id, owner_id)
);

ALTER TABLE bookings ADD COLUMN team_id TEXT;
ALTER TABLE bookings ADD COLUMN team_booking_id TEXT;
CREATE INDEX ix_bookings_team_booking ON bookings (team_booking_id) WHERE team_booking_id IS NOT NULL;
-- Round robin's history: a team meeting type's assignments by when they were made.
CREATE INDEX ix_bookings_team_type_created ON bookings (team_id, meeting_type, owner_id, created_at) WHERE team_id IS NOT NULL;

-- A hold on a team slot is one hold per host it would be assigned to, all carrying the hold id the holder was given
-- (the first host's hold has it as its id): each blocks its host's time like a personal hold, and they are released
-- or used up together.
ALTER TABLE slot_holds ADD COLUMN team_hold_id TEXT;
CREATE INDEX ix_slot_holds_team_hold ON slot_holds (team_hold_id) WHERE team_hold_id IS NOT NULL;
