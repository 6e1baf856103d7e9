"""The tenant-scoping lint: no query of a client-owned model outside the scoping modules.

Pure ``ast``: nothing is imported or executed. Client-owned models are found by
reading the class hierarchy in ``handoff/domain/**/models.py`` (and ``models/``
packages): every class that subclasses ``ClientOwned``, directly or through
abstract bases (``Engagement(ClientOwned)`` → ``BpoEngagement(Engagement)``).
Then every other module under ``handoff/`` is searched for

- ``X.objects`` / ``X._default_manager`` / ``X._base_manager`` of such a class X
  (a call, a chained query, or the manager passed around), also through import
  aliases (``import BpoEngagement as B``), plain re-assignments (``M = BpoEngagement``)
  and module attributes (``models.BpoEngagement.objects``);
- ``X._meta.default_manager``, ``getattr(X, "objects")`` and ``apps.get_model(..., "X")``;
- the reverse managers the relations of such a class put on other models, when queried
  (``center.bpo_engagements.all()``: every client's engagements of a delivery center);
- ``.objects.raw(...)`` and ``.extra(...)`` of any model.

Allowed: the access helpers (``handoff/domain/tenancy/access.py``), selectors
and actions (modules or packages), ``admin.py`` files and migrations.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TypeGuard

ROOT_CLASS = "ClientOwned"
MANAGER_ATTRIBUTES = frozenset({"objects", "_default_manager", "_base_manager"})
ALLOWED_FILES = frozenset({PurePosixPath("handoff/domain/tenancy/access.py")})
ALLOWED_MODULE_NAMES = frozenset({"selectors", "actions"})
ALLOWED_FILE_NAMES = frozenset({"admin.py"})
META_MANAGERS = frozenset({"default_manager", "base_manager"})
# Methods that make a related manager query (left out: those a list or a dict has too, as get, values, count).
QUERY_METHODS = frozenset(
    {
        *("all", "filter", "exclude", "first", "last", "exists", "values_list", "order_by", "distinct"),
        *("select_related", "prefetch_related", "annotate", "aggregate", "only", "defer", "iterator"),
        *("create", "get_or_create", "update_or_create", "bulk_create", "in_bulk", "latest", "earliest"),
    }
)
ADVICE = "read it through tenancy.access (scoped/access_owned) or a selector"


@dataclass(frozen=True, order=True)
class Violation:
    path: str
    line: int
    column: int
    message: str

    def render(self) -> str:
        return f"{self.path}:{self.line}:{self.column + 1}: {self.message}"


@dataclass(frozen=True)
class LintResult:
    files_checked: int
    violations: tuple[Violation, ...]

    @property
    def ok(self) -> bool:
        return not self.violations

    def summary(self) -> str:
        return f"scoping lint: {self.files_checked} files checked, {len(self.violations)} unscoped queries"


# --- discovering the client-owned classes ------------------------------------------------


def model_files(package_root: Path) -> list[Path]:
    """``domain/**/models.py`` and every module of a ``domain/**/models/`` package."""
    domain = package_root / "domain"
    found = set(domain.rglob("models.py"))
    for package in domain.rglob("models"):
        if package.is_dir():
            found.update(package.rglob("*.py"))
    return sorted(path for path in found if "migrations" not in path.parts)


def _base_name(node: ast.expr) -> str | None:
    """The class name a base expression refers to: ``Engagement``, ``models.Engagement``, ``Generic[T]``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        return _base_name(node.value)
    return None


RELATION_FIELDS = frozenset({"ForeignKey", "OneToOneField", "ManyToManyField"})


@dataclass
class ModelIndex:
    """The classes of the model modules: their bases, and the ``related_name`` of each relation they declare."""

    bases: dict[str, set[str]] = field(default_factory=dict)
    relations: dict[str, list[str | None]] = field(default_factory=dict)  # None: no related_name given
    abstract: set[str] = field(default_factory=set)

    def add(self, tree: ast.AST) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                self.bases.setdefault(node.name, set()).update(n for base in node.bases if (n := _base_name(base)))
                self.relations.setdefault(node.name, []).extend(_relations(node))
                if _is_abstract(node):
                    self.abstract.add(node.name)


def _is_abstract(cls: ast.ClassDef) -> bool:
    """``class Meta: abstract = True`` in the class body."""
    for meta in (node for node in cls.body if isinstance(node, ast.ClassDef) and node.name == "Meta"):
        for statement in meta.body:
            if isinstance(statement, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "abstract" for target in statement.targets
            ):
                return isinstance(statement.value, ast.Constant) and statement.value.value is True
    return False


