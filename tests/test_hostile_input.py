"""Hostile and careless input, and faults: each is refused or survived with a clear message.

Every case runs the build's own command line (`cli.main`, in this process, so it is fast) or
its loaders, on a copy of the small fictional framework, and checks what the user sees.

| class | cases (tests in this module unless named) | what the user sees |
| --- | --- | --- |
| script or event-handler markup in any source: framework, guidance and checklist-kind YAML, Markdown front matter and body, vocabularies, glossary, scale; a spreadsheet formula in the data | `test_markup_in_the_framework_data_is_refused`, `test_markup_in_a_page_is_refused`, `test_markup_in_the_vocabularies_is_refused`, `test_markup_in_the_scale_is_refused` | the build stops: file, line, "the text holds HTML markup" (or "the page holds a <script> element", "an event-handler attribute") and a fix; exit 1 |
| a script that reaches a page anyway | `test_a_script_in_content_gets_no_hash_and_is_named`, `tests/browser/test_hostile_content.py` | the page's policy does not allow it (the browser refuses it); the build names the page's source |
| encodings: Latin-1, UTF-16, control characters; BOM and CRLF are fine | `test_encodings` | "is not valid UTF-8", "contains the control character U+0000", with the line |
| YAML the data never needs: tags, anchors, aliases, merge keys, deep nesting | `test_yaml_features_the_data_never_needs_are_refused` | "the tag '...'", "an anchor (&a)", "an alias (*a)", "a merge key (<<)", "nested more than 20 levels", with the line |
| limits: file size, text length, number of pages and of files | `test_limits`, `test_an_alias_bomb_is_refused_at_once` | "is 2.0 MiB; a source file may be at most 1 MiB", "a text of 30,0xx characters is longer than the 20,000 allowed", "holds 13 pages", "holds 2,003 section files" |
| files that are not plain files inside the project: links out, pipes, folders | `test_files_that_are_not_plain_project_files` | "is a link to /etc/hostname, outside the project", "is not a plain file" (a pipe never hangs the build) |
| file names in messages | `test_messages_name_files_relative_to_the_project` | `tests/fixtures/...`, not an absolute path |
| mistakes in mkdocs.yml | `test_mkdocs_yml_problems_come_first_with_their_line` | "mkdocs.yml, line 14: Config value 'theme': ..." before any long stage |
| output folder that cannot be written, a full disk | `test_output_that_cannot_be_written`, `test_a_full_disk` | one line: "Build stopped: cannot write ... / the disk is full ... Nothing was changed in ...", exit 1, old site intact, nothing left beside it |
| Ctrl-C | `test_ctrl_c_during_a_build` (a real build, SIGINT to its process group) | "Build interrupted. Nothing was changed in ...", exit 130, no traceback, old site intact, nothing left |
"""

from __future__ import annotations

import errno
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FICTIONAL, FICTIONAL_GUIDANCE, ROOT, SCALE, tree_digest
from handbook import cli, csp, pipeline
from handbook.problems import DataError
from handbook.vocabulary import DATA_DIR, load_vocabulary

SECTION = "sections/1-lamp.yaml"


