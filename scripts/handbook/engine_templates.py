"""Keep the theme's templates compiled from one build to the next.

MkDocs makes a new Jinja2 environment for every build, which compiles each of the theme's templates
again: about a tenth of a build of the 1x framework. Jinja2's own bytecode cache keeps the compiled
code in a folder, and compiles a template again whenever its source changes (the cache checks a
checksum of the source) or Jinja2 or Python is another version (the cache's files carry both).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.plugins import BasePlugin


class CompiledTemplates(BasePlugin):
    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def on_env(self, env: Environment, config: Any, files: Any) -> Environment:
        self.folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(self.folder))
        return env
