-- Team roles: a team's admins edit its meeting types, hosts and membership; members book, are booked and manage their
-- own absences. A team's creator is its admin, people who join are members. Teams made before roles existed were
-- managed by every member, so their members all stay admins.
ALTER TABLE team_members ADD COLUMN role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member'));
UPDATE team_members SET role = 'admin';
