-- A team meeting type's host may offer it in the hours of one of their named schedules (schedules.id; NULL: their
-- default hours), as a personal meeting type does (meeting_types.schedule). team_meeting_types.schedule stays unused.
ALTER TABLE team_meeting_type_hosts ADD COLUMN schedule text;
