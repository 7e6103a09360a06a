"""Checks across fields and files that a schema cannot express.

Each function takes documents that already passed their schema and returns Problems:
duplicate ids, missing translations, references to viewpoints, anchors, hotspots and
workplaces that do not exist, ranges the wrong way round.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from catalog.norms import Cue
from catalog.placeholders import PLACEHOLDERS, REPLY_FACTS, WORDING_PLACEHOLDERS, placeholders
from catalog.problems import Problem
from catalog.questions import CUE_REFERENCE, CUE_WILDCARD
from catalog.schema import dotted, localized_paths
from catalog.yaml_loader import JsonPath, YamlDocument

_MALFORMED = (KeyError, TypeError, IndexError, AttributeError, ValueError)


def guarded(problems: Iterator[Problem]) -> list[Problem]:
    """The problems a check finds before it meets structure the schema check rejected."""
    found: list[Problem] = []
    try:
        for problem in problems:
            found.append(problem)
    except _MALFORMED:
        pass
    return found


def duplicate_ids(doc: YamlDocument, list_path: JsonPath, key: str = "id") -> Iterator[Problem]:
    """Entries of the list at ``list_path`` that repeat an earlier entry's ``key``."""
    items = _get(doc.data, list_path) or []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        value = item.get(key)
        if value in seen:
            first = doc.position((*list_path, seen[value], key))
            where = f" (first at line {first[0]})" if first else ""
            yield doc.problem((*list_path, i, key),
                              f"{dotted((*list_path, i, key))}: duplicate id '{value}'{where}")
        else:
            seen[value] = i


def translations(doc: YamlDocument, schema: str, declared: Iterable[str],
                 required: Iterable[str]) -> Iterator[Problem]:
    """Every localized text has each required language and only declared ones.

    Entries of a localized list translate each other, so each language has as many.
    """
    declared_set, required_list = set(declared), list(required)
    for path, kind in localized_paths(schema, doc.data):
        texts = _get(doc.data, path)
        if not isinstance(texts, dict):
            continue
        for code in required_list:
            if code not in texts:
                yield doc.problem(path, f"{dotted(path)}: missing '{code}' translation")
        for code in texts:
            if code not in declared_set:
                yield doc.problem((*path, code), f"{dotted(path)}: language '{code}' is not "
                                  "declared in languages.yaml", key=True)
        if kind == "localized_list":
            counts = {code: len(v) for code, v in texts.items() if isinstance(v, list)}
            if len(set(counts.values())) > 1:
                detail = ", ".join(f"{code} has {n}" for code, n in counts.items())
                yield doc.problem(path, f"{dotted(path)}: entries must translate each other "
                                  f"one by one ({detail})")


def occupation(doc: YamlDocument, workplaces: Mapping[str, YamlDocument],
               phases: Iterable[str]) -> list[Problem]:
    """All cross-checks of one occupation; each runs as far as the document's structure allows."""
    return [problem for check in (
        _occupation_id(doc),
        _salary_ranges(doc),
        duplicate_ids(doc, ("tour", "stops")),
        duplicate_ids(doc, ("tour", "hotspots")),
        duplicate_ids(doc, ("interview", "questions")),
        _tour_references(doc, workplaces),
        _phases_covered(doc, phases),
        _job_term_placeholders(doc),
        _answer_point_cues(doc),
    ) for problem in guarded(check)]


def _occupation_id(doc: YamlDocument) -> Iterator[Problem]:
    stem = doc.path.stem
    if doc.data["id"] != stem:
        yield doc.problem(("id",), f"id: '{doc.data['id']}' must match the file name ('{stem}.yaml')")


def _salary_ranges(doc: YamlDocument) -> Iterator[Problem]:
    for part in ("training", "after_training"):
        rng = doc.data["salary"][part]
        if rng["min_eur"] > rng["max_eur"]:
            yield doc.problem(("salary", part, "min_eur"), f"salary.{part}: min_eur "
                              f"({rng['min_eur']}) is above max_eur ({rng['max_eur']})")


