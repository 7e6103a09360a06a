"""Find the records that make the center fail a batch: halve it until they stand alone.

Pure logic: ``isolate`` decides what to send next from the answers so far; the caller's ``send``
does the I/O (``sender.Courier`` posts to the center and updates the outbox).

A batch that failed is halved, oldest half first; a half the center takes is done, a half it
fails is halved again, down to single records. One bad record among n costs at most about
2·log2(n) + 1 requests, and every other record is delivered in the same round.

A record that fails alone is only a *suspect* while no other record of the round got through:
a center that fails every request (database down, a bug on every path) would otherwise make
every record look bad. So after the first record that fails alone, the newest record of the
batch is tried alone at once (the one farthest from it, so a run of consecutive bad records
does not hide the evidence); if that fails too, the round stops and the whole batch waits for
the sender's back-off, about log2(n) + 2 requests in all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Answer(StrEnum):
    """What the center made of one request, as far as the search is concerned."""

    ACCEPTED = "accepted"
    """Stored: these records are done."""
    REFUSED_RECORD = "refused_record"
    """The center says a record in it is invalid (or too large): halve; a single one is bad."""
    FAILED = "failed"
    """The center failed on it without naming a record (HTTP 500, an unexpected 4xx): halve;
    a single one is a suspect."""
    STOP = "stop"
    """Unreachable, overloaded or unauthorized: nothing about the records; stop the round."""


@dataclass
class Isolation(Generic[T]):
    """What one round of halving found."""

    accepted: list[T] = field(default_factory=list)
    refused: list[T] = field(default_factory=list)
    """Records the center refused alone: set them aside now."""
    failed_alone: list[T] = field(default_factory=list)
    """Records the center failed on when sent alone."""
    untried: list[T] = field(default_factory=list)
    """Records not settled because the round stopped."""
    requests: int = 0
    stopped: bool = False
    """The round ended early: the center is unreachable, or it failed on everything tried."""

    @property
    def center_works(self) -> bool:
        """Some record got through this round, so a record failing alone is the record's fault."""
        return bool(self.accepted)


def isolate(records: Sequence[T], send: Callable[[list[T]], Answer]) -> Isolation[T]:
    """Halve the failed batch ``records`` until every record is accepted or stands alone.

    ``send`` delivers a chunk and says how it went; it is called at most 2·len(records) times.
    """
    found: Isolation[T] = Isolation()
    # A stack of chunks, the oldest on top, so records keep roughly their order.
    stack: list[list[T]] = _halves(list(records))[::-1]
    probed = False
    while stack:
        chunk = stack.pop()
        answer = send(chunk)
        found.requests += 1
        if answer is Answer.ACCEPTED:
            found.accepted.extend(chunk)
        elif answer is Answer.STOP:
            found.stopped = True
            found.untried.extend(chunk)
            break
        elif len(chunk) > 1:
            stack.extend(_halves(chunk)[::-1])
        elif answer is Answer.REFUSED_RECORD:
            found.refused.extend(chunk)
        else:
            found.failed_alone.extend(chunk)
            if found.center_works:
                continue
            if probed:
                # Two records far apart both failed alone and nothing got through: the center
                # fails everything; halving further would only hammer it.
                found.stopped = True
                break
            probed = True
            if stack:
                newest = stack[0].pop()
                if not stack[0]:
                    stack.pop(0)
                stack.append([newest])
    for chunk in reversed(stack):
        found.untried.extend(chunk)
    return found


def _halves(chunk: list[T]) -> list[list[T]]:
    middle = len(chunk) // 2
    return [part for part in (chunk[:middle], chunk[middle:]) if part]
