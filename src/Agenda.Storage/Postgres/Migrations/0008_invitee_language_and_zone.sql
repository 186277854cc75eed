-- The invitee's language and time zone as the booking page knew them (or the API was told), so the e-mail to the
-- invitee is in their language and shows the time on their clock. NULL for bookings made before, and whenever unknown:
-- then the owner's language and zone are used.
ALTER TABLE bookings ADD COLUMN invitee_language text, ADD COLUMN invitee_time_zone text;
