-- A schedule read takes the active bookings whose blocked time lies near some dates: with the columns it needs
-- included in one index over active bookings, PostgreSQL can answer it from the index alone (an index-only scan).
-- It replaces the index on (owner_id, blocked_start_utc), which only that read used.
CREATE INDEX ix_bookings_owner_active_blocked
    ON bookings (owner_id, blocked_start_utc) INCLUDE (blocked_end_utc, start_utc, end_utc, meeting_type, id)
    WHERE status = 'active';
DROP INDEX ix_bookings_owner_blocked;
