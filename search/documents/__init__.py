"""One Document class and one builder per searchable type; see base.py."""
