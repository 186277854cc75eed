-- The owner's private note on a booking (NULL: none): seen by the owner only, never by the invitee, in no e-mail or
-- webhook. Adding a nullable column without a default rewrites no row.
ALTER TABLE bookings ADD COLUMN private_note TEXT;
