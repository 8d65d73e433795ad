"""SQLite tables without a hidden insertion counter (``WITHOUT ROWID``).

Django has no option for it and rebuilds a table it alters on SQLite without the
clause, so a migration that alters such a model runs ``without_rowid`` again last.
"""

import re


def without_rowid(table: str):
    """A ``RunPython`` function that rebuilds ``table`` as ``WITHOUT ROWID`` on SQLite
    (rows copied in primary-key order, indexes recreated); nothing elsewhere."""

    def rebuild(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table]
            )
            (sql,) = cursor.fetchone()
            if is_without_rowid(sql):
                return
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
            indexes = [row[0] for row in cursor.fetchall()]
            new = f"{table}__new"
            named = re.compile(r'^CREATE TABLE\s+"?' + re.escape(table) + '"?')
            create = named.sub(f'CREATE TABLE "{new}"', sql)
            cursor.execute(f"{create} WITHOUT ROWID")
            cursor.execute(f'PRAGMA table_info("{table}")')
            info = cursor.fetchall()  # (cid, name, type, notnull, default, pk)
            columns = [row[1] for row in info]
            key = next(row[1] for row in info if row[5])
            listed = ", ".join(f'"{c}"' for c in columns)
            # Primary-key order (random ids), not the old table's order of insertion.
            cursor.execute(
                f'INSERT INTO "{new}" ({listed}) SELECT {listed} FROM "{table}" '  # noqa: S608
                f'ORDER BY "{key}"'
            )
            cursor.execute(f'DROP TABLE "{table}"')
            cursor.execute(f'ALTER TABLE "{new}" RENAME TO "{table}"')
            for index in indexes:
                cursor.execute(index)

    return rebuild


def is_without_rowid(create_sql: str) -> bool:
    return bool(re.search(r"\)\s*WITHOUT\s+ROWID\s*$", create_sql, re.IGNORECASE))
