"""The search benchmark's peer: the same corpus indexed by Wagtail's built-in database search
backend (wagtail.search.backends.database, what the site searched with before search/).

A bench-only app, installed only by config.settings.bench, so no production model is
indexed twice. Its tables have no migrations: the bench creates them with
`migrate --run-syncdb`.
"""