def _phases_covered(doc: YamlDocument, phases: Iterable[str]) -> Iterator[Problem]:
    present = {q["phase"] for q in doc.data["interview"]["questions"]}
    for phase in phases:
        if phase not in present:
            yield doc.problem(("interview", "questions"),
                              f"interview.questions: no question for phase '{phase}'")


def _job_term_placeholders(doc: YamlDocument) -> Iterator[Problem]:
    for i, question in enumerate(doc.data["interview"]["questions"]):
        for code, text in question.get("follow_ups", {}).get("job_term", {}).items():
            if "{term}" not in text:
                path = ("interview", "questions", i, "follow_ups", "job_term", code)
                yield doc.problem(path, f"{dotted(path)}: a job_term follow-up must contain "
                                  "{term}, where the term the candidate used is filled in")


MIN_WILDCARD_STEM = 4
"""A wildcard cue needs at least this many letters: "arb*" would match half of every answer."""
_CUE_WORD = re.compile(r"^\*?[^\s*@]+\*?$")


def _answer_point_cues(doc: YamlDocument) -> Iterator[Problem]:
    """Strong-answer cues are lower case and widen only on purpose.

    A wildcard sits at a word's end or start with a long enough stem; an ``@name`` names one of
    the language's cue lists.
    """
    known = ", ".join(f"{CUE_REFERENCE}{c.value}" for c in Cue)
    for i, question in enumerate(doc.data["interview"]["questions"]):
        for j, point in enumerate(question["strong_answer"]):
            for code, cues in point["cues"].items():
                for k, cue in enumerate(cues):
                    path = ("interview", "questions", i, "strong_answer", j, "cues", code, k)
                    problem = _cue_problem(cue, known)
                    if problem:
                        yield doc.problem(path, f"{dotted(path)}: {cue!r} {problem}")


def _cue_problem(cue: str, known: str) -> str | None:
    if cue != cue.lower():
        return "must be lower case, as a recognizer writes it"
    if cue.startswith(CUE_REFERENCE):
        name = cue[len(CUE_REFERENCE):]
        return None if name in {c.value for c in Cue} else f"names no cue list (known: {known})"
    for word in cue.split():
        if not _CUE_WORD.match(word):
            return f"has a misplaced {CUE_WILDCARD!r} or {CUE_REFERENCE!r} in {word!r}"
        stem = word.strip(CUE_WILDCARD)
        if stem != word and len(stem) < MIN_WILDCARD_STEM:
            return (f"needs at least {MIN_WILDCARD_STEM} letters before or after "
                    f"{CUE_WILDCARD!r} (it would match too many words)")
    return None


def _tour_references(doc: YamlDocument, workplaces: Mapping[str, YamlDocument]) -> Iterator[Problem]:
    data = doc.data
    workplace_id = data["workplace"]
    workplace = workplaces.get(workplace_id)
    if workplace is None:
        yield doc.problem(("workplace",), f"workplace: no workplace '{workplace_id}' "
                          f"(expected workplaces/{workplace_id}.yaml)")
        return
    viewpoints = {v["id"] for v in workplace.data.get("viewpoints", []) if isinstance(v, dict)}
    anchors = anchor_ids(workplace.data)
    hotspots = {h["id"] for h in data["tour"]["hotspots"]}
    used: set[str] = set()
    for i, stop in enumerate(data["tour"]["stops"]):
        if stop["viewpoint"] not in viewpoints:
            yield doc.problem(("tour", "stops", i, "viewpoint"), (
                f"tour.stops[{i}].viewpoint: workplace '{workplace_id}' has no viewpoint "
                f"'{stop['viewpoint']}' (it has: {', '.join(sorted(viewpoints))})"))
        for j, hotspot in enumerate(stop.get("hotspots", [])):
            used.add(hotspot)
            if hotspot not in hotspots:
                yield doc.problem(("tour", "stops", i, "hotspots", j), (
                    f"tour.stops[{i}].hotspots[{j}]: no hotspot '{hotspot}' in tour.hotspots"))
    for i, hotspot in enumerate(data["tour"]["hotspots"]):
        if hotspot["anchor"] not in anchors:
            yield doc.problem(("tour", "hotspots", i, "anchor"), (
                f"tour.hotspots[{i}].anchor: workplace '{workplace_id}' has no anchor "
                f"'{hotspot['anchor']}'"))
        if hotspot["id"] not in used:
            yield doc.problem(("tour", "hotspots", i, "id"), (
                f"tour.hotspots[{i}]: hotspot '{hotspot['id']}' is shown at no tour stop"))


