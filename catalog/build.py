"""Turn checked content documents into the frozen model objects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from catalog import tasks
from catalog.files import SHARED_FILES
from catalog.model import (
    Anchor,
    Catalog,
    EuroRange,
    FeedbackChip,
    FeedbackChips,
    Hotspot,
    Language,
    LocalizedList,
    Occupation,
    Salary,
    SchoolCertificate,
    Tour,
    TourStop,
    Training,
    TrainingKind,
    UiTexts,
    Viewpoint,
    Workplace,
)
from catalog.norms import Cue, SpeechNorms
from catalog.personas import MoreTimeToThink, Persona
from catalog.questions import (
    AnswerCues,
    AnswerKind,
    AnswerPoint,
    CandidateQuestions,
    DialogueRules,
    FollowUpTrigger,
    InterviewQuestion,
    InterviewScript,
    Phase,
    QuestionBank,
    QuestionPlanRules,
    QuestionTopic,
)
from catalog.translations import FallbackText
from catalog.yaml_loader import YamlDocument

UNMARKED_UI_KEYS = frozenset({"number_decimal", "number_thousands"})
"""Interface "texts" that are number formats: a fallback to them gets no mark."""

if TYPE_CHECKING:
    from catalog.loading import ContentCheck


def catalog(check: ContentCheck) -> Catalog:
    """The catalog from a content check: the shared files, every valid workplace and occupation.

    Each document comes with its translation overlays merged in (``check.merged``): every
    overlay language has every visitor text, German and marked where a translation is missing.
    """
    shared = {name: check.merged_document(check.root / file).data
              for file, name in SHARED_FILES.items()}
    workplaces = {stem: workplace(check.merged_document(doc.path))
                  for stem, doc in check.valid_documents("workplace").items()}
    occupations = {stem: occupation(check.merged_document(doc.path), workplaces)
                   for stem, doc in sorted(check.valid_documents("occupation").items())}
    return Catalog(
        content_dir=check.root,
        languages=languages(shared["languages"]["languages"]),
        default_language=shared["languages"]["default"],
        occupations=occupations,
        workplaces=workplaces,
        personas={p["id"]: persona(p) for p in shared["personas"]["personas"]},
        default_persona=shared["personas"]["default"],
        more_time_to_think=MoreTimeToThink(**shared["personas"]["more_time_to_think"]),
        interview=interview_script(shared["interview"]),
        feedback=FeedbackChips(
            worked=tuple(FeedbackChip(c["id"], c["labels"]) for c in shared["feedback"]["worked"]),
            not_worked=tuple(FeedbackChip(c["id"], c["labels"])
                             for c in shared["feedback"]["not_worked"])),
        ui=ui_texts(check, shared["languages"]),
        coverage=dict(check.coverage),
        hands_on=tasks.build(check, occupations,
                             [lang["code"] for lang in shared["languages"]["languages"]
                              if lang["code"] not in ("de", "en")]),
    )


def ui_texts(check: ContentCheck, languages_data: Mapping[str, Any]) -> dict[str, UiTexts]:
    """Interface texts of every language that has a valid file, and of every overlay language.

    An overlay language without a (valid) file, or with keys missing, shows the default
    language's text marked as a fallback; number formats fall back unmarked (they are no text).
    """
    valid = {doc.data["language"]: doc for doc in check.valid_documents("ui").values()}
    ui = {code: UiTexts(code, doc.data["texts"], doc.path) for code, doc in valid.items()}
    reference = valid.get(languages_data["default"])
    if reference is None:
        return ui
    german = reference.data["texts"]
    for entry in languages_data["languages"]:
        code = entry["code"]
        if entry["content_required"]:
            continue
        own = valid.get(code)
        texts = dict(own.data["texts"]) if own is not None else {}
        for key, text in german.items():
            if key not in texts:
                texts[key] = text if key in UNMARKED_UI_KEYS else FallbackText.of(text)
        ui[code] = UiTexts(code, texts, own.path if own is not None
                           else check.root / "ui" / f"{code}.yaml")
    return ui


def languages(entries: list[Mapping[str, Any]]) -> dict[str, Language]:
    """The languages of content/languages.yaml, in their order.

    A language without norms of its own takes its interview language's: the interview runs in it.
    """
    own = {e["code"]: language(e) for e in entries if "analysis" in e}
    built = dict(own)
    for entry in entries:
        if "analysis" not in entry:
            interview = own[entry["interview_language"]]
            built[entry["code"]] = language(entry, interview.norms)
    return {e["code"]: built[e["code"]] for e in entries}


def language(data: Mapping[str, Any], norms: SpeechNorms | None = None) -> Language:
    """A language from its entry in content/languages.yaml, with its speech norms."""
    speech = data["speech"]
    return Language(
        code=data["code"],
        native_name=data["native_name"],
        names=data["names"],
        direction=data["direction"],
        content_required=data["content_required"],
        tts_voices=tuple(speech["tts_voices"]),
        vosk_model=speech.get("vosk_model"),
        recognition_prompt=speech.get("recognition_prompt"),
        interview_language=data.get("interview_language", data["code"]),
        speech_rate_factor=speech.get("rate_factor", 1.0),
        norms=norms or _norms(data),
    )


def _norms(data: Mapping[str, Any]) -> SpeechNorms:
    analysis = data["analysis"]
    return SpeechNorms(
            language=data["code"],
            fillers=frozenset(f.lower() for f in analysis["fillers"]),
            wpm_min=analysis["wpm_min"],
            wpm_max=analysis["wpm_max"],
            fillers_per_min_max=analysis["fillers_per_min_max"],
            short_answer_words=analysis["short_answer_words"],
            long_answer_s=analysis["long_answer_s"],
            cues={Cue(kind): tuple(c.lower() for c in cues)
                  for kind, cues in analysis["cues"].items()},
            common_words=frozenset(w.lower() for w in analysis["common_words"]),
    )


def persona(data: Mapping[str, Any]) -> Persona:
    """An interviewer persona from its entry in content/personas.yaml."""
    return Persona(
        id=data["id"], names=data["names"], description=data["description"],
        speech_rate_wpm=data["speech_rate_wpm"], patience_s=data["patience_s"],
        follow_up_intensity=data["follow_up_intensity"], question_count=data["question_count"],
        look=data["look"], answer_silence_extra_s=data["answer_silence_extra_s"])


def interview_script(data: Mapping[str, Any]) -> InterviewScript:
    """The shared interview script from content/interview.yaml."""
    return InterviewScript(
        phases=tuple(Phase(p) for p in data["phases"]),
        follow_ups={FollowUpTrigger(k): _lists(v) for k, v in data["follow_ups"].items()},
        phrases=dict(data["phrases"]),
        acknowledgements={AnswerKind(k): _lists(v) for k, v in data["acknowledgements"].items()},
        answer_cues=AnswerCues(**{k: _lists(v) for k, v in data["answer_cues"].items()}),
        candidate_questions=CandidateQuestions(
            topics=tuple(QuestionTopic(t["id"], _lists(t["cues"]), t["answer"])
                         for t in data["candidate_questions"]["topics"]),
            wording=dict(data["candidate_questions"]["wording"])),
        question_plan=QuestionPlanRules(**{k: tuple(Phase(p) for p in v)
                                           for k, v in data["question_plan"].items()}),
        rules=_dialogue_rules(data["rules"]),
        tips=dict(data["tips"]),
        summary_tips=dict(data["summary_tips"]),
        praise=dict(data["praise"]),
        notices=dict(data["notices"]),
        report_labels=dict(data["report"]),
    )


def _dialogue_rules(data: Mapping[str, Any]) -> DialogueRules:
    phases = {k: frozenset(Phase(p) for p in v) for k, v in data.items() if isinstance(v, list)}
    return DialogueRules(follow_ups_per_question=data["follow_ups_per_question"],
                         answer_cap_s=data["answer_cap_s"], **phases)


def workplace(doc: YamlDocument) -> Workplace:
    """A workplace from its valid document: room size in metres, viewpoints, anchors, layout."""
    data = doc.data
    room = data["room"]
    return Workplace(
        id=data["id"], titles=data["titles"],
        width_m=room["width_m"], depth_m=room["depth_m"], height_m=room["height_m"],
        viewpoints={v["id"]: Viewpoint(v["id"], (v["position"][0], v["position"][1]),
                                       v["heading_deg"]) for v in data["viewpoints"]},
        anchors={a["id"]: Anchor(a["id"], (a["position"][0], a["position"][1], a["position"][2]))
                 for a in data.get("anchors", [])},
        layout=data,
        source=doc.path,
    )


def occupation(doc: YamlDocument, workplaces: Mapping[str, Workplace]) -> Occupation:
    """An occupation with its tour and question bank, built on its (already built) workplace.

    Hotspots take their positions from the workplace's anchors, tour stops their viewpoints.
    """
    data = doc.data
    place = workplaces[data["workplace"]]
    hotspots = {h["id"]: Hotspot(h["id"], h["anchor"], place.anchors[h["anchor"]].position,
                                 h["titles"], h["texts"]) for h in data["tour"]["hotspots"]}
    stops = tuple(
        TourStop(id=s["id"], viewpoint=place.viewpoints[s["viewpoint"]], titles=s["titles"],
                 narration=s["narration"], hotspots=tuple(hotspots[h] for h in s.get("hotspots", [])),
                 facts=tuple(s.get("facts", [])))
        for s in data["tour"]["stops"])
    salary = data["salary"]
    return Occupation(
        id=data["id"], titles=data["titles"], summary=data["summary"],
        tasks=_lists(data["tasks"]), tools=_lists(data["tools"]),
        work_settings=_lists(data["work_settings"]),
        training=Training(TrainingKind(data["training"]["kind"]),
                          data["training"]["duration_months"], data["training"].get("note")),
        school_certificate=SchoolCertificate(data["school_certificate"]["usual"],
                                             data["school_certificate"].get("note")),
        salary=Salary(_euros(salary["training"]), _euros(salary["after_training"])),
        terms=_lists(data["terms"]),
        tour=Tour(place, stops),
        questions=QuestionBank(
            occupation_id=data["id"],
            questions=tuple(_question(q) for q in data["interview"]["questions"]),
            terms=_lists(data["terms"])),
        source=doc.path,
    )


def _question(data: Mapping[str, Any]) -> InterviewQuestion:
    return InterviewQuestion(
        id=data["id"], phase=Phase(data["phase"]), text=data["text"],
        strong_answer=tuple(AnswerPoint(p["point"], _lists(p["cues"]))
                            for p in data["strong_answer"]),
        hint=data.get("hint"),
        follow_ups={FollowUpTrigger(k): v for k, v in data.get("follow_ups", {}).items()})


def _lists(data: Mapping[str, list[str]]) -> LocalizedList:
    return {code: tuple(items) for code, items in data.items()}


def _euros(data: Mapping[str, Any]) -> EuroRange:
    return EuroRange(data["min_eur"], data["max_eur"], data["approximate"], data["year"],
                     data["source"])
