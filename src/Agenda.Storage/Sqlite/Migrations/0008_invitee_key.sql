-- Who booked, as the invitee allowance knows them (InviteeAllowance.Identity): 'email:' and the lower-case address,
-- or 'name:' and the name. Written by the store on every new booking; earlier rows are filled here (SQLite's lower()
-- folds ASCII only, which the store's own key matches for every ASCII address).
ALTER TABLE bookings ADD COLUMN invitee_key TEXT;
UPDATE bookings SET invitee_key = CASE
    WHEN invitee_email IS NULL OR trim(invitee_email) = '' THEN 'name:' || invitee
    ELSE 'email:' || lower(trim(invitee_email)) END;

-- Counting an invitee's active bookings with an owner, inside the booking's write transaction, reads only their rows.
CREATE INDEX ix_bookings_owner_invitee_end ON bookings (owner_id, invitee_key, end_utc) WHERE status = 'active';
