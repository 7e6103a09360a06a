"""Print the prop kit as a reference for staff: ``python -m scenes.kit [TYPE ...]``.

Every prop type with its German name, what it is and the options a layout may set.
"""

from __future__ import annotations

import sys

from scenes.kit import PROP_TYPES, PropType


def describe(prop: PropType) -> str:
    """One prop type for the staff reference: names, description, placement note, options."""
    lines = [f"{prop.name}  ({prop.title_de}; {prop.category})", f"    {prop.description}"]
    doc = (prop.builder.__doc__ or "").strip()
    if doc:
        lines.append(f"    {doc}")
    for option in prop.options.values():
        detail = f"one of {', '.join(option.choices)}" if option.choices else option.kind
        if option.minimum is not None:
            detail += f" {option.minimum:g}..{option.maximum:g}"
        default = str(option.default).lower() if isinstance(option.default, bool) else repr(option.default)
        lines.append(f"    options.{option.name}: {option.description} ({detail}; default {default})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the prop types named in ``argv`` (all without any); 2 for an unknown type."""
    wanted = argv or list(PROP_TYPES)
    unknown = [name for name in wanted if name not in PROP_TYPES]
    if unknown:
        print(f"unknown prop type(s): {', '.join(unknown)} (known: {', '.join(PROP_TYPES)})", file=sys.stderr)
        return 2
    print("\n\n".join(describe(PROP_TYPES[name]) for name in wanted))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
