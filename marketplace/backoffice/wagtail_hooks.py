"""Wagtail finds hooks in each installed app's wagtail_hooks module; the back office
keeps one hooks module per area and loads them here, in the order of the domain apps in
INSTALLED_APPS (menu items of equal order keep that order)."""

from importlib import import_module

AREAS = (
    "core",
    "accounts",
    "regions",
    "catalog",
    "organizations",
    "demands",
    "volunteering",
    "procurement",
    "hotline",
    "surveys",
    "payments",
)

for area in AREAS:
    import_module(f"marketplace.backoffice.{area}.hooks")
