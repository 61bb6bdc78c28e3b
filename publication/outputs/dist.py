"""dist/ as one edition at a time, never lost.

- `snapshot` copies the project's parts (the commit's, or with `allow_uncommitted` the
  working tree's, marked as a draft) into the work folder once, at the start: every
  output of an edition is made from that copy, whatever happens to the tree meanwhile.
- `check_target` refuses a `--dist` folder that holds anything but a previous edition
  (the marker file `EDITION` says it is one), unless the caller says so explicitly.
- `locked` serialises publications into one folder (fcntl.flock on the folder that
  holds dist/, so no lock file is left behind).
- `clean_leftovers` removes what interrupted runs left (`.dist-new-*`, `.dist-old`).
- `swap` puts the new edition in place with one atomic exchange of the two folders
  (renameat2 RENAME_EXCHANGE): at every instant dist/ is the previous edition or the
  new one, complete. Where the file system cannot exchange, two renames, and the next
  run puts `.dist-old` back if a kill fell between them.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from publication.model.project import CODE_PARTS, PROJECT_PARTS

MARKER = "EDITION"
WORK_PREFIX = "-new-"
# What an edition written before the marker existed holds (accepted as an edition).
LEGACY_NAMES = {"site", "nginx", "SHA256SUMS"}


class DistError(Exception):
    """The output folder cannot be used as asked (a refusal, not a failure)."""


class Busy(Exception):
    """Another publication into the same folder is running."""


class UnsafeSources(Exception):
    """The sources hold what the policy keeps out of an edition (model/policy.py
    `unsafe_files`): a symbolic link, a special file, a hard link. Nothing was copied."""

    def __init__(self, entries: list[tuple[str, str]]):
        super().__init__("; ".join(f"{rel}: {what}" for rel, what in entries))
        self.entries = entries


class UncommittedChanges(Exception):
    def __init__(self, files: list[str]):
        super().__init__(", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else ""))
        self.files = files


# --- the snapshot -------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    root: Path  # the copy every output is made from
    commit: str | None  # the commit it is (None: no git checkout)
    draft: bool  # uncommitted changes are in it
    digest: str  # sha256 of the copied sources (path and bytes of every file)

    @property
    def label(self) -> str | None:
        """How the check report names the edition's state."""
        if self.draft:
            return f"{self.commit} + uncommitted changes (sources sha256 {self.digest[:16]})"
        return self.commit


def _git(root: Path, *args: str, binary: bool = False):
    out = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60)
    if out.returncode != 0:
        return None
    return out.stdout if binary else out.stdout.decode("utf-8", "replace")


def sources_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(folder).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def snapshot(root: Path, dest: Path, allow_uncommitted: bool = False, parts=PROJECT_PARTS + CODE_PARTS) -> Snapshot:
    """Copy `parts` of the project at `root` into `dest`, once. In a git checkout
    without changes: the commit's files (`git archive`, so a later edit cannot slip
    in); with uncommitted changes: refused (UncommittedChanges) unless
    `allow_uncommitted`, then the working tree's files as a draft. Outside git: the
    working tree's files, with no commit named."""
    dest.mkdir(parents=True)
    present = [p for p in parts if (root / p).exists()]
    top = _git(root, "rev-parse", "--show-toplevel")
    commit = _git(root, "rev-parse", "HEAD") if top else None
    if top and commit and Path(top.strip()).resolve() == root.resolve():
        commit = commit.strip()
        status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *present) or ""
        changed = [line[3:] for line in status.splitlines() if line.strip()]
        if not changed:
            data = _git(root, "archive", "--format=tar", commit, "--", *present, binary=True)
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                # A committed link is refused as a working tree's is, before anything is
                # written (tarfile's own filter would stop at the first, with a traceback).
                unsafe = [
                    (m.name, f"a symbolic link (to {m.linkname})" if m.issym() else "a hard link or special file")
                    for m in tar.getmembers()
                    if not (m.isfile() or m.isdir())
                ]
                if unsafe:
                    raise UnsafeSources(unsafe)
                tar.extractall(dest, filter="data")
            return Snapshot(dest, commit[:12], False, sources_digest(dest))
        if not allow_uncommitted:
            raise UncommittedChanges(changed)
        _refuse_unsafe(root, present)
        listed = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *present) or ""
        for rel in sorted(set(filter(None, listed.split("\0")))):
            src = root / rel
            if src.is_file() and not src.is_symlink():
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest / rel, follow_symlinks=False)
        return Snapshot(dest, commit[:12], True, sources_digest(dest))
    _refuse_unsafe(root, present)
    for part in present:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part, follow_symlinks=False)
    return Snapshot(dest, None, False, sources_digest(dest))


