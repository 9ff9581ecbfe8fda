"""For migrations that make indexes SQLite lacks (the migration loader skips this module: its
name starts with an underscore)."""


def on_postgresql(statements):
    """A RunPython function that executes the SQL statements on PostgreSQL and does nothing
    elsewhere: the embedded mode (SQLite) keeps one portable model state without them."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run
