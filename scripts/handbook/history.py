"""A framework's earlier versions and the crosswalks between them, beside the current version.

Layout of a framework folder with history (all optional: a folder without `versions/` is one version):

    framework.yaml, introduction.yaml, sections/       the current version
    versions/<released>/                               each earlier version, laid out the same way
    crosswalks/<older>-to-<newer>.yaml                 one per pair of consecutive versions

Each earlier version is checked by the same schema and rules as the current one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .changelog import ChangeLog, change_log
from .crosswalk import crosswalk_name, load_crosswalk
from .framework import load_framework
from .model import Framework
from .problems import DataError, Problem
from .yamlload import yaml_files


@dataclass(frozen=True)
class History:
    """Every version of one framework, oldest first (the last is the current one), and what changed between them."""

    versions: tuple[Framework, ...]
    changes: tuple[ChangeLog, ...]  # changes[i] goes from versions[i] to versions[i + 1]

    @property
    def current(self) -> Framework:
        return self.versions[-1]

    @property
    def earlier(self) -> tuple[Framework, ...]:
        return self.versions[:-1]


def load_history(folder: Path, current: Framework) -> History:
    """`current` with the earlier versions and crosswalks kept beside it in `folder`; raises DataError."""
    problems: list[Problem] = []
    earlier = _earlier_versions(Path(folder) / "versions", current, problems)
    if problems:
        raise DataError(problems)
    versions = (*earlier, current)
    changes = []
    crosswalks = Path(folder) / "crosswalks"
    expected = {crosswalk_name(o.version.released, n.version.released) for o, n in zip(versions, versions[1:])}
    for path in yaml_files(crosswalks, "crosswalk", problems):
        if path.name not in expected:
            pairs = ", ".join(sorted(expected)) or "none, as there is only one version"
            problems.append(Problem(path, None, "this crosswalk is not between two consecutive versions",
                                    f"name it <older>-to-<newer>.yaml for consecutive versions (expected: {pairs}), or delete it"))
    for old, new in zip(versions, versions[1:]):
        path = crosswalks / crosswalk_name(old.version.released, new.version.released)
        if not path.is_file():
            problems.append(Problem(path, None, f"there is no crosswalk from the version released {old.version.released} "
                                    f"to the one released {new.version.released}",
                                    "create it, with an entry for every line whose id or text changed"))
            continue
        crosswalk = load_crosswalk(path, old, new, problems)
        if crosswalk is not None:
            changes.append(change_log(crosswalk))
    if problems:
        raise DataError(problems)
    return History(versions, tuple(changes))


def _earlier_versions(folder: Path, current: Framework, problems: list[Problem]) -> list[Framework]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(p for p in folder.iterdir() if p.is_dir()):
        try:
            version = load_framework(path)
        except DataError as error:
            problems.extend(error.problems)
            continue
        metadata = path / "framework.yaml"
        released = version.version.released
        if version.id != current.id:
            problems.append(Problem(metadata, None, f"this earlier version has the id '{version.id}', "
                                    f"but the current version's is '{current.id}'",
                                    f"write id: {current.id}: every version of a framework keeps its id"))
        elif path.name != released:
            problems.append(Problem(metadata, None, f"the version released {released} is in the folder versions/{path.name}/",
                                    f"rename the folder to versions/{released}/, so its address stays the same"))
        elif released >= current.version.released:
            problems.append(Problem(metadata, None, f"the earlier version released {released} is not older than the "
                                    f"current one, released {current.version.released}",
                                    "keep only older versions in versions/; the current version is the framework folder itself"))
        else:
            found.append(version)
    return sorted(found, key=lambda v: v.version.released)
