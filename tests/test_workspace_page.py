"""The inspection workspace page as built: reachable from the navigation and the checklists, the
framework as data for its scripts, the scripts it loads (classic scripts, which work from disk),
PouchDB served from the site itself with its licence, a rating only where a framework defines one,
and a team's sync server allowed by the policy only when named at build time."""

from __future__ import annotations

import json
import re

import pytest

from conftest import FICTIONAL, ROOT, build_into, page, run_build

def data_of(site):
    return json.loads(page(site, "workspace/").select_one("script#hb-workspace-data").string)


def framework_data_of(site):
    """The framework's lines, in the script beside the page (loaded when the findings are shown)."""
    name = page(site, "workspace/").select_one("script#hb-workspace-data")["data-framework"]
    text = (site / "workspace" / name).read_text(encoding="utf-8")
    prefix = "(window.HB = window.HB || {}).frameworkData = "
    assert text.startswith(prefix) and text.rstrip().endswith(";")
    return json.loads(text[len(prefix):].rstrip().rstrip(";"))


def test_the_workspace_page_holds_the_framework_as_data(site):
    data = data_of(site)
    assert data["framework"] == {"id": "hmip-qi-adult", "version": "2016-05-04", "title": "Quality & Impact Inspection (Adult)"}
    assert [k["id"] for k in data["kinds"]] == ["case-level", "organisational", "impact-evidence"]
    assert data["rating"] is None  # the 2016 framework has no rating rule, so the findings show none
    assert [v["id"] for v in data["scale"]] == ["yes", "partly", "no", "not-applicable"]
    assert "sections" not in data  # the lines, which grow with the framework, are not in the page
    more = framework_data_of(site)
    assert more["kinds"]["case-level"] == ["2", "3", "4", "5"]
    lines = [line["id"] for s in more["sections"] for e in s["elements"] for line in e["lines"]]
    assert len(lines) == 76 and lines[0] == "1.1.1"


def test_the_workspace_is_in_the_navigation_and_linked_from_every_checklist(site):
    home = page(site, "")
    assert any(a.get_text(strip=True) == "Inspection workspace" for a in home.select("nav a"))
    link = page(site, "checklists/case-level/").select_one("a#hb-workspace-link")
    assert link["href"] == "../../workspace/"


def test_scripts_are_the_sites_own_classic_scripts_and_load_only_where_needed(site):
    workspace = page(site, "workspace/")
    sources = [s["src"] for s in workspace.select("script[src]")]
    # Named by their content in the built site (fingerprint.py): pouchdb-9.0.0.3f2a1b9c.min.js
    vendor = next(s for s in sources if re.fullmatch(r"\.\./assets/javascripts/vendor/pouchdb-9\.0\.0\.[0-9a-f]{8}\.min\.js", s))
    assert any(re.fullmatch(r"\.\./assets/javascripts/hb/workspace\.[0-9a-f]{8}\.js", s) for s in sources)
    assert not workspace.select("script[type=module]")  # Chromium refuses module scripts from file://
    assert not any(s.startswith(("http:", "https:", "//")) for s in sources)
    element = page(site, "framework/3.1/")
    assert not [s for s in element.select("script[src]") if "pouchdb" in s["src"] or "/hb/" in s["src"]]
    vendored = (site / "workspace" / vendor).read_text(encoding="utf-8")
    assert vendored.startswith("// PouchDB 9.0.0")
    assert "Apache License" in (ROOT / "overrides" / "assets" / "javascripts" / "vendor" / "pouchdb-9.0.0.LICENSE.txt").read_text()
    assert (site / "assets/javascripts/vendor/pouchdb-9.0.0.LICENSE.txt").is_file()


def test_without_a_sync_server_the_policy_lets_the_page_talk_to_its_own_site_only(site):
    html = (site / "workspace" / "index.html").read_text(encoding="utf-8")
    assert "connect-src" not in html and "data-sync" not in html  # default-src 'self' covers it


def test_a_framework_with_a_rating_rule_gives_it_to_the_findings(fictional_site):
    rating = data_of(fictional_site)["rating"]
    assert rating["name"] == "Lighthouse Board rating rule (fictional)"
    assert rating["values"] == ["yes"] and [b["label"] for b in rating["bands"]] == ["Bright", "Dim", "Dark"]


def test_a_rating_rule_counting_a_value_not_on_the_scale_stops_the_build(tmp_path):
    import shutil
    framework = tmp_path / "framework"
    shutil.copytree(FICTIONAL, framework)
    kinds = framework / "checklists.yaml"
    kinds.write_text(kinds.read_text(encoding="utf-8").replace('values: ["yes"]', 'values: ["good"]'), encoding="utf-8")
    result = run_build("--check", "--framework", framework)
    assert result.returncode == 1
    assert "checklists.yaml" in result.stderr and "'good', which is not on the judgement scale" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("bad", ["ftp://couch.example.org", "https://user:pw@couch.example.org", "couch.example.org"])
def test_a_malformed_sync_server_is_refused_before_building(bad):
    result = run_build("--check", "--sync-server", bad)
    assert result.returncode != 0 and "is not a server address" in result.stderr and "Traceback" not in result.stderr


def test_the_workspace_first_visit_is_within_128_kib_gzipped(site):
    from handbook.weight import page_weight
    weights = page_weight(site, "workspace/")
    assert sum(gz for _, gz in weights.values()) <= 128 * 1024, weights
