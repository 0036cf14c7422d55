"""`make bench ONLY=search`: search at 100,000 documents, one database per run (see
__main__.py); corpus.py makes the documents, queries.py the query mix, bench/peer the
Wagtail peer."""
