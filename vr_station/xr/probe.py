"""Does an OpenXR runtime answer? Run as ``python -m vr_station.xr.probe``; prints one JSON line.

Run in a child process by ``vr_station.modes`` so that a runtime that hangs or crashes while
the instance is created can never take the station down with it.
"""

from __future__ import annotations

import json
import sys

from vr_station.xr.graphics import OPENGL_EXTENSION, no_opengl_message


def probe() -> dict[str, object]:
    """Whether a runtime with an OpenGL binding and a headset answers.

    ``ok``, and the runtime's and headset's names, or the ``reason`` why not (as JSON data).
    """
    try:
        import xr
    except Exception as exc:  # the binding or its loader library is missing
        return {"ok": False, "reason": f"pyopenxr cannot load: {exc}"}
    try:
        offered = {e.extension_name.decode() if isinstance(e.extension_name, bytes) else str(e.extension_name)
                   for e in xr.enumerate_instance_extension_properties()}
    except Exception as exc:
        return {"ok": False, "reason": f"no OpenXR runtime answered ({type(exc).__name__})"}
    try:
        instance = xr.create_instance(xr.InstanceCreateInfo(
            application_info=xr.ApplicationInfo(
                application_name="vr-station-probe", engine_name="Panda3D",
                api_version=xr.Version(1, 0, 0))))
    except Exception as exc:
        return {"ok": False, "reason": f"no OpenXR runtime answered ({type(exc).__name__})"}
    try:
        runtime = xr.get_instance_properties(instance).runtime_name
        runtime = runtime.decode() if isinstance(runtime, bytes) else str(runtime)
        if OPENGL_EXTENSION not in offered:
            # The station renders with OpenGL; a Direct3D- or Vulkan-only runtime (Windows Mixed
            # Reality) cannot show it: one line naming the runtime and the ones that work.
            return {"ok": False, "runtime": runtime, "reason": no_opengl_message(runtime)}
        try:
            system = xr.get_system(instance, xr.SystemGetInfo(
                form_factor=xr.FormFactor.HEAD_MOUNTED_DISPLAY))
        except Exception as exc:
            return {"ok": False, "runtime": runtime,
                    "reason": f"runtime {runtime} found no headset ({type(exc).__name__})"}
        name = xr.get_system_properties(instance, system).system_name
        name = name.decode() if isinstance(name, bytes) else str(name)
        return {"ok": True, "runtime": runtime, "system": name}
    finally:
        xr.destroy_instance(instance)


if __name__ == "__main__":
    print(json.dumps(probe()))
    sys.stdout.flush()