def anchor_ids(workplace: Mapping[str, Any]) -> set[str]:
    """The ids of a workplace's anchors, skipping entries the schema check rejected."""
    return {a["id"] for a in workplace.get("anchors", []) if isinstance(a, dict) and "id" in a}


def workplace(doc: YamlDocument) -> Iterator[Problem]:
    """A workplace is named after its file, and its viewpoints and anchors lie inside the room."""
    data = doc.data
    stem = doc.path.stem
    if data["id"] != stem:
        yield doc.problem(("id",), f"id: '{data['id']}' must match the file name ('{stem}.yaml')")
    yield from duplicate_ids(doc, ("viewpoints",))
    yield from duplicate_ids(doc, ("anchors",))
    half_w, half_d = data["room"]["width_m"] / 2, data["room"]["depth_m"] / 2
    height = data["room"]["height_m"]
    for kind in ("viewpoints", "anchors"):
        for i, entry in enumerate(data.get(kind, [])):
            x, y, *rest = entry["position"]
            z = rest[0] if rest else 0.0
            if abs(x) > half_w or abs(y) > half_d or not 0 <= z <= height:
                path = (kind, i, "position")
                yield doc.problem(path, f"{dotted(path)}: {entry['position']} lies outside the "
                                  f"room ({data['room']['width_m']} × {data['room']['depth_m']} × "
                                  f"{height} m, origin at the centre of the floor)")


def languages(doc: YamlDocument) -> Iterator[Problem]:
    """Language codes are unique, the default is declared and complete, and pace ranges are ordered."""
    data = doc.data
    yield from duplicate_ids(doc, ("languages",), key="code")
    codes = {lang["code"]: lang for lang in data["languages"]}
    default = codes.get(data["default"])
    if default is None:
        yield doc.problem(("default",), f"default: '{data['default']}' is not one of the "
                          "languages listed below")
    elif not default["content_required"]:
        yield doc.problem(("default",), f"default: '{data['default']}' must have "
                          "content_required: true, or visitors would meet missing texts")
    for i, lang in enumerate(data["languages"]):
        interview = lang.get("interview_language")
        if interview is not None and "analysis" not in codes.get(interview, {}):
            yield doc.problem(("languages", i, "interview_language"), (
                f"languages[{i}].interview_language: '{interview}' is no language the interview "
                "runs in (one listed here with an analysis block, such as de)"))
        analysis = lang.get("analysis")
        if analysis is None:
            continue
        if analysis["wpm_min"] > analysis["wpm_max"]:
            yield doc.problem(("languages", i, "analysis", "wpm_min"),
                              f"languages[{i}].analysis: wpm_min is above wpm_max")


def personas(doc: YamlDocument) -> Iterator[Problem]:
    """Persona ids are unique and the default persona exists."""
    yield from duplicate_ids(doc, ("personas",))
    ids = {p["id"] for p in doc.data["personas"]}
    if doc.data["default"] not in ids:
        yield doc.problem(("default",), f"default: no persona '{doc.data['default']}' below")


