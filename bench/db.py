"""Fast inserts for the generator: PostgreSQL COPY with ids reserved from the table's
sequence, and Django's bulk_create in large batches for the smaller tables.

COPY skips the ORM (no signals, no audit log), and the database still checks every
constraint, so a row that breaks a rule fails the whole run."""

from django.db import connection, models

BATCH = 5000


def _columns(model):
    """The model's stored columns, without the ones the database computes."""
    return [f for f in model._meta.concrete_fields if not isinstance(f, models.GeneratedField)]


def reserve_ids(model, count: int) -> list[int]:
    """Take ``count`` consecutive ids from the table's sequence for rows COPY will insert."""
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        first = cursor.fetchone()[0]
        if count > 1:
            cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return list(range(first, first + count))


class Copier:
    """Rows for one table as dicts of attnames; fields left out take their defaults
    (auto_now fields take ``now``)."""

    def __init__(self, model, *, now):
        self.model = model
        self.fields = _columns(model)
        self.defaults = {}
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.defaults[field.attname] = now
            elif field.primary_key:
                self.defaults[field.attname] = None
            else:
                self.defaults[field.attname] = field.get_default()
        self.rows = []

    def add(self, **values):
        unknown = set(values) - set(self.defaults)
        if unknown:
            raise KeyError(f"{self.model.__name__} has no columns {sorted(unknown)}")
        self.rows.append(values)

    def __len__(self):
        return len(self.rows)

    def write(self) -> int:
        if not self.rows:
            return 0
        with_id = any(row.get("id") is not None for row in self.rows)
        if with_id:
            missing = [row for row in self.rows if row.get("id") is None]
            for row, new_id in zip(missing, reserve_ids(self.model, len(missing)), strict=True):
                row["id"] = new_id
        fields = [f for f in self.fields if with_id or not f.primary_key]
        names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(self.model._meta.db_table)
        defaults = self.defaults
        attnames = [f.attname for f in fields]
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row([row.get(a, defaults[a]) for a in attnames])
        count = len(self.rows)
        self.rows = []
        return count


def bulk(model, objects) -> list:
    """bulk_create in large batches; returns the saved objects with their ids."""
    return model.objects.bulk_create(objects, batch_size=BATCH)


def split(total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to ``weights`` that add up to ``total`` exactly
    (largest remainders)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    parts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: shares[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def scaled(count: int, scale: float) -> int:
    """A count at the given scale, never below one."""
    return max(1, round(count * scale))
