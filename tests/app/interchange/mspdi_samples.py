"""Small hand-written MSPDI documents for edge cases the real samples do not cover."""

from __future__ import annotations


def project_xml(tasks: str = "", calendars: str = "", extra: str = "") -> bytes:
    """A minimal MSPDI project around ``tasks`` (``<Task>`` elements) and ``calendars``."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Name>edge.xml</Name>
  <Title>Edge cases</Title>
  <ScheduleFromStart>1</ScheduleFromStart>
  <StartDate>2026-01-05T08:00:00</StartDate>
  <CalendarUID>1</CalendarUID>
  <MinutesPerDay>480</MinutesPerDay>
  <MinutesPerWeek>2400</MinutesPerWeek>
  {extra}
  <Calendars>
    <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
      <BaseCalendarUID>-1</BaseCalendarUID>
      <WeekDays>
        <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
        <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking></WeekDay>
        <WeekDay><DayType>3</DayType><DayWorking>1</DayWorking></WeekDay>
        <WeekDay><DayType>4</DayType><DayWorking>1</DayWorking></WeekDay>
        <WeekDay><DayType>5</DayType><DayWorking>1</DayWorking></WeekDay>
        <WeekDay><DayType>6</DayType><DayWorking>1</DayWorking>
          <WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime>
          </WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
        <WeekDay><DayType>0</DayType><DayWorking>0</DayWorking>
          <TimePeriod><FromDate>2026-12-24T00:00:00</FromDate>
          <ToDate>2026-12-26T23:59:00</ToDate></TimePeriod></WeekDay>
      </WeekDays>
      <Exceptions>
        <Exception><EnteredByOccurrences>0</EnteredByOccurrences>
          <TimePeriod><FromDate>2026-12-24T00:00:00</FromDate>
          <ToDate>2026-12-26T23:59:00</ToDate></TimePeriod>
          <Occurrences>1</Occurrences><Name>Christmas</Name><Type>1</Type>
          <DayWorking>0</DayWorking></Exception>
        <Exception>
          <TimePeriod><FromDate>2026-03-07T00:00:00</FromDate>
          <ToDate>2026-03-07T23:59:00</ToDate></TimePeriod>
          <Occurrences>1</Occurrences><Name>Release Saturday</Name><Type>1</Type>
          <DayWorking>1</DayWorking>
          <WorkingTimes><WorkingTime><FromTime>09:00:00</FromTime><ToTime>13:00:00</ToTime>
          </WorkingTime></WorkingTimes></Exception>
      </Exceptions>
    </Calendar>
    <Calendar><UID>2</UID><Name>Ops</Name><IsBaseCalendar>0</IsBaseCalendar>
      <BaseCalendarUID>1</BaseCalendarUID>
      <WeekDays>
        <WeekDay><DayType>7</DayType><DayWorking>1</DayWorking>
          <WorkingTimes><WorkingTime><FromTime>22:00:00</FromTime><ToTime>00:00:00</ToTime>
          </WorkingTime></WorkingTimes></WeekDay>
        <WeekDay><DayType>0</DayType><DayWorking>1</DayWorking>
          <TimePeriod><FromDate>2026-12-25T00:00:00</FromDate>
          <ToDate>2026-12-25T23:59:00</ToDate></TimePeriod>
          <WorkingTimes><WorkingTime><FromTime>10:00:00</FromTime><ToTime>12:00:00</ToTime>
          </WorkingTime></WorkingTimes></WeekDay>
      </WeekDays>
    </Calendar>
    {calendars}
  </Calendars>
  <Tasks>
    <Task><UID>0</UID><ID>0</ID><Name>Edge cases</Name><OutlineLevel>0</OutlineLevel>
      <Summary>1</Summary><Deadline>2026-06-30T17:00:00</Deadline></Task>
    {tasks}
  </Tasks>
</Project>""".encode()


def task_xml(uid: int, body: str = "", level: int = 1) -> str:
    """One ``<Task>`` with the given extra elements."""
    return (
        f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>T{uid}</Name>"
        f"<OutlineLevel>{level}</OutlineLevel><Duration>PT8H0M0S</Duration>"
        f"<DurationFormat>7</DurationFormat>{body}</Task>"
    )


def link_xml(pred: int, type_code: int = 1, lag: int = 0, fmt: int = 7) -> str:
    """One ``<PredecessorLink>``."""
    return (
        f"<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{type_code}</Type>"
        f"<CrossProject>0</CrossProject><LinkLag>{lag}</LinkLag><LagFormat>{fmt}</LagFormat>"
        "</PredecessorLink>"
    )
