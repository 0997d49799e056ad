"""The host's capacity enforced from its own side too: a constraint trigger on host
places refuses lowering the capacity below the most placements of the host that share a
day from today (Helsinki) on. Placements that have ended no longer hold a place, so a
capacity once lowered would make 0005's trigger refuse any change to such a placement
that only shortens it (ending it early): that trigger now lets a placement shrink at its
own host, which can never add a participant to any day. The service
(placements.services.host_save) checks the same under the host's lock and answers with
a message."""

from django.db import migrations

PLACEMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION placements_check_host_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    cap integer;
    peak integer;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.host_id = OLD.host_id
       AND NEW.start_date >= OLD.start_date AND NEW.end_date <= OLD.end_date THEN
        RETURN NULL;  -- a shorter period at the same host takes no place from anyone
    END IF;
    SELECT capacity INTO cap FROM placements_host WHERE id = NEW.host_id FOR UPDATE;
    -- The most placements sharing a day comes on the first day of one of them (or of
    -- the new one): count the placements running on each of those days.
    SELECT coalesce(max(n), 0) INTO peak FROM (
        SELECT count(*) AS n
        FROM (
            SELECT DISTINCT greatest(p.start_date, NEW.start_date) AS day
            FROM placements_placement p
            WHERE p.host_id = NEW.host_id
              AND p.start_date <= NEW.end_date AND p.end_date >= NEW.start_date
        ) days
        JOIN placements_placement q
          ON q.host_id = NEW.host_id AND q.start_date <= days.day AND q.end_date >= days.day
        GROUP BY days.day
    ) counts;
    IF peak > cap THEN
        RAISE EXCEPTION 'host % has room for % participants at once', NEW.host_id, cap
            USING ERRCODE = 'check_violation', CONSTRAINT = 'placement_host_capacity';
    END IF;
    RETURN NULL;
END
$$;
"""

# 0005's function, for going back.
PLACEMENT_FUNCTION_0005 = """
CREATE OR REPLACE FUNCTION placements_check_host_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    cap integer;
    peak integer;
BEGIN
    SELECT capacity INTO cap FROM placements_host WHERE id = NEW.host_id FOR UPDATE;
    SELECT coalesce(max(n), 0) INTO peak FROM (
        SELECT count(*) AS n
        FROM (
            SELECT DISTINCT greatest(p.start_date, NEW.start_date) AS day
            FROM placements_placement p
            WHERE p.host_id = NEW.host_id
              AND p.start_date <= NEW.end_date AND p.end_date >= NEW.start_date
        ) days
        JOIN placements_placement q
          ON q.host_id = NEW.host_id AND q.start_date <= days.day AND q.end_date >= days.day
        GROUP BY days.day
    ) counts;
    IF peak > cap THEN
        RAISE EXCEPTION 'host % has room for % participants at once', NEW.host_id, cap
            USING ERRCODE = 'check_violation', CONSTRAINT = 'placement_host_capacity';
    END IF;
    RETURN NULL;
END
$$;
"""

HOST_FUNCTION = """
CREATE OR REPLACE FUNCTION placements_check_host_capacity_lowered() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    today date := (now() AT TIME ZONE 'Europe/Helsinki')::date;
    peak integer;
BEGIN
    -- The most placements of the host sharing a day from today on: count those running
    -- on today and on the first day of each later one.
    SELECT coalesce(max(n), 0) INTO peak FROM (
        SELECT count(*) AS n
        FROM (
            SELECT DISTINCT greatest(p.start_date, today) AS day
            FROM placements_placement p
            WHERE p.host_id = NEW.id AND p.end_date >= today
        ) days
        JOIN placements_placement q
          ON q.host_id = NEW.id AND q.start_date <= days.day AND q.end_date >= days.day
        GROUP BY days.day
    ) counts;
    IF peak > NEW.capacity THEN
        RAISE EXCEPTION 'host % has % placements at once, more than a capacity of %',
            NEW.id, peak, NEW.capacity
            USING ERRCODE = 'check_violation', CONSTRAINT = 'host_capacity_not_below_placements';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER host_capacity_not_below_placements
    AFTER UPDATE OF capacity ON placements_host
    FOR EACH ROW WHEN (NEW.capacity < OLD.capacity)
    EXECUTE FUNCTION placements_check_host_capacity_lowered();
"""

HOST_REVERSE = """
DROP TRIGGER IF EXISTS host_capacity_not_below_placements ON placements_host;
DROP FUNCTION IF EXISTS placements_check_host_capacity_lowered();
"""


class Migration(migrations.Migration):
    dependencies = [("placements", "0005_host_capacity_trigger")]

    operations = [
        migrations.RunSQL(PLACEMENT_FUNCTION, PLACEMENT_FUNCTION_0005),
        migrations.RunSQL(HOST_FUNCTION, HOST_REVERSE),
    ]
