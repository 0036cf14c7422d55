"""The deterministic Chinese demo data set: `manage.py seed_demo` and `manage.py demo_accounts`."""
