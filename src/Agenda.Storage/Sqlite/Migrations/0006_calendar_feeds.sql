-- Each owner may have one subscribable calendar feed, at a secret URL; only the secret's hash is kept.
ALTER TABLE owners ADD COLUMN feed_token_hash TEXT;

CREATE UNIQUE INDEX ux_owners_feed_token_hash ON owners (feed_token_hash) WHERE feed_token_hash IS NOT NULL;