def interview(doc: YamlDocument) -> Iterator[Problem]:
    """Job-term follow-ups contain ``{term}``, and feedback texts use only known placeholders."""
    for code, texts in doc.data["follow_ups"]["job_term"].items():
        for i, text in enumerate(texts):
            if "{term}" not in text:
                path = ("follow_ups", "job_term", code, i)
                yield doc.problem(path, f"{dotted(path)}: must contain {{term}}, where the term "
                                  "the candidate used is filled in")
    yield from _placeholders(doc)
    yield from duplicate_ids(doc, ("candidate_questions", "topics"))
    yield from _reply_placeholders(doc)


def _placeholders(doc: YamlDocument) -> Iterator[Problem]:
    """Feedback texts may use only the {names} the report fills in for them."""
    for section in ("tips", "summary_tips", "praise", "notices"):
        for key, texts in doc.data.get(section, {}).items():
            allowed = PLACEHOLDERS.get(f"{section}.{key}", frozenset())
            for code, text in texts.items():
                yield from _unknown_placeholders(doc, (section, key, code), text, allowed)


def _reply_placeholders(doc: YamlDocument) -> Iterator[Problem]:
    """Answers to the candidate's questions use only the occupation's facts; wording its own names."""
    section = doc.data.get("candidate_questions", {})
    for i, topic in enumerate(section.get("topics", [])):
        for code, text in topic.get("answer", {}).items():
            yield from _unknown_placeholders(
                doc, ("candidate_questions", "topics", i, "answer", code), text, REPLY_FACTS)
    for key, texts in section.get("wording", {}).items():
        for code, text in texts.items():
            yield from _unknown_placeholders(doc, ("candidate_questions", "wording", key, code),
                                             text, WORDING_PLACEHOLDERS.get(key, frozenset()))


def _unknown_placeholders(doc: YamlDocument, path: JsonPath, text: str,
                          allowed: frozenset[str]) -> Iterator[Problem]:
    try:
        used = placeholders(text)
    except ValueError as exc:
        yield doc.problem(path, f"{dotted(path)}: {exc} (write {{{{ and }}}} for a literal brace)")
        return
    for name in sorted(used - allowed):
        hint = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "none"
        yield doc.problem(path, f"{dotted(path)}: unknown placeholder {{{name}}} "
                          f"(allowed here: {hint})")


def feedback(doc: YamlDocument) -> Iterator[Problem]:
    """Chip ids are unique, and no chip is both a "worked" and a "not worked" chip."""
    yield from duplicate_ids(doc, ("worked",))
    yield from duplicate_ids(doc, ("not_worked",))
    worked = {c["id"] for c in doc.data["worked"]}
    for i, chip in enumerate(doc.data["not_worked"]):
        if chip["id"] in worked:
            yield doc.problem(("not_worked", i, "id"), f"not_worked[{i}].id: '{chip['id']}' is "
                              "also a 'worked' chip; ids must differ")


def _get(data: Any, path: JsonPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def ui_texts(doc: YamlDocument, reference: YamlDocument | None,
             declared: Iterable[str]) -> Iterator[Problem]:
    """A ui/LANG.yaml file is named after its declared language and keeps the reference's placeholders.

    The reference is the default-language file; with its placeholders kept, the station can fill
    them in.
    """
    data = doc.data
    language = data["language"]
    if language != doc.path.stem:
        yield doc.problem(("language",), f"language: '{language}' must match the file name "
                          f"('{doc.path.stem}.yaml')")
    if language not in set(declared):
        yield doc.problem(("language",), f"language: '{language}' is not declared in "
                          "languages.yaml")
    if reference is None or reference.path == doc.path:
        return
    wanted = reference.data["texts"]
    for key, text in data["texts"].items():
        if key not in wanted or not isinstance(text, str):
            continue
        have, need = set(_PLACEHOLDER.findall(text)), set(_PLACEHOLDER.findall(wanted[key]))
        if have != need:
            expected = ", ".join(f"{{{n}}}" for n in sorted(need)) or "none"
            yield doc.problem(("texts", key), f"texts.{key}: placeholders must be the same as in "
                              f"{reference.path.name} (expected: {expected})")
