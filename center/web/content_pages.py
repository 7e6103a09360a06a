"""Content pages (roles Inhaltspflege and Verwaltung): edit, upload, check, publish, roll back.

Every save runs the content check (``center.content_store``) and shows each problem at its file
and line. Published versions are what the stations download (``center.content_api``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from catalog.files import default_content_dir
from center import content_store as store
from center.content_form import ContentForm, FormRefused, changed_files, occupation_form, shared_form
from center.content_texts import visitor_texts
from center.context import Center
from center.formatting import de_count
from center.staff import LoginSession
from center.web.auth import Refusal, center_of, forbidden, require_form, require_login, root
from center.web.rendering import render

router = APIRouter(prefix="/inhalte", include_in_schema=False)

UPLOAD_FOLDERS = {"workplaces": "Arbeitsplatz (workplaces/)", "occupations": "Beruf (occupations/)",
                  "ui": "Oberflächentexte (ui/)", "": "Gemeinsame Datei (oberste Ebene)"}
MAX_FORM_FIELDS = 10_000
"""Fields one editing form may post: four times the largest shipped question bank's."""
NOTICES = {
    "gespeichert": "Der Entwurf wurde gespeichert.",
    "verworfen": "Der Entwurf wurde verworfen.",
    "veroeffentlicht": "Die Inhalte wurden veröffentlicht. Die Stationen übernehmen sie zwischen "
                       "zwei Besuchen.",
    "zurueck": "Die ältere Version wurde erneut veröffentlicht.",
}


async def _editor(request: Request) -> LoginSession:
    session = await require_login(request)
    if not session.user.role.may_edit_content:
        raise Refusal(forbidden(request, "Diese Seite ist den Rollen „Inhaltspflege“ und "
                                         "„Verwaltung“ vorbehalten."))
    return session


async def ensure_published(center: Center) -> None:
    """Publish the server's content folder as version 1 when nothing was published yet."""
    content_dir = center.settings.content_dir or default_content_dir()
    await run_in_threadpool(store.seed_if_empty, center.engine, content_dir, datetime.now(UTC))


@router.get("")
async def content_page(request: Request, hinweis: str = "") -> Response:
    """Every file of the tree being edited with its check state, the drafts and the publish form."""
    session = await _editor(request)
    return await _overview(request, session, notice=NOTICES.get(hinweis))


async def _overview(request: Request, session: LoginSession, notice: str | None = None,
                    error: str | None = None, problems: list[store.ContentProblem] | None = None,
                    status_code: int = 200) -> Response:
    center = center_of(request)
    await ensure_published(center)
    files = await run_in_threadpool(store.working_files, center.engine)
    found = await run_in_threadpool(store.working_problems, center.engine)
    drafts = {d.path: d for d in await run_in_threadpool(store.drafts, center.engine)}
    latest = await run_in_threadpool(store.latest_version, center.engine)
    by_file = store.problems_by_file(found)
    rows = [{"path": p, "problems": len(by_file.get(p, [])), "draft": drafts.get(p)}
            for p in sorted(files)]
    context: dict[str, Any] = {
        "rows": rows, "latest": latest, "drafts": list(drafts.values()), "notice": notice,
        "error": error, "publish_problems": problems or [], "total_problems": len(found),
        "folders": UPLOAD_FOLDERS, "other_problems": [p for p in found if p.path not in files]}
    return render(request, "content.html", context, session=session, status_code=status_code)


@router.get("/datei")
async def file_page(request: Request, pfad: str = "") -> Response:
    """One file's YAML in a text field, with the problems the check finds in it."""
    session = await _editor(request)
    center = center_of(request)
    await ensure_published(center)
    try:
        store.check_path(pfad)
    except store.ContentRefused as exc:
        return render(request, "error.html", {"message": str(exc)}, status_code=404,
                      session=session)
    text = await run_in_threadpool(store.file_text, center.engine, pfad)
    if text is None:
        return render(request, "error.html", {"message": f"Es gibt keine Datei „{pfad}“."},
                      status_code=404, session=session)
    found = await run_in_threadpool(store.working_problems, center.engine)
    notice = NOTICES.get(request.query_params.get("hinweis", ""))
    return _file(request, session, pfad, text, found, notice=notice)


