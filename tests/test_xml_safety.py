"""XML is never parsed with entity expansion on: a scan of Folio's code for XML parsers.

Entity expansion is how a "billion laughs" file eats memory and an external entity reads a
local file into an article. The standard library's parsers and lxml's XML parser expand them;
so every XML parser Folio uses must be defusedxml, lxml's HTML parser (which knows no entity
declarations), or lxml's XML parser built with ``resolve_entities=False``."""

from __future__ import annotations

import ast
from pathlib import Path

READER = Path(__file__).parents[1] / "reader"

#: Modules whose parsers expand entities (or may), and so must not be used directly.
UNSAFE_MODULES = ("xml.etree", "xml.dom", "xml.sax", "xml.parsers.expat", "xmlrpc")
#: lxml calls that parse XML with the default parser unless given a safe one.
LXML_XML_CALLS = {"fromstring", "parse", "XML", "iterparse", "XMLParser", "XMLPullParser"}


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[str] = []
    lxml_etree_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(UNSAFE_MODULES):
                    found.append(f"{path.name}:{node.lineno} imports {alias.name}")
                if alias.name == "lxml.etree":
                    lxml_etree_names.add(alias.asname or "lxml.etree")
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith(UNSAFE_MODULES):
                found.append(f"{path.name}:{node.lineno} imports from {node.module}")
            if node.module == "lxml":
                for alias in node.names:
                    if alias.name == "etree":
                        lxml_etree_names.add(alias.asname or "etree")
            if node.module == "lxml.etree":
                for alias in node.names:
                    if alias.name in LXML_XML_CALLS:
                        found.append(f"{path.name}:{node.lineno} imports lxml.etree.{alias.name}")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = ast.unparse(node.func.value)
        if owner in lxml_etree_names and node.func.attr in LXML_XML_CALLS:
            keywords = {k.arg: ast.unparse(k.value) for k in node.keywords}
            if node.func.attr in ("XMLParser", "XMLPullParser", "iterparse"):
                if keywords.get("resolve_entities") != "False":
                    found.append(
                        f"{path.name}:{node.lineno} {owner}.{node.func.attr} expands entities"
                    )
            elif "parser" not in keywords and len(node.args) < 2:
                found.append(
                    f"{path.name}:{node.lineno} {owner}.{node.func.attr} with the default parser"
                )
    return found


def test_no_xml_parser_expands_entities() -> None:
    problems = [p for path in sorted(READER.rglob("*.py")) for p in _problems(path)]
    assert problems == []


def test_the_scan_finds_an_unsafe_parser(tmp_path: Path) -> None:
    unsafe = tmp_path / "unsafe.py"
    unsafe.write_text(
        "import xml.etree.ElementTree as ET\n"
        "from lxml import etree\n"
        "etree.fromstring(b'<a/>')\n"
        "etree.XMLParser(huge_tree=True)\n"
        "safe = etree.XMLParser(resolve_entities=False, no_network=True)\n"
        "etree.fromstring(b'<a/>', parser=safe)\n"
    )
    assert [p.split(" ", 1)[1] for p in _problems(unsafe)] == [
        "imports xml.etree.ElementTree",
        "etree.fromstring with the default parser",
        "etree.XMLParser expands entities",
    ]
