"""axe-core in the browser: inject it (from .tools, installed by ``make test``), run it on the
page as it stands, and keep what it found per page state for one summary."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.conftest import ROOT

AXE_JS = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = ("critical", "serious")
RUN_AXE = """async () => {
    // A toast fading in or out blends its colours with the page: wait until each is still.
    const moving = () => [...document.querySelectorAll("[data-sonner-toast]")].some(
        (t) => getComputedStyle(t).opacity !== "1" || t.dataset.removed === "true");
    for (let i = 0; i < 60 && moving(); i++) await new Promise((r) => setTimeout(r, 50));
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
    }));
}"""
OVERFLOW_JS = """() => ({
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    wide: [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
            + (el.className && typeof el.className === "string"
               ? "." + el.className.split(" ")[0] : "")),
})"""


def require_axe() -> Path:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make test` (it installs axe-core into .tools)")
    return AXE_JS


def run_axe(page: Page) -> list[dict[str, Any]]:
    """The violations axe finds on the page now (it is injected again after a navigation)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(require_axe()))
    return list(page.evaluate(RUN_AXE))


def overflow(page: Page) -> dict[str, Any]:
    """How wide the document is against the viewport, with a few elements that stick out."""
    return dict(page.evaluate(OVERFLOW_JS))


@dataclass
class Sweep:
    """Every page state checked: axe's violations and the phone-width overflow of each."""

    states: list[str] = field(default_factory=list)
    violations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    overflows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def record(self, name: str, found: list[dict[str, Any]]) -> None:
        self.states.append(name)
        self.violations[name] = found

    def counts(self) -> Counter[str]:
        """Violations (one rule on one page state) per impact."""
        return Counter(v["impact"] or "minor" for found in self.violations.values() for v in found)

    def node_counts(self) -> Counter[str]:
        return Counter(
            v["impact"] or "minor"
            for found in self.violations.values()
            for v in found
            for _ in v["nodes"]
        )

    def blocking(self, names: list[str] | None = None) -> list[str]:
        lines = []
        for name in names if names is not None else self.states:
            for v in self.violations.get(name, []):
                if v["impact"] in BLOCKING:
                    targets = "; ".join(n["target"] for n in v["nodes"][:4])
                    lines.append(f"{name}: {v['impact']} {v['id']} ({v['help']}) at {targets}")
        return lines

    def too_wide(self, names: list[str] | None = None) -> list[str]:
        return [
            f"{name}: {o['scroll']} px > {o['inner']} px ({', '.join(o['wide'])})"
            for name, o in self.overflows.items()
            if (names is None or name in names) and o["scroll"] > o["inner"]
        ]

    def summary(self) -> str:
        counts, nodes = self.counts(), self.node_counts()
        lines = [
            f"axe-core sweep: {len(self.states)} page states",
            "violations (rule x page state): "
            + ", ".join(f"{impact} {counts.get(impact, 0)}" for impact in IMPACTS),
            "affected elements: "
            + ", ".join(f"{impact} {nodes.get(impact, 0)}" for impact in IMPACTS),
            f"sideways scroll at 375 px: {len(self.too_wide())} of {len(self.overflows)} states",
            "",
        ]
        for name in self.states:
            found = self.violations[name]
            rules = ", ".join(f"{v['impact']}:{v['id']}({len(v['nodes'])})" for v in found)
            lines.append(f"- {name}: {rules or 'no violations'}")
        lines += ["", *self.too_wide()]
        return "\n".join(lines) + "\n"

    def write(self, path: Path) -> None:
        path.parent.mkdir(exist_ok=True)
        path.write_text(self.summary())
        path.with_suffix(".json").write_text(
            json.dumps({"violations": self.violations, "overflows": self.overflows}, indent=1)
        )
