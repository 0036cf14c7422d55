"""An import-linter contract type for what the built-in ones cannot say: that the domain
imports none of the web's parts of a third-party package (django.http, django.views, …).

import-linter's graph folds every external package into one node ("django"), so this
contract reads the source itself: every `import` and `from … import` in the modules
under `source_modules`, at any depth and inside functions too.
"""

import ast
import importlib.util
from pathlib import Path

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class ForbiddenExternalContract(Contract):
    """Configuration: `source_modules` (packages), `forbidden_modules` (dotted names of
    modules of external packages; a name forbids its submodules too)."""

    type_name = "forbidden_external"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        forbidden = tuple(self.forbidden_modules)
        found = []
        for package in self.source_modules:
            for path in _files_of(package):
                for line, names in _imports_in(path):
                    hit = next((n for n in names if _within(n, forbidden)), None)
                    if hit is not None:
                        found.append((str(path), line, hit))
        return ContractCheck(kept=not found, metadata={"found": sorted(found)})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for path, line, name in check.metadata["found"]:
            output.print_error(f"{path}:{line} imports {name}")
            output.new_line()


def _files_of(package: str):
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ValueError(f"{package} is not a package")
    for location in spec.submodule_search_locations:
        yield from sorted(Path(location).rglob("*.py"))


def _within(name: str, modules: tuple[str, ...]) -> bool:
    return any(name == m or name.startswith(m + ".") for m in modules)


def _imports_in(path: Path):
    """(line, names) for each import statement: the module, then each name it imports
    (`from django import http` imports django.http)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield node.lineno, [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
