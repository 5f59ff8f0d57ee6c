"""Every file under a folder (listing.files_under), as the build lists the built site."""

from __future__ import annotations

from pathlib import Path

from handbook.listing import files_under


def test_every_file_at_any_depth_and_no_folder(tmp_path: Path):
    for name in ("index.html", "b/index.html", "a/z.css", "a/deep/er/x.js"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "empty" / "folder").mkdir(parents=True)
    assert files_under(tmp_path) == ["a/deep/er/x.js", "a/z.css", "b/index.html", "index.html"]
