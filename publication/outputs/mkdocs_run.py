"""MkDocs as the project starts it (`make serve`, and the build of `check` and `publish`):
`python -m publication.outputs.mkdocs_run build|serve …`, MkDocs' own command line with
the project's YAML reading in place of its own.

MkDocs reads mkdocs.yml with PyYAML's full `yaml.Loader` (a `!!python/object/apply:` tag
runs code) and without limits (an alias bomb, a key given twice). Here it reads the
configuration with `datafiles.ConfigSafeLoader` (safe, the policy's alias budget, every
key once; MkDocs still adds its `!ENV` and `!relative` tags) and the pages' front matter
with the data files' loader, for the first read and for every reload of `serve`.
"""

from __future__ import annotations

import sys


def use_safe_yaml() -> None:
    """Give MkDocs the project's loaders (model/datafiles.py)."""
    from mkdocs.utils import meta
    from mkdocs.utils import yaml as mkdocs_yaml

    from publication.model.datafiles import ConfigSafeLoader, SafeLoader

    # get_yaml_loader(loader=yaml.Loader, config=None): its default loader, for every
    # caller (mkdocs.config.defaults imports the same function).
    mkdocs_yaml.get_yaml_loader.__defaults__ = (ConfigSafeLoader, None)
    meta.SafeLoader = SafeLoader  # front matter: get_data() reads the module's name


def main(argv: list[str] | None = None) -> int:
    use_safe_yaml()
    from mkdocs.__main__ import cli

    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="mkdocs")


if __name__ == "__main__":
    sys.exit(main())
