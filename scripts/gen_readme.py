#!/usr/bin/env python3
# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Write each addon's README.rst from its readme/*.md fragments (OCA layout).

Usage: python3 scripts/gen_readme.py [addon ...]   (default: every addon)
"""

import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
]


def md_to_rst(text):
    """Convert the small Markdown subset used in fragments to reStructuredText:
    bold, inline code, lists, and fenced code blocks."""
    lines = []
    fence = None  # indentation of the open code block
    for line in text.rstrip().splitlines():
        stripped = line.lstrip()
        if stripped.startswith("```"):
            if fence is None:
                fence = line[: len(line) - len(stripped)]
                # a literal block: Odoo renders it without Pygments
                lines += [f"{fence}::", ""]
            else:
                fence = None
                lines.append("")
            continue
        if fence is not None:
            lines.append(f"{fence}   {line[len(fence):]}" if line.strip() else "")
            continue
        line = line.replace("**", "\x00")
        line = line.replace("`", "``").replace("````", "``")
        line = line.replace("\x00", "**")
        lines.append(line)
    return "\n".join(lines) + "\n"


def badge_text(text):
    """shields.io reads ``-`` and ``_`` as separators: double them."""
    return text.replace("-", "--").replace("_", "__").replace(" ", "%20")


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), ""]
    out += [
        f".. |license| image:: https://img.shields.io/badge/licence-"
        f"{badge_text(manifest['license'])}-blue.png",
        f".. |status| image:: https://img.shields.io/badge/maturity-"
        f"{badge_text(manifest.get('development_status', 'Beta'))}-yellow.png",
        "",
        "|license| |status|",
        "",
    ]
    for fragment, heading in SECTIONS:
        path = addon / "readme" / fragment
        if not path.exists():
            continue
        if heading:
            out += [heading, "=" * len(heading), ""]
        out.append(md_to_rst(path.read_text()))
    out += ["Credits", "=======", "", "Authors", "-------", ""]
    out += [f"* {author.strip()}" for author in manifest["author"].split(",")]
    contributors = addon / "readme" / "CONTRIBUTORS.md"
    if contributors.exists():
        out += ["", "Contributors", "------------", ""]
        out.append(md_to_rst(contributors.read_text()).rstrip("\n"))
    out += ["", "Maintainers", "-----------", ""]
    out += [f"* {m}" for m in manifest.get("maintainers", [])]
    out += [
        "",
        f"This module is part of the Coworking Suite ({manifest['website']}).",
        "",
    ]
    (addon / "README.rst").write_text("\n".join(out))


def main(names):
    addons = (
        [ROOT / name for name in names]
        if names
        else sorted(p.parent for p in ROOT.glob("*/__manifest__.py"))
    )
    for addon in addons:
        render(addon)
        print(f"wrote {addon.name}/README.rst")


if __name__ == "__main__":
    main(sys.argv[1:])
