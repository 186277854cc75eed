-- ASP.NET Core's data-protection key ring (it encrypts the session cookies and antiforgery tokens of the pages): kept in
-- the database, so every node of a deployment reads the same keys and a restart signs nobody out.
CREATE TABLE data_protection_keys (
    name       TEXT    NOT NULL PRIMARY KEY,
    xml        TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
