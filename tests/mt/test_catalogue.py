"""The model catalogue says where each published score comes from, and refuses a figure without a source."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from workbench.core.errors import WorkbenchError
from workbench.mt.catalogue import CATALOGUE_PATH, load_catalogue

REPO = Path(__file__).resolve().parents[2]


def shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_every_shipped_score_names_its_metric_test_set_and_source() -> None:
    catalogue = load_catalogue()
    scores = [(entry.name, score) for entry in catalogue.entries for score in entry.scores]
    assert len(scores) >= 20
    for name, score in scores:
        assert score.source.startswith("https://"), (name, score)
        assert score.metric in ("chrF++", "chrF", "spBLEU", "BLEU", "COMET-22"), (name, score)
        assert score.test_set.strip(), (name, score)
        assert score.direction in catalogue.get(name).directions  # type: ignore[union-attr]


def test_scores_into_khmer_are_never_chrf_plus_plus() -> None:
    into_khmer = [s for entry in load_catalogue().entries for s in entry.scores if s.direction.endswith("-km")]
    assert into_khmer and {s.metric for s in into_khmer} <= {"chrF", "spBLEU"}


def test_every_model_names_a_licence_and_the_ones_checked_on_their_cards() -> None:
    catalogue = load_catalogue()
    assert all(entry.licence.strip() for entry in catalogue.entries)
    licences = {entry.name: entry.licence for entry in catalogue.entries}
    assert licences["opus-mt-vi-en"] == "Apache-2.0"  # the hub card's metadata
    assert licences["madlad400-3b-mt"] == "Apache-2.0"
    assert licences["m2m100_1.2B"] == "MIT"
    assert licences["hplt-vi-en-v2.0"] == "CC-BY-4.0"


def test_the_headline_of_a_direction_is_its_flores_figure_only() -> None:
    catalogue = load_catalogue()
    opus = catalogue.get("opus-mt-vi-en")
    nllb = catalogue.get("nllb-200-distilled-600M")
    assert opus is not None and nllb is not None
    # opus-mt-vi-en's card gives Tatoeba figures only: published, but not comparable with FLORES ones.
    assert len(opus.scores) == 2 and opus.scores.headline("vi-en") is None
    assert nllb.scores.headline("vi-en").value == pytest.approx(57.23)
    headline = nllb.scores.headline("vi-km")
    assert headline is not None and headline.metric == "chrF" and headline.test_set == "FLORES-200 devtest"


def test_a_model_published_in_a_layout_that_cannot_be_installed_says_so() -> None:
    hplt = load_catalogue().get("HPLT/translate-vi-en-v2.0-hplt")
    assert hplt is not None and not hplt.installable and not hplt.supported
    assert "ct2-marian-converter" in hplt.note


def test_models_list_shows_metrics_a_khmer_column_and_every_source(tmp_path: Path) -> None:
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}
    listed = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "models", "list", "--sources"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    table, _, sources = listed.stdout.partition("Published scores and their sources:")
    header = table.splitlines()[0]
    assert "vi-en" in header and "vi-km" in header
    nllb_row = next(line for line in table.splitlines() if line.startswith("nllb-200-distilled-600M "))
    assert "57.2 chrF++" in nllb_row and "33.0 chrF" in nllb_row
    assert "not installable yet" in next(line for line in table.splitlines() if line.startswith("hplt-vi-en-v2.0"))
    for entry in load_catalogue().entries:
        for score in entry.scores:
            assert score.source in sources
    assert "42.8 BLEU on Tatoeba-test.vie.eng" in sources
    plain = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "models", "list"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert plain.returncode == 0 and "https://" not in plain.stdout.split("Defaults:")[0]
    assert "models list --sources" in plain.stdout


def test_a_score_without_a_source_is_refused_naming_the_file_and_the_model(tmp_path: Path) -> None:
    data = shipped()
    nllb = next(m for m in data["models"] if m["name"] == "nllb-200-distilled-600M")
    del nllb["scores"][0]["source"]
    path = write(tmp_path, data)
    with pytest.raises(WorkbenchError) as refused:
        load_catalogue(path)
    message = str(refused.value)
    assert str(path) in message and "nllb-200-distilled-600M" in message and "no source" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: m["scores"][1].update(metric="chrF++"), "into Khmer must be"),
        (lambda m: m["scores"][0].update(source="somewhere on the hub"), "no source"),
        (lambda m: m["scores"][0].update(metric="chrf"), "'metric' must be one of"),
        (lambda m: m["scores"][0].update(value=0.5723 * 1000), "outside 0-100"),
        (lambda m: m["scores"][0].update(direction="vi-fr"), "does not translate vi-fr"),
        (lambda m: m.update(licence=""), "'licence' is empty"),
        (lambda m: m.pop("licence"), "'licence' is missing"),
    ],
)
def test_a_malformed_entry_is_one_clear_error(tmp_path: Path, change: Any, expected: str) -> None:
    data = copy.deepcopy(shipped())
    change(next(m for m in data["models"] if m["name"] == "nllb-200-distilled-600M"))
    path = write(tmp_path, data)
    with pytest.raises(WorkbenchError, match=expected) as refused:
        load_catalogue(path)
    assert str(path) in str(refused.value) and "nllb-200-distilled-600M" in str(refused.value)


def test_a_broken_catalogue_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text('{"models": [', encoding="utf-8")
    with pytest.raises(WorkbenchError, match="cannot be read") as refused:
        load_catalogue(path)
    assert str(path) in str(refused.value)
    data = shipped()
    data["defaults"]["vi-km"]["model"] = "no-such-model"
    with pytest.raises(WorkbenchError, match="no-such-model"):
        load_catalogue(write(tmp_path, data))


def test_the_steps_given_for_hplts_marian_layout_give_a_model_the_workbench_installs_and_runs(tmp_path: Path) -> None:
    """HPLT publishes a Marian .npz and a SentencePiece model; the catalogue's note says how to convert them."""
    import ctranslate2
    import sentencepiece as spm
    from ctranslate2.converters.marian import MarianConverter

    from tests.builders.marian_native import build_marian_native, yaml_vocabulary
    from workbench.mt.engine import DecodingOptions
    from workbench.mt.loader import load_engine
    from workbench.mt.model_files import ModelRefused
    from workbench.mt.model_store import ModelStore

    published = build_marian_native(tmp_path / "translate-vi-en-v2.0-hplt")
    store = ModelStore(tmp_path / "models")
    with pytest.raises(ModelRefused, match="refused"):
        store.install(published)  # the layout as published: the reason the entry is not installable
    vocabulary = yaml_vocabulary(published / "model.vi-en.spm", tmp_path / "vocab.yml")
    converted = tmp_path / "hplt-vi-en-v2.0"
    MarianConverter(str(published / "model.npz.best-chrf.npz"), [str(vocabulary)] * 2).convert(
        str(converted), quantization="int8"
    )
    config = json.loads((converted / "config.json").read_text(encoding="utf-8"))
    assert config["add_source_eos"] is True  # what the note tells the user to switch off
    (converted / "config.json").write_text(json.dumps({**config, "add_source_eos": False}), encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        (converted / name).write_bytes((published / "model.vi-en.spm").read_bytes())

    model = store.install(converted)
    assert (model.name, model.format, model.family, model.licence) == ("hplt-vi-en-v2.0", "ct2", "marian", "CC-BY-4.0")
    text = "Du khách đến An Giang năm 2023."
    options = DecodingOptions(beam_size=1, max_output_tokens=8)
    (ours,) = load_engine(model.path, model.name).translate_batch([text], "vi", "en", options)
    pieces = spm.SentencePieceProcessor(model_file=str(published / "model.vi-en.spm")).encode(text, out_type=str)
    (raw,) = ctranslate2.Translator(str(converted)).translate_batch(
        [[*pieces, "</s>"]], beam_size=1, max_decoding_length=8
    )
    assert ours.tokens and list(ours.tokens) == raw.hypotheses[0]


def test_downloading_a_model_that_cannot_be_installed_as_published_says_what_to_do(tmp_path: Path) -> None:
    from workbench.mt.model_store import ModelStore

    store = ModelStore(tmp_path / "models")
    with pytest.raises(
        WorkbenchError, match="cannot be downloaded and installed as its publisher offers it"
    ) as refused:
        store.download("hplt-vi-en-v2.0")
    assert "ct2-marian-converter" in str(refused.value)
    assert store.installed() == []
