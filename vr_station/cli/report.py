"""``vr-station report list|print|delete``: reports visitors kept, printed at the reception.

A visitor who keeps their interview report gets a pickup code on the thank-you screen
(``vr_station.privacy.keep_report``). Staff look it up here and print it: ``print`` writes the
bilingual HTML page (``interview_engine.report_html.render_kept_report``) private to the
station's user, and then deletes the kept report, since the visitor has it now; the HTML file
is the only copy left, for a second print, and staff delete it after printing. ``--keep``
leaves the kept report where it is (a visitor who comes back later). The output is German:
it is for the reception.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from catalog.loading import load_catalog
from interview_engine.report_html import render_kept_report
from visit_record.private_files import write_private_text
from vr_station.config import load_config
from vr_station.privacy import KeptReport, find_kept_report, kept_reports, normalized_code


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``vr-station report list|print|delete`` to ``subparsers``."""
    parser = subparsers.add_parser(
        "report", help="reports visitors kept: list, print by pickup code, delete")
    commands = parser.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="the pickup codes of the kept reports (no personal data)")
    listing.set_defaults(handler=_list)
    printing = commands.add_parser(
        "print", help="write a kept report as a printable HTML page, then delete the kept report",
        description="Write the kept report with this pickup code as a printable HTML page "
                    "(open it in a browser and print it). The kept report is deleted "
                    "afterwards unless --keep is given. Exits 1 for an unknown code or a "
                    "damaged file.")
    printing.add_argument("code", help="the pickup code from the visitor's thank-you screen "
                                       "(any case; spaces and dashes are ignored)")
    printing.add_argument("--out", type=Path, metavar="FILE",
                          help="the HTML file to write (default: Auswertung-CODE.html here)")
    printing.add_argument("--keep", action="store_true",
                          help="leave the kept report on the station after writing the page")
    printing.set_defaults(handler=_print)
    delete = commands.add_parser("delete", help="delete a kept report without printing it")
    delete.add_argument("code", help="the pickup code")
    delete.set_defaults(handler=_delete)


def _list(args: argparse.Namespace) -> int:
    data_dir = load_config().paths.data_dir
    reports = kept_reports(data_dir)
    if not reports:
        print(f"Keine gespeicherten Auswertungen ({data_dir / 'kept-reports'}).")
        return 0
    print(f"{len(reports)} gespeicherte Auswertung(en):")
    print(f"{'Gespeichert':16}  {'Code':7}  Sprache")
    for kept in reports:
        when = kept.kept_at.strftime("%Y-%m-%d %H:%M") if kept.kept_at else "?"
        print(f"{when:16}  {kept.code:7}  {_language(kept)}")
    print("Drucken: vr-station report print CODE")
    return 0


def _language(kept: KeptReport) -> str:
    """The visitor's language of a kept report ("de" for a German one), or why it is unreadable."""
    try:
        data = json.loads(kept.path.read_text(encoding="utf-8"))
        return str(data.get("help_language") or data["language"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return f"beschädigt: {kept.path} ({type(exc).__name__})"


def _print(args: argparse.Namespace) -> int:
    config = load_config()
    kept = _find(config.paths.data_dir, args.code)
    if kept is None:
        return 1
    catalog, _ = load_catalog(config.paths.content_dir)
    try:
        html = render_kept_report(kept.path.read_text(encoding="utf-8"), catalog)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        # JSON errors, and a report whose fields are missing or of the wrong type.
        print(f"vr-station: Die gespeicherte Auswertung {kept.path} ist beschädigt und lässt sich "
              f"nicht drucken ({type(exc).__name__}: {exc}). Die Datei bleibt unverändert.",
              file=sys.stderr)
        return 1
    out = args.out or Path.cwd() / f"Auswertung-{kept.code}.html"
    write_private_text(out, html)  # the visitor's answers: private like the kept report
    print(f"Auswertung {kept.code} geschrieben: {out.resolve()}")
    print("Öffnen Sie die Datei im Browser und drucken Sie sie aus (Strg+P).")
    if args.keep:
        print(f"Die gespeicherte Auswertung bleibt auf der Station ({kept.path}); löschen mit: "
              f"vr-station report delete {kept.code}")
    else:
        kept.path.unlink()
        print("Die gespeicherte Auswertung wurde von der Station gelöscht. Bitte löschen Sie auch "
              "die HTML-Datei, sobald sie gedruckt ist.")
    return 0


def _delete(args: argparse.Namespace) -> int:
    kept = _find(load_config().paths.data_dir, args.code)
    if kept is None:
        return 1
    kept.path.unlink()
    print(f"Gespeicherte Auswertung {kept.code} gelöscht ({kept.path.name}).")
    return 0


def _find(data_dir: Path, typed: str) -> KeptReport | None:
    kept = find_kept_report(data_dir, typed)
    if kept is None:
        print(f"vr-station: Keine gespeicherte Auswertung mit dem Code „{normalized_code(typed)}“. "
              "Die gespeicherten Codes zeigt: vr-station report list", file=sys.stderr)
    return kept