def _relations(cls: ast.ClassDef) -> Iterator[str | None]:
    """The related_name of each relation field assigned in a class body (None when it has none)."""
    for statement in cls.body:
        value = _assigned_value(statement)
        if not (isinstance(value, ast.Call) and _call_name(value) in RELATION_FIELDS):
            continue
        names = [_constant_str(k.value) for k in value.keywords if k.arg == "related_name"]
        if names:
            yield names[0]
        elif _call_name(value) != "OneToOneField":  # its reverse side is one object, not a manager
            yield None


def _call_name(call: ast.Call) -> str | None:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


def subclasses_of(root: str, bases: dict[str, set[str]]) -> frozenset[str]:
    """The names of every class that inherits from ``root``, directly or not (``root`` included)."""
    found = {root}
    changed = True
    while changed:
        changed = False
        for name, parents in bases.items():
            if name not in found and parents & found:
                found.add(name)
                changed = True
    return frozenset(found)


def _ancestors(name: str, bases: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    stack = [name]
    while stack:
        for parent in bases.get(stack.pop(), set()) - seen:
            seen.add(parent)
            stack.append(parent)
    return seen


@dataclass(frozen=True)
class ClientOwnedModels:
    names: frozenset[str]
    reverse_accessors: dict[str, str]  # "bpo_engagements" (on DeliveryCenter) → "BpoEngagement"


def discover(package_root: Path) -> ClientOwnedModels:
    """The client-owned classes, and the reverse managers their relations put on other models."""
    index = ModelIndex()
    for path in model_files(package_root):
        index.add(_parse(path))
    owned = subclasses_of(ROOT_CLASS, index.bases)
    reverse: dict[str, str] = {}
    for model in sorted(owned - index.abstract):  # abstract models have no reverse managers: their subclasses do
        for declaring in {model, *(_ancestors(model, index.bases) & owned)}:
            for related_name in index.relations.get(declaring, []):
                accessor = (related_name or f"{model.lower()}_set").replace("%(class)s", model.lower())
                if not accessor.endswith("+") and "%(" not in accessor:
                    reverse.setdefault(accessor, model)
    return ClientOwnedModels(owned, reverse)


def client_owned_classes(package_root: Path) -> frozenset[str]:
    return discover(package_root).names


# --- which files are checked ------------------------------------------------------------


def is_allowed(relative: PurePosixPath) -> bool:
    """Whether a module (path relative to the project root) may query client-owned models directly."""
    if relative in ALLOWED_FILES or relative.name in ALLOWED_FILE_NAMES:
        return True
    directories = relative.parts[:-1]
    if "migrations" in directories or ALLOWED_MODULE_NAMES & set(directories):
        return True
    return relative.stem in ALLOWED_MODULE_NAMES


def checked_files(package_root: Path) -> list[Path]:
    project_root = package_root.parent
    return sorted(
        path
        for path in package_root.rglob("*.py")
        if not is_allowed(PurePosixPath(path.relative_to(project_root).as_posix()))
    )


# --- checking one module ------------------------------------------------------------------


@dataclass
class _ModuleChecker(ast.NodeVisitor):
    path: str
    owned: frozenset[str]
    reverse: Mapping[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)

    def owned_class(self, node: ast.expr) -> str | None:
        """The client-owned class an expression names, seen through aliases."""
        if isinstance(node, ast.Name):
            name = self.aliases.get(node.id, node.id)
        elif isinstance(node, ast.Attribute):
            name = node.attr
        else:
            return None
        return name if name in self.owned else None

    def report(self, node: ast.expr | ast.stmt, message: str) -> None:
        self.violations.append(Violation(self.path, node.lineno, node.col_offset, message))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in MANAGER_ATTRIBUTES and (model := self.owned_class(node.value)):
            self.report(node, f"unscoped query: {model}.{node.attr} of a client-owned model; {ADVICE}")
        elif node.attr in META_MANAGERS and _is_meta_of(node.value) and (model := self.owned_class(node.value.value)):
            self.report(node, f"unscoped query: {model}._meta.{node.attr} of a client-owned model; {ADVICE}")
        elif node.attr in QUERY_METHODS and isinstance(node.value, ast.Attribute) and node.value.attr in self.reverse:
            accessor, model = node.value.attr, self.reverse[node.value.attr]
            self.report(node, f"unscoped query: .{accessor} is a reverse manager of client-owned {model}; {ADVICE}")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        self._check_raw_sql(node)
        self._check_getattr(node)
        self._check_get_model(node)
        self.generic_visit(node)

    def _check_raw_sql(self, node: ast.Call) -> None:
        func = node.func
        if not isinstance(func, ast.Attribute):
            return
        if func.attr == "raw" and isinstance(func.value, ast.Attribute) and func.value.attr == "objects":
            self.report(node, "raw SQL (.objects.raw) bypasses tenant scoping; use the ORM through a selector")
        elif func.attr == "extra":
            self.report(node, "QuerySet.extra() bypasses tenant scoping; use the ORM through a selector")

    def _check_getattr(self, node: ast.Call) -> None:
        if not (isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) >= 2):
            return
        target, attribute = node.args[0], node.args[1]
        if _constant_str(attribute) in MANAGER_ATTRIBUTES and (model := self.owned_class(target)):
            self.report(node, f"unscoped query: getattr({model}, {_constant_str(attribute)!r}) of a client-owned model")

    def _check_get_model(self, node: ast.Call) -> None:
        if _call_name(node) != "get_model":
            return
        for argument in node.args:
            text = _constant_str(argument)
            model = text.rsplit(".", 1)[-1].lower() if text else None
            if model in {name.lower() for name in self.owned}:
                self.report(node, f"get_model({text!r}) of a client-owned model; import it and use a selector")


