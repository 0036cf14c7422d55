"""An Elasticsearch backend's indices: one per type behind the alias `<prefix>-<type>`,
made on first use, rebuilt by a reindex into a new version and swapped in atomically."""

import time

from elasticsearch import BadRequestError, helpers

from ...registry import TYPES
from ..base import source_of
from .outage import IndexRefused

INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"}
BULK_CHUNK = 500
# What a delete leaves in an index being built (see ElasticsearchBackend.delete). It has
# no visibility, so no search matches it.
TOMBSTONE = {"tombstone": True}
IS_TOMBSTONE = {"term": {"tombstone": True}}


class IndexVersions:
    """Index and alias management for ElasticsearchBackend (which sets `client`,
    `prefix` and `_ready`)."""

    # --- indices and aliases ------------------------------------------------------
    def alias(self, type_key: str) -> str:
        return f"{self.prefix}-{type_key}"

    def _aliases(self, types=()) -> list[str]:
        return [self.alias(key) for key in (types or TYPES)]

    def _create_index(self, type_key: str, version: str | None = None, **extra) -> str:
        name = f"{self.alias(type_key)}-v{version or time.time_ns() // 1000}"
        mapping = TYPES[type_key].document._doc_type.mapping.to_dict()
        mapping["properties"]["tombstone"] = {"type": "boolean"}
        self.client.indices.create(index=name, settings=INDEX_SETTINGS, mappings=mapping, **extra)
        return name

    def _versions(self, type_key: str) -> dict[str, bool]:
        """The type's concrete indices → whether the alias points at it. More than one
        exists while a reindex builds its new index: writes go to all of them."""
        pattern = f"{self.alias(type_key)}-v*"
        found = self.client.indices.get_alias(index=pattern, ignore_unavailable=True).body
        alias = self.alias(type_key)
        return {name: alias in info.get("aliases", {}) for name, info in found.items()}

    def ensure_index(self, type_key: str) -> None:
        """Create the type's first index with its alias when missing. It has a fixed name,
        so two processes racing to create it make one index, not two behind one alias."""
        if type_key in self._ready:
            return
        alias = self.alias(type_key)
        if not self.client.indices.exists_alias(name=alias):
            try:
                self._create_index(type_key, "0", aliases={alias: {}})
            except BadRequestError as error:
                if error.error != "resource_already_exists_exception":
                    raise
        self._ready.add(type_key)

    def healthy(self) -> bool:
        """Whether the cluster answers (the distribution here has no GET /)."""
        try:
            health = self.client.options(request_timeout=2).cluster.health()
        except Exception:  # noqa: BLE001 - any failure means "not answering"
            return False
        return health.get("status") in ("green", "yellow")

    def _write_targets(self, type_key: str) -> list[str]:
        self.ensure_index(type_key)
        targets = sorted(self._versions(type_key))
        if not targets:  # dropped behind our back (a clear elsewhere): make it again
            self._ready.discard(type_key)
            self.ensure_index(type_key)
            targets = sorted(self._versions(type_key))
        return targets

    def _drop_tombstones(self, index: str) -> None:
        """Delete the tombstones of `index` (there are as many as deletes during its build:
        few; this distribution has no delete_by_query)."""
        self.client.indices.refresh(index=index)
        hits = helpers.scan(self.client, index=index, query={"query": IS_TOMBSTONE}, _source=False)
        actions = ({"_op_type": "delete", "_index": index, "_id": h["_id"]} for h in hits)
        for ok, item in helpers.streaming_bulk(self.client, actions, raise_on_error=False):
            if not ok and item["delete"].get("status") != 404:
                raise IndexRefused(f"Elasticsearch refused a delete: {item}")

    def clear(self) -> None:
        """Drop every index of this backend's types (made again on the next write)."""
        names = [name for key in TYPES for name in self._versions(key)]
        if names:
            self.client.indices.delete(index=",".join(names), ignore_unavailable=True)
        self._ready.clear()

    def reindex(self, type_key: str, documents, *, batch: int = BULK_CHUNK) -> int:
        """Build a new index of the type from `documents` and swap the alias to it.
        Live updates during the build also reach the new index (they write to every
        version); the build only creates documents, so it never overwrites a fresher one,
        nor brings back one deleted meanwhile (see delete)."""
        self.ensure_index(type_key)
        new = self._create_index(type_key)
        self.client.indices.put_settings(index=new, settings={"refresh_interval": "-1"})
        actions = (
            {"_op_type": "create", "_index": new, "_id": d.meta.id, "_source": source_of(d)}
            for d in documents
        )
        count = 0
        try:
            for ok, item in helpers.streaming_bulk(
                self.client, actions, chunk_size=batch, raise_on_error=False
            ):
                if ok or item.get("create", {}).get("status") == 409:  # a live update first
                    count += 1
                else:
                    raise IndexRefused(f"Elasticsearch refused a document: {item}")
        except BaseException:
            # A failed build leaves nothing behind: live writes stop going to it.
            self.client.indices.delete(index=new, ignore_unavailable=True)
            raise
        self.client.indices.put_settings(
            index=new, settings={"refresh_interval": INDEX_SETTINGS["refresh_interval"]}
        )
        self._drop_tombstones(new)
        old = [name for name in self._versions(type_key) if name != new]
        alias = self.alias(type_key)
        self.client.indices.update_aliases(
            actions=[{"add": {"index": new, "alias": alias}}]
            + [{"remove": {"index": name, "alias": alias}} for name in old]
        )
        if old:
            self.client.indices.delete(index=",".join(old), ignore_unavailable=True)
        # A delete that read the versions just before the swap may have left one more.
        self._drop_tombstones(new)
        return count
