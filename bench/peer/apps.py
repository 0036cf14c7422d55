from django.apps import AppConfig


class PeerConfig(AppConfig):
    name = "bench.peer"
    label = "bench_peer"
    verbose_name = "Search benchmark peer (Wagtail search)"
    default_auto_field = "django.db.models.BigAutoField"