def _file(request: Request, session: LoginSession, path: str, text: str,
          found: list[store.ContentProblem], notice: str | None = None, error: str | None = None,
          status_code: int = 200) -> Response:
    mine = [p for p in found if p.path == path]
    elsewhere = [p for p in found if p.path != path]
    lines = {p.line for p in mine if p.line is not None}
    context = {"path": path, "text": text, "problems": mine, "elsewhere": elsewhere,
               "numbered": [(n, line, n in lines) for n, line in enumerate(text.split("\n"), 1)],
               "notice": notice, "error": error}
    return render(request, "content_file.html", context, session=session, status_code=status_code)


@router.post("/datei")
async def save_file(request: Request) -> Response:
    """Save the posted text as the file's draft and show what the check found."""
    session = await _editor(request)
    form = await require_form(request, session)
    path = str(form.get("pfad", ""))
    text = str(form.get("text", ""))
    return await _save(request, session, path, text.encode("utf-8"), text)


@router.post("/hochladen")
async def upload_file(request: Request) -> Response:
    """Save an uploaded YAML file (a workplace layout, say) as a draft in the chosen folder."""
    session = await _editor(request)
    form = await require_form(request, session)
    upload = form.get("datei")
    folder = str(form.get("ordner", ""))
    if not isinstance(upload, UploadFile) or not upload.filename or folder not in UPLOAD_FOLDERS:
        return await _overview(request, session, error="Bitte wählen Sie eine YAML-Datei und "
                               "einen Ordner.", status_code=422)
    name = upload.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower()
    if name.endswith(".yml"):
        name = name[:-4] + ".yaml"
    body = await upload.read(store.MAX_FILE_BYTES + 1)
    path = f"{folder}/{name}" if folder else name
    return await _save(request, session, path, body, body.decode("utf-8", errors="replace"))


async def _save(request: Request, session: LoginSession, path: str, body: bytes,
                text: str) -> Response:
    center = center_of(request)
    await ensure_published(center)
    try:
        found = await run_in_threadpool(store.save_draft, center.engine, path, body,
                                        session.user.username, datetime.now(UTC))
    except store.ContentRefused as exc:
        return await _overview(request, session, error=str(exc), status_code=422)
    mine = [p for p in found if p.path == path]
    found_here = de_count(len(mine), "Problem", "Probleme")
    notice = (NOTICES["gespeichert"] + (" Die Prüfung hat keine Probleme gefunden." if not mine
                                        else f" Die Prüfung hat {found_here} in dieser "
                                             "Datei gefunden (siehe unten)."))
    return _file(request, session, path, text.replace("\r\n", "\n"), found, notice=notice,
                 status_code=200 if not mine else 422)


@router.post("/verwerfen")
async def discard(request: Request) -> Response:
    """Forget the draft of one file."""
    session = await _editor(request)
    form = await require_form(request, session)
    path = str(form.get("pfad", ""))
    await run_in_threadpool(store.discard_draft, center_of(request).engine, path)
    return RedirectResponse(f"{root(request)}/inhalte?hinweis=verworfen", status_code=303)


@router.post("/veroeffentlichen")
async def publish(request: Request) -> Response:
    """Publish every draft as a new version, if the check finds no problem."""
    session = await _editor(request)
    form = await require_form(request, session)
    center = center_of(request)
    try:
        await run_in_threadpool(store.publish, center.engine, session.user.username,
                                str(form.get("kommentar", ""))[:500], datetime.now(UTC))
    except store.ContentRefused as exc:
        return await _overview(request, session, error=str(exc), problems=exc.problems,
                               status_code=422)
    return RedirectResponse(f"{root(request)}/inhalte?hinweis=veroeffentlicht", status_code=303)


