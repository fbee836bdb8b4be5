"""read_gan against GanttProject's own sample and small hand-made files."""

from __future__ import annotations

import datetime as dt

import pytest

from app.interchange import ImportFormatError, read_gan
from app.scheduling.plan import STANDARD_DAY, ConstraintType, LinkSpec, LinkType
from tests.interop_files import gan_file

D = dt.datetime


def test_house_building_sample():
    doc = read_gan(gan_file("HouseBuildingSample.gan"))
    tasks = {t.id: t for t in doc.plan.tasks}
    assert doc.name == "HouseBuildingSample"  # the file's name attribute is empty
    assert len(tasks) == 20 and len(doc.plan.links) == 17
    assert doc.plan.project_start == D(2024, 5, 27, 8)
    draft = tasks["9"]
    assert draft.name == "Create draft of architecture"
    assert draft.parent_id == "0" and draft.duration_minutes == 10 * 480
    assert draft.percent_complete == 100
    # no predecessors: GanttProject keeps it where it was put
    assert (draft.constraint, draft.constraint_date) == (ConstraintType.SNET, D(2024, 5, 27, 8))
    # only Strong predecessors: as soon as they allow
    assert tasks["10"].constraint is ConstraintType.ASAP
    assert tasks["17"].milestone and tasks["17"].duration_minutes == 0
    assert tasks["15"].duration_minutes == 3 * 480
    assert tasks["0"].parent_id is None and tasks["12"].parent_id == "11"
    assert LinkSpec("9", "10", LinkType.FS, 0.0) in doc.plan.links
    assert doc.link_hardness["49", "0"] == "Rubber"
    assert doc.notes["14"].startswith("Embedded devices")
    cal = doc.plan.calendars[doc.plan.default_calendar_id]
    assert cal.week == (STANDARD_DAY,) * 5 + ((), ())
    assert [(e.start, e.working_times) for e in cal.exceptions] == [(dt.date(2006, 2, 14), ())]
    assert doc.vacations[0].resource_id == "1"
    assert doc.vacations[0].start == dt.date(2009, 2, 2)


GAN = """<?xml version="1.0" encoding="UTF-8"?>
<project name="Cutover" version="3.3">
  <calendars>
    <day-types><day-type id="0"/><day-type id="1"/>
      <default-week id="1" name="default" sun="1" mon="0" tue="0" wed="0" thu="0" fri="1"
                    sat="1"/></day-types>
    <date year="" month="12" date="25" type="HOLIDAY"/>
    <date year="2026" month="1" date="10" type="WORKING_DAY"/>
  </calendars>
  <tasks>
    <task id="1" name="Freeze" meeting="false" start="2026-01-05" duration="2" complete="0">
      <depend id="2" type="{type}" difference="{lag}" hardness="Strong"/>
    </task>
    <task id="2" name="Deploy" meeting="false" start="2026-01-07" duration="1" complete="0"
          thirdDate="2026-01-08" thirdDate-constraint="1"/>
  </tasks>
</project>"""


@pytest.mark.parametrize(("code", "link_type"), [(1, "SS"), (2, "FS"), (3, "FF"), (4, "SF")])
def test_link_types_lags_weekend_and_holidays(code, link_type):
    doc = read_gan(GAN.format(type=code, lag=-2).encode())
    assert doc.name == "Cutover"
    link = doc.plan.links[0]
    assert link.type is LinkType(link_type) and link.lag == -960.0
    cal = doc.plan.calendars[doc.plan.default_calendar_id]
    assert cal.week[4] == () and cal.week[3] == STANDARD_DAY  # Friday off in this file
    christmas = [e.start for e in cal.exceptions if e.start.month == 12]
    assert christmas[0] == dt.date(2026, 12, 25) and len(christmas) == 5  # yearly
    assert any(e.working_times == STANDARD_DAY for e in cal.exceptions)
    deploy = doc.plan.tasks[1]
    assert (deploy.constraint, deploy.constraint_date) == (ConstraintType.SNET, D(2026, 1, 8, 8))
    assert doc.plan.minutes_per_week == 4 * 480


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (GAN.format(type=2, lag=0).encode()[:300], "damaged or cut off"),
        (b"<Project/>", "starts with <Project> instead of <project>"),
        (b"just some notes\n", "not a GanttProject"),
        (GAN.format(type=2, lag=0).replace('depend id="2"', 'depend id="9"').encode(), "task 9"),
        (GAN.format(type=7, lag=0).encode(), "unknown type 7"),
        (GAN.format(type=2, lag=0).replace('task id="2"', "task").encode(), "has no id"),
        (GAN.format(type=2, lag=0).replace("2026-01-07", "2026-13-07").encode(), "impossible"),
    ],
)
def test_malformed_gan_files(data, expected):
    with pytest.raises(ImportFormatError) as info:
        read_gan(data, name="cutover.gan")
    assert str(info.value).startswith("Cannot import cutover.gan")
    assert expected in str(info.value)
