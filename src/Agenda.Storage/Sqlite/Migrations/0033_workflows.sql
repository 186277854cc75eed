-- Workflows: an owner's automatic steps on bookings (Agenda.Storage.Workflows). A workflow names the meeting types it
-- applies to (a JSON array of meeting type keys; [] for every type of the owner's), its trigger and offset, and its action:
-- an e-mail to the invitee, the owner or an address (target), or a signed webhook to target (secret signs it). Subject
-- and body are Liquid templates, checked when saved; translations holds other languages' subject and body
-- ({"de": {"Subject": "...", "Body": "..."}}), chosen by the recipient's language.
CREATE TABLE workflows (
    id             TEXT    NOT NULL PRIMARY KEY,
    owner_id       TEXT    NOT NULL REFERENCES owners (id),
    name           TEXT    NOT NULL,
    meeting_types  TEXT    NOT NULL,
    trigger_kind   TEXT    NOT NULL,
    offset_minutes INTEGER NOT NULL,
    action         TEXT    NOT NULL,
    target         TEXT,
    secret         TEXT,
    subject        TEXT    NOT NULL,
    body           TEXT    NOT NULL,
    translations   TEXT    NOT NULL,
    enabled        INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX ix_workflows_owner ON workflows (owner_id, created_at);

-- One run of a workflow for one booking event: planned when the event is fanned out (or, for a timed workflow saved
-- later, for the booking's latest event), its id made of both so it exists once. sequence is the event's: a timed run
-- is for the meeting as that event left it. Kept apart from deliveries, so adding them rewrites no existing table.
CREATE TABLE workflow_runs (
    id              TEXT    NOT NULL PRIMARY KEY,
    workflow_id     TEXT    NOT NULL,
    owner_id        TEXT    NOT NULL,
    booking_id      TEXT    NOT NULL,
    event_id        TEXT    NOT NULL,
    sequence        INTEGER NOT NULL,
    timed           INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    note            TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until   INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE INDEX ix_workflow_runs_due ON workflow_runs (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_workflow_runs_workflow ON workflow_runs (workflow_id, created_at);
CREATE INDEX ix_workflow_runs_booking ON workflow_runs (booking_id) WHERE status = 'pending';

CREATE TABLE workflow_run_attempts (
    run_id       TEXT    NOT NULL,
    attempt      INTEGER NOT NULL,
    attempted_at INTEGER NOT NULL,
    recipient    TEXT,
    status_code  INTEGER,
    error        TEXT,
    PRIMARY KEY (run_id, attempt)
);

-- When the owner marked the invitee as a no-show (NULL: not marked). Adding a nullable column rewrites no row.
ALTER TABLE bookings ADD COLUMN no_show_at INTEGER;
