"""Safe YAML loading and schema checks with problems reported as FILE:LINE:COL: message."""

from vr_station.validation.problems import ContentError, Problem
from vr_station.validation.schema import check_schema
from vr_station.validation.yaml_loader import YamlDocument, load_yaml_file

__all__ = ["ContentError", "Problem", "YamlDocument", "check_schema", "load_yaml_file"]
