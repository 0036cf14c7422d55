"""The REST API for apps (issue 22): schemas and endpoints over the same services and
selectors as the site and the back office. Empty until then; its place in the layers is
already held by the import contracts in pyproject.toml."""