@router.get("/texte/{occupation}")
async def texts_page(request: Request, occupation: str) -> Response:
    """An occupation's visitor texts with every language side by side (read-only)."""
    session = await _editor(request)
    center = center_of(request)
    await ensure_published(center)
    tree = await run_in_threadpool(store.working_tree, center.engine)
    table = visitor_texts(tree, occupation)
    if table is None:
        return render(request, "error.html", {"message": f"Es gibt keinen lesbaren Beruf "
                                                         f"„{occupation}“."},
                      status_code=404, session=session)
    return render(request, "content_texts.html", {"table": table}, session=session)


@router.get("/versionen")
async def versions_page(request: Request, hinweis: str = "") -> Response:
    """Every published version with who, when and why; diff and rollback."""
    session = await _editor(request)
    center = center_of(request)
    await ensure_published(center)
    versions = await run_in_threadpool(store.history, center.engine)
    return render(request, "content_versions.html", {"versions": versions,
                                                     "notice": NOTICES.get(hinweis)},
                  session=session)


@router.get("/versionen/{old}/{new}")
async def diff_page(request: Request, old: int, new: int) -> Response:
    """What changed from version ``old`` to version ``new``, file by file."""
    session = await _editor(request)
    try:
        changes = await run_in_threadpool(store.diff, center_of(request).engine, old, new)
    except store.ContentRefused as exc:
        return render(request, "error.html", {"message": str(exc)}, status_code=404,
                      session=session)
    return render(request, "content_diff.html", {"old": old, "new": new, "changes": changes},
                  session=session)


@router.post("/versionen/{number}/zurueck")
async def roll_back(request: Request, number: int) -> Response:
    """Publish version ``number`` again as the newest version."""
    session = await _editor(request)
    await require_form(request, session)
    try:
        await run_in_threadpool(store.rollback, center_of(request).engine, number,
                                session.user.username, datetime.now(UTC))
    except store.ContentRefused as exc:
        return render(request, "error.html", {"message": str(exc)}, status_code=404,
                      session=session)
    return RedirectResponse(f"{root(request)}/inhalte/versionen?hinweis=zurueck", status_code=303)



# --- editing forms: one row per field, one column per language ---------------------------------

@router.get("/formular/beruf/{occupation}")
async def occupation_form_page(request: Request, occupation: str, teil: str = "beruf") -> Response:
    """An occupation's fields in every language, in one part (``beruf``, ``rundgang``, ``fragen``)."""
    session = await _editor(request)
    return await _form_page(request, session, occupation, teil)


@router.post("/formular/beruf/{occupation}")
async def save_occupation_form(request: Request, occupation: str) -> Response:
    """Write the posted part of an occupation's form into its files as drafts, and check them."""
    session = await _editor(request)
    return await _save_form(request, session, occupation)


@router.get("/formular/gemeinsam")
async def shared_form_page(request: Request) -> Response:
    """The feedback chips and interview phrases in every language."""
    session = await _editor(request)
    return await _form_page(request, session, None, "gemeinsam")


@router.post("/formular/gemeinsam")
async def save_shared_form(request: Request) -> Response:
    """Write the posted shared texts into their files as drafts, and check them."""
    session = await _editor(request)
    return await _save_form(request, session, None)


async def _load_form(request: Request, occupation: str | None
                     ) -> tuple[dict[str, bytes], ContentForm | None]:
    center = center_of(request)
    await ensure_published(center)
    tree = await run_in_threadpool(store.working_tree, center.engine)
    found = await run_in_threadpool(store.working_problems, center.engine)
    if occupation is None:
        return tree, shared_form(tree, found)
    return tree, occupation_form(tree, occupation, found)


