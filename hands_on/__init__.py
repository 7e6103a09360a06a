"""The rules of the hands-on tasks: pure logic, no Panda3D, no I/O.

``TaskRun`` is one visitor's go at a task (content/tasks/): selections and the station's clock
go in; feedback, hints and a kind end come out (``rules``). ``strengths`` reads what the visitor
did as the "Das lag Ihnen" card, never a grade (``strengths``); ``reach`` places the task's
tiles within arm's reach of a standing or seated visitor.
"""

from hands_on.reach import ARM_REACH_M, TilePlace, tile_places, within_reach
from hands_on.rules import Feedback, Finished, Hint, Phase, TaskEvent, TaskOutcome, TaskRun, Verdict
from hands_on.strengths import Strength, strengths

__all__ = ["ARM_REACH_M", "Feedback", "Finished", "Hint", "Phase", "Strength", "TaskEvent",
           "TaskOutcome", "TaskRun", "TilePlace", "Verdict", "strengths", "tile_places", "within_reach"]
