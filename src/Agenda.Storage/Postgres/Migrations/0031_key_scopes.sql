-- What a key may do. 'full': the owner's API key (every /v1 route of the owner, the console's sign-in, /mcp).
-- 'read' and 'book': tokens an owner gives an agent, accepted only at /mcp: 'read' finds meeting types, free times and
-- the owner's bookings; 'book' also holds, books, cancels and moves on the owner's behalf. label: the owner's name for
-- the token ("my assistant"). Keys issued before this migration are full keys, as they were.
ALTER TABLE owner_api_keys ADD COLUMN scope text NOT NULL DEFAULT 'full' CHECK (scope IN ('full', 'read', 'book'));
ALTER TABLE owner_api_keys ADD COLUMN label text;
