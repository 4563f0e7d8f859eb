"""The benchmark's settings: the app's own, plus the yardstick URL that production does not serve."""

from caio.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
