-- Limits per week, month and year and minutes per day and week: a meeting type's own (beside max_per_day), and an
-- owner's across all their types with the day their weeks start on (ISO: 1 Monday ... 7 Sunday). Each is a short text
-- of name=value pairs (Agenda.Storage.Owners.BookingLimitsColumn); NULL: no limit.
ALTER TABLE meeting_types ADD COLUMN limits TEXT;
ALTER TABLE team_meeting_types ADD COLUMN limits TEXT;
ALTER TABLE owners ADD COLUMN booking_limits TEXT;
ALTER TABLE owners ADD COLUMN week_start INTEGER NOT NULL DEFAULT 1 CHECK (week_start BETWEEN 1 AND 7);
