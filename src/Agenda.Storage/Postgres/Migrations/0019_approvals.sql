-- Requests of meeting types that require approval: a request awaiting the owner's answer either holds its time
-- ('pending') or not ('requested', the slot stays offered until one request for it is confirmed); the owner declines
-- one ('declined'), or it is not answered in time ('expired'). Each is a row of booking_statuses, so the exclusion
-- constraint, the unique start and every read of occupied time follow holds_time as for any status. A request expires
-- at expires_at; the expiry sweep finds the due ones by the partial index.
INSERT INTO booking_statuses (status, holds_time) VALUES ('pending', true), ('requested', false), ('declined', false), ('expired', false);
ALTER TABLE bookings ADD COLUMN expires_at bigint;
CREATE INDEX ix_bookings_awaiting_expiry ON bookings (expires_at) WHERE status IN ('pending', 'requested');
