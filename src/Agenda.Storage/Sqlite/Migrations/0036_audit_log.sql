-- The audit log: who changed what, when and from where, for owners' and administrators' actions (Agenda.Storage.Audit).
-- actor names who acted (administrator, owner:<id>, account:<id>); owner_id whose data it touched; action the method and
-- route (or console page and handler); target the route's ids; address the client's IP address. Never a request body,
-- query string or header, so never a secret. Entries older than Audit:RetentionDays are deleted.
CREATE TABLE audit_log (
    id          TEXT    NOT NULL PRIMARY KEY,
    occurred_at INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    owner_id    TEXT,
    action      TEXT    NOT NULL,
    target      TEXT,
    status      INTEGER NOT NULL,
    address     TEXT
);
CREATE INDEX ix_audit_log_owner ON audit_log (owner_id, occurred_at);
CREATE INDEX ix_audit_log_time ON audit_log (occurred_at);
