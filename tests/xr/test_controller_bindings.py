"""The runtime accepts every controller's suggested bindings, the grip (squeeze) included.

A runtime rejects a whole profile's suggestion when one of its paths is unknown to it
(XR_ERROR_PATH_UNSUPPORTED), and the station then just goes without that controller: only a
real runtime's answer tells that every path is right. The second run shows the check bites:
Index has no ``squeeze/click``, and Monado refuses its profile.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.xr.conftest import RuntimeSession

_SUGGEST = """
import dataclasses, json, sys
import vr_station.xr.bindings as bindings
import vr_station.xr.input as actions_module
from vr_station.xr.instance import XrInstance
profiles = bindings.PROFILES
if sys.argv[1] == "index-squeeze-click":
    profiles = tuple(dataclasses.replace(p, bindings=tuple(
        (a, path.replace("squeeze/value", "squeeze/click")) for a, path in p.bindings))
        if p.profile.endswith("valve/index_controller") else p for p in profiles)
    actions_module.profiles_for = lambda ext: tuple(
        p for p in profiles if p.extension is None or p.extension in ext)
with XrInstance("bindings-check", [], bindings.PROFILE_EXTENSIONS) as instance:
    with actions_module.ControllerActions(instance) as controller:
        wanted = [p.profile for p in bindings.profiles_for(instance.extensions)]
        print(json.dumps({"suggested": sorted(controller.suggested), "wanted": sorted(wanted)}))
"""


def _suggest(session: RuntimeSession, variant: str) -> dict[str, list[str]]:
    done = session.run("python", "-c", _SUGGEST, variant, timeout_s=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_profile_with_the_grip_is_accepted_and_a_wrong_path_costs_its_profile(
        xr_session: Callable[..., RuntimeSession]) -> None:
    session = xr_session()
    shipped = _suggest(session, "shipped")
    assert shipped["suggested"] == shipped["wanted"], "a profile's bindings were refused"
    assert "/interaction_profiles/bytedance/pico4_controller" in shipped["suggested"]
    assert len(shipped["suggested"]) == 5
    wrong = _suggest(session, "index-squeeze-click")
    assert set(shipped["suggested"]) - set(wrong["suggested"]) \
        == {"/interaction_profiles/valve/index_controller"}
