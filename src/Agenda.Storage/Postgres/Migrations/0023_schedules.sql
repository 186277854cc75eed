-- Named schedules: an owner keeps several sets of hours ("Evenings for clients", "Summer") beside their default ones
-- (weekly_hours, availability_rules, date_overrides), and each meeting type uses one (meeting_types.schedule; NULL: the
-- default). A schedule's weekly hours and date overrides are small JSON documents (Agenda.Storage.Availability.ScheduleColumns).
CREATE TABLE schedules (
    owner_id     text   NOT NULL REFERENCES owners (id),
    id           text   NOT NULL,
    name         text   NOT NULL,
    weekly_hours text   NOT NULL,
    overrides    text   NOT NULL,
    created_at   bigint NOT NULL,
    PRIMARY KEY (owner_id, id)
);
ALTER TABLE meeting_types ADD COLUMN schedule text;
ALTER TABLE team_meeting_types ADD COLUMN schedule text;