@pytest.fixture
def sources(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the fictional framework and guidance to break."""
    framework, guidance = tmp_path / "framework", tmp_path / "guidance"
    shutil.copytree(FICTIONAL, framework)
    shutil.copytree(FICTIONAL_GUIDANCE, guidance)
    return framework, guidance


def check(capsys, framework: Path, guidance: Path, *more: str) -> str:
    """Run `build.py --check` on the sources; it must fail as a user's mistake does. Returns what it printed."""
    code = cli.main(["--check", "--framework", str(framework), "--guidance", str(guidance), *more])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err and "fix:" in err
    return err


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` by `new` in the file; the line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


# (file in the framework copy, text there, replacement, expected words)
FRAMEWORK_INJECTIONS = {
    "script in a line": (SECTION, '"The oil store holds', '"<script>alert(1)</script>The oil store holds',
                         "the text holds HTML markup ('<script>alert(1)"),
    "event handler in a title": (SECTION, '"Oil is stocked"', '"Oil <img src=x onerror=alert(1)> is stocked"',
                                 "HTML markup ('Oil <img src=x"),
    "javascript link in a line": (SECTION, "Wicks are trimmed", "[Wicks](javascript:alert(1)) are trimmed",
                                  "a Markdown link"),
    "attribute list in a section title": (SECTION, '"The lamp is kept burning"', '"The lamp { onclick=alert(1) }"',
                                          "curly brackets"),
    "closing tag in a checklist kind": ("checklists.yaml", '"Night watch checklist"', '"Night watch</title><script>x()</script>"',
                                        "HTML markup"),
    "spreadsheet formula in a line": (SECTION, '"Wicks are trimmed', '"=HYPERLINK(\\"http://example.com\\", \\"Wicks\\") are trimmed',
                                      "the text starts with '=', which spreadsheets read as a formula"),
    "svg in a checklist purpose": ("checklists.yaml", '"Used on a night visit', '"<svg onload=alert(1)>Used on a night visit',
                                   "HTML markup"),
}


@pytest.mark.parametrize("case", FRAMEWORK_INJECTIONS, ids=list(FRAMEWORK_INJECTIONS))
def test_markup_in_the_framework_data_is_refused(capsys, sources, case):
    file, old, new, words = FRAMEWORK_INJECTIONS[case]
    framework, guidance = sources
    line = edit(framework / file, old, new)
    err = check(capsys, framework, guidance)
    assert f"{file}, line {line}:" in err and words in err, err


def test_markup_in_the_line_guidance_is_refused(capsys, sources):
    framework, guidance = sources
    path = guidance / "lines" / "lighthouse.yaml"
    text = path.read_text(encoding="utf-8")
    question = re.search(r'questions:\n\s+- "', text)
    path.write_text(text[:question.end()] + '<a href=\\"javascript:alert(1)\\">' + text[question.end():], encoding="utf-8")
    err = check(capsys, framework, guidance)
    line = text[:question.end()].count("\n") + 1
    assert f"lines/lighthouse.yaml, line {line}: the text holds HTML markup" in err, err


PAGE_INJECTIONS = {
    "script in the body": ("# About this fictional handbook", "# About\n\n<script>alert(1)</script>", 7, "a <script> element"),
    "event handler in the body": ("A handbook for", '<img src="x.png" alt="" onerror="alert(1)">A handbook for', 7,
                                  "an event-handler attribute"),
    "javascript link in the body": ("A handbook for", "[Go](javascript:alert(1)) A handbook for", 7, "a 'javascript:' address"),
    "iframe in the body": ("A handbook for", '<iframe srcdoc="<p>x</p>"></iframe>', 7, "a <iframe> element"),
    "attribute list with a handler": ("# About this fictional handbook", "# About { onmouseover=alert(1) }", 5,
                                      "an event-handler attribute"),
    "markup in the front matter title": ("title: About", 'title: "About</title><script>alert(1)</script>"', 2,
                                         "the text holds HTML markup"),
    "a tag in the front matter": ("nav_order: 1", "nav_order: !!python/object/apply:os.system [echo]", 3, "the tag"),
}


@pytest.mark.parametrize("case", PAGE_INJECTIONS, ids=list(PAGE_INJECTIONS))
def test_markup_in_a_page_is_refused(capsys, sources, case):
    old, new, line, words = PAGE_INJECTIONS[case]
    framework, guidance = sources
    edit(guidance / "about.md", old, new)
    err = check(capsys, framework, guidance)
    assert f"about.md, line {line}:" in err and words in err, err


VOCABULARY_INJECTIONS = {
    "theme name": ("themes.yaml", '"Children and safeguarding"', '"Children <script>x()</script>"'),
    "evidence source description": ("evidence-sources.yaml", 'description: "', 'description: "<img src=x onerror=alert(1)>'),
    "glossary definition": ("glossary.yaml", 'definition: "', 'definition: "\\"><script>alert(1)</script>'),
    "glossary term": ("glossary.yaml", "term: MAPPA", "term: \"<b onclick='x()'>MAPPA\""),
}


@pytest.mark.parametrize("case", VOCABULARY_INJECTIONS, ids=list(VOCABULARY_INJECTIONS))
def test_markup_in_the_vocabularies_is_refused(tmp_path, case):
    file, old, new = VOCABULARY_INJECTIONS[case]
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("schemas"))
    edit(data / file, old, new)
    with pytest.raises(DataError) as caught:
        load_vocabulary(data)
    assert any(p.file.name == file and p.line and "HTML markup" in p.message for p in caught.value.problems), \
        caught.value.report()


def test_markup_in_the_scale_is_refused(capsys, sources, tmp_path):
    scale = tmp_path / "scale.yaml"
    shutil.copyfile(SCALE, scale)
    edit(scale, 'label: "Partly"', 'label: "Partly<style>*{display:none}</style>"')
    err = check(capsys, *sources, "--scale", str(scale))
    assert re.search(r"scale\.yaml, line \d+: the text holds HTML markup", err), err


def test_a_script_in_content_gets_no_hash_and_is_named():
    page = ('<meta charset="utf-8"><script>theme()</script><article><script>alert(1)</script>'
            '<script type="application/json">{}</script></article>')
    policy = csp.site_policy(allowed={"theme()"})
    assert csp.holds_other_scripts(page, allowed={"theme()"})
    assert not csp.holds_other_scripts('<meta charset="utf-8"><script>theme()</script>', allowed={"theme()"})
    assert csp._hash("theme()") in policy and csp._hash("alert(1)") not in policy
    assert f'content="{policy}"' in csp.with_policy(page, policy)


def test_encodings(capsys, sources):
    framework, guidance = sources
    section = framework / SECTION
    original = section.read_bytes()
    # Careless but fine: a byte-order mark and Windows line ends, in YAML and in a page.
    section.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    about = guidance / "about.md"
    about.write_bytes(b"\xef\xbb\xbf" + about.read_bytes().replace(b"\n", b"\r\n"))
    assert cli.main(["--check", "--framework", str(framework), "--guidance", str(guidance)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    # Latin-1 in a page, on line 7; UTF-16 in a section; a NUL byte in a section.
    about.write_bytes(about.read_bytes().replace(b"A handbook for", b"A caf\xe9 handbook for"))
    assert "about.md, line 7: is not valid UTF-8 (byte 0xe9" in check(capsys, framework, guidance)
    section.write_bytes(original.decode().encode("utf-16"))
    assert "1-lamp.yaml, line 1: is not valid UTF-8 (byte 0xff" in check(capsys, framework, guidance)
    section.write_bytes(original.replace(b"Wicks", b"Wi\x00cks"))
    assert "1-lamp.yaml, line 12: contains the control character U+0000" in check(capsys, framework, guidance)
    section.write_bytes(original)
    about.write_bytes(b"---\ntitle: About\x1b[31m\nnav_order: 1\n---\n# About\n")
    assert "about.md, line 2: contains the control character U+001B" in check(capsys, framework, guidance)


YAML_FEATURES = {
    "python tag": ('text: "The oil store', 'text: !!python/object/apply:os.system ["echo pwned"]\n        x: "',
                   "the tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
    "custom tag": ('text: "The oil store', 'text: !include other.yaml\n        x: "', "the tag '!include'"),
    "standard tag": ('text: "The oil store', 'text: !!str "The oil store', "the tag 'tag:yaml.org,2002:str'"),
    "anchor": ('title: "Oil is stocked"', 'title: &name "Oil is stocked"', "an anchor (&name)"),
    "alias": ('title: "The keeper keeps watch"', 'title: *name', "an alias (*name)"),
    "merge key": ('    kind: criteria\n    lines:\n      - id: "1.1.1"', '    <<: {kind: criteria}\n    lines:\n      - id: "1.1.1"',
                  "a merge key (<<)"),
    "deep nesting": ('kind: criteria', 'kind: ' + "[" * 60 + "]" * 60, "values are nested more than 20 levels"),
}


@pytest.mark.parametrize("case", YAML_FEATURES, ids=list(YAML_FEATURES))
def test_yaml_features_the_data_never_needs_are_refused(capsys, sources, case):
    old, new, words = YAML_FEATURES[case]
    framework, guidance = sources
    edit(framework / SECTION, old, new)
    err = check(capsys, framework, guidance)
    assert re.search(rf"1-lamp\.yaml, line \d+: {re.escape(words)}", err), err


def test_an_alias_bomb_is_refused_at_once(capsys, sources):
    framework, guidance = sources
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f'{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n'
        for i in range(20))
    (framework / "introduction.yaml").write_text(bomb, encoding="utf-8")
    started = time.perf_counter()
    err = check(capsys, framework, guidance)
    assert time.perf_counter() - started < 10
    assert "introduction.yaml, line 1: an anchor (&a)" in err, err


def test_limits(capsys, sources):
    framework, guidance = sources
    edit(framework / SECTION, "The oil store holds", "The oil store holds " + "very " * 6000)
    (framework / "sections" / "3-huge.yaml").write_bytes(b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    for number in range(10):
        (guidance / f"extra-{number}.md").write_text(f"---\ntitle: Extra {number}\n---\n# Extra\n", encoding="utf-8")
    err = check(capsys, framework, guidance)
    assert re.search(r"1-lamp\.yaml, line 10: a text of 30,0\d\d characters is longer than the 20,000 allowed", err), err
    assert "3-huge.yaml: is 2.0 MiB; a source file may be at most 1 MiB" in err, err
    shutil.rmtree(framework)
    shutil.copytree(FICTIONAL, framework)
    err = check(capsys, framework, guidance)
    assert "holds 13 pages; the navigation has room for 12" in err, err
    for number in range(3, 2004):
        (framework / "sections" / f"{number}.yaml").touch()
    err = check(capsys, framework, guidance)
    assert "sections: holds 2,003 section files; at most 2,000 are read" in err, err


def test_files_that_are_not_plain_project_files(capsys, sources):
    framework, guidance = sources
    os.mkfifo(framework / "sections" / "3-pipe.yaml")  # reading it would wait for ever
    (guidance / "folder.md").mkdir()
    assert "3-pipe.yaml: is not a plain file" in check(capsys, framework, guidance)
    (framework / "sections" / "3-pipe.yaml").unlink()
    assert "folder.md: is not a plain file" in check(capsys, framework, guidance)
    target = Path("/etc/hostname")
    (framework / "sections" / "3-link.yaml").symlink_to(target)
    err = check(capsys, framework, guidance)
    assert f"3-link.yaml: is a link to {target.resolve()}, outside the project" in err, err


def test_a_link_from_inside_the_project_to_outside_it_is_refused(tmp_path):
    from handbook.sourcefile import read_source

    outside = tmp_path / "secret.md"
    outside.write_text("secret", encoding="utf-8")
    link = ROOT / "build" / "test-link-out-of-project.md"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(outside)
    try:
        with pytest.raises(DataError) as caught:
            read_source(link)
    finally:
        link.unlink()
    assert caught.value.report(ROOT).startswith(
        "1 problem found in the sources:\nbuild/test-link-out-of-project.md: is a link to"), caught.value.report(ROOT)


def test_messages_name_files_relative_to_the_project(tmp_path):
    guidance = ROOT / "build" / "test-guidance-relative"
    shutil.rmtree(guidance, ignore_errors=True)
    shutil.copytree(FICTIONAL_GUIDANCE, guidance)
    try:
        edit(guidance / "about.md", "title: About", "title: About <b>")
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--check", "--framework", str(FICTIONAL),
                                 "--guidance", str(guidance)], capture_output=True, text=True, cwd=tmp_path)
    finally:
        shutil.rmtree(guidance)
    assert "\nbuild/test-guidance-relative/about.md, line 2: the text holds HTML markup" in result.stderr, result.stderr
    assert str(ROOT) not in result.stderr


MKDOCS_MISTAKES = {
    "unknown theme": ("name: material", "name: materiall", 14, "Unrecognised theme name: 'materiall'"),
    "unknown plugin": ("  - search:", "  - serach:", 41, 'The "serach" plugin is not installed'),
    "wrong type": ("use_directory_urls: true", "use_directory_urls: maybe", 10, "Config value 'use_directory_urls'"),
    "broken YAML": ("  language: en", "  language: [en", 17, "is not valid YAML"),
}


@pytest.mark.parametrize("case", MKDOCS_MISTAKES, ids=list(MKDOCS_MISTAKES))
def test_mkdocs_yml_problems_come_first_with_their_line(capsys, monkeypatch, tmp_path, case):
    old, new, line, words = MKDOCS_MISTAKES[case]
    config = tmp_path / "mkdocs.yml"
    shutil.copyfile(pipeline.CONFIG, config)
    edit(config, "custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")  # same lines, found from elsewhere
    edit(config, "docs_dir: content", f"docs_dir: {ROOT / 'content'}")
    edit(config, old, new)
    monkeypatch.setattr(pipeline, "CONFIG", config)
    monkeypatch.setattr(pipeline, "check", lambda *a, **k: pytest.fail("the sources were read before mkdocs.yml"))
    assert cli.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert f"mkdocs.yml, line {line}: " in err and words in err and "Traceback" not in err, err


@pytest.fixture
def previous_site(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """An output folder holding an earlier build, which a failed build must leave as it is."""
    out = tmp_path / "out" / "site"
    (out / "guidance").mkdir(parents=True)
    (out / "index.html").write_text("<p>the previous site</p>", encoding="utf-8")
    (out / "guidance" / "index.html").write_text("<p>a page</p>", encoding="utf-8")
    return out, tree_digest(out)


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def build_args(out: Path, tmp_path: Path) -> list[str]:
    return ["--framework", str(FICTIONAL), "--guidance", str(FICTIONAL_GUIDANCE), "--out", str(out),
            "--docs", str(tmp_path / "out" / "docs"), "--cache", str(tmp_path / "cache")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder; the next case covers root")
def test_a_read_only_output_folder(capsys, tmp_path, previous_site):
    out, before = previous_site
    out.chmod(0o555)
    try:
        assert cli.main(build_args(out, tmp_path)) == 1
    finally:
        out.chmod(0o755)
    message = one_line(capsys.readouterr().err)
    assert message.startswith("Build stopped: cannot write ") and "(Permission denied). Make it writable" in message
    assert tree_digest(out) == before and sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_output_that_cannot_be_written(capsys, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert cli.main(build_args(blocker / "site", tmp_path)) == 1
    message = one_line(capsys.readouterr().err)
    assert message.startswith("Build stopped: cannot write ") and "Nothing was changed in" in message, message
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_full_disk(capsys, monkeypatch, tmp_path, previous_site):
    out, before = previous_site
    real = {name: getattr(pathlib.Path, name) for name in ("write_bytes", "write_text")}

    def full(name):
        def write(self, *args, **kwargs):
            if ".site.building-" in str(self):  # the build's own files: the disk is full
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
            return real[name](self, *args, **kwargs)
        return write

    for name in real:
        monkeypatch.setattr(pathlib.Path, name, full(name))
    assert cli.main(build_args(out, tmp_path)) == 1
    message = one_line(capsys.readouterr().err)
    assert re.fullmatch(r"Build stopped: the disk is full \(writing .*\.site\.building-.*\)\. Free some space, then build "
                        r"again\. Nothing was changed in .*/out/site/\.", message), message
    assert tree_digest(out) == before and sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_ctrl_c_during_a_build(tmp_path, previous_site):
    out, before = previous_site
    build = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build.py"), *build_args(out, tmp_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True,
                             # as in a terminal: a shell running tests in the background ignores Ctrl-C
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    # As soon as the build has written its first files beside the old site: waiting longer (a fixed
    # pause, or for the first PDF) let a quick build end before the signal came.
    while not list(out.parent.glob(".site.building-*/exports")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(build.pid, signal.SIGINT)  # as a terminal sends it: to the whole process group
    _, err = build.communicate(timeout=120)
    assert build.returncode == 130, err
    assert one_line(err) == f"Build interrupted. Nothing was changed in {out}/."
    assert tree_digest(out) == before and sorted(p.name for p in out.parent.iterdir()) == ["site"]