def _is_meta_of(node: ast.expr) -> TypeGuard[ast.Attribute]:
    return isinstance(node, ast.Attribute) and node.attr == "_meta"


def _constant_str(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _aliases(tree: ast.AST, owned: frozenset[str]) -> dict[str, str]:
    """Local names bound to client-owned classes: ``import X as Y`` and ``Y = X`` (to a fixed point)."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in owned and alias.asname:
                    aliases[alias.asname] = alias.name
    assignments = [
        (name, _assigned_value(node)) for node in _outside_class_bodies(tree) for name in _assigned_names(node)
    ]
    changed = True
    while changed:
        changed = False
        for name, value in assignments:
            source = _name_of(value, aliases)
            if source in owned and name not in aliases:
                aliases[name] = source
                changed = True
    return aliases


def _outside_class_bodies(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except the statements of class bodies (``class Meta: model = X`` binds no local name)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.ClassDef):
            stack.extend(child for child in node.body if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))
            stack.extend(node.bases)
        else:
            stack.extend(ast.iter_child_nodes(node))


def _assigned_names(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Assign):
        yield from (target.id for target in node.targets if isinstance(target, ast.Name))
    elif isinstance(node, ast.AnnAssign | ast.NamedExpr) and isinstance(node.target, ast.Name):
        yield node.target.id


def _assigned_value(node: ast.AST) -> ast.expr | None:
    return node.value if isinstance(node, ast.Assign | ast.AnnAssign | ast.NamedExpr) else None


def _name_of(value: ast.expr | None, aliases: dict[str, str]) -> str | None:
    if isinstance(value, ast.Name):
        return aliases.get(value.id, value.id)
    if isinstance(value, ast.Attribute):
        return value.attr
    return None


def lint_source(
    source: str, path: str, owned: frozenset[str], reverse: Mapping[str, str] | None = None
) -> list[Violation]:
    """Violations in one module's source (``path`` is only used in the messages)."""
    tree = ast.parse(source, filename=path)
    checker = _ModuleChecker(path=path, owned=owned, reverse=reverse or {}, aliases=_aliases(tree, owned))
    checker.visit(tree)
    return sorted(checker.violations)


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def lint_files(files: Iterable[Path], project_root: Path, models: ClientOwnedModels) -> LintResult:
    violations: list[Violation] = []
    count = 0
    for path in files:
        count += 1
        shown = path.relative_to(project_root).as_posix()
        source = path.read_text(encoding="utf-8")
        violations.extend(lint_source(source, shown, models.names, models.reverse_accessors))
    return LintResult(files_checked=count, violations=tuple(violations))


def lint_tree(package_root: Path) -> LintResult:
    """Lint every checked module of a package (``.../handoff``), with the models found in it."""
    return lint_files(checked_files(package_root), package_root.parent, discover(package_root))
