"""The README and docs/ link only to what a clone of the project has: no dead relative links, no paths
outside the project (such as ../shared/specs/, which only the development machine has)."""

import fnmatch
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]

FENCE = re.compile(r"^ *(```|~~~).*?^ *\1", re.M | re.S)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")  # [text](target "title")
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)  # [name]: target
CODE = re.compile(r"(`+)(.+?)\1", re.S)
# A path written in backticks: words joined by slashes, e.g. `docs/search-api.md`, `../shared/x.md`.
PATH = re.compile(r"^(?:\.{1,2}/)*[\w.*-]+(?:/[\w.*-]*)+$")
OUTSIDE = re.compile(r"(?<![\w/.])\.\./[\w./-]*[\w/-]")  # anywhere, code blocks included
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def ignored_top_level():
    """Patterns of .gitignore (var/, .venv/, db.sqlite3*, tests/browser/screenshots/): what a clone does
    not have until it runs."""
    gitignore = ROOT / ".gitignore"
    lines = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.exists() else []
    return [line.strip().strip("/") for line in lines if line.strip() and not line.startswith("#")]


def top_level_names():
    """The files and folders at the top of the project that a clone has."""
    patterns = ignored_top_level()
    return {p.name for p in ROOT.iterdir() if not any(fnmatch.fnmatch(p.name, pattern) for pattern in patterns)}


def resolve(base, target):
    """The absolute path a reference names from folder `base`; None when it names nothing."""
    target = target.split("#", 1)[0].split("?", 1)[0]
    target = re.sub(r":\d+(?:-\d+)?$", "", target)  # `search/views.py:42`
    if not target:
        return None
    if target.startswith("/"):  # GitHub reads /x in a Markdown link as the repository's root
        return (ROOT / target.lstrip("/")).resolve()
    return (base / target).resolve()


def made_by_running(path):
    """Whether .gitignore names the path (or a folder above it): made by running, e.g. var/ or the
    browser tests' screenshots, so a fresh clone may not have it yet."""
    relative = path.relative_to(ROOT).as_posix()
    parts = relative.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    return any(fnmatch.fnmatch(prefix, pattern) for pattern in ignored_top_level() for prefix in prefixes)


def exists(path):
    if made_by_running(path):
        return True
    if any(char in str(path) for char in "*?["):
        return any(ROOT.glob(str(path.relative_to(ROOT))))
    return path.exists()


def problems_of(document):
    """Dead references of a Markdown file. Links are relative to the file, as Markdown reads them;
    paths in backticks and code blocks to the project's root, where the README's commands run."""
    text = document.read_text(encoding="utf-8")
    prose = FENCE.sub("", text)
    code_blocks = "\n".join(match.group(0) for match in FENCE.finditer(text))
    found = []
    top = top_level_names()

    def check(reference, path):
        if not path.is_relative_to(ROOT):
            found.append(f"{reference}: outside the project, a clone does not have it")
        elif not exists(path):
            found.append(f"{reference}: no such file or folder in the project")

    for target in LINK.findall(prose) + REFERENCE.findall(prose):
        if SCHEME.match(target) or target.startswith("#"):
            continue
        if path := resolve(document.parent, target):
            check(f"]({target})", path)

    for _ticks, code in CODE.findall(prose):
        code = code.strip()
        first = code.split("/", 1)[0]
        if PATH.match(code) and (first in (".", "..", "docs") or first in top):
            check(f"`{code}`", resolve(ROOT, code))
        # Others are not paths of the project's files: `/api/search/`, `10/600`, `var/private`.

    # ../ in plain text or in a code block leaves the project too.
    rest = CODE.sub("", REFERENCE.sub("", LINK.sub("", prose))) + "\n" + code_blocks
    for target in OUTSIDE.findall(rest):
        check(target, resolve(ROOT, target))
    return sorted(set(found))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_documents_link_only_to_what_the_project_has(document):
    problems = problems_of(document)
    assert not problems, f"{document.relative_to(ROOT)}: {problems}"


def test_the_formats_are_documented_in_the_project():
    for name in ("catalogue-import.md", "search-api.md"):
        assert (ROOT / "docs" / name).exists(), name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/catalogue-import.md)" in readme and "](docs/search-api.md)" in readme


def test_dead_links_are_found(monkeypatch):
    """The checker itself: each kind of dead reference is reported, live ones are not."""
    document = ROOT / "docs" / "example.md"
    text = "\n".join(
        [
            "[spec](../../shared/specs/search-api.md) [gone](missing.md) [ok](search-api.md#response)",
            "[web](https://example.org/x) [anchor](#top) [root](../README.md) ![logo](/static/img/share.png)",
            "`../shared/specs/catalogue-import.md` `docs/nothing.md` `search/views.py:21` `search/nope.py`",
            "`/api/search/` `10/600` `var/private` `kiosk/feed/` `catalogue/importer/` `tests/browser/*.py`",
            "See ../shared/DESIGN.md.",
            "[ref]: ../nowhere.md",
            "```sh",
            "cat ../shared/specs/search-api.md",
            "```",
        ]
    )
    read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, **kw: text if self == document else read_text(self, **kw))
    assert problems_of(document) == [
        "../shared/DESIGN.md: outside the project, a clone does not have it",
        "../shared/specs/search-api.md: outside the project, a clone does not have it",
        "](../../shared/specs/search-api.md): outside the project, a clone does not have it",
        "](../nowhere.md): no such file or folder in the project",
        "](missing.md): no such file or folder in the project",
        "`../shared/specs/catalogue-import.md`: outside the project, a clone does not have it",
        "`docs/nothing.md`: no such file or folder in the project",
        "`search/nope.py`: no such file or folder in the project",
    ]