async def _form_page(request: Request, session: LoginSession, occupation: str | None,
                     section: str) -> Response:
    tree, form = await _load_form(request, occupation)
    if form is None or section not in form.sections:
        return _no_form(request, session, tree, occupation)
    notice = NOTICES.get(request.query_params.get("hinweis", ""))
    return _form(request, session, form, section, form.stamp(tree), notice=notice,
                 shown=request.query_params.getlist("sprache"))


def _form(request: Request, session: LoginSession, form: ContentForm, section: str, stamp: str,
          notice: str | None = None, error: str | None = None, status_code: int = 200,
          shown: list[str] | None = None) -> Response:
    action = (f"{root(request)}/inhalte/formular/gemeinsam" if form.subject == "gemeinsam"
              else f"{root(request)}/inhalte/formular/beruf/{form.subject}")
    # Seven languages make narrow columns; staff may show a few (German always stays first).
    # A part with no cell in a language (the interview stays German and English) has no column.
    present = {code for row in form.rows(section) for code in row.cells}
    wanted = set(shown or ())
    languages = [lang for lang in form.languages if lang.code in present | {"de"}
                 and (not wanted or lang.code in wanted or lang.code == "de")]
    context = {"form": form, "section": section, "languages": languages, "stamp": stamp,
               "shown": [lang.code for lang in languages] if wanted else [],
               "action": action, "notice": notice, "error": error,
               "problems_here": form.problem_count(section)}
    return render(request, "content_form.html", context, session=session,
                  status_code=status_code)


async def _save_form(request: Request, session: LoginSession, occupation: str | None) -> Response:
    # Starlette parses at most 1,000 fields by default; an occupation's question bank posts
    # 2,050-2,400 (one per cue word). The parsed form is kept, so require_form reads this one.
    await request.form(max_fields=MAX_FORM_FIELDS)
    form_data = await require_form(request, session)
    section = str(form_data.get("teil", ""))
    tree, form = await _load_form(request, occupation)
    if form is None or section not in form.sections:
        return _no_form(request, session, tree, occupation)
    posted = {key: [str(v) for v in form_data.getlist(key)] for key in form_data}
    shown = [str(v) for v in form_data.getlist("sprache")]
    try:
        files = changed_files(tree, form, section, posted)
    except FormRefused as exc:
        return _form(request, session, form, section, str(posted.get("stand", [""])[0]),
                     error=str(exc), status_code=422, shown=shown)
    center = center_of(request)
    if files:
        try:
            await run_in_threadpool(store.save_drafts, center.engine, files,
                                    session.user.username, datetime.now(UTC))
        except store.ContentRefused as exc:
            return _form(request, session, form, section, form.stamp(tree), error=str(exc),
                         status_code=422, shown=shown)
    tree, form = await _load_form(request, occupation)
    assert form is not None
    count = form.problem_count(section) + len(form.unplaced)
    if not files:
        notice = "Es gab keine Änderung zu speichern."
    else:
        notice = NOTICES["gespeichert"] + (
            " Die Prüfung hat hier keine Probleme gefunden." if not count else
            f" Die Prüfung hat {de_count(count, 'Problem', 'Probleme')} gefunden; sie stehen bei "
            "ihren Feldern.")
    return _form(request, session, form, section, form.stamp(tree), notice=notice,
                 status_code=422 if count else 200, shown=shown)


def _no_form(request: Request, session: LoginSession, tree: dict[str, bytes],
             occupation: str | None) -> Response:
    if occupation is not None and f"occupations/{occupation}.yaml" in tree:
        message = (f"Die Datei occupations/{occupation}.yaml ist kein lesbares YAML, daher gibt es "
                   "kein Formular. Bitte beheben Sie das im YAML-Editor.")
    else:
        message = "Dieses Formular gibt es nicht."
    return render(request, "error.html", {"message": message}, status_code=404, session=session)
