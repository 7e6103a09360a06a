"""``vr-station outbox status|flush``: the feedback records waiting for the center."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime

from vr_station.config import load_config
from vr_station.feedback.delivery import https_transport, outbox_path
from vr_station.feedback.https_transport import TransportSetupError
from vr_station.feedback.outbox import Outbox, OutboxError, OutboxStatus
from vr_station.feedback.sender import DEFAULT_BATCH_SIZE, Courier


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station outbox status|flush`` to ``subparsers``."""
    parser = subparsers.add_parser("outbox", help="feedback records waiting for the center")
    commands = parser.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    status = commands.add_parser("status", help="how many records wait, and how delivery went")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(handler=_reporting_outbox_errors(_status))
    flush = commands.add_parser(
        "flush", help="send every waiting record to the center now",
        description="Send every waiting record to the center now. Exits 0 when the outbox is "
                    "empty afterwards, 1 when records are left (the reason is printed).")
    flush.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                       help="give up after this long (default: %(default)s)")
    flush.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, metavar="N",
                       help="records per request (default: %(default)s)")
    flush.add_argument("--include-rejected", action="store_true",
                       help="also resend records the center refused before (after it was updated)")
    flush.set_defaults(handler=_reporting_outbox_errors(_flush))


def _reporting_outbox_errors(handler: Callable[[argparse.Namespace], int]
                             ) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except OutboxError as exc:
            print(f"vr-station: {exc}", file=sys.stderr)
            return 1
    return run


def _status(args: argparse.Namespace) -> int:
    config = load_config()
    path = outbox_path(config)
    if not path.exists():
        print(f"no feedback recorded yet on this station ({path} does not exist)")
        return 0
    with Outbox(path) as outbox:
        status = outbox.status()
        rejected = outbox.rejected()
    if args.json:
        print(json.dumps({**_plain(status), "center_url": config.center.url,
                          "rejected_records": [{"session_id": s, "reason": r} for s, r in rejected]},
                         indent=2, ensure_ascii=False))
        return 0
    print(f"outbox:     {status.database}")
    print(f"center:     {config.center.url or 'not configured (records stay on this station)'}")
    oldest = f" (oldest from {_local(status.oldest_pending_at)})" if status.oldest_pending_at else ""
    print(f"waiting:    {status.pending}{oldest}")
    print(f"delivered:  {status.delivered_total} ({status.duplicates_total} the center already had)")
    print(f"last try:   {_local(status.last_attempt_at)}")
    print(f"last sent:  {_local(status.last_success_at)}")
    if status.last_error:
        print(f"last error: {status.last_error}")
    if rejected:
        print(f"refused by the center: {len(rejected)} (kept here; resend after a center update "
              "with 'vr-station outbox flush --include-rejected')")
        for session_id, reason in rejected[:10]:
            print(f"  {session_id}: {reason}")
    return 0


def _flush(args: argparse.Namespace) -> int:
    if args.batch_size < 1:
        print("vr-station: --batch-size must be at least 1", file=sys.stderr)
        return 2
    config = load_config()
    if not args.verbose:
        logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise here
    with Outbox(outbox_path(config)) as outbox:
        try:
            transport = https_transport(config.center)
        except TransportSetupError as exc:
            pending = outbox.status().pending
            print(f"vr-station: {exc}", file=sys.stderr)
            print(f"{pending} record(s) wait in {outbox.path}", file=sys.stderr)
            return 1 if pending else 0
        try:
            result = Courier(outbox, transport, args.batch_size).flush(
                args.timeout, include_rejected=args.include_rejected)
        finally:
            transport.close()
    print(f"sent {result.delivered} record(s) ({result.duplicates} the center already had)")
    if result.rejected:
        print(f"the center refused {result.rejected} record(s); see 'vr-station outbox status'",
              file=sys.stderr)
    if result.refused is not None:
        print(f"vr-station: delivery stopped: {result.refused.message}", file=sys.stderr)
    if result.pending:
        print(f"{result.pending} record(s) still wait; they are kept and sent later",
              file=sys.stderr)
        return 1
    return 0


def _plain(status: OutboxStatus) -> dict[str, object]:
    return {
        "database": str(status.database), "pending": status.pending, "rejected": status.rejected,
        "oldest_pending_at": _iso(status.oldest_pending_at),
        "delivered_total": status.delivered_total, "duplicates_total": status.duplicates_total,
        "last_attempt_at": _iso(status.last_attempt_at),
        "last_success_at": _iso(status.last_success_at), "last_error": status.last_error,
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _local(value: datetime | None) -> str:
    return "never" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
