"""Print the app-level import graph of marketplace/, cms/ and search/, and any cycle in it.

Usage: python scripts/app_graph.py   (exit 1 if any apps or areas import in a cycle)

An "app" is a package directly under marketplace/ (and, under marketplace/web/,
marketplace/backoffice/ and marketplace/api/, each area is its own node), plus cms and
search. Imports made only inside functions count too: they are dependencies all the same.
"""

import sys
from collections import defaultdict

import grimp

LAYERS = ("web", "backoffice", "api")  # each area under these is a node of its own
NOT_DOMAIN = (*LAYERS, "http", "demo", "cms", "search")


def node_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] in ("cms", "search"):
        return parts[0]
    if parts[0] != "marketplace" or len(parts) < 2:
        return None
    if parts[1] in LAYERS:
        return ".".join(parts[1:3]) if len(parts) > 2 else parts[1]
    return parts[1]


def app_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph("marketplace", "cms", "search")
    edges: dict[str, set[str]] = defaultdict(set)
    for importer in graph.modules:
        source = node_of(importer)
        if source is None:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            target = node_of(imported)
            if target is not None and target != source:
                edges[source].add(target)
    return edges


def cycles(edges: dict[str, set[str]], nodes: set[str]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges.get(node, ()):
            if nxt not in nodes:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return found


def main() -> int:
    edges = app_graph()
    nodes = set(edges) | {t for targets in edges.values() for t in targets}
    domain = {n for n in nodes if n.split(".")[0] not in NOT_DOMAIN}
    for node in sorted(nodes):
        print(f"{node:28} -> {', '.join(sorted(edges.get(node, ()))) or '-'}")
    found = cycles(edges, nodes)
    print()
    for component in found:
        print("cycle among:", ", ".join(component))
    if not found:
        print(f"no cycle among the {len(nodes)} apps and areas ({len(domain)} domain apps)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
