"""The content staff curate, read safely and checked: the foundation every other package stands on.

Languages, occupations, tours, workplaces, personas and question banks (``model``), read from
YAML as plain data (``yaml_loader``), checked against their schemas and each other
(``schema``, ``references``) with every problem as ``FILE:LINE:COL: message`` (``problems``).
Checks that need a package above this one (the scenes' layout check) are handed in by the
entry point that validates content (``check_content(root, extra_checks=...)``).
"""

from catalog.files import default_content_dir
from catalog.loading import ContentCheck, DocumentCheck, check_content, load_catalog
from catalog.model import Catalog, Language, Occupation, pick
from catalog.problems import ContentError, Problem
from catalog.schema import check_schema
from catalog.yaml_loader import YamlDocument, load_yaml_file

__all__ = ["Catalog", "ContentCheck", "ContentError", "DocumentCheck", "Language", "Occupation",
           "Problem", "YamlDocument", "check_content", "check_schema", "default_content_dir",
           "load_catalog", "load_yaml_file", "pick"]
