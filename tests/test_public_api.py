"""Pin the public namespace: additions are deliberate, removals are breaking."""

import subprocess
import sys

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
    "__version__",
}


def test_public_namespace() -> None:
    assert set(zeren_graph.__all__) == EXPECTED
    assert len(set(zeren_graph.__all__)) == len(zeren_graph.__all__)
    for name in zeren_graph.__all__:
        assert hasattr(zeren_graph, name)


def test_import_has_no_side_effects() -> None:
    code = (
        "import sys, zeren_graph; "
        "heavy = [m for m in ('matplotlib', 'simpy', 'openpyxl', 'networkx', 'pandas') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
