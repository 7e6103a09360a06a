"""What staff curate, as frozen objects: languages, occupations, tours, workplaces, chips.

Texts are mappings from language code to text; ``pick`` chooses the visitor's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from catalog.norms import SpeechNorms
from catalog.personas import MoreTimeToThink, Persona
from catalog.questions import InterviewScript, QuestionBank
from catalog.translations import LanguageCoverage

if TYPE_CHECKING:
    from catalog.tasks import HandsOnTask

LocalizedText = Mapping[str, str]
LocalizedList = Mapping[str, tuple[str, ...]]

T = TypeVar("T")


def pick(texts: Mapping[str, T], language: str, fallback: str = "de") -> T:
    """The text in ``language``, else in ``fallback``, else any."""
    if language in texts:
        return texts[language]
    if fallback in texts:
        return texts[fallback]
    return next(iter(texts.values()))


@dataclass(frozen=True)
class Language:
    """A language the station offers: its names, voices, recognizer model and speech norms."""

    code: str
    native_name: str
    names: LocalizedText
    direction: str
    """'ltr' or 'rtl'."""
    content_required: bool
    """Every occupation must have its texts in this language."""
    tts_voices: tuple[str, ...]
    """espeak-ng voice ids / SAPI5 name fragments, tried in order."""
    vosk_model: str | None
    norms: SpeechNorms
    recognition_prompt: str | None = None
    """A sentence with the language's fillers as the station spells them; Whisper reads it
    before each answer so that it writes hesitations instead of dropping them."""
    interview_language: str = ""
    """The language the interview runs in for a visitor of this language: its own code for
    German and English, German for the others (the interview prepares for one in Germany).
    ``norms`` are that language's norms."""
    speech_rate_factor: float = 1.0
    """Narration speaks at this times the usual rate (Leichte Sprache: slower)."""

    @property
    def interview_runs_in_own_language(self) -> bool:
        """Whether the interview can run in this language (it has speech norms of its own)."""
        return self.interview_language in ("", self.code)


class TrainingKind(StrEnum):
    """How the training for an occupation is organised in Germany."""

    DUAL = "dual"
    """Duale Ausbildung: company and vocational school."""
    SCHOOL = "school"
    """Schulische Ausbildung at a vocational school."""
    UNIVERSITY = "university"
    """Studium."""


@dataclass(frozen=True)
class Training:
    """The training an occupation needs: its kind and usual length in months."""

    kind: TrainingKind
    duration_months: int
    note: LocalizedText | None


@dataclass(frozen=True)
class EuroRange:
    """A pay range in euros, with how exact it is, the year and the source."""

    min_eur: float
    """Gross EUR per month."""
    max_eur: float
    approximate: bool
    """Rounded, or varying by region or collective agreement."""
    year: int
    """The year the figures describe."""
    source: LocalizedText


@dataclass(frozen=True)
class Salary:
    """Gross monthly pay during the training and after it."""

    training: EuroRange
    after_training: EuroRange


@dataclass(frozen=True)
class SchoolCertificate:
    """The school-leaving certificate employers usually expect for an occupation."""

    usual: str
    """none, hauptschulabschluss, mittlerer_schulabschluss, fachhochschulreife or abitur."""
    note: LocalizedText | None


@dataclass(frozen=True)
class Viewpoint:
    """A place in a workplace where the visitor stands, and the way they face."""

    id: str
    position: tuple[float, float]
    """Floor position in metres (x right, y forward), origin at the room's centre."""
    heading_deg: float
    """0 faces +y, 90 faces +x."""


@dataclass(frozen=True)
class Anchor:
    """A named point in a workplace (metres; x right, y forward, z up) that hotspots attach to."""

    id: str
    position: tuple[float, float, float]


@dataclass(frozen=True)
class Workplace:
    """A room (content/workplaces/ID.yaml): its size in metres, viewpoints, anchors and layout."""

    id: str
    titles: LocalizedText
    width_m: float
    depth_m: float
    height_m: float
    viewpoints: Mapping[str, Viewpoint]
    anchors: Mapping[str, Anchor]
    layout: Mapping[str, Any]
    """The whole validated document: room materials, props and lights for ``scenes``."""
    source: Path


@dataclass(frozen=True)
class Hotspot:
    """A labelled point of interest at a workplace anchor, with the text it shows."""

    id: str
    anchor: str
    position: tuple[float, float, float]
    """Resolved from the workplace's anchor."""
    titles: LocalizedText
    texts: LocalizedText


@dataclass(frozen=True)
class TourStop:
    """One stop of a tour: where the visitor stands, what is narrated and which hotspots show."""

    id: str
    viewpoint: Viewpoint
    titles: LocalizedText
    narration: LocalizedText
    hotspots: tuple[Hotspot, ...]
    facts: tuple[str, ...]
    """Fact panels to show here: tasks, tools, work_settings, training, salary, school_certificate."""


@dataclass(frozen=True)
class Tour:
    """The stops of an occupation's tour through its workplace, in order."""

    workplace: Workplace
    stops: tuple[TourStop, ...]


@dataclass(frozen=True)
class Occupation:
    """An occupation (content/occupations/ID.yaml): facts, training, pay, tour and questions."""

    id: str
    titles: LocalizedText
    summary: LocalizedText
    tasks: LocalizedList
    tools: LocalizedList
    work_settings: LocalizedList
    training: Training
    school_certificate: SchoolCertificate
    salary: Salary
    terms: LocalizedList
    """Job-related words per language (independent lists, not translations)."""
    tour: Tour
    questions: QuestionBank
    source: Path


@dataclass(frozen=True)
class FeedbackChip:
    """A tappable answer to "what worked" or "what did not" in the visitor's feedback."""

    id: str
    labels: LocalizedText


@dataclass(frozen=True)
class FeedbackChips:
    """The feedback chips offered at the end of a session (content/feedback.yaml)."""

    worked: tuple[FeedbackChip, ...]
    not_worked: tuple[FeedbackChip, ...]


@dataclass(frozen=True)
class UiTexts:
    """Every text of the user interface in one language (content/ui/LANG.yaml)."""

    language: str
    texts: Mapping[str, str]
    """Key → text; ``{name}`` placeholders are filled in by the station."""
    source: Path


@dataclass(frozen=True)
class Catalog:
    """Everything the station can offer, built from the valid content files only."""

    content_dir: Path
    languages: Mapping[str, Language]
    default_language: str
    occupations: Mapping[str, Occupation]
    workplaces: Mapping[str, Workplace]
    personas: Mapping[str, Persona]
    default_persona: str
    interview: InterviewScript
    feedback: FeedbackChips
    ui: Mapping[str, UiTexts] = field(default_factory=dict)
    """Language code → interface texts; a language without them cannot be offered."""
    more_time_to_think: MoreTimeToThink = field(default_factory=MoreTimeToThink)
    """What "Mehr Zeit zum Nachdenken" adds to every interviewer's patience (personas.yaml)."""
    coverage: Mapping[str, LanguageCoverage] = field(default_factory=dict)
    """Per overlay language (uk, ar …): its translation files' review status and the texts
    that fall back to German (marked)."""

    def interview_language(self, code: str) -> Language:
        """The language the interview runs in for a visitor who chose ``code``."""
        language = self.languages[code]
        return self.languages.get(language.interview_language or code, language)
    hands_on: Mapping[str, HandsOnTask] = field(default_factory=dict)
    """Occupation id → its hands-on task (content/tasks/), run at one of its tour stops."""
