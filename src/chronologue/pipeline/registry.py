"""Annotators as registered components: each declares its name, what it reads and what it writes.

An annotator is a function ``run(story, ctx) -> None`` with a declaration (:class:`Annotator`). The
:class:`Registry` keeps them in running order and checks that order the way spaCy's ``analyze_pipes`` does:
everything an annotator ``requires`` must be assigned by an annotator before it (or be given by the pipeline
itself: the text, the reader's blocks, the document date and, for annotators that need it, the parse).

Third-party annotators join without touching chronologue: a package declares an entry point in the group
``chronologue.annotators`` that names an :class:`Annotator` (or a function returning one); its ``after`` or
``before`` places it, else it runs last::

    [project.entry-points."chronologue.annotators"]
    ships = "my_package.ships:ANNOTATOR"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from chronologue.errors import ChronologueError

if TYPE_CHECKING:
    from chronologue.model.story import Story
    from chronologue.pipeline.context import Context

ENTRY_POINT_GROUP = "chronologue.annotators"

# What every annotator may read without another annotator writing it first.
GIVEN = frozenset({"story.text", "story.source", "ctx.blocks", "ctx.markup", "ctx.dct", "ctx.config"})
PARSE = "ctx.doc"  # given to annotators with ``parse=True``, once the document is parsed


@dataclass(frozen=True)
class Annotator:
    """One annotator: ``run(story, ctx)`` and what it reads (``requires``) and writes (``assigns``).

    Fields are named ``story.<field>`` (``story.entities``) or ``ctx.<hand-off>`` (``ctx.mentions``).
    ``parse`` says whether it needs the spaCy parse (annotators without it run before parsing). ``after`` and
    ``before`` place an added annotator relative to a registered one.
    """

    name: str
    run: Callable[[Story, Context], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    parse: bool = True
    after: str | None = None
    before: str | None = None
    description: str = ""


class PipelineError(ChronologueError):
    """A registry whose order cannot work: an annotator reads what nothing before it writes, or a name twice."""

    def __init__(self, problem: str, hint: str = "") -> None:
        super().__init__("E500", problem, hint)


@dataclass
class Registry:
    """Annotators in running order (those without the parse first, then those with it)."""

    annotators: list[Annotator] = field(default_factory=list)

    def add(self, annotator: Annotator) -> Registry:
        """Place ``annotator`` by its ``after``/``before`` (else last) and check the order; returns self."""
        if any(a.name == annotator.name for a in self.annotators):
            raise PipelineError(f"an annotator named '{annotator.name}' is already registered", "choose another name")
        position = len(self.annotators)
        if annotator.after is not None:
            position = self._index(annotator.after) + 1
        elif annotator.before is not None:
            position = self._index(annotator.before)
        self.annotators.insert(position, annotator)
        self.check()
        return self

    def without(self, *names: str) -> Registry:
        """A copy without the named annotators (checked: nothing may need what they wrote)."""
        for name in names:
            self._index(name)
        copy = Registry([a for a in self.annotators if a.name not in names])
        copy.check()
        return copy

    def names(self) -> list[str]:
        return [a.name for a in self.annotators]

    def before_parse(self) -> list[Annotator]:
        return [a for a in self.annotators if not a.parse]

    def after_parse(self) -> list[Annotator]:
        return [a for a in self.annotators if a.parse]

    def __iter__(self) -> Iterator[Annotator]:
        return iter([*self.before_parse(), *self.after_parse()])

    def analyze(self) -> list[dict[str, object]]:
        """One row per annotator in running order: what it requires and assigns, and what is missing for it."""
        rows: list[dict[str, object]] = []
        available = set(GIVEN)
        for annotator in self:
            if annotator.parse:
                available.add(PARSE)
            missing = sorted(set(annotator.requires) - available)
            rows.append(
                {
                    "name": annotator.name,
                    "requires": list(annotator.requires),
                    "assigns": list(annotator.assigns),
                    "parse": annotator.parse,
                    "missing": missing,
                }
            )
            available.update(annotator.assigns)
        return rows

    def check(self) -> None:
        """Raise :class:`PipelineError` when an annotator requires what no annotator before it assigns."""
        problems = [
            f"'{row['name']}' requires {', '.join(row['missing'])}"  # type: ignore[arg-type]
            for row in self.analyze()
            if row["missing"]
        ]
        if problems:
            raise PipelineError(
                "the annotators cannot run in this order: " + "; ".join(problems) + " (written by none before it)",
                "place the annotator after the one that writes what it needs (its 'after' field)",
            )

    def _index(self, name: str) -> int:
        for i, annotator in enumerate(self.annotators):
            if annotator.name == name:
                return i
        raise PipelineError(f"no annotator named '{name}'", f"registered: {', '.join(self.names())}")


def from_entry_points(registry: Registry, found: Iterable[object] | None = None) -> Registry:
    """``registry`` with the annotators that installed packages declare (entry point group above)."""
    points = entry_points(group=ENTRY_POINT_GROUP) if found is None else found
    for point in points:
        loaded = point.load()  # type: ignore[attr-defined]
        annotator = loaded() if callable(loaded) and not isinstance(loaded, Annotator) else loaded
        if not isinstance(annotator, Annotator):
            raise PipelineError(
                f"the entry point '{point.name}' ({point.value}) is no Annotator",  # type: ignore[attr-defined]
                "point it at a chronologue.pipeline.registry.Annotator or a function returning one",
            )
        registry.add(annotator)
    return registry
