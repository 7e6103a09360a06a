"""The interviewer's figure as meshes: a seated person on an office chair (no Panda3D).

The figure stands in its own frame: origin on the floor under the seat, facing +y, z up, in
metres. It is split where it moves: the body (with chair), the head (turns about the top of the
neck), the jaw (opens the mouth), the mouth's inside (grows as it opens), one eye (turns about
its centre, used twice), one upper lid (closes about the eye's centre, used twice) and the
brows. Every part is in the frame of its own pivot, and ``Pivots`` says where those are.
Proportions follow a seated adult: seat at 0.48 m, eyes at about 1.24 m.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scenes.avatar.looks import AvatarLook
from scenes.materials import MATERIALS, Material, lighter
from scenes.mesh import Mesh, MeshBuilder, concat, placement_matrix

Vec3 = tuple[float, float, float]

SKULL_CENTRE: Vec3 = (0.0, 0.005, 0.115)
"""Relative to the head pivot."""
SKULL_RADII: Vec3 = (0.078, 0.1, 0.118)
EYE_OFFSET_X = 0.032
EYE_RADIUS = 0.0125
LID_OPEN_DEG = 32.0
"""Upper lid rotation (about the eye's x axis) when open; the lid edge sits on the iris."""
LID_CLOSED_DEG = -27.0
JAW_OPEN_DEG = -13.0
"""Jaw rotation at a fully open mouth (down)."""


@dataclass(frozen=True)
class Pivots:
    """Where each moving part turns, in the figure's frame (head pivot) or its parent's."""

    head: Vec3
    """Top of the neck, in the figure's frame."""
    eyes: tuple[Vec3, Vec3]
    """Eye centres (right, left of the figure), relative to the head pivot."""
    jaw: Vec3
    """Relative to the head pivot."""
    mouth: Vec3
    """Centre of the mouth opening, relative to the head pivot."""
    brows: Vec3
    """Relative to the head pivot."""
    face: Vec3
    """Between the eyes, relative to the head pivot: what the visitor should look at."""
    chest: Vec3
    """Base of the torso (breathing scales about it), in the figure's frame."""


@dataclass(frozen=True)
class FigureParts:
    """The interviewer's figure as separate meshes, each posed about its pivot."""

    body: Mesh
    torso: Mesh
    """Relative to ``pivots.chest``."""
    head: Mesh
    jaw: Mesh
    mouth: Mesh
    eye: Mesh
    lid: Mesh
    brows: Mesh
    pivots: Pivots


def _skin(look: AvatarLook, shade: float = 0.0) -> Material:
    return Material(lighter(look.skin, shade), roughness=0.55)


def build_figure(look: AvatarLook) -> FigureParts:
    """The figure for ``look``: body, torso, head and the moving parts of the face."""
    head_pivot: Vec3 = (0.0, 0.0, 1.12)
    chest: Vec3 = (0.0, -0.1, 0.5)
    pivots = Pivots(
        head=head_pivot,
        eyes=((EYE_OFFSET_X, 0.086, 0.128), (-EYE_OFFSET_X, 0.086, 0.128)),
        jaw=(0.0, 0.01, 0.09),
        mouth=(0.0, 0.093, 0.059),
        brows=(0.0, 0.095, 0.152),
        face=(0.0, 0.1, 0.128),
        chest=chest,
    )
    return FigureParts(
        body=_body(look),
        torso=_torso(look),
        head=_head(look, pivots),
        jaw=_jaw(look, pivots),
        mouth=_mouth(),
        eye=_eye(look),
        lid=_lid(look),
        brows=_brows(look),
        pivots=pivots,
    )


def _body(look: AvatarLook) -> Mesh:
    # The kit draws people with this module's heads, so the kit is imported here, not above.
    from scenes.kit.base import PropOptions
    from scenes.kit.office import KIT as OFFICE
    from scenes.kit.office import office_chair

    m = MeshBuilder()
    with m.frame((0, 0, 0), heading_deg=180):
        office_chair(m, PropOptions(OFFICE.types["office-chair"].options, {"color": "anthracite"}))
    jacket = Material(look.jacket, 0.8)
    trousers = Material(look.trousers, 0.85)
    sw = look.shoulders_m / 2
    # Arms: shoulders down to the elbows, forearms forward onto the desk, hands folded.
    for side in (-1, 1):
        shoulder = (side * (sw - 0.02), -0.06, 0.99)
        elbow = (side * (sw + 0.015), 0.08, 0.78)
        wrist = (side * 0.11, 0.4, 0.775)
        m.rod(shoulder, elbow, 0.047, jacket, segments=10)
        m.sphere(elbow, 0.047, jacket, segments=10, rings=6)
        m.rod(elbow, wrist, 0.042, jacket, segments=10)
        m.rod(wrist, (side * 0.1, 0.42, 0.776), 0.036, Material(look.shirt, 0.7), segments=10)
        with m.frame((side * 0.075, 0.475, 0.772), heading_deg=-side * 35):
            m.sphere((0, 0, 0), (0.036, 0.055, 0.02), _skin(look), segments=10, rings=6)
            m.sphere((-side * 0.03, 0.01, 0.004), (0.011, 0.03, 0.011), _skin(look), segments=8, rings=4)
    # Legs under the desk.
    for side in (-1, 1):
        hip = (side * 0.1, -0.02, 0.52)
        knee = (side * 0.12, 0.4, 0.53)
        ankle = (side * 0.13, 0.46, 0.1)
        m.rod(hip, knee, 0.078, trousers, segments=10)
        m.sphere(knee, 0.06, trousers, segments=10, rings=6)
        m.rod(knee, ankle, 0.055, trousers, segments=10)
        m.box((side * 0.13, 0.5, 0.0), (0.1, 0.27, 0.09), Material((0.12, 0.1, 0.09), 0.4), bevel=0.03)
    m.cylinder((0, -0.055, 0.98), 0.056, 0.2, _skin(look), segments=12)
    return m.build().opaque


def _torso(look: AvatarLook) -> Mesh:
    """Hips to shoulders, leaning a little forward, relative to the chest pivot."""
    m = MeshBuilder()
    jacket = Material(look.jacket, 0.8)
    sw = look.shoulders_m / 2
    with m.frame((0, 0, 0), pitch_deg=-7, scale=(1.0, 0.58, 1.0)):
        profile = [
            (0.0, 0.0),
            (0.16, 0.0),
            (0.17, 0.08),
            (0.155, 0.26),
            (sw * 0.92, 0.44),
            (sw * 0.9, 0.5),
            (sw * 0.6, 0.55),
            (0.06, 0.57),
            (0.0, 0.57),
        ]
        m.lathe(profile, jacket, segments=18)
        # Shirt and collar in the open front of the jacket.
        shirt = Material(look.shirt, 0.7)
        front = 0.158
        m.extrude([(-0.07, 0.55), (0.0, 0.34), (0.07, 0.55)], 0.02, shirt, y=front + 0.012)
        for side in (-1, 1):
            m.extrude(
                [(side * 0.02, 0.6), (side * 0.075, 0.545), (side * 0.045, 0.52)],
                0.03,
                shirt,
                y=front + 0.005,
            )
            m.extrude(
                [(side * 0.07, 0.55), (side * 0.1, 0.5), (side * 0.02, 0.36), (side * 0.0, 0.35)],
                0.025,
                Material(lighter(look.jacket, -0.05), 0.75),
                y=front + 0.016,
            )
        for k in range(2):
            m.sphere(
                (0.0, front + 0.026, 0.3 - k * 0.1),
                0.008,
                MATERIALS["plastic"],
                (0.1, 0.1, 0.1),
                segments=6,
                rings=4,
            )
    for side in (-1, 1):
        m.sphere((side * (sw - 0.03), 0.02, 0.49), (0.07, 0.065, 0.055), jacket, segments=12, rings=6)
    return m.build().opaque


def _hair_range(style: str) -> tuple[float, float, float]:
    """Hairline as polar angles from the crown (forehead, temples, nape) in degrees."""
    return {
        "short": (58.0, 82.0, 118.0),
        "bob": (57.0, 128.0, 134.0),
        "bun": (56.0, 84.0, 112.0),
        "ponytail": (56.0, 84.0, 112.0),
    }[style]


def _smooth(t: float) -> float:
    t = min(1.0, max(0.0, t))
    return t * t * (3 - 2 * t)


def _hairline(style: str, phi: float) -> float:
    """How far down the hair reaches at azimuth ``phi`` (degrees; 0 = the face, 180 = the back).

    A rounded forehead line, down over the temples, lowest at the nape.
    """
    front, side, back = _hair_range(style)
    a = abs(((phi + 180.0) % 360.0) - 180.0)
    if a <= 45.0:
        return front + 8.0 * (a / 45.0) ** 2
    if a <= 100.0:
        return front + 8.0 + (side - front - 8.0) * _smooth((a - 45.0) / 55.0)
    return side + (back - side) * _smooth((a - 100.0) / 80.0)


def _ramp(edge0: float, edge1: float, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def head_shape(radii: Vec3) -> Callable[[npt.NDArray[np.float64]], npt.NDArray[np.float64]]:
    """Sculpt an ellipsoid (points relative to its centre) into a head.

    A jaw that narrows towards the chin, a chin that comes forward, and a back that tapers into
    the neck.
    """

    def shape(points: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        x, y, z = points[:, 0].copy(), points[:, 1].copy(), points[:, 2].copy()
        t = z / radii[2]
        x *= 1.0 - 0.16 * _ramp(-0.25, -1.0, t)
        front = y > 0
        y[front] *= 1.0 + 0.45 * _ramp(-0.4, -0.95, t[front])
        y[~front] *= 1.0 - 0.4 * _ramp(-0.2, -0.9, t[~front])
        return np.stack([x, y, z], axis=1)

    return shape


def _head(look: AvatarLook, pivots: Pivots) -> Mesh:
    m = MeshBuilder()
    skin = _skin(look)
    m.sphere_patch(
        SKULL_CENTRE,
        SKULL_RADII,
        skin,
        lambda phi: (0.0, 180.0),
        segments=32,
        rings=18,
        shape=head_shape(SKULL_RADII),
    )
    for side in (-1, 1):
        m.sphere(
            (side * 0.078, -0.005, 0.112), (0.013, 0.026, 0.033), _skin(look, -0.04), segments=10, rings=6
        )
    # Brow ridge, nose and the upper lip.
    m.sphere((0.0, 0.07, 0.152), (0.06, 0.03, 0.018), skin, segments=14, rings=6)
    m.rod((0, 0.093, 0.138), (0, 0.111, 0.094), 0.0075, skin, segments=8)
    m.sphere((0, 0.109, 0.088), (0.011, 0.012, 0.011), skin, segments=10, rings=6)
    for side in (-1, 1):
        m.sphere((side * 0.012, 0.099, 0.083), (0.009, 0.009, 0.008), _skin(look, -0.02), segments=8, rings=4)
    m.sphere((0, 0.099, 0.066), (0.026, 0.009, 0.0058), Material(look.lips, 0.45), segments=12, rings=6)
    m.span((-0.014, 0.093, 0.058), (0.014, 0.098, 0.0635), Material((0.93, 0.92, 0.86), 0.3))  # upper teeth
    # Lower lids (still) and the sockets' shade around the eyes.
    for ex, ey, ez in pivots.eyes:
        m.sphere_patch(
            (ex, ey, ez),
            (EYE_RADIUS + 0.0009,) * 3,
            _skin(look, -0.03),
            lambda phi: (112.0, 150.0),
            segments=10,
            rings=3,
            phi_range=(-80.0, 80.0),
        )
    if look.beard:
        # A trimmed beard following the jaw, from under the lower lip up to the ears.
        beard = Material(lighter(look.hair, -0.08), 0.95)

        def band(phi: float) -> tuple[float, float]:
            side = _smooth(abs(((phi + 180.0) % 360.0) - 180.0) / 95.0)
            return 122.0 - 40.0 * side, 178.0 - 30.0 * side

        radii = (SKULL_RADII[0] + 0.004, SKULL_RADII[1] + 0.004, SKULL_RADII[2] + 0.003)
        m.sphere_patch(
            SKULL_CENTRE,
            radii,
            beard,
            band,
            segments=28,
            rings=8,
            phi_range=(-100.0, 100.0),
            shape=head_shape(radii),
        )
        m.sphere((0.0, 0.1, 0.073), (0.027, 0.008, 0.0055), beard, segments=10, rings=4)  # moustache
    hair = Material(look.hair, 0.6)
    grow = 0.015 if look.hair_style == "bob" else 0.007
    # Hair has volume on top: a taller ellipsoid, lifted, so the face keeps human proportions.
    lift = 0.018 if look.hair_style == "bob" else 0.012
    radii = (SKULL_RADII[0] + grow, SKULL_RADII[1] + grow * 0.8, SKULL_RADII[2] + lift)
    centre = (SKULL_CENTRE[0], SKULL_CENTRE[1] - 0.004, SKULL_CENTRE[2] + 0.002)
    style = look.hair_style
    m.sphere_patch(centre, radii, hair, lambda phi: (0.0, _hairline(style, phi)), segments=32, rings=10)
    if style == "bob":
        # The bob's ends curve in below the ears; a side parting shows as a ridge.
        m.sphere_patch(
            centre,
            (radii[0] + 0.004, radii[1] + 0.004, radii[2]),
            hair,
            lambda phi: (95.0, _hairline(style, phi) + 4.0),
            segments=32,
            rings=3,
            phi_range=(50.0, 310.0),
        )
    elif style == "bun":
        m.sphere((0.0, -0.085, 0.19), 0.042, hair, segments=14, rings=8)
    elif style == "ponytail":
        m.rod((0.0, -0.1, 0.16), (0.0, -0.13, 0.02), 0.025, hair, segments=8)
    if look.glasses:
        frame = Material((0.12, 0.1, 0.1), 0.3)
        y = 0.112
        for side in (-1, 1):
            cx = side * 0.033
            for (x0, z0), (x1, z1) in (
                ((-0.024, -0.015), (0.024, -0.012)),
                ((-0.024, 0.012), (0.024, 0.016)),
                ((-0.025, -0.015), (-0.021, 0.016)),
                ((0.021, -0.015), (0.025, 0.016)),
            ):
                m.span((cx + x0, y - 0.002, 0.128 + z0), (cx + x1, y + 0.002, 0.128 + z1), frame)
            m.rod((side * 0.058, y, 0.14), (side * 0.082, 0.0, 0.135), 0.0025, frame, segments=4)
        m.rod((-0.009, y, 0.136), (0.009, y, 0.136), 0.002, frame, segments=4)
    return m.build().opaque


def _jaw(look: AvatarLook, pivots: Pivots) -> Mesh:
    """Lower lip and lower teeth (and the beard's chin), relative to the jaw pivot."""
    m = MeshBuilder()
    jx, jy, jz = pivots.jaw
    with m.frame((-jx, -jy, -jz)):
        m.sphere((0, 0.097, 0.0535), (0.023, 0.0085, 0.0062), Material(look.lips, 0.45), segments=12, rings=6)
        m.span((-0.013, 0.09, 0.05), (0.013, 0.094, 0.055), Material((0.9, 0.89, 0.83), 0.3))
        if look.beard:
            m.sphere(
                (0.0, 0.094, 0.03),
                (0.026, 0.014, 0.022),
                Material(lighter(look.hair, -0.08), 0.95),
                segments=10,
                rings=6,
            )
    return m.build().opaque


def _mouth() -> Mesh:
    """The mouth's dark inside, relative to its own centre; the avatar scales it as it opens."""
    m = MeshBuilder()
    m.sphere((0, 0, 0), (0.021, 0.008, 0.01), Material((0.22, 0.06, 0.07), 0.7), segments=12, rings=6)
    m.sphere(
        (0, -0.002, -0.004), (0.014, 0.006, 0.004), Material((0.55, 0.25, 0.26), 0.6), segments=8, rings=4
    )
    return m.build().opaque


def _eye(look: AvatarLook) -> Mesh:
    """One eye looking along +y, centred on the origin, with a catchlight."""
    m = MeshBuilder()
    m.sphere((0, 0, 0), EYE_RADIUS, MATERIALS["eye-white"], segments=16, rings=10)
    iris = Material(look.iris, 0.2)
    with m.frame((0, 0, 0), pitch_deg=-90):  # the patches' pole (z) turned to look along +y
        m.sphere_patch(
            (0, 0, 0), (EYE_RADIUS + 0.0002,) * 3, iris, lambda phi: (0.0, 28.0), segments=16, rings=3
        )
        m.sphere_patch(
            (0, 0, 0),
            (EYE_RADIUS + 0.0004,) * 3,
            Material((0.02, 0.02, 0.02), 0.1),
            lambda phi: (0.0, 12.0),
            segments=12,
            rings=2,
        )
    m.sphere(
        (-0.0022, EYE_RADIUS - 0.0004, 0.0028),
        0.0011,
        Material((1.0, 1.0, 1.0), 0.1, emission=1.0),
        segments=6,
        rings=4,
    )
    return m.build().opaque


def _lid(look: AvatarLook) -> Mesh:
    """An upper lid around the eye's centre, edge at the equator in front; lashes at its edge."""
    m = MeshBuilder()
    r = EYE_RADIUS + 0.0012
    m.sphere_patch(
        (0, 0, 0),
        (r, r, r),
        _skin(look, -0.02),
        lambda phi: (0.0, 88.0),
        segments=14,
        rings=6,
        phi_range=(-95.0, 95.0),
    )
    m.sphere_patch(
        (0, 0, 0),
        (r + 0.0004,) * 3,
        Material((0.08, 0.06, 0.05), 0.6),
        lambda phi: (82.0, 92.0),
        segments=14,
        rings=1,
        phi_range=(-85.0, 85.0),
    )
    return m.build().opaque


def _brows(look: AvatarLook) -> Mesh:
    m = MeshBuilder()
    brow = Material(lighter(look.hair, -0.03), 0.8)
    for side in (-1, 1):
        with m.frame((side * 0.034, 0.0, 0.0), roll_deg=side * 7):
            m.box((0, 0, -0.003), (0.03, 0.008, 0.0055), brow, bevel=0.002)
    return m.build().opaque


def static_head(look: AvatarLook) -> Mesh:
    """The whole head as one still mesh (eyes open, mouth closed), relative to the head pivot.

    For people standing in a workplace, who do not need to move.
    """
    parts = build_figure(look)
    pv = parts.pivots
    pieces = [
        parts.head,
        parts.jaw.transformed(placement_matrix(pv.jaw)),
        parts.mouth.transformed(placement_matrix(pv.mouth, scale=(1.0, 1.0, 0.12))),
        parts.brows.transformed(placement_matrix(pv.brows)),
    ]
    for centre in pv.eyes:
        pieces.append(parts.eye.transformed(placement_matrix(centre)))
        pieces.append(parts.lid.transformed(placement_matrix(centre, pitch_deg=LID_OPEN_DEG)))
    return concat(pieces)
