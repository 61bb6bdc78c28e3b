"""The plugin keeps the theme's compiled templates between builds (Jinja's bytecode
cache): the pages are the same as without it, an edited template is compiled again, and
a cache that cannot be read or written only makes a build slower."""

from __future__ import annotations

from pathlib import Path

import pytest
from clitools import tree_files
from jinja2 import Environment, FileSystemLoader

from publication.outputs.build import mkdocs_build
from publication.outputs.plugin import PublicationPlugin, template_cache


@pytest.mark.slow
def test_a_build_from_the_cache_is_the_same_byte_for_byte_as_one_that_compiled(project_copy, tmp_path):
    """The first build compiles every template (as a build without the cache does) and
    fills a new cache; the second reads them from it."""
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {"TMPDIR": str(temp)}  # Jinja's folder is under the system's temporary folder
    config = project_copy / "mkdocs.yml"
    assert mkdocs_build(tmp_path / "compiled", config, env=env) == []
    (cache,) = temp.glob("_jinja2-cache-*")
    entries = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(entries) > 20, "the theme's templates were kept"
    assert mkdocs_build(tmp_path / "cached", config, env=env) == []
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == entries, "read, not compiled again"
    compiled, cached = tree_files(tmp_path / "compiled"), tree_files(tmp_path / "cached")
    assert sorted(cached) == sorted(compiled)
    assert [name for name in compiled if compiled[name] != cached[name]] == []


@pytest.mark.slow
def test_the_option_turns_the_cache_off(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    at = text.index("\nplugins:\n")
    assert "\n  - publication\n" in text[at:]
    text = text[:at] + text[at:].replace("\n  - publication\n", "\n  - publication:\n      template_cache: false\n", 1)
    config.write_text(text, encoding="utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    assert mkdocs_build(tmp_path / "site", config, env={"TMPDIR": str(temp)}) == []
    assert list(temp.iterdir()) == []


def render(templates: Path, cache) -> str:
    env = Environment(loader=FileSystemLoader(str(templates)), bytecode_cache=cache)
    return env.get_template("page.html").render(name="wereld")


def test_an_edited_template_is_compiled_again(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hallo {{ name }}")
    (tmp_path / "cache").mkdir()
    cache = template_cache(str(tmp_path / "cache"))
    assert render(tmp_path / "t", cache) == "Hallo wereld"
    assert len(list((tmp_path / "cache").iterdir())) == 1, "compiled once, kept"
    (tmp_path / "t" / "page.html").write_text("Dag {{ name }}")
    assert render(tmp_path / "t", cache) == "Dag wereld"


def test_a_damaged_entry_is_compiled_again(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hallo {{ name }}")
    (tmp_path / "cache").mkdir()
    cache = template_cache(str(tmp_path / "cache"))
    render(tmp_path / "t", cache)
    (entry,) = (tmp_path / "cache").iterdir()
    data = entry.read_bytes()
    # cut in the header's checksum (pickle), in the code (marshal), overwritten, empty
    for damaged in (data[:20], data[: len(data) // 2], data[:-8] + b"\x00" * 8, b"\xff" * len(data), b""):
        entry.write_bytes(damaged)
        assert render(tmp_path / "t", cache) == "Hallo wereld"


def test_a_cache_that_cannot_be_written_only_skips_the_writing(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hallo {{ name }}")
    (tmp_path / "a-file").write_text("")
    cache = template_cache(str(tmp_path / "a-file" / "cache"))  # a folder inside a file
    assert render(tmp_path / "t", cache) == "Hallo wereld"
    assert render(tmp_path / "t", cache) == "Hallo wereld"


@pytest.mark.parametrize("options,cached", [({}, True), ({"template_cache": False}, False)])
def test_the_plugin_gives_the_templates_the_cache_unless_told_not_to(options, cached):

    plugin = PublicationPlugin()
    errors, warnings = plugin.load_config(options)
    assert errors == [] and warnings == []
    env = plugin.on_env(Environment(), config=None, files=None)
    assert (env.bytecode_cache is not None) == cached
