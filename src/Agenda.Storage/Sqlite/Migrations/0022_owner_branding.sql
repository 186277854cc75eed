-- An owner's branding, shown on their booking pages and in the e-mail about their bookings: a brand colour
-- ('#RRGGBB'), a short welcome text, and a photo or logo kept as its bytes with the content type the host detected
-- from them. photo_version counts up with every new photo and never goes back (not even when the photo is removed),
-- so an address that names a version names one image for ever and can be cached as such. One row per owner, made on
-- the first change, and deleted with the owner.
CREATE TABLE owner_branding (
    owner_id           TEXT    NOT NULL PRIMARY KEY REFERENCES owners (id) ON DELETE CASCADE,
    brand_color        TEXT,
    welcome            TEXT,
    photo              BLOB,
    photo_content_type TEXT,
    photo_version      INTEGER NOT NULL DEFAULT 0,
    CHECK ((photo IS NULL) = (photo_content_type IS NULL))
);
