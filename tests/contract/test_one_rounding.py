"""One rounding rule: money and hours are rounded half up in ``sendocs.models.rounding`` only.

``Decimal.quantize`` without ``rounding=`` rounds halves to even (£1.005 →
£1.00); a second rounding site is how one figure comes to be printed two ways.
"""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

from sendocs.costing import money
from sendocs.models.rounding import round_hours, round_money

SOURCE = Path(__file__).resolve().parents[2] / "sendocs"


def test_halves_go_up() -> None:
    assert round_money(Decimal("1.005")) == Decimal("1.01")
    assert round_money(Decimal("2.344")) == Decimal("2.34")
    assert money(Decimal("0.125")) == Decimal("0.13")
    assert round_hours(Decimal("2.25")) == Decimal("2.3")
    assert round_hours(Decimal("0.125"), Decimal("0.01")) == Decimal("0.13")


def test_nothing_else_quantizes() -> None:
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "rounding.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "quantize"
                and not any(k.arg == "rounding" for k in node.keywords)
                and len(node.args) < 2
            ):
                if ast.unparse(node.args[0]) == "Decimal(1)":
                    continue  # a whole number losing its exponent (format_number): no rounding
                offenders.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert not offenders, "round with sendocs.models.rounding: " + ", ".join(offenders)
