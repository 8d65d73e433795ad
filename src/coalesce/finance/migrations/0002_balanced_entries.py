"""On PostgreSQL, a deferred constraint trigger refuses to commit a transaction that
leaves an entry's posting lines unbalanced (Σ debits ≠ Σ credits): the database's own
safeguard behind ``finance.rules.balanced``. SQLite has no deferred triggers; there the
service's check inside its one transaction is the rule."""

from django.db import migrations

CREATE = """
CREATE FUNCTION finance_entry_balanced() RETURNS trigger AS $$
DECLARE
  entry integer;
  debits numeric;
  credits numeric;
BEGIN
  IF TG_OP = 'DELETE' THEN entry := OLD.entry_id; ELSE entry := NEW.entry_id; END IF;
  SELECT COALESCE(SUM(amount) FILTER (WHERE side = 'debit'), 0),
         COALESCE(SUM(amount) FILTER (WHERE side = 'credit'), 0)
    INTO debits, credits FROM finance_posting WHERE entry_id = entry;
  IF debits <> credits THEN
    RAISE EXCEPTION 'finance entry % does not balance: debits %, credits %',
      entry, debits, credits USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER finance_posting_balanced
  AFTER INSERT OR UPDATE OR DELETE ON finance_posting
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION finance_entry_balanced();
"""

DROP = """
DROP TRIGGER IF EXISTS finance_posting_balanced ON finance_posting;
DROP FUNCTION IF EXISTS finance_entry_balanced();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
