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
- ``getattr(X, "objects")`` of such a class, and ``apps.get_model(..., "X")``;
- ``.objects.raw(...)`` and ``.extra(...)`` of any model.

Allowed: the access helpers (``handoff/domain/tenancy/access.py``), selectors
and actions (modules or packages), ``admin.py`` files and migrations.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ROOT_CLASS = "ClientOwned"
MANAGER_ATTRIBUTES = frozenset({"objects", "_default_manager", "_base_manager"})
ALLOWED_FILES = frozenset({PurePosixPath("handoff/domain/tenancy/access.py")})
ALLOWED_MODULE_NAMES = frozenset({"selectors", "actions"})
ALLOWED_FILE_NAMES = frozenset({"admin.py"})


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


def class_bases(tree: ast.AST) -> dict[str, set[str]]:
    """Every class defined in a module, with the names of its bases."""
    bases: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            names = {name for base in node.bases if (name := _base_name(base))}
            bases.setdefault(node.name, set()).update(names)
    return bases


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


def client_owned_classes(package_root: Path) -> frozenset[str]:
    bases: dict[str, set[str]] = {}
    for path in model_files(package_root):
        for name, parents in class_bases(_parse(path)).items():
            bases.setdefault(name, set()).update(parents)
    return subclasses_of(ROOT_CLASS, bases)


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
            self.report(
                node,
                f"unscoped query: {model}.{node.attr} of a client-owned model; "
                "read it through tenancy.access (scoped/access_owned) or a selector",
            )
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
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if name != "get_model":
            return
        for argument in node.args:
            text = _constant_str(argument)
            model = text.rsplit(".", 1)[-1] if text else None
            if model in self.owned:
                self.report(node, f"get_model({text!r}) of a client-owned model; import it and use a selector")


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


def lint_source(source: str, path: str, owned: frozenset[str]) -> list[Violation]:
    """Violations in one module's source (``path`` is only used in the messages)."""
    tree = ast.parse(source, filename=path)
    checker = _ModuleChecker(path=path, owned=owned, aliases=_aliases(tree, owned))
    checker.visit(tree)
    return sorted(checker.violations)


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def lint_files(files: Iterable[Path], project_root: Path, owned: frozenset[str]) -> LintResult:
    violations: list[Violation] = []
    count = 0
    for path in files:
        count += 1
        shown = path.relative_to(project_root).as_posix()
        violations.extend(lint_source(path.read_text(encoding="utf-8"), shown, owned))
    return LintResult(files_checked=count, violations=tuple(violations))


def lint_tree(package_root: Path) -> LintResult:
    """Lint every checked module of a package (``.../handoff``), with the models found in it."""
    owned = client_owned_classes(package_root)
    return lint_files(checked_files(package_root), package_root.parent, owned)
