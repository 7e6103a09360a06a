"""Drive Monado's remote driver (HMD and two Index controllers) over its TCP socket.

The wire format is ``struct r_remote_data`` of Monado's ``src/xrt/drivers/remote/r_interface.h``
(protocol "mndrmt3", Monado 25): a 64-bit header, the head (two per-view records of 48 bytes,
the centre pose, a validity flag) and a 120-byte record per controller (pose, velocities, five
finger curls for the simulated hand, buttons and axes; ``r_device.c`` reads the curls). On connect the hub
sends its reset and current state; ``RemoteRig`` checks their size and known values before it
changes a field, so a changed protocol fails here with a clear message instead of moving
nothing.
Poses are OpenXR's: metres, +y up, -z forward, quaternions (x, y, z, w).
"""

from __future__ import annotations

import math
import socket
import struct
import time
from dataclasses import dataclass

HEADER = b"mndrmt3\0"
PACKET_BYTES = 376
HEAD_CENTER = 104
CONTROLLER = {"left": 136, "right": 256}
# Offsets inside a controller record.
POSE, HAND_CURL, TRIGGER_VALUE, THUMBSTICK = 0, 52, 72, 84
HAND_TRACKING_ACTIVE, ACTIVE, SYSTEM_CLICK, A_CLICK, B_CLICK, TRIGGER_CLICK, TRIGGER_TOUCH = \
    104, 105, 106, 108, 110, 112, 113


class RemoteProtocolError(AssertionError):
    pass


@dataclass(frozen=True)
class Controller:
    position_m: tuple[float, float, float]
    orientation_xyzw: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 1.0)
    """Identity points the controller along -z (straight ahead)."""
    trigger: bool = False
    menu: bool = False
    """The Index controller's B button (the station's menu binding for Index)."""
    thumbstick: tuple[float, float] = (0.0, 0.0)
    active: bool = True
    """False: the controller is put down (its actions go inactive); the hand may still be tracked."""
    hand_tracking: bool = False
    """The driver's simulated hand (XR_EXT_hand_tracking) at the controller's grip pose."""
    curls: tuple[float, float, float, float, float] = (0.0, 0.0, 0.0, 0.0, 0.0)
    """Finger curls 0…1 in the order of r_device.c: little, ring, middle, index, thumb. Index
    and thumb at 1 bring their tips within 1 cm: a pinch."""


OPEN_HAND = (0.0, 0.0, 0.0, 0.0, 0.0)
PINCH = (0.0, 0.0, 0.0, 1.0, 1.0)


def aim_at(origin_m: tuple[float, float, float], target_m: tuple[float, float, float]
           ) -> tuple[float, float, float, float]:
    """The orientation (x, y, z, w) that points a controller at ``origin_m`` (its -z axis) at
    ``target_m``; both in OpenXR coordinates."""
    dx, dy, dz = (t - o for t, o in zip(target_m, origin_m, strict=True))
    length = math.sqrt(dx * dx + dy * dy + dz * dz)
    yaw = math.atan2(-dx, -dz)  # about +y, to the left
    pitch = math.asin(dy / length)  # about +x, up
    # yaw ∘ pitch: first tilt the forward axis up or down, then turn it.
    sy, cy, sp, cp = math.sin(yaw / 2), math.cos(yaw / 2), math.sin(pitch / 2), math.cos(pitch / 2)
    return (cy * sp, sy * cp, -sy * sp, cy * cp)


def panda_to_openxr(point: tuple[float, float, float]) -> tuple[float, float, float]:
    """Rig coordinates as the station reports them (x right, y forward, z up) → OpenXR."""
    x, y, z = point
    return (x, z, -y)


class RemoteRig:
    def __init__(self, port: int, timeout_s: float = 5.0) -> None:
        self._socket = socket.create_connection(("127.0.0.1", port), timeout=timeout_s)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        templates = self._receive(2 * PACKET_BYTES, timeout_s)
        self._packet = bytearray(templates[PACKET_BYTES:])
        self._check_template(bytes(templates[:PACKET_BYTES]))

    def close(self) -> None:
        self._socket.close()

    def __enter__(self) -> RemoteRig:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _receive(self, size: int, timeout_s: float) -> bytes:
        data = b""
        deadline = time.monotonic() + timeout_s
        while len(data) < size:
            self._socket.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                chunk = self._socket.recv(size - len(data))
            except TimeoutError as exc:
                raise RemoteProtocolError(
                    f"remote driver sent {len(data)} bytes, expected {size} (two state packets of "
                    f"{PACKET_BYTES}): has Monado's r_remote_data changed?") from exc
            if not chunk:
                raise RemoteProtocolError("remote driver closed the connection")
            data += chunk
        return data

    @staticmethod
    def _check_template(reset: bytes) -> None:
        head = struct.unpack_from("<7f", reset, HEAD_CENTER)
        left = struct.unpack_from("<7f", reset, CONTROLLER["left"] + POSE)
        if not (math.isclose(head[5], 1.6, abs_tol=1e-3) and math.isclose(left[4], -0.2, abs_tol=1e-3)
                and reset[CONTROLLER["left"] + ACTIVE] == 1):
            raise RemoteProtocolError(f"unexpected remote reset state (head {head}, left {left}): "
                                      "the r_remote_data layout differs from mndrmt3")

    def set_head(self, position_m: tuple[float, float, float] = (0.0, 1.6, 0.0),
                 yaw_left_deg: float = 0.0) -> None:
        half = math.radians(yaw_left_deg) / 2
        struct.pack_into("<7f", self._packet, HEAD_CENTER,
                         0.0, math.sin(half), 0.0, math.cos(half), *position_m)

    def set_controller(self, hand: str, state: Controller) -> None:
        base = CONTROLLER[hand]
        struct.pack_into("<7f", self._packet, base + POSE, *state.orientation_xyzw, *state.position_m)
        struct.pack_into("<f", self._packet, base + TRIGGER_VALUE, 1.0 if state.trigger else 0.0)
        struct.pack_into("<2f", self._packet, base + THUMBSTICK, *state.thumbstick)
        struct.pack_into("<5f", self._packet, base + HAND_CURL, *state.curls)
        self._packet[base + HAND_TRACKING_ACTIVE] = int(state.hand_tracking)
        self._packet[base + ACTIVE] = int(state.active)
        self._packet[base + TRIGGER_CLICK] = int(state.trigger)
        self._packet[base + TRIGGER_TOUCH] = int(state.trigger)
        self._packet[base + B_CLICK] = int(state.menu)

    def send(self) -> None:
        self._packet[:8] = HEADER
        self._socket.sendall(bytes(self._packet))
