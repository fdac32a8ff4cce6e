#!/usr/bin/python3
"""The baseline for bench_calendar_import: python3-icalendar + python3-recurring-ical-events
(Debian packages) reading the same file and expanding the same window. Prints the number of
occurrences and the seconds it took, one line: "<count> <seconds>"."""
import sys
import time
import datetime

import icalendar
import recurring_ical_events

path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
with open(path, "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
occurrences = recurring_ical_events.of(calendar).between(
    datetime.date.fromisoformat(start), datetime.date.fromisoformat(end))
count = len(list(occurrences))
print(count, f"{time.perf_counter() - t0:.4f}")
