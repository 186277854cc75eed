-- Owners' API keys. A key is shown once, as agk_<id>_<secret>; only a SHA-256 hash of the whole key is kept.
CREATE TABLE owner_api_keys (
    id          TEXT    NOT NULL PRIMARY KEY,
    owner_id    TEXT    NOT NULL REFERENCES owners (id),
    secret_hash TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

CREATE INDEX ix_owner_api_keys_owner ON owner_api_keys (owner_id);

-- The owner's booking list pages by (start_utc, id) over bookings of any status.
CREATE INDEX ix_bookings_owner_start_id ON bookings (owner_id, start_utc, id);
