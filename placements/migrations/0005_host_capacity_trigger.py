"""The host's capacity enforced by the database too: a constraint trigger on placements
that locks the host's row and refuses a placement that would make more placements share
a day at the host than its capacity. The services check the same under the same lock
and answer with a message; this stops any other writer (the admin, a script)."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION placements_check_host_capacity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    cap integer;
    peak integer;
BEGIN
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
CREATE CONSTRAINT TRIGGER placement_host_capacity
    AFTER INSERT OR UPDATE OF host_id, start_date, end_date ON placements_placement
    FOR EACH ROW EXECUTE FUNCTION placements_check_host_capacity();
"""

REVERSE = """
DROP TRIGGER IF EXISTS placement_host_capacity ON placements_placement;
DROP FUNCTION IF EXISTS placements_check_host_capacity();
"""


class Migration(migrations.Migration):
    dependencies = [("placements", "0004_feedback")]

    operations = [migrations.RunSQL(FUNCTION, REVERSE)]
