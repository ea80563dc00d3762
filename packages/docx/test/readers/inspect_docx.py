"""Reads DOCX files with python-docx (a strict reader) and prints what it found as JSON.

Usage: /usr/bin/python3 inspect_docx.py FILE.docx [FILE.docx ...]

For each file: paragraphs with their style names, tables as cell texts, the
footnotes part's notes, the core properties and the number of inline shapes.
python-docx refuses a package with XML it cannot parse, so opening the file
at all is part of the check.
"""
import json
import sys

import docx
from docx.oxml.ns import qn


def footnotes(document):
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            root = rel.target_part.element if hasattr(rel.target_part, "element") else None
            if root is None:
                from lxml import etree

                root = etree.fromstring(rel.target_part.blob)
            notes = []
            for note in root.iter(qn("w:footnote")):
                if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                    continue
                text = "".join(t.text or "" for t in note.iter(qn("w:t")))
                notes.append({"id": note.get(qn("w:id")), "text": text})
            return notes
    return None


def inspect(path):
    d = docx.Document(path)
    core = d.core_properties
    return {
        "paragraphs": [{"style": p.style.name, "text": p.text} for p in d.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
        "footnotes": footnotes(d),
        "core": {
            "title": core.title,
            "subject": core.subject,
            "author": core.author,
            "keywords": core.keywords,
            "language": core.language,
            "created": core.created.isoformat() if core.created else None,
        },
        "inline_shapes": len(d.inline_shapes),
    }


print(json.dumps({path: inspect(path) for path in sys.argv[1:]}, ensure_ascii=False))
