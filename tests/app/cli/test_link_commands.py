"""``releasedesk risks link`` and ``releasedesk issues link`` through the command line's
parsing, on the demo workspace: link, list as JSON, unlink, and the refusals."""

from __future__ import annotations

import json

import pytest

from app import cli

RELEASE = ("--release", "Payouts API 3.4")


def _risk(demo_db: str, capsys: pytest.CaptureFixture[str], title: str) -> dict:
    assert cli.main(["risks", "list", "--db", demo_db, *RELEASE, "--json"]) == 0
    return next(r for r in json.loads(capsys.readouterr().out)["risks"] if r["title"] == title)


def test_link_and_unlink_a_risk(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    risk = "Integration environment unavailable in system test"
    argv = ["risks", "link", "--db", demo_db, *RELEASE, "--risk", risk]
    assert cli.main([*argv, "--task", "System integration testing", "--task", "code freeze"]) == 0
    out = capsys.readouterr().out
    assert out == f"Risk '{risk}' now threatens 'System integration testing' and 'Code freeze'.\n"
    listed = _risk(demo_db, capsys, risk)
    assert listed["task_names"] == ["Code freeze", "System integration testing"]
    assert cli.main([*argv, "--task", "Code freeze"]) == 0  # again: nothing new
    assert "(all were linked already: nothing changed)" in capsys.readouterr().out
    by_id = ["risks", "link", "--db", demo_db, *RELEASE, "--risk", listed["id"]]
    assert cli.main([*by_id, "--task", "Code freeze", "--unlink"]) == 0
    assert "no longer threatens 'Code freeze'" in capsys.readouterr().out
    assert _risk(demo_db, capsys, risk)["task_names"] == ["System integration testing"]


def test_link_an_issue(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    issue = "Integration test environment down"
    argv = ["issues", "link", "--db", demo_db, "--issue", issue]
    assert cli.main([*argv, "--task", "Code freeze", "--deployment", "staging"]) == 0
    assert "now affects 'Code freeze' and the Staging deployment." in capsys.readouterr().out
    assert cli.main(["issues", "list", "--db", demo_db, "--json"]) == 0
    [row] = [i for i in json.loads(capsys.readouterr().out)["issues"] if i["title"] == issue]
    assert "Code freeze" in row["affected"] and any("Staging" in a for a in row["affected"])
    assert cli.main([*argv, "--deployment", "Staging", "--unlink"]) == 0
    assert "no longer affects the Staging deployment" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["risks", "link", *RELEASE, "--risk", "No such risk", "--task", "Build"],
         "No risk 'No such risk' in Payouts API 3.4."),
        (["risks", "link", *RELEASE, "--risk", "Test environment unstable", "--task", "Nope"],
         "No task 'Nope' in Payouts API 3.4."),
        (["risks", "link", "--release", "Nowhere", "--risk", "X", "--task", "Build"],
         "No release named 'Nowhere'."),
        (["risks", "link", *RELEASE, "--risk", "Test environment unstable", "--task", "Build",
          "--unlink"], "does not threaten 'Build'; nothing was unlinked."),
        (["issues", "link", "--issue", "Integration test environment down"],
         "Name at least one --task or --deployment"),
        (["issues", "link", "--issue", "Integration test environment down", "--deployment",
          "Mars"], "No deployment 'Mars'."),
    ],
)  # fmt: skip
def test_unknown_names_are_refused(
    demo_db: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert cli.main([*argv, "--db", demo_db]) != 0
    captured = capsys.readouterr()
    assert message in captured.err + captured.out and "Traceback" not in captured.err
