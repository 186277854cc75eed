-- Bookings are written into owners' CalDAV calendars through the outbox: a delivery on channel 'calendar' is for one
-- calendar connection (connection_id), whose write_calendar receives the booking. connection_id has no foreign key:
-- a connection removed later leaves its deliveries, which the dispatcher closes with a note.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check CHECK (channel IN ('webhook', 'email', 'reminder', 'calendar'));
ALTER TABLE deliveries ADD COLUMN connection_id text;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_connection_check CHECK ((channel = 'calendar') = (connection_id IS NOT NULL));
CREATE INDEX ix_deliveries_connection ON deliveries (connection_id, created_at);
