"""The tenant-scoping lint: real tree clean, unscoped queries of client-owned models caught with file:line."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path, PurePosixPath

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from handoff.interfaces.cli.scoping_lint import client_owned_classes, discover, is_allowed, lint_source, lint_tree

PACKAGE = Path(settings.BASE_DIR) / "handoff"

TENANCY_MODELS = """
from django.db import models


class Client(models.Model):
    name = models.CharField(max_length=20)


class ClientOwned(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT)

    class Meta:
        abstract = True
"""

ENGAGEMENT_MODELS = """
from django.db import models

from handoff.domain.tenancy.models import ClientOwned


class Engagement(ClientOwned):
    class Meta:
        abstract = True


class BpoEngagement(Engagement):
    center = models.ForeignKey("Center", on_delete=models.PROTECT, related_name="bpo_engagements")
    owner = models.ForeignKey("Person", on_delete=models.PROTECT)


class Shift(models.Model):
    pass
"""

UNSCOPED_VIEW = """
from handoff.domain.engagements.models import BpoEngagement


def detail(request, bpo_id):
    return BpoEngagement.objects.filter(pk=bpo_id).first()
"""


def write(root: Path, relative: str, source: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small handoff/ package: tenancy and engagements models, one abstract level in between."""
    package = tmp_path / "handoff"
    write(package, "domain/tenancy/models.py", TENANCY_MODELS)
    write(package, "domain/engagements/models.py", ENGAGEMENT_MODELS)
    return package


def lines_of(package: Path) -> list[str]:
    return [violation.render() for violation in lint_tree(package).violations]


def test_the_real_tree_passes() -> None:
    out = io.StringIO()
    call_command("lint_scoping", stdout=out)
    result = lint_tree(PACKAGE)
    assert result.violations == ()
    assert result.files_checked > 10
    assert out.getvalue().strip() == f"scoping lint: {result.files_checked} files checked, 0 unscoped queries"


def test_real_client_owned_models_are_discovered_through_abstract_bases() -> None:
    owned = client_owned_classes(PACKAGE)
    assert {"ClientOwned", "AccountAssignment", "Engagement", "BpoEngagement", "RpoEngagement"} <= owned
    assert not {"Client", "DeliveryCenter", "User", "ApiToken"} & owned


def test_reverse_managers_of_client_owned_models_are_discovered(tree: Path) -> None:
    assert discover(PACKAGE).reverse_accessors["bpo_engagements"] == "BpoEngagement"
    assert discover(tree).reverse_accessors == {
        "bpo_engagements": "BpoEngagement",
        "bpoengagement_set": "BpoEngagement",
    }


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("rows = center.bpo_engagements.all()", True),
        ("rows = person.bpoengagement_set.filter(status='active')", True),
        ("rows = selectors.bpo_engagements(user, client)", False),
        ("plan.bpo_engagements.append(row)", False),
    ],
)
def test_queried_reverse_managers_are_flagged(source: str, flagged: bool) -> None:
    reverse = {"bpo_engagements": "BpoEngagement", "bpoengagement_set": "BpoEngagement"}
    assert bool(lint_source(source, "handoff/interfaces/web/views.py", OWNED, reverse)) is flagged


def test_unscoped_query_in_a_view_fails_with_file_and_line(tree: Path) -> None:
    write(tree, "interfaces/web/views.py", UNSCOPED_VIEW)
    assert len(lines := lines_of(tree)) == 1
    assert lines[0].startswith("handoff/interfaces/web/views.py:6:")
    assert "BpoEngagement.objects" in lines[0]


def test_the_command_exits_1_and_prints_each_violation(tree: Path) -> None:
    write(tree, "interfaces/web/views.py", UNSCOPED_VIEW)
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("lint_scoping", package=tree, stderr=err)
    assert failure.value.returncode == 1
    assert "1 unscoped queries" in str(failure.value)
    assert "handoff/interfaces/web/views.py:6:" in err.getvalue()


@pytest.mark.parametrize(
    "module",
    [
        "domain/engagements/selectors.py",
        "domain/engagements/selectors/bpo.py",
        "domain/engagements/actions.py",
        "domain/engagements/actions/bpo.py",
        "domain/engagements/admin.py",
        "domain/engagements/migrations/0002_data.py",
    ],
)
def test_the_same_code_passes_in_allowed_modules(tree: Path, module: str) -> None:
    write(tree, module, UNSCOPED_VIEW)
    assert lines_of(tree) == []


def test_only_the_access_module_of_tenancy_is_allowed() -> None:
    assert is_allowed(PurePosixPath("handoff/domain/tenancy/access.py"))
    assert not is_allowed(PurePosixPath("handoff/domain/engagements/access.py"))
    assert not is_allowed(PurePosixPath("handoff/interfaces/web/views/engagements.py"))


def test_an_indirect_subclass_is_detected(tree: Path) -> None:
    write(
        tree,
        "domain/recruiting/models/__init__.py",
        """
        from handoff.domain.engagements.models import BpoEngagement


        class PilotEngagement(BpoEngagement):
            pass
        """,
    )
    assert "PilotEngagement" in client_owned_classes(tree)
    write(tree, "interfaces/api/pilots.py", "from x import PilotEngagement\nrows = PilotEngagement.objects.all()\n")
    assert [line.split(": ", 1)[0] for line in lines_of(tree)] == ["handoff/interfaces/api/pilots.py:2:8"]


def test_an_import_alias_is_detected(tree: Path) -> None:
    source = """
    from handoff.domain.engagements.models import BpoEngagement as B


    def detail(pk):
        return B.objects.get(pk=pk)
    """
    write(tree, "interfaces/web/views.py", source)
    assert len(lines := lines_of(tree)) == 1
    assert lines[0].startswith("handoff/interfaces/web/views.py:6:")


OWNED = frozenset({"ClientOwned", "Engagement", "BpoEngagement"})


@pytest.mark.parametrize(
    "source",
    [
        "manager = BpoEngagement._default_manager",
        "manager = BpoEngagement._meta.default_manager",
        "rows = list(BpoEngagement.objects)",
        "helper(BpoEngagement.objects)",
        "import handoff.domain.engagements.models as m\nrows = m.BpoEngagement.objects.all()",
        "Model = BpoEngagement\nrows = Model.objects.all()",
        "manager = getattr(BpoEngagement, 'objects')",
        "Model = apps.get_model('engagements', 'BpoEngagement')",
        "Model = apps.get_model('engagements.bpoengagement')",
        "rows = Shift.objects.raw('select 1')",
        "rows = Shift.objects.filter(pk=1).extra(where=['1=1'])",
    ],
)
def test_other_unscoped_forms_are_flagged(source: str) -> None:
    assert lint_source(source, "handoff/interfaces/web/views.py", OWNED)


@pytest.mark.parametrize(
    "source",
    [
        "rows = Shift.objects.filter(pk=1)",
        "rows = Client.objects.all()",
        "rows = scoped(user, BpoEngagement).filter(status='active')",
        "class Form:\n    class Meta:\n        model = BpoEngagement\n\nrows = model.objects.all()",
    ],
)
def test_provider_models_and_scoped_reads_pass(source: str) -> None:
    assert lint_source(source, "handoff/interfaces/web/views.py", OWNED) == []
