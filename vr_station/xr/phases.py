"""The order of one XR frame, as Panda3D task sorts (lower runs first).

One frame of the station in XR mode, in the order the OpenXR frame loop requires
(https://registry.khronos.org/OpenXR/specs/1.0/html/xrspec.html#frame-synchronization):

==============  =====  ==========================================================================
phase           sort   what happens
==============  =====  ==========================================================================
POLL_EVENTS      -70   drain xrPollEvent; session state changes drive the lifecycle
WAIT_FRAME       -60   xrWaitFrame (the only wait in the loop: the runtime's pacing), xrBeginFrame
SYNC_INPUT       -56   xrSyncActions; controller buttons, sticks and aim poses for this frame
LOCATE_VIEWS     -54   xrLocateViews at the predicted display time; head and eye cameras move
(app tasks)        0   kiosk, UI, scenes: they read ``controllers()`` and the head node
RENDER            50   ShowBase's ``igLoop``: Panda draws each eye; draw callbacks copy the eye
                       images into the acquired swapchain images
END_FRAME         55   xrEndFrame with the projection layer (or no layer when nothing was drawn)
REPORT            57   only with ``vr-station run --events``: what changed this frame, as JSON
                       lines; scripted commands (``vr_station.events``)
IDLE_PACING       60   only while no session runs: keep the loop from spinning a core
==============  =====  ==========================================================================

ShowBase's own tasks keep their sorts (``dataLoop`` -50, ``ivalLoop`` 20, ``collisionLoop``
30, ``igLoop`` 50, ``audioLoop`` 60): input devices and intervals run between LOCATE_VIEWS and
RENDER, so they see this frame's head pose.
"""

from __future__ import annotations

from enum import IntEnum


class FramePhase(IntEnum):
    """The phases of one XR frame; each value is the Panda3D task sort it runs at (table above)."""

    POLL_EVENTS = -70
    WAIT_FRAME = -60
    SYNC_INPUT = -56
    LOCATE_VIEWS = -54
    RENDER = 50
    """ShowBase's igLoop; listed so the order reads in one place. No XR task uses it."""
    END_FRAME = 55
    REPORT = 57
    IDLE_PACING = 60


TASK_NAMES = {phase: f"xr-{phase.name.lower().replace('_', '-')}" for phase in FramePhase}
"""Task name per phase; an owner removes its tasks by these names."""
