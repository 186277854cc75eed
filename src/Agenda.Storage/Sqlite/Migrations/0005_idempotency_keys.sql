-- Answers to booking requests made with an Idempotency-Key, replayed when the same key comes again.
-- Only successful answers are kept; entries older than two days are removed when their route is next used.
CREATE TABLE idempotency_keys (
    scope         TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    request_hash  TEXT    NOT NULL,
    status_code   INTEGER NOT NULL,
    response_body TEXT    NOT NULL,
    location      TEXT,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at);
