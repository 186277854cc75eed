-- When the invitee's personal data was erased from the booking (NULL: never): by a request (IPersonalDataStore) or by the
-- retention sweep, which anonymises bookings ended longer ago than Privacy:RetentionDays. Adding a nullable column
-- rewrites no row.
ALTER TABLE bookings ADD COLUMN erased_at INTEGER;
