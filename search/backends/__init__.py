"""Search backends behind one interface (base.SearchBackend): the embedded database
backend (database.py) and Elasticsearch (the search issue adds it)."""
