-- Hours in other zones. A named schedule's own zone (NULL: the owner's) and the dates whose hours are in yet another zone while its owner
-- travels, as [{"from": "2027-03-10", "to": "2027-03-20", "time_zone": "Asia/Tokyo"}] (both dates included;
-- Agenda.Storage.Availability.TravelColumn). The owner's default hours travel too: owners.travel, the same document. Adding columns rewrites no row.
ALTER TABLE schedules ADD COLUMN time_zone TEXT;
ALTER TABLE schedules ADD COLUMN travel TEXT NOT NULL DEFAULT '[]';
ALTER TABLE owners ADD COLUMN travel TEXT NOT NULL DEFAULT '[]';
