"""The interviewer in the interview room: mouth, eyes, gaze and clean-up, rendered for real."""

from __future__ import annotations

import math

import pytest
from direct.task.Task import TaskManager
from panda3d.core import ClockObject, NodePath, PNMImage, Point2, Point3

from catalog import load_catalog
from scenes import interview_rooms
from scenes.panda.interview_room import build_interview_room
from scenes.panda.measure import geometry
from tests.conftest import CONTENT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def office():
    catalog, _ = load_catalog(CONTENT)
    (room,) = interview_rooms(catalog.workplaces)
    return room


def region_mean(renderer, image: PNMImage, world: Point3, half: int = 4) -> tuple[float, float, float]:
    film = Point2()
    assert renderer.lens.project(renderer.camera.getRelativePoint(renderer.render, world), film)
    cx = round((film.x + 1) / 2 * (image.getXSize() - 1))
    cy = round((1 - film.y) / 2 * (image.getYSize() - 1))
    total = [0.0, 0.0, 0.0]
    count = 0
    for x in range(cx - half, cx + half + 1):
        for y in range(cy - half, cy + half + 1):
            c = image.getXel(x, y)
            total = [total[i] + c[i] for i in range(3)]
            count += 1
    return (total[0] / count, total[1] / count, total[2] / count)


def diff(a, b) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / 3


def close_up(renderer, room) -> None:
    """Put the camera 0.55 m in front of the interviewer's face, looking at it."""
    face = room.interviewer.face_position(renderer.render)
    forward = room.interviewer.face_direction(renderer.render)
    eye = face + forward * 0.55
    renderer.set_fov(40)
    renderer.look((eye.x, eye.y, eye.z), math.degrees(math.atan2(-forward.x, -forward.y)), pitch_deg=0.0)
    room.interviewer.look_at(eye, renderer.render)


def test_mouth_opens_with_speech_amplitude(renderer, office):
    room = build_interview_room(office, renderer.render, look="b", seed=1)
    close_up(renderer, room)
    for _ in range(30):
        room.update(1 / 90)
    mouth = room.interviewer.parts.pivots
    head = room.interviewer._head  # the node the mouth and eyes hang on
    mouth_point = head.getPos(renderer.render) + renderer.render.getRelativeVector(
        head, Point3(*mouth.mouth) - Point3(0, 0, 0.004)
    )
    closed = renderer.image()
    room.interviewer.set_mouth_open(1.0)
    for _ in range(8):
        room.update(1 / 90)
    opened = renderer.image()
    forehead = head.getPos(renderer.render) + renderer.render.getRelativeVector(head, Point3(0, 0.1, 0.2))
    mouth_change = diff(
        region_mean(renderer, closed, mouth_point), region_mean(renderer, opened, mouth_point)
    )
    forehead_change = diff(region_mean(renderer, closed, forehead), region_mean(renderer, opened, forehead))
    room.destroy()
    renderer.set_fov(90)
    assert room.interviewer.pose.mouth_open > 0.9
    assert mouth_change > 0.08, "the open mouth is dark inside"
    assert mouth_change > 3 * forehead_change


def test_eyes_blink(renderer, office):
    room = build_interview_room(office, renderer.render, look="a", seed=2)
    close_up(renderer, room)
    room.update(1 / 90)
    head = room.interviewer._head
    eye = head.getPos(renderer.render) + renderer.render.getRelativeVector(
        head, Point3(*room.interviewer.parts.pivots.eyes[0])
    )
    opened = region_mean(renderer, renderer.image(), eye, half=2)
    for _ in range(900):
        room.update(1 / 90)
        if room.interviewer.pose.lid_closure > 0.9:
            break
    closed = region_mean(renderer, renderer.image(), eye, half=2)
    room.destroy()
    renderer.set_fov(90)
    assert room.interviewer.pose.lid_closure > 0.9, "a blink comes within ten seconds"
    assert diff(opened, closed) > 0.05


def test_gaze_turns_the_face_towards_the_visitor(office):
    parent = NodePath("world")
    room = build_interview_room(office, parent, look="a")
    face = room.interviewer.face_position(parent)
    assert 1.1 < face.z < 1.4, "a seated adult's eyes"
    seat = room.visitor_seat()
    assert seat.posture == "seated" and seat.eye.z == pytest.approx(1.2)
    assert 1.1 < (face - seat.eye).length() < 1.8, "across a desk"
    target = Point3(face.x + 2.0, face.y - 1.0, face.z)
    room.interviewer.look_at(target, parent)
    for _ in range(180):
        room.update(1 / 90)
    direction = room.interviewer.face_direction(parent)
    assert direction.x > 0.25, "the head turns part of the way towards the target"


def test_room_animates_itself_with_a_task_manager_and_cleans_up(office):
    parent = NodePath("world")
    tasks = TaskManager()
    clock = ClockObject(ClockObject.M_slave)  # frame time set by hand: 90 Hz
    tasks.mgr.setClock(clock)
    room = build_interview_room(office, parent, look="b", task_manager=tasks)
    assert tasks.hasTaskNamed(room._task_name)
    room.interviewer.set_mouth_open(1.0)
    for frame in range(10):
        clock.setFrameTime(frame / 90)
        tasks.step()
    assert room.interviewer.pose.mouth_open > 0.9
    calls, triangles = geometry(room.root)
    assert calls <= 150 and triangles <= 300_000
    room.destroy()
    assert not tasks.hasTaskNamed(room._task_name)
    assert parent.getNumChildren() == 0
    tasks.destroy()


def test_every_look_builds_and_unknown_room_is_refused(make_workplace):
    from scenes.avatar.looks import LOOKS

    parent = NodePath("world")
    room_workplace = make_workplace(interviewer={"position": [0, 1], "heading_deg": 180})
    for look in LOOKS:
        build_interview_room(room_workplace, parent, look=look).destroy()
    with pytest.raises(ValueError, match="no interviewer seat"):
        build_interview_room(make_workplace(), parent)


def test_interview_room_uses_a_prepared_figure_for_its_look(office):
    from scenes import prepare_scene

    prepared = prepare_scene(office, look="b")
    assert prepared.figure is not None
    room = build_interview_room(office, NodePath("world"), look="b", prepared=prepared)
    assert room.interviewer.parts is prepared.figure
    assert room.scene.static is prepared.static
    room.destroy()
    other = build_interview_room(office, NodePath("world"), look="a", prepared=prepared)
    assert other.interviewer.look.id == "a", "a figure prepared for another look is not reused"
    other.destroy()
