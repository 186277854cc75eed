-- Workflows: an owner's automatic steps on bookings (Agenda.Storage.Workflows). A workflow names the meeting types it
-- applies to (a JSON array of meeting type keys; [] for every type of the owner's), its trigger and offset, and its action:
-- an e-mail to the invitee, the owner or an address (target), or a signed webhook to target (secret signs it). Subject
-- and body are Liquid templates, checked when saved; translations holds other languages' subject and body
-- ({"de": {"Subject": "...", "Body": "..."}}), chosen by the recipient's language.
CREATE TABLE workflows (
    id             text    NOT NULL PRIMARY KEY,
    owner_id       text    NOT NULL REFERENCES owners (id),
    name           text    NOT NULL,
    meeting_types  text    NOT NULL,
    trigger_kind   text    NOT NULL,
    offset_minutes BIGINT NOT NULL,
    action         text    NOT NULL,
    target         text,
    secret         text,
    subject        text    NOT NULL,
    body           text    NOT NULL,
    translations   text    NOT NULL,
    enabled        BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX ix_workflows_owner ON workflows (owner_id, created_at);

-- One run of a workflow for one booking event: planned when the event is fanned out (or, for a timed workflow saved
-- later, for the booking's latest event), its id made of both so it exists once. sequence is the event's: a timed run
-- is for the meeting as that event left it. Kept apart from deliveries, so adding them rewrites no existing table.
CREATE TABLE workflow_runs (
    id              text    NOT NULL PRIMARY KEY,
    workflow_id     text    NOT NULL,
    owner_id        text    NOT NULL,
    booking_id      text    NOT NULL,
    event_id        text    NOT NULL,
    sequence        BIGINT NOT NULL,
    timed           BIGINT NOT NULL,
    status          text    NOT NULL,
    note            text,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_until   BIGINT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX ix_workflow_runs_due ON workflow_runs (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_workflow_runs_workflow ON workflow_runs (workflow_id, created_at);
CREATE INDEX ix_workflow_runs_booking ON workflow_runs (booking_id) WHERE status = 'pending';

CREATE TABLE workflow_run_attempts (
    run_id       text    NOT NULL,
    attempt      BIGINT NOT NULL,
    attempted_at BIGINT NOT NULL,
    recipient    text,
    status_code  BIGINT,
    error        text,
    PRIMARY KEY (run_id, attempt)
);

-- When the owner marked the invitee as a no-show (NULL: not marked). Adding a nullable column rewrites no row.
ALTER TABLE bookings ADD COLUMN no_show_at BIGINT;
