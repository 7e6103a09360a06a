"""The content check's problems in German, for staff on the content pages.

``vr-station content validate`` speaks English (its messages are what CI logs and the CLI tests
read), and a problem carries no code, only its message. Each message comes from one of a small
set of templates in ``catalog`` (``schema.py``, ``references.py``, ``translations.py``,
``questions.py``, ``yaml_loader.py``); each template has a pattern here and its German wording.
A message no pattern knows is shown in English behind a German lead-in, so nothing is hidden
when the catalog gains a new check (``test_problem_texts`` checks the known ones).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WHERE = r"(?:(?P<where>\(top level\)|[^\s:]+): )?"
"""The dotted path (``tour.stops[2].narration``) most messages start with."""

_KINDS = {"a mapping (key: value)": "eine Zuordnung (Schlüssel: Wert)", "a list": "eine Liste",
          "text": "ein Text", "a number": "eine Zahl", "a whole number": "eine ganze Zahl",
          "true or false": "true oder false", "empty": "leer"}


def _kind(english: str) -> str:
    return " oder ".join(_KINDS.get(part, part) for part in english.split(" or "))


def _found(english: str) -> str:
    """What the schema check found (``the number 3``, ``a list`` …) in German."""
    if english in _KINDS or english == "a mapping":
        return _KINDS.get(english, "eine Zuordnung")
    if english.startswith("the number "):
        return "die Zahl " + english.removeprefix("the number ")
    if english.startswith("the text "):
        return "der Text " + _quote(english.removeprefix("the text "))
    if english.endswith(" (a yes/no value)"):
        return english.removesuffix(" (a yes/no value)") + " (ein Ja/Nein-Wert)"
    return english


def _quote(python_repr: str) -> str:
    """``'abc'`` (a Python repr in the message) → „abc“."""
    text = python_repr.rstrip("…")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return f"„{text}“" + ("…" if python_repr.endswith("…") else "")


_Render = Callable[[dict[str, str]], str]
_TEMPLATES: list[tuple[str, _Render]] = [
    (r"missing required field '(?P<k>[^']+)'",
     lambda g: f"Das Pflichtfeld „{g['k']}“ fehlt."),
    (r"unknown field '(?P<k>[^']+)'(?: \(allowed: (?P<a>.*)\))?",
     lambda g: f"Das Feld „{g['k']}“ gibt es hier nicht"
               + (f" (erlaubt sind: {g['a']})." if g.get("a") else ".")),
    (r"'(?P<k>[^']*)' is not a valid key here \(expected a language code such as de or en\)",
     lambda g: f"„{g['k']}“ ist hier kein gültiger Schlüssel; erwartet wird ein Sprachkürzel "
               "wie de oder en."),
    (r"'(?P<k>[^']*)' is not a valid key here \(not an allowed name\)",
     lambda g: f"„{g['k']}“ ist hier kein erlaubter Name."),
    (r"must be a finite number, not (?P<v>\S+) .*",
     lambda g: f"Hier muss eine endliche Zahl stehen, nicht {g['v']}."),
    (r"should be (?P<e>.+?), not (?P<f>.+?)(?P<yn> \(YAML reads yes/no/on/off as true/false; "
     r"put the text in quotes\))?",
     lambda g: f"Hier muss {_kind(g['e'])} stehen, nicht {_found(g['f'])}."
               + (" YAML liest yes/no/on/off als true/false; setzen Sie den Text in "
                  "Anführungszeichen." if g.get("yn") else "")),
    (r"(?P<v>.+) is not one of: (?P<l>.*)",
     lambda g: f"{_quote(g['v'])} ist nicht erlaubt; möglich sind: {g['l']}."),
    (r"must be at least (?P<n>\S+), not (?P<v>.+)",
     lambda g: f"Der Wert muss mindestens {g['n']} sein, nicht {g['v']}."),
    (r"must be at most (?P<n>\S+), not (?P<v>.+)",
     lambda g: f"Der Wert darf höchstens {g['n']} sein, nicht {g['v']}."),
    (r"must be (?P<n>.+), not (?P<v>.+)",
     lambda g: f"Hier muss {_quote(g['n'])} stehen, nicht {_quote(g['v'])}."),
    (r"needs at least (?P<n>\d+) entries, has (?P<h>\d+)",
     lambda g: f"Die Liste braucht mindestens {g['n']} Einträge, sie hat {g['h']}."),
    (r"may have at most (?P<n>\d+) entries, has (?P<h>\d+)",
     lambda g: f"Die Liste darf höchstens {g['n']} Einträge haben, sie hat {g['h']}."),
    (r"must not be empty", lambda g: "Das Feld darf nicht leer sein."),
    (r"may be at most (?P<n>\d+) characters long, is (?P<h>\d+)",
     lambda g: f"Der Text darf höchstens {g['n']} Zeichen lang sein, er hat {g['h']}."),
    (r"(?P<v>.+) is not allowed here(?: \((?P<d>.*)\))?",
     lambda g: f"{_quote(g['v'])} ist hier nicht erlaubt"
               + (f" (Regel: {g['d']})." if g.get("d") else ".")),
    (r"lists the same entry twice", lambda g: "Die Liste enthält denselben Eintrag zweimal."),
    (r"duplicate id '(?P<v>[^']*)'(?: \(first at line (?P<n>\d+)\))?",
     lambda g: f"Die Kennung „{g['v']}“ kommt doppelt vor"
               + (f" (zuerst in Zeile {g['n']})." if g.get("n") else ".")),
    (r"duplicate key '(?P<v>[^']*)' \(first at line (?P<n>\d+)\)",
     lambda g: f"Der Schlüssel „{g['v']}“ steht doppelt da (zuerst in Zeile {g['n']})."),
    (r"missing '(?P<c>[^']+)' translation",
     lambda g: f"Die Übersetzung in „{g['c']}“ fehlt."),
    (r"language '(?P<c>[^']+)' is not declared in languages\.yaml",
     lambda g: f"Die Sprache „{g['c']}“ ist nicht in languages.yaml eingetragen."),
    (r"entries must translate each other one by one \((?P<d>.*)\)",
     lambda g: "Die Einträge müssen einander eins zu eins übersetzen ("
               + g["d"].replace(" has ", " hat ") + ")."),
    (r"id: '(?P<v>[^']*)' must match the file name \('(?P<f>[^']*)'\)",
     lambda g: f"Die Kennung „{g['v']}“ muss zum Dateinamen „{g['f']}“ passen."),
    (r"salary\.(?P<p>\w+): min_eur \((?P<a>[^)]*)\) is above max_eur \((?P<b>[^)]*)\)",
     lambda g: f"Der Mindestbetrag ({g['a']} €) liegt über dem Höchstbetrag ({g['b']} €)."),
    (r"interview\.questions: no question for phase '(?P<p>[^']*)'",
     lambda g: f"Es gibt keine Frage für die Gesprächsphase „{g['p']}“."),
    (r"(?:a job_term follow-up )?must contain \{term\}, where the term the candidate used is "
     r"filled in",
     lambda g: "Der Text muss {term} enthalten; dort wird der Fachbegriff eingesetzt, den die "
               "Bewerberin oder der Bewerber genannt hat."),
    (r"(?P<c>'[^']*'|\"[^\"]*\") must be lower case, as a recognizer writes it",
     lambda g: f"Das Stichwort {_quote(g['c'])} muss kleingeschrieben sein, so wie die "
               "Spracherkennung schreibt."),
    (r"(?P<c>'[^']*'|\"[^\"]*\") names no cue list \(known: (?P<k>.*)\)",
     lambda g: f"{_quote(g['c'])} nennt keine bekannte Stichwortliste (bekannt: {g['k']})."),
    (r"(?P<c>'[^']*'|\"[^\"]*\") has a misplaced .*",
     lambda g: f"Im Stichwort {_quote(g['c'])} steht ein * oder @ an falscher Stelle."),
    (r"(?P<c>'[^']*'|\"[^\"]*\") needs at least (?P<n>\d+) letters before or after .*",
     lambda g: f"Das Stichwort {_quote(g['c'])} braucht mindestens {g['n']} Buchstaben vor oder "
               "nach dem * (sonst passt es auf zu viele Wörter)."),
    (r"no workplace '(?P<w>[^']*)' \(expected workplaces/[^)]*\)",
     lambda g: f"Es gibt keinen Arbeitsplatz „{g['w']}“ (erwartet: workplaces/{g['w']}.yaml)."),
    (r"workplace '(?P<w>[^']*)' has no viewpoint '(?P<v>[^']*)' \(it has: (?P<l>.*)\)",
     lambda g: f"Der Arbeitsplatz „{g['w']}“ hat keinen Standpunkt „{g['v']}“ "
               f"(vorhanden: {g['l']})."),
    (r"no hotspot '(?P<h>[^']*)' in tour\.hotspots",
     lambda g: f"Es gibt keinen Hotspot „{g['h']}“ unter tour.hotspots."),
    (r"workplace '(?P<w>[^']*)' has no anchor '(?P<a>[^']*)'",
     lambda g: f"Der Arbeitsplatz „{g['w']}“ hat keinen Ankerpunkt „{g['a']}“."),
    (r"hotspot '(?P<h>[^']*)' is shown at no tour stop",
     lambda g: f"Der Hotspot „{g['h']}“ wird an keiner Tour-Station gezeigt."),
    (r"unknown key '(?P<k>[^']*)': the base file has no text to translate there "
     r"\(expected: (?P<e>.*)\)",
     lambda g: f"„{g['k']}“ gibt es in der deutschen Datei nicht; hier ist nichts zu übersetzen "
               f"(erwartet: {g['e']})."),
    (r"should be a list of (?P<n>\d+) texts like the German one, not .*",
     lambda g: f"Hier muss eine Liste mit {g['n']} Texten stehen, wie im Deutschen."),
    (r"needs exactly (?P<n>\d+) entries, one for each German entry, has (?P<h>\d+)",
     lambda g: f"Die Liste braucht genau {g['n']} Einträge, einen je deutschem Eintrag; sie hat "
               f"{g['h']}."),
    (r"every entry must be a non-empty text",
     lambda g: "Jeder Eintrag muss ein Text sein und darf nicht leer sein."),
    (r"should be a non-empty text, not .*",
     lambda g: "Hier muss ein Text stehen; das Feld darf nicht leer sein."),
    (r"tab used for indentation; YAML needs spaces",
     lambda g: "Die Zeile ist mit einem Tabulator eingerückt; YAML braucht Leerzeichen."),
    (r"YAML syntax error: (?P<d>.*)",
     lambda g: f"Die Datei ist kein gültiges YAML ({g['d']})."),
]
_COMPILED = [(re.compile(_WHERE + pattern), render) for pattern, render in _TEMPLATES]


def german(message: str) -> str:
    """The German wording of one of the check's messages (without the dotted path in front)."""
    for pattern, render in _COMPILED:
        match = pattern.fullmatch(message)
        if match:
            found = {k: v for k, v in match.groupdict().items() if v is not None}
            return render(found)
    return f"Die Prüfung meldet (englisch): {message}"


def german_at(message: str) -> str:
    """``german`` with the dotted path in front, for pages that list problems by file and line."""
    for pattern, _render in _COMPILED:
        match = pattern.fullmatch(message)
        if match and match.group("where"):
            return f"{match.group('where')}: {german(message)}"
    return german(message)


def known(message: str) -> bool:
    """Whether ``german`` has a German wording for ``message``."""
    return any(pattern.fullmatch(message) for pattern, _ in _COMPILED)
