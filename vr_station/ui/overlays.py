"""Panels the station shows over any step, and the staff's key help on the station PC's screen.

"Are you still there?", the pause notice, and the pointer rays of the controllers; the key
help is on the station PC's screen only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from panda3d.core import LineSegs, NodePath, TextNode

from vr_station.ui import shapes
from vr_station.ui.geometry import Ray, Vec3
from vr_station.ui.panel import Panel, UiKit

NOTICE_DISTANCE_M = 1.5


def place_in_view(root: NodePath, render: NodePath, head: NodePath,
                  distance_m: float = NOTICE_DISTANCE_M, drop_deg: float = 4.0) -> None:
    """Stand a node in front of where the head looks now (yaw only), facing it."""
    position = head.getPos(render)
    forward = render.getRelativeVector(head, (0, 1, 0))
    yaw = math.degrees(math.atan2(-forward[0], forward[1]))
    rad, drop = math.radians(yaw), math.radians(drop_deg)
    horizontal = distance_m * math.cos(drop)
    root.setPos(position[0] - math.sin(rad) * horizontal, position[1] + math.cos(rad) * horizontal,
                position[2] - distance_m * math.sin(drop))
    root.setHpr(yaw, -drop_deg, 0)


class Notice:
    """One line of text on a card, shown in front of the visitor on top of everything."""

    def __init__(self, kit: UiKit, render: NodePath, head: NodePath, name: str,
                 width_m: float = 1.1) -> None:
        self._kit, self._render, self._head = kit, render, head
        self._name, self._width_m = name, width_m
        self._panel: Panel | None = None
        self._text: str | None = None

    @property
    def shown(self) -> bool:
        """Whether the notice is on screen."""
        return self._panel is not None

    def show(self, text: str, *, follow: bool = False) -> None:
        """Show (or update) the notice; it appears where the visitor looks."""
        if self._panel is not None and text == self._text:
            return
        root_pose = None
        if self._panel is not None and not follow:
            root_pose = (self._panel.root.getPos(), self._panel.root.getHpr())
            self._panel.destroy()
        self._text = text
        panel = Panel(self._kit, self._render, self._name, self._width_m,
                      distance_m=NOTICE_DISTANCE_M)
        panel.heading(text, align="center")
        panel.finish()
        # Painted after every step's panel: attached after them in traversal order.
        panel.root.reparentTo(self._render, 100)
        if root_pose is not None:
            panel.root.setPos(root_pose[0])
            panel.root.setHpr(root_pose[1])
        else:
            place_in_view(panel.root, self._render, self._head)
        self._panel = panel

    def hide(self) -> None:
        """Take the notice away."""
        if self._panel is not None:
            self._panel.destroy()
        self._panel = None
        self._text = None

    def set_kit(self, kit: UiKit) -> None:
        """Use ``kit`` (another language's texts or theme) from the next ``show``; hides the notice."""
        self.hide()
        self._kit = kit


class PointerRays:
    """A thin beam from each controller to what it points at, with a dot where it hits."""

    def __init__(self, render: NodePath, colour: tuple[float, float, float, float]) -> None:
        self._render = render
        self._colour = colour
        self._beams: dict[str, NodePath] = {}

    def update(self, rays: Sequence[tuple[str, Ray, float | None]]) -> None:
        """(hand, ray, hit distance or None) for every tracked controller this frame."""
        seen = set()
        for hand, ray, hit_m in rays:
            seen.add(hand)
            beam = self._beams.get(hand) or self._make(hand)
            length = hit_m if hit_m is not None else 2.5
            beam.setPos(*ray.origin)
            target: Vec3 = ray.at(1.0)
            beam.lookAt(*target)
            line = beam.find("line")
            line.setSy(length)
            dot = beam.find("dot")
            dot.setY(length)
            if hit_m is None:
                dot.hide()
            else:
                dot.show()
            beam.show()
        for hand, beam in self._beams.items():
            if hand not in seen:
                beam.hide()

    def _make(self, hand: str) -> NodePath:
        root = self._render.attachNewNode(f"beam-{hand}")
        root.setLightOff()
        root.setTransparency(True)
        segs = LineSegs("line")
        segs.setThickness(2.5)
        segs.setColor(*self._colour)
        segs.moveTo(0, 0, 0)
        segs.drawTo(0, 1, 0)
        root.attachNewNode(segs.create()).setName("line")
        dot = root.attachNewNode("dot")
        shapes.disc(dot, "disc", 0.012, (1, 1, 1, 0.95), segments=16).setBillboardPointEye()
        self._beams[hand] = root
        return root

    def destroy(self) -> None:
        """Remove every beam from the scene."""
        for beam in self._beams.values():
            beam.removeNode()
        self._beams.clear()


class StaffHelp:
    """Key help for staff in the corner of the station PC's screen (desktop and mirror)."""

    LINES = ("F1  Hilfe ein/aus · help", "F2  Hilfe rufen (Dashboard) · call staff",
             "F5  Zurücksetzen · reset", "F6  Weiter · skip",
             "F7  Pause", "F8  Sprache · language", "F9  Ansicht ausrichten · recentre",
             "F10 Sitzen/Stehen · seated/standing")

    def __init__(self, aspect2d: NodePath, font: object) -> None:
        node = TextNode("staff-help")
        node.setFont(font)
        node.setText("\n".join(self.LINES))
        node.setTextColor(1, 1, 1, 0.9)
        node.setCardColor(0, 0, 0, 0.55)
        node.setCardAsMargin(0.4, 0.4, 0.3, 0.3)
        self.root = aspect2d.attachNewNode(node)
        self.root.setScale(0.045)
        self.root.setPos(-1.7, 0, 0.9)
        self.status = TextNode("staff-status")
        self.status.setFont(font)
        self.status.setTextColor(1, 1, 1, 0.85)
        self.status.setCardColor(0, 0, 0, 0.55)
        self.status.setCardAsMargin(0.3, 0.3, 0.2, 0.2)
        self._status_np = aspect2d.attachNewNode(self.status)
        self._status_np.setScale(0.04)
        self._status_np.setPos(-1.7, 0, -0.95)
        self.root.hide()

    def toggle(self) -> None:
        """Show the key help, or hide it again (F1)."""
        if self.root.isHidden():
            self.root.show()
        else:
            self.root.hide()

    def set_status(self, text: str) -> None:
        """The status line in the screen's bottom corner: kiosk step, language, pause."""
        self.status.setText(text)

    def destroy(self) -> None:
        """Remove the key help and the status line."""
        self.root.removeNode()
        self._status_np.removeNode()

