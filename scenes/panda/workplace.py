"""A workplace as Panda3D nodes under the app's parent node, and the handle that removes it."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from panda3d.core import NodePath, Point3

from catalog.model import Workplace
from scenes.compose import StaticScene
from scenes.layout import SceneLayout, ViewpointPose
from scenes.panda.geom import geom_node, texture, white_texture
from scenes.panda.shading import SceneShading, flush_state_caches, make_transparent
from scenes.prepared import PreparedScene, prepare_scene


@dataclass(frozen=True)
class ViewpointPlacement:
    """Where the visitor stands at a tour stop, in the coordinates of the scene's parent."""

    id: str
    floor: Point3
    """The point on the floor (the rig's origin goes here)."""
    heading_deg: float
    """Compass heading (0 = +y, 90 = +x); Panda3D's H is the negative of it."""
    eye: Point3
    """Eye position for the viewpoint's posture, where no headset reports the real one."""
    posture: str


class WorkplaceScene:
    """A built workplace. The owner calls ``destroy()`` when the visitor leaves it."""

    def __init__(
        self, layout: SceneLayout, static: StaticScene, root: NodePath, shading: SceneShading, load_s: float
    ):
        self.layout = layout
        self.static = static
        self.root = root
        self.shading = shading
        self.load_s = load_s
        """Seconds it took to build (content → nodes on the GPU side of Panda3D)."""

    @property
    def id(self) -> str:
        """The workplace's id."""
        return self.layout.id

    @property
    def viewpoints(self) -> Mapping[str, ViewpointPlacement]:
        """Every viewpoint, in the coordinates of the scene's parent."""
        return {vid: self._viewpoint(v) for vid, v in self.layout.viewpoints.items()}

    @property
    def anchors(self) -> Mapping[str, Point3]:
        """Hotspot anchors in the coordinates of the scene's parent."""
        parent = self.root.getParent()
        return {aid: parent.getRelativePoint(self.root, Point3(*p)) for aid, p in self.layout.anchors.items()}

    def viewpoint(self, viewpoint_id: str) -> ViewpointPlacement:
        """One viewpoint, in the coordinates of the scene's parent."""
        return self._viewpoint(self.layout.viewpoints[viewpoint_id])

    def _viewpoint(self, v: ViewpointPose) -> ViewpointPlacement:
        parent = self.root.getParent()
        floor = parent.getRelativePoint(self.root, Point3(v.position_m[0], v.position_m[1], 0))
        eye = parent.getRelativePoint(self.root, Point3(v.position_m[0], v.position_m[1], v.eye_height_m))
        return ViewpointPlacement(v.id, floor, v.heading_deg, eye, v.posture)

    def set_framebuffer_srgb(self, hardware_encodes: bool) -> None:
        """Tell the shader whether the target encodes sRGB itself (``SceneShading``)."""
        self.shading.set_framebuffer_srgb(hardware_encodes)

    def destroy(self) -> None:
        """Remove every node of the scene and give its memory back; safe to call twice.

        The one place a scene is torn down (the interview room and the station's tour step end
        here too). Two things besides ``removeNode()`` keep a scene alive (issue 18, measured
        with bench/scene_memory.py): the shader input that names the root itself, and Panda3D's
        state cache, which holds the removed nodes' textures until it is collected.
        """
        if not self.root.isEmpty():
            self.shading.release()
            self.root.removeNode()
            flush_state_caches()


def build_workplace(
    workplace: Workplace, parent: NodePath, prepared: PreparedScene | None = None
) -> WorkplaceScene:
    """Build ``workplace`` (validated content) as a child of ``parent``.

    Pass ``prepared`` (``scenes.prepare_scene(workplace)``, made on a worker thread) to keep
    the frame this runs in short; without it the scene is prepared here.
    """
    started = time.perf_counter()
    if prepared is None or prepared.workplace_id != workplace.id:
        prepared = prepare_scene(workplace)
    root = parent.attachNewNode(f"workplace:{prepared.layout.id}")
    shading = attach_static(root, prepared.static)
    return WorkplaceScene(prepared.layout, prepared.static, root, shading, time.perf_counter() - started)


def attach_static(root: NodePath, static: StaticScene) -> SceneShading:
    """The room's surfaces, props and fixtures under ``root``, with the scene shader."""
    root.setTexture(white_texture())
    for part in static.surfaces:
        node = root.attachNewNode(geom_node(part.name, part.mesh))
        node.setTexture(texture(part.name, part.texture), 1)
    root.attachNewNode(geom_node("props", static.opaque))
    if static.clear.vertex_count:
        make_transparent(root.attachNewNode(geom_node("glass", static.clear)))
    return SceneShading(root, static.lights, static.sky, static.ground, static.walls)
