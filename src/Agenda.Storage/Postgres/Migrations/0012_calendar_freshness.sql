-- When a connection's last good copy stops counting (its last successful read plus Calendars:MaxStaleMinutes), so
-- every search and booking judges staleness at its own moment rather than at the next read attempt. Rows read before
-- this column existed get it from the default age (60 minutes); their next successful read sets it from the setting.
ALTER TABLE calendar_connections ADD COLUMN stale_at BIGINT;
UPDATE calendar_connections SET stale_at = last_success_at + 3600 WHERE last_success_at IS NOT NULL;

-- Reads are numbered as they start (reads_started), and a read is recorded only when no read that started after it
-- has been recorded already (last_read): a slow read in flight never replaces a newer copy.
ALTER TABLE calendar_connections ADD COLUMN reads_started BIGINT NOT NULL DEFAULT 0;
ALTER TABLE calendar_connections ADD COLUMN last_read BIGINT NOT NULL DEFAULT 0;
