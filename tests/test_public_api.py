"""Pin the public namespace: additions are deliberate, removals are breaking."""

import subprocess
import sys

import pytest

import zeren_graph

EXPECTED = {
    "OWNER_ROLES",
    "Assignment",
    "Category",
    "Duty",
    "InputError",
    "Person",
    "Post",
    "PostKind",
    "Problem",
    "ResponsibilityModel",
    "Role",
    "Source",
    "Supervision",
    "SupervisionKind",
    "Unit",
    "UnitKind",
    "UnknownReferenceError",
    "ZerenError",
    "ZerenWarning",
    "Scenario",
    "SimulationResult",
    "__version__",
    "accountability_chain",
    "check",
    "diff",
    "load",
    "load_scenario",
    "read",
    "simulate",
    "what_if",
}


def test_public_namespace() -> None:
    assert set(zeren_graph.__all__) == EXPECTED
    assert len(set(zeren_graph.__all__)) == len(zeren_graph.__all__)
    for name in zeren_graph.__all__:
        assert hasattr(zeren_graph, name)


def test_lazy_exports_are_the_real_functions() -> None:
    from zeren_graph.checks import check
    from zeren_graph.io import load
    from zeren_graph.sim import simulate

    assert zeren_graph.load is load
    assert zeren_graph.check is check
    assert zeren_graph.simulate is simulate
    with pytest.raises(AttributeError, match="no attribute"):
        _ = zeren_graph.no_such_thing


def test_import_has_no_side_effects() -> None:
    code = (
        "import sys, zeren_graph; "
        "heavy = [m for m in ('matplotlib', 'simpy', 'openpyxl', 'networkx', 'pandas', "
        "'pydantic', 'yaml', 'docx', 'xlrd', 'lxml') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
