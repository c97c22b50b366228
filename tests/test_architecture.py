"""The layout's nevers, read off the import graph (ast): a breach fails here, not in review."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "chronologue"
MAX_LINES = 700  # the hard limit; modules are meant to stay under ~600

# Parts of the package by module prefix (the longest prefix wins).
PARTS = {
    "chronologue.model": "model",
    "chronologue.pipeline": "pipeline",
    "chronologue.annotators": "annotators",
    "chronologue.lib": "lib",
    "chronologue.rules": "rules",
    "chronologue.read": "readers",
    "chronologue.export": "export",
    "chronologue.corpus": "corpus",
    "chronologue.web": "web",
    "chronologue.nlp": "nlp",
    "chronologue.cli": "face",
    "chronologue.__main__": "face",
}

# (importer, imported, why): never allowed.
NEVERS = [
    ("model", "*", "the contract imports nothing of ours"),
    ("annotators", "face", "an annotator knows no screen"),
    ("annotators", "export", "an annotator knows no format"),
    ("annotators", "readers", "annotators read the story and the Document contract, not files"),
    ("annotators", "corpus", "an annotator knows no corpus"),
    ("lib", "annotators", "libraries know no annotator"),
    ("lib", "pipeline", "libraries know no pipeline"),
    ("lib", "export", "libraries know no format"),
    ("rules", "annotators", "the rules loader knows no annotator"),
    ("export", "annotators", "exports read the story only"),
    ("export", "pipeline", "exports read the story only"),
    ("export", "nlp", "exports never parse"),
    ("export", "readers", "exports never read files"),
    ("readers", "annotators", "readers know no annotation"),
    ("readers", "nlp", "layout before parsing, without spaCy"),
    ("corpus", "web", "the store knows no web"),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _part(module: str) -> str | None:
    best = max((prefix for prefix in PARTS if module == prefix or module.startswith(prefix + ".")), key=len,
               default=None)  # fmt: skip
    return PARTS[best] if best else None


def _imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, imported module, inside try) for every import of chronologue's own modules in ``path``."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded = {id(n) for t in ast.walk(tree) if isinstance(t, ast.Try) for b in t.body for n in ast.walk(b)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base, *(f"{base}.{a.name}" for a in node.names)]
        else:
            continue
        for name in names:
            if name.startswith("chronologue"):
                found.append((node.lineno, name, id(node) in guarded))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_the_layout_of_parts():
    for prefix in PARTS:
        path = SRC / prefix.replace(".", "/")
        assert path.is_dir() or path.with_suffix(".py").is_file(), prefix


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_keep_the_nevers(path):
    module = _module_name(path)
    mine = _part(module)
    breaches = []
    for line, imported, guarded in _imports(path):
        theirs = _part(imported)
        if guarded:
            breaches.append(f"{line}: {imported} imported inside try (our own modules always exist)")
        for importer, target, why in NEVERS:
            if mine == importer and theirs is not None and theirs != mine and target in ("*", theirs):
                breaches.append(f"{line}: imports {imported}: {why}")
            elif mine == importer == "model" and theirs is None and imported != "chronologue":
                breaches.append(f"{line}: imports {imported}: {why}")
        if mine == "annotators" and theirs == "annotators":
            own, other = module.split(".")[2], imported.split(".")[2] if imported.count(".") >= 2 else ""
            if other and other != own:
                breaches.append(f"{line}: imports {imported}: annotators never import one another")
    assert not breaches, f"{path.relative_to(SRC)}:\n" + "\n".join(breaches)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_too_long(path):
    assert path.read_text(encoding="utf-8").count("\n") <= MAX_LINES


def test_only_the_pipeline_knows_every_annotator():
    """Outside annotators/ only pipeline/ imports an annotator package."""
    for path in MODULES:
        module = _module_name(path)
        if _part(module) in ("annotators", "pipeline"):
            continue
        imported = [name for _line, name, _g in _imports(path) if _part(name) == "annotators"]
        assert not imported, f"{module} imports {imported}"
