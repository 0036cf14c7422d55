"""The test clock: pinning "now" with time-machine, for one test, a whole run or a sweep.

Three ways in:

- `--now=WHEN` runs the whole suite from WHEN (an ISO time, read in Beijing time when it
  has no offset, or the name of an instant of SWEEP), the clock ticking on from there.
- Tests of deadlines, windows, reminders, escalations and recommendations, and the demo,
  carry the `clock_sweep` marker: they always run at a pinned instant of SWEEP, by
  default one drawn with a seed that changes each run and is printed in the header
  (`--clock-seed=S` draws the same again). `--clock-sweep=N` runs each of them at N
  instants, `--clock-sweep=all` at every one (their module's fixtures set up again per
  instant, so the demo is seeded at each); `--clock-sweep=0` leaves them on the real
  clock. `--clock-sweep-every=PATH` runs those under PATH at every instant whatever
  `--clock-sweep` says.
- A test that needs a fixed moment uses time-machine's own `time_machine` fixture.

Time ticks on from the instant it is pinned to: code that waits or compares two
timestamps behaves as it does for users. Monotonic clocks are left alone.
"""

import random
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

BEIJING = ZoneInfo("Asia/Shanghai")


def _instants() -> dict[str, datetime]:
    """Just after and just before local midnight on each weekday of the week around the
    new year (so also the last day of a month and of a year, and 16:00 UTC, when the
    UTC date and the Beijing date part), the Friday 00:30 at which a seed once showed too
    little, and the last day of a leap February."""
    found = {}
    monday = datetime(2026, 12, 28, tzinfo=BEIJING)
    for offset in range(7):
        day = monday + timedelta(days=offset)
        name = day.strftime("%a").lower()
        found[f"{name}-0001"] = day.replace(minute=1)
        found[f"{name}-2359"] = day.replace(hour=23, minute=59)
    found["fri-0030"] = datetime(2027, 1, 8, 0, 30, tzinfo=BEIJING)
    found["leap-day-2359"] = datetime(2028, 2, 29, 23, 59, tzinfo=BEIJING)
    return found


SWEEP = _instants()


def parse_instant(text: str) -> datetime:
    """A SWEEP name, or an ISO time (Beijing time unless it says otherwise)."""
    if text in SWEEP:
        return SWEEP[text]
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        names = ", ".join(SWEEP)
        message = f"--now: {text!r} is neither an ISO time nor one of {names}"
        raise pytest.UsageError(message) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=BEIJING)


def _traveller(moment: datetime) -> time_machine.travel:
    # Given in Django's zone: time-machine then sets TZ to it (Django has already), so
    # date.today() and naive local times read as they do off the real clock; it would
    # read them in UTC otherwise.
    from django.conf import settings

    return time_machine.travel(moment.astimezone(ZoneInfo(settings.TIME_ZONE)), tick=True)


def pytest_addoption(parser):
    group = parser.getgroup("linli clock")
    group.addoption(
        "--now",
        metavar="WHEN",
        help="run every test from this instant: an ISO time (Beijing time if naive) "
        "or a sweep instant's name, e.g. fri-0001",
    )
    group.addoption(
        "--clock-sweep",
        nargs="?",
        const="all",
        metavar="N",
        help="run the tests marked clock_sweep at every sweep instant, or at N of them "
        "drawn at random (default 1; 0: on the real clock; see --clock-seed)",
    )
    group.addoption(
        "--clock-sweep-every",
        action="append",
        default=[],
        metavar="PATH",
        help="the clock_sweep tests under PATH run at every sweep instant, whatever "
        "--clock-sweep says (repeatable)",
    )
    group.addoption("--clock-seed", type=int, help="the seed that draws --clock-sweep=N's instants")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "clock_sweep: depends on the clock (deadlines, windows, the demo); "
        "--clock-sweep runs it at every instant of tests/clock.py's SWEEP",
    )
    when = config.getoption("--now")
    if when:
        config._linli_travel = _traveller(parse_instant(when))
        config._linli_travel.start()
    config._linli_sweep = _sweep_instants(config)


def pytest_unconfigure(config):
    travel = getattr(config, "_linli_travel", None)
    if travel is not None:
        travel.stop()


def _sweep_instants(config) -> list[str]:
    wanted = config.getoption("--clock-sweep")
    if wanted is None:
        wanted = "0" if config.getoption("--now") else "1"
    if wanted == "all":
        return list(SWEEP)
    try:
        count = int(wanted)
    except ValueError:
        message = f"--clock-sweep takes a number of instants, not {wanted!r}"
        raise pytest.UsageError(message) from None
    if count <= 0:
        return []
    seed = config.getoption("--clock-seed")
    if seed is None:
        # pytest-xdist's workers draw what the controller drew (pytest_configure_node).
        worker = getattr(config, "workerinput", {})
        seed = worker.get("linli_clock_seed", random.SystemRandom().randrange(10**6))
        config.option.clock_seed = seed
    return sorted(random.Random(seed).sample(list(SWEEP), min(count, len(SWEEP))))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist: a worker gets the controller's clock seed."""
    node.workerinput["linli_clock_seed"] = node.config.getoption("--clock-seed")


def pytest_report_header(config):
    lines = []
    if config.getoption("--now"):
        lines.append(f"clock: every test starts from {config.getoption('--now')}")
    instants = config._linli_sweep
    if instants:
        seed = config.getoption("--clock-seed")
        drawn = f" (drawn with --clock-seed={seed})" if seed is not None else ""
        count = f"{len(instants)} instant" + ("s" if len(instants) > 1 else "")
        lines.append(f"clock sweep: {count}{drawn}: {', '.join(instants)}")
    return lines


def pytest_generate_tests(metafunc):
    config = metafunc.config
    instants = config._linli_sweep
    path = metafunc.definition.path
    for under in config.getoption("--clock-sweep-every"):
        if path.is_relative_to((config.invocation_params.dir / under).resolve()):
            instants = list(SWEEP)
    if instants and metafunc.definition.get_closest_marker("clock_sweep"):
        if "module_clock" not in metafunc.fixturenames:
            metafunc.fixturenames.append("module_clock")
        metafunc.parametrize("module_clock", instants, indirect=True, scope="module")


_INSTANT_IN_ID = re.compile(
    r"(?<=[\[-])(" + "|".join(sorted(map(re.escape, SWEEP), key=len, reverse=True)) + r")(?=[\]-])"
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's --dist loadscope, with a module's tests at one sweep instant as one
    scope: a worker runs them together and sets up their module fixtures (the seeded
    demo) once, while the instants spread over the workers. (--dist loadgroup would do
    it with marks, but pytest-xdist 3.8 cannot rename pytest 9's node ids.)"""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleAtInstant(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope, params = super()._split_scope(nodeid), nodeid.find("[")
            found = _INSTANT_IN_ID.search(nodeid, params) if params >= 0 else None
            return f"{scope}@{found.group(1)}" if found else scope

    return ModuleAtInstant(config, log)


@pytest.fixture(scope="module")
def module_clock(request):
    """The instant this module's tests run at in a sweep (None outside one): module
    fixtures that depend on the clock, such as the seeded demo, request it."""
    name = getattr(request, "param", None)
    if name is None:
        yield None
        return
    with _traveller(SWEEP[name]):
        yield SWEEP[name]
