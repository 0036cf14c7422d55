"""With the database task backend (production), a change only queues its index update;
the request never waits for the index, and `db_worker` brings the index up to date."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from config.settings.base import task_settings
from marketplace.demands import services as demands
from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from tests.factories import DemandFactory

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def found(text):
    return [hit.doc_id for hit in DatabaseBackend().search(SearchQuery(text=text)).hits]


# Real commits: the worker, like a real one, closes and reopens its connection.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=QUEUED)
def test_a_change_waits_in_the_queue_until_the_worker_runs(world):
    demand = DemandFactory(
        community=world["home"], category=world["category"], title="居家养老服务需求"
    )
    demands.demand_publish(actor=world["staff"], demand=demand)
    queued = DBTaskResult.objects.filter(task_path="search.indexing.index_objects_task")
    assert queued.filter(status="READY").exists()
    assert found("养老") == []  # the commit did not update the index itself

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert found("养老") == [f"demand-{demand.pk}"]
    assert not queued.exclude(status="SUCCESSFUL").exists()


def test_the_task_backend_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("TASKS_BACKEND", "database")
    assert task_settings("immediate")["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    monkeypatch.delenv("TASKS_BACKEND")
    assert "Immediate" in task_settings("immediate")["default"]["BACKEND"]
    monkeypatch.setenv("TASKS_BACKEND", "redis")
    with pytest.raises(ImproperlyConfigured, match="TASKS_BACKEND='redis'"):
        task_settings("immediate")
