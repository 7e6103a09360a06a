"""How interviewers look. Personas in content/personas.yaml pick one by id (``look: a``).

Looks are part of the code, like the prop kit: a look is a figure (hair style, glasses, beard,
clothes) that the avatar builder knows how to draw, and staff choose among them by id.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from catalog.problems import Problem
from catalog.yaml_loader import YamlDocument
from scenes.materials import Rgb, parse_colour


def _rgb(code: str) -> Rgb:
    colour = parse_colour(code)
    assert colour is not None, code
    return colour


@dataclass(frozen=True)
class AvatarLook:
    """How an interviewer looks: skin, hair, clothes and a few features (colours sRGB)."""

    id: str
    description: str
    """Who staff see, in a few words (for documentation and the persona editor)."""
    skin: Rgb
    hair: Rgb
    hair_style: str
    """short, bob, bun or ponytail."""
    jacket: Rgb
    shirt: Rgb
    trousers: Rgb
    iris: Rgb
    lips: Rgb
    glasses: bool = False
    beard: bool = False
    shoulders_m: float = 0.4
    """Shoulder width."""


LOOKS: Mapping[str, AvatarLook] = {
    look.id: look
    for look in (
        AvatarLook(
            "a",
            "woman in her forties, dark brown bob, teal blazer, glasses",
            skin=_rgb("#e2b49a"),
            hair=_rgb("#3b2619"),
            hair_style="bob",
            jacket=_rgb("#2c6f78"),
            shirt=_rgb("#f3f1ec"),
            trousers=_rgb("#2b2f36"),
            iris=_rgb("#5a4030"),
            lips=_rgb("#b56a66"),
            glasses=True,
            shoulders_m=0.37,
        ),
        AvatarLook(
            "b",
            "man in his fifties, short grey hair and beard, navy jacket, light blue shirt",
            skin=_rgb("#c68e6b"),
            hair=_rgb("#7d7a76"),
            hair_style="short",
            jacket=_rgb("#25324a"),
            shirt=_rgb("#b9d3ea"),
            trousers=_rgb("#30343b"),
            iris=_rgb("#3c5a6e"),
            lips=_rgb("#a0605a"),
            beard=True,
            shoulders_m=0.43,
        ),
        AvatarLook(
            "c",
            "young woman, black hair in a bun, burgundy cardigan",
            skin=_rgb("#8d5a3f"),
            hair=_rgb("#16110e"),
            hair_style="bun",
            jacket=_rgb("#7a2b3a"),
            shirt=_rgb("#ece6da"),
            trousers=_rgb("#2a2a2e"),
            iris=_rgb("#2e1f16"),
            lips=_rgb("#7e4a44"),
            shoulders_m=0.36,
        ),
    )
}
"""Every interviewer look by id."""


def persona_look_problems(doc: YamlDocument) -> Iterator[Problem]:
    """Personas whose ``look`` is not one of LOOKS (checked with content/personas.yaml)."""
    for i, persona in enumerate(doc.data["personas"]):
        look = persona["look"]
        if look not in LOOKS:
            known = "; ".join(f"{key} ({value.description})" for key, value in LOOKS.items())
            yield doc.problem(
                ("personas", i, "look"), f"personas[{i}].look: no interviewer look '{look}' (known: {known})"
            )
