-- The tz database version whose rules the service last reported the bookings under (Agenda.Api.Operations.TimeZoneUpdates).
-- A service that loads other rules reports the bookings whose local time they move once, with the new version recorded in
-- the same transaction: not again at the next start, and not twice when two nodes load the same file.
CREATE TABLE time_zone_rules (
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version    TEXT    NOT NULL,
    applied_at BIGINT  NOT NULL
);
