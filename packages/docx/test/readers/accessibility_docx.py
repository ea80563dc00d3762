"""What a screen reader and Word's accessibility checker read in a DOCX, as JSON.

Usage: /usr/bin/python3 accessibility_docx.py FILE.docx [FILE.docx ...]

Opens each file with python-docx (lxml underneath: a strict XML parser, which
refuses a package it cannot parse) and reports, per file:
- drawings: every `wp:docPr` of the body in order (id, name, descr, title)
  and whether its graphic is a chart or a picture;
- tables: every table of the body in order, nested ones included, with its
  style id and, per row, whether it is a header row (`w:tblHeader` on, as
  ECMA-376 Part 1 §17.4.49 reads an on/off property) and its cells' text;
- languages: `w:lang` of the style defaults (rPrDefault), `w:themeFontLang`
  of the settings, the core properties' `dc:language`, each chart's
  `c:lang`, and every other `w:lang` of the body, notes, headers and
  footers (none is expected: the defaults say it once).
"""
import json
import sys

import docx
from docx.oxml.ns import qn
from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
CHART_URI = NS["c"]


def on(element):
    """An on/off property (§17.17.4 ST_OnOff): present and not false/0/off."""
    if element is None:
        return False
    return element.get(qn("w:val"), "true") not in ("false", "0", "off")


def lang_of(element):
    if element is None:
        return None
    return {
        key: element.get(qn(f"w:{key}"))
        for key in ("val", "eastAsia", "bidi")
        if element.get(qn(f"w:{key}")) is not None
    }


def drawings(body):
    found = []
    for doc_pr in body.iter(qn("wp:docPr")):
        inline = doc_pr.getparent()
        data = inline.find(".//a:graphicData", NS)
        found.append(
            {
                "id": doc_pr.get("id"),
                "name": doc_pr.get("name"),
                "descr": doc_pr.get("descr"),
                "title": doc_pr.get("title"),
                "kind": "chart" if data is not None and data.get("uri") == CHART_URI else "picture",
            }
        )
    return found


def tables(body):
    found = []
    for tbl in body.iter(qn("w:tbl")):
        style = tbl.find("w:tblPr/w:tblStyle", NS)
        rows = []
        for tr in tbl.findall("w:tr", NS):
            cells = [
                "".join(t.text or "" for t in tc.iter(qn("w:t")))
                for tc in tr.findall("w:tc", NS)
            ]
            rows.append({"header": on(tr.find("w:trPr/w:tblHeader", NS)), "cells": cells})
        found.append({"style": style.get(qn("w:val")) if style is not None else None, "rows": rows})
    return found


def languages(document):
    package = document.part.package
    parts = {str(p.partname): p for p in package.iter_parts()}
    styles = etree.fromstring(parts["/word/styles.xml"].blob)
    settings = etree.fromstring(parts["/word/settings.xml"].blob)
    charts = {
        name: etree.fromstring(part.blob).find("c:lang", NS)
        for name, part in sorted(parts.items())
        if name.startswith("/word/charts/chart")
    }
    others = []
    for name, part in sorted(parts.items()):
        if name in ("/word/styles.xml", "/word/settings.xml") or not name.endswith(".xml"):
            continue
        if not name.startswith("/word/") or name.startswith("/word/charts/"):
            continue
        root = etree.fromstring(part.blob)
        others += [{"part": name, **lang_of(e)} for e in root.iter(qn("w:lang"))]
    return {
        "defaults": lang_of(styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)),
        "themeFontLang": lang_of(settings.find("w:themeFontLang", NS)),
        "core": document.core_properties.language,
        "charts": {name: (e.get("val") if e is not None else None) for name, e in charts.items()},
        "others": others,
    }


def inspect(path):
    document = docx.Document(path)
    body = document.element.body
    return {
        "drawings": drawings(body),
        "tables": tables(body),
        "languages": languages(document),
    }


print(json.dumps({path: inspect(path) for path in sys.argv[1:]}, ensure_ascii=False))
