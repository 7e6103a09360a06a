"""The content staff curate: languages, occupations, tours, workplaces, question banks."""

from vr_station.content.catalog import ContentCheck, check_content, load_catalog
from vr_station.content.files import default_content_dir
from vr_station.content.model import Catalog, Language, Occupation, pick

__all__ = ["Catalog", "ContentCheck", "Language", "Occupation", "check_content",
           "default_content_dir", "load_catalog", "pick"]
