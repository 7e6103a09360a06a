"""A greybox of a workplace from the station's content, for checking the XR picture.

Floor grid, four walls in distinct colours (so a look to the left or right shows in the
picture), the workplace's anchors as coloured blocks, its title on the back wall. Flat colours
without lights or animation: the same view renders the same pixels in any Panda3D process, so
the images the headset received can be compared with a plain offscreen render.
Imports Panda3D only (no OpenXR): the comparison renders run without a runtime.
"""

from __future__ import annotations

import colorsys
import zlib

from panda3d.core import CardMaker, NodePath, TextNode, TransparencyAttrib

from vr_station.content.model import Workplace

WALL_COLOURS = {
    "back": (0.80, 0.45, 0.20, 1.0),
    "front": (0.45, 0.45, 0.50, 1.0),
    "left": (0.25, 0.60, 0.30, 1.0),
    "right": (0.20, 0.40, 0.80, 1.0),
}
"""Seen from the entrance looking along +y: back wall ahead, left wall at -x, right at +x."""
FLOOR_COLOUR = (0.30, 0.30, 0.32, 1.0)
GRID_COLOUR = (0.55, 0.55, 0.58, 1.0)
BLOCK_M = 0.35


def build_check_room(workplace: Workplace, parent: NodePath, language: str = "de") -> NodePath:
    """Attach the greybox below ``parent``; the room's floor centre is ``parent``'s origin."""
    room = parent.attachNewNode(f"check-room-{workplace.id}")
    room.setLightOff(1)
    room.setShaderOff(1)
    w, d, h = workplace.width_m, workplace.depth_m, workplace.height_m
    _card(room, "floor", (-w / 2, w / 2, -d / 2, d / 2), FLOOR_COLOUR, (0, 0, 0), (0, -90, 0))
    grid = room.attachNewNode("floor-grid")
    flat = (0, -90, 0)
    for i in range(int(w) + 1):
        _card(grid, f"grid-x{i}", (-0.01, 0.01, -d / 2, d / 2), GRID_COLOUR, (-w / 2 + i, 0, 0.002), flat)
    for j in range(int(d) + 1):
        _card(grid, f"grid-y{j}", (-w / 2, w / 2, -0.01, 0.01), GRID_COLOUR, (0, -d / 2 + j, 0.002), flat)
    # A wall card faces -y before rotation; each is turned to face the room's centre.
    walls = {"back": ((0, d / 2, 0), 0, w), "front": ((0, -d / 2, 0), 180, w),
             "left": ((-w / 2, 0, 0), 90, d), "right": ((w / 2, 0, 0), -90, d)}
    for name, (pos, heading, length) in walls.items():
        _card(room, f"wall-{name}", (-length / 2, length / 2, 0, h), WALL_COLOURS[name], pos, (heading, 0, 0))
    for anchor in workplace.anchors.values():
        _block(room, anchor.id, anchor.position, _anchor_colour(anchor.id))
    title = TextNode("title")
    title.setText(workplace.titles.get(language) or workplace.id)
    title.setAlign(TextNode.ACenter)
    title.setTextColor(1, 1, 1, 1)
    label = room.attachNewNode(title)
    label.setScale(0.4)
    label.setPos(0, d / 2 - 0.02, h - 0.6)
    label.setTransparency(TransparencyAttrib.MAlpha)
    return room


def _card(parent: NodePath, name: str, frame: tuple[float, float, float, float],
          colour: tuple[float, float, float, float], pos: tuple[float, float, float],
          hpr: tuple[float, float, float]) -> NodePath:
    maker = CardMaker(name)
    maker.setFrame(*frame)
    card = parent.attachNewNode(maker.generate())
    card.setColor(*colour)
    card.setPos(*pos)
    card.setHpr(*hpr)
    card.setTwoSided(True)
    return card


def _block(parent: NodePath, name: str, position: tuple[float, float, float],
           colour: tuple[float, float, float, float]) -> NodePath:
    """An upright box of BLOCK_M with its top face centred on the anchor point."""
    block = parent.attachNewNode(f"anchor-{name}")
    block.setPos(position[0], position[1], position[2] - BLOCK_M / 2)
    s = BLOCK_M / 2
    shade = {"top": 1.0, "side": 0.8, "front": 0.65}
    faces = (
        ("top", (0, 0, s), (0, -90, 0)), ("bottom", (0, 0, -s), (0, 90, 0)),
        ("front", (0, -s, 0), (0, 0, 0)), ("back", (0, s, 0), (180, 0, 0)),
        ("side", (-s, 0, 0), (90, 0, 0)), ("side", (s, 0, 0), (-90, 0, 0)),
    )
    for face, pos, hpr in faces:
        k = shade.get(face, 0.5)
        _card(block, face, (-s, s, -s, s), (colour[0] * k, colour[1] * k, colour[2] * k, 1.0), pos, hpr)
    return block


def _anchor_colour(anchor_id: str) -> tuple[float, float, float, float]:
    """A stable, saturated colour per anchor (same in every process)."""
    hue = (zlib.crc32(anchor_id.encode()) % 360) / 360
    r, g, b = colorsys.hsv_to_rgb(hue, 0.75, 0.95)
    return (r, g, b, 1.0)
