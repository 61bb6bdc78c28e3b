"""markdown-include, held inside the project: the build reads an include only from the
policy's INCLUDE_ROOTS (model/policy.py), as the sources check (checks/doors.py) asks.

markdown-include reads any path it is given (`{!/etc/hostname!}`, `{!../../x!}`,
`{!~/.ssh/…!}`), follows symbolic links and recurses without end on an include of
itself. This extension takes the place of its preprocessor (same name, same options):
every file it opens, at any depth and however the directive was put together, is
checked first, and a refusal stops the page with the reason (never a warning that the
build lets through). The sources check says the same with the page's line first.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from markdown.extensions import Extension


class IncludeRefused(Exception):
    """An include the policy does not allow: the page is not built."""


class ConfinedIncludeExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"root": ["", "the project's folder (the include roots are inside it)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        if "include" not in md.preprocessors:
            return
        original = md.preprocessors["include"]
        from markdown_include.include import IncludePreprocessor

        if not isinstance(original, IncludePreprocessor):
            return
        confined = ConfinedIncludePreprocessor(md, original, Path(self.getConfig("root")))
        md.preprocessors.register(confined, "include", 101)


class ConfinedIncludePreprocessor:
    """Runs markdown-include's preprocessor with its file reading checked."""

    def __init__(self, md, original, root: Path):
        self.md = md
        self.original = original
        self.root = root
        self.depth = 0

    def run(self, lines):
        from publication.model import policy

        roots = [self.root / r for r in policy.INCLUDE_ROOTS]
        with _checked_open(self, roots):
            return self.original.run(lines)

    def check(self, filename: str, roots: list[Path]) -> None:
        from publication.model import policy

        # markdown-include has joined the directive's path to its base_path already.
        problem = policy.target_problem(Path(str(filename)), roots)
        if problem is None and self.depth >= policy.INCLUDE_DEPTH:
            problem = f"includes nested deeper than {policy.INCLUDE_DEPTH} (an include of itself?)"
        if problem:
            raise IncludeRefused(f"expected an include inside {', '.join(policy.INCLUDE_ROOTS)}/, found {problem}")


@contextmanager
def _checked_open(pre: ConfinedIncludePreprocessor, roots: list[Path]):
    """markdown-include's module reads through `open` (codecs.open): for the time of a
    page's preprocessing, through one that checks the path first. A refusal is kept and
    raised after markdown-include returns, whatever its `throwException` says."""
    import markdown_include.include as module

    previous = module.open
    refused: list[IncludeRefused] = []

    def checked(filename, *args, **kwargs):
        try:
            pre.check(filename, roots)
        except IncludeRefused as err:
            refused.append(err)
            raise
        pre.depth += 1
        handle = previous(filename, *args, **kwargs)
        return _Counted(handle, pre)

    module.open = checked
    try:
        yield
    finally:
        module.open = previous
        pre.depth = 0
    if refused:
        raise refused[0]


class _Counted:
    """The opened include, which gives its nesting level back when closed."""

    def __init__(self, handle, pre):
        self.handle, self.pre = handle, pre

    def __enter__(self):
        return self.handle.__enter__()

    def __exit__(self, *exc):
        self.pre.depth -= 1
        return self.handle.__exit__(*exc)
