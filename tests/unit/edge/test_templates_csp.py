"""The Content-Security-Policy forbids inline script and style: no template may rely on them."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["'{]""", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)

CHECKS = {
    "<script> without src (move the code to static/js)": INLINE_SCRIPT,
    "<style> element (move the rules to static/css)": STYLE_ELEMENT,
    "style= attribute (use a class in static/css)": STYLE_ATTRIBUTE,
    "inline event handler like onclick= (bind it in static/js)": EVENT_HANDLER,
    "javascript: URL": JAVASCRIPT_URL,
}


def template_files() -> list[Path]:
    return sorted(path for path in TEMPLATES.rglob("*") if path.is_file() and path.suffix in {".html", ".jinja", ".j2", ".txt", ".xml"})


def violations(text: str) -> list[str]:
    """Each forbidden construct in `text`, as "line N: what"."""
    found = []
    for what, pattern in CHECKS.items():
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {what}")
    return found


def test_templates_exist_to_scan():
    assert any(path.name == "base.html" for path in template_files())


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_has_no_inline_script_or_style(path):
    problems = violations(path.read_text(encoding="utf-8"))
    assert not problems, f"{path.relative_to(TEMPLATES)} breaks the CSP: " + "; ".join(problems)


@pytest.mark.parametrize(
    "snippet",
    ['<script>alert(1)</script>', '<p style="color:red">', "<style>p{}</style>", '<a onclick="x()">', '<a href="javascript:x()">'],
)
def test_scanner_catches_inline_code(snippet):
    assert violations(snippet)


def test_scanner_allows_external_scripts_and_classes():
    assert not violations('<script src="/static/js/store.js" defer></script><p class="note" data-style="x">')