def _refuse_unsafe(root: Path, parts) -> None:
    """A working tree's sources as the policy allows them, or UnsafeSources naming
    every link and special file (the copy below never follows one either)."""
    from publication.model.policy import unsafe_files

    unsafe = unsafe_files(root, parts)
    if unsafe:
        raise UnsafeSources(unsafe)


# --- the output folder ------------------------------------------------------------------


def is_edition(folder: Path) -> bool:
    if (folder / MARKER).is_file():
        return True
    names = {p.name for p in folder.iterdir()}
    return (
        bool(names)
        and "site" in names
        and names <= LEGACY_NAMES | {n for n in names if n.startswith("samen-tegen-mensenhandel")}
    )


def check_target(dist: Path, replace_any: bool = False) -> None:
    """Refuse a `dist` that is not a folder, or a folder holding anything but an edition."""
    if dist.is_symlink() or (dist.exists() and not dist.is_dir()):
        raise DistError(f"{dist} exists and is not a folder; choose another --dist")
    if dist.is_dir() and not replace_any and any(dist.iterdir()) and not is_edition(dist):
        raise DistError(
            f"{dist} holds files that are not a previous edition (no {MARKER} file in it); "
            "nothing was changed. Choose an empty or new folder with --dist, or pass "
            "--replace-folder to replace that folder and everything in it"
        )


@contextmanager
def locked(dist: Path):
    """Hold the lock of `dist`'s parent folder; Busy if another publication holds it."""
    parent = dist.parent
    parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(
                f"another publication into {parent} is running; wait for it to end, then try again "
                f"(nothing was changed)"
            ) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def leftovers(dist: Path) -> list[Path]:
    parent = dist.parent
    if not parent.is_dir():
        return []
    return sorted(
        p for p in parent.iterdir() if p.name.startswith(f".{dist.name}{WORK_PREFIX}") or p.name == f".{dist.name}-old"
    )


def clean_leftovers(dist: Path) -> list[str]:
    """Remove what interrupted runs left beside `dist` (call with the lock held). A
    previous edition left as `.dist-old` by a kill between two renames goes back in
    place. Returns what was done, one line each."""
    done = []
    old = dist.with_name(f".{dist.name}-old")
    if old.is_dir() and not dist.exists() and (old / MARKER).is_file():
        old.rename(dist)
        done.append(f"{dist}: put back the previous edition an interrupted run left in {old.name}")
    for path in leftovers(dist):
        try:
            shutil.rmtree(path)
        except OSError as err:  # an old edition that cannot be removed: said, and no obstacle
            done.append(
                f"{path}: left by an earlier run, and cannot be removed ({err.strerror}: {err.filename}); "
                "remove it by hand"
            )
            continue
        done.append(f"{path}: removed (left by an interrupted run)")
    return done


def work_folder(dist: Path) -> Path:

    return Path(tempfile.mkdtemp(prefix=f".{dist.name}{WORK_PREFIX}", dir=dist.parent))


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where not supported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


class OldEditionLeft(Exception):
    """The new edition is in place; the previous one could not be removed."""


def swap(edition: Path, dist: Path, moment=lambda name: None, exchange: bool = True) -> None:
    """Put the complete folder `edition` in place of `dist`. `moment(name)` is called
    at each step (the tests kill the process there)."""
    moment("before")
    if not dist.exists():
        edition.rename(dist)
        moment("after")
        return
    if exchange and _exchange(edition, dist):
        moment("exchanged")
        retired = edition  # now holds the previous edition
    else:
        retired = dist.with_name(f".{dist.name}-old")
        if retired.exists():
            shutil.rmtree(retired)
        dist.rename(retired)
        moment("between-renames")
        edition.rename(dist)
        moment("renamed")
    try:
        shutil.rmtree(retired)
    except OSError as err:
        raise OldEditionLeft(
            f"{dist} holds the new edition; the previous one could not be removed "
            f"entirely from {retired} ({err.strerror}: {err.filename})"
        ) from None
    moment("after")


def write_marker(edition: Path, snap: Snapshot) -> None:
    lines = [
        f"commit: {snap.commit or 'none (not a git checkout)'}",
        f"uncommitted changes: {'yes (a draft edition)' if snap.draft else 'no'}",
        f"sources sha256: {snap.digest}",
    ]
    (edition / MARKER).write_text("\n".join(lines) + "\n", encoding="utf-8")
