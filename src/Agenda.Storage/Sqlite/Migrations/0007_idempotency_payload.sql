-- Idempotency keys keep an opaque payload chosen by the host (today: the JSON of the booking answer), not an HTTP
-- status and Location: rendering an answer is the host's job. Earlier rows kept that same JSON as response_body.
ALTER TABLE idempotency_keys RENAME COLUMN response_body TO payload;
ALTER TABLE idempotency_keys DROP COLUMN status_code;
ALTER TABLE idempotency_keys DROP COLUMN location;
