"""MADLAD-400 (T5): a folder laid out as google/madlad400-3b-mt installs, converts and translates on both
backends with the same tokens and the same scores; the target language's <2xx> token starts the source."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.builders.tiny_models import build_tiny_madlad, convert_to_ct2, corpus_lines
from workbench.mt.engine import DecodingOptions
from workbench.mt.families import family
from workbench.mt.loader import load_engine
from workbench.mt.model_files import ModelRefused, inspect_model_folder
from workbench.mt.model_store import ModelStore
from workbench.mt.tokenization import SentencePieceCodec

REPO = Path(__file__).resolve().parents[2]
SENTENCES = [
    "An Giang là tỉnh biên giới ở Đồng bằng sông Cửu Long.",
    "Chỉ thị 25/CT-TTg của Thủ tướng Chính phủ được triển khai.",
    "\u200bNúi Cấm\u200b",
    "Năm 2023 tỉnh đón 9.889 lượt khách quốc tế, tăng 2,5%.",
]
GREEDY = DecodingOptions(beam_size=1, max_output_tokens=24)


@dataclass(frozen=True)
class TinyMadlad:
    untied: Path  # as MADLAD ships: tie_word_embeddings false, an lm_head of its own
    untied_ct2: Path  # float32: the same numbers as transformers
    tied: Path  # the original T5's tied, scaled output layer
    tied_ct2: Path


@pytest.fixture(scope="module")
def madlad(tmp_path_factory: pytest.TempPathFactory) -> TinyMadlad:
    root = tmp_path_factory.mktemp("tiny-madlad")
    untied = build_tiny_madlad(root / "madlad-tiny")
    tied = build_tiny_madlad(root / "madlad-tiny-tied", tied=True)
    return TinyMadlad(
        untied, convert_to_ct2(untied, root / "untied-ct2"), tied, convert_to_ct2(tied, root / "tied-ct2")
    )


def test_the_folder_is_recognised_as_madlad_in_both_layouts(madlad: TinyMadlad) -> None:
    config = json.loads((madlad.untied / "config.json").read_text(encoding="utf-8"))
    assert (config["model_type"], config["tie_word_embeddings"], config["feed_forward_proj"]) == (
        "t5",
        False,
        "gated-gelu",
    )
    assert (config["pad_token_id"], config["eos_token_id"], config["decoder_start_token_id"]) == (1, 2, 0)
    for folder, layout in ((madlad.untied, "transformers"), (madlad.untied_ct2, "ct2")):
        described = inspect_model_folder(folder)
        assert (described.format, described.family, described.tokenizer_files) == (layout, "madlad", ("spiece.model",))


def test_the_target_token_starts_the_source_as_the_real_tokenizer_puts_it(madlad: TinyMadlad) -> None:
    """MADLAD's own tokenizer on "<2km> text" (its tokenizer files as the hub has them): a word-start mark, the
    language token kept whole, then the text's pieces as if it stood alone (the space after the token is the
    first piece's own word-start mark), then </s>; nothing is forced on the target."""
    from transformers import AutoTokenizer

    official = AutoTokenizer.from_pretrained(str(madlad.untied))
    codec = SentencePieceCodec(madlad.untied, "madlad")
    compared = 0
    for target, token in (("km", "<2km>"), ("en", "<2en>")):
        assert codec.target_prefix(target) is None
        for sentence in [*SENTENCES, *corpus_lines()[:40]]:
            ours = codec.source_tokens(sentence, "vi", target)
            assert ours[:2] == ["▁", token] and ours[2:-1] == codec.pieces(sentence) and ours[-1] == "</s>"
            if "<unk>" in ours:
                # A character the sentencepiece model lacks is its <unk> (id 0) for us; transformers 5's
                # T5Tokenizer assumes T5's own layout (<unk> = 2) and would put </s> there.
                continue
            clean = sentence.replace("\u200b", "").strip()
            assert ours == official.convert_ids_to_tokens(official(f"{token} {clean}").input_ids)
            compared += 1
    assert compared >= 60


@pytest.mark.parametrize("tied", [False, True], ids=["untied-as-madlad", "tied"])
@pytest.mark.parametrize("target", ["km", "en"])
def test_both_backends_give_the_same_greedy_tokens_and_scores(madlad: TinyMadlad, tied: bool, target: str) -> None:
    hf, ct2 = (madlad.tied, madlad.tied_ct2) if tied else (madlad.untied, madlad.untied_ct2)
    reference = load_engine(hf, "tiny", backend="transformers").translate_batch(SENTENCES, "vi", target, GREEDY)
    fast = load_engine(ct2, "tiny").translate_batch(SENTENCES, "vi", target, GREEDY)
    assert [h.tokens for h in fast] == [h.tokens for h in reference]
    assert all(h.tokens for h in fast)
    for a, b in zip(fast, reference, strict=True):
        assert a.score < 0 and a.score == pytest.approx(b.score, abs=0.01)


def test_without_the_conversion_patch_the_scores_would_differ(madlad: TinyMadlad, tmp_path: Path) -> None:
    """Why the family converts under its patch: CTranslate2 4.8 would scale the untied output layer as if it
    were tied (transformers 5 reports every T5 as tied), so every log-probability would be wrong."""
    from ctranslate2.converters import TransformersConverter

    assert family("madlad").conversion_patch is not None
    unpatched = tmp_path / "unpatched"
    TransformersConverter(str(madlad.untied), copy_files=["spiece.model"]).convert(str(unpatched))
    right = load_engine(madlad.untied_ct2, "tiny").translate_batch(SENTENCES, "vi", "km", GREEDY)
    wrong = load_engine(unpatched, "tiny").translate_batch(SENTENCES, "vi", "km", GREEDY)
    assert all(abs(a.score - b.score) > 0.05 for a, b in zip(right, wrong, strict=True))


def test_beam_search_scores_agree_too(madlad: TinyMadlad) -> None:
    beam = DecodingOptions(beam_size=4, max_output_tokens=12)
    reference = load_engine(madlad.untied, "tiny", backend="transformers").translate_batch(SENTENCES, "vi", "km", beam)
    fast = load_engine(madlad.untied_ct2, "tiny").translate_batch(SENTENCES, "vi", "km", beam)
    for a, b in zip(fast, reference, strict=True):
        assert a.score == pytest.approx(b.score, abs=0.01)


def test_a_folder_that_claims_t5_without_its_sentencepiece_file_is_refused(madlad: TinyMadlad, tmp_path: Path) -> None:
    folder = shutil.copytree(madlad.untied, tmp_path / "madlad400-3b-mt")
    (folder / "spiece.model").unlink()
    store = ModelStore(tmp_path / "models")
    with pytest.raises(ModelRefused) as refused:
        store.install(folder)
    message = str(refused.value)
    assert str(folder) in message and "spiece.model" in message and "t5" in message
    assert store.installed() == []


def _run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_install_convert_and_translate_from_the_command_line(madlad: TinyMadlad, tmp_path: Path) -> None:
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}
    installed = _run("models", "install", str(madlad.untied), "--name", "madlad-tiny", cwd=tmp_path, env=env)
    assert installed.returncode == 0, installed.stderr
    converted = _run("models", "convert", "madlad-tiny", cwd=tmp_path, env=env)
    assert converted.returncode == 0, converted.stderr
    assert _run("new", "p.wbp", cwd=tmp_path, env=env).returncode == 0
    text = "\n\n".join(f"Đoạn {i}: du khách đến An Giang theo Kế hoạch số {i}/KH-UBND." for i in range(6))
    (tmp_path / "bai.txt").write_text(text, encoding="utf-8")
    assert _run("import", "p.wbp", "bai.txt", cwd=tmp_path, env=env).returncode == 0
    translated = _run("translate", "p.wbp", "--to", "km", "--model", "madlad-tiny-ct2-int8", cwd=tmp_path, env=env)
    assert translated.returncode == 0, translated.stderr
    listed = _run("segments", "p.wbp", "--json", cwd=tmp_path, env=env).stdout.splitlines()
    drafts = [json.loads(line)["translations"]["km"] for line in listed]
    assert [d["status"] for d in drafts] == ["draft"] * 6


def test_the_catalogue_entry_is_supported_now(tmp_path: Path) -> None:
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}
    listing = _run("models", "list", cwd=tmp_path, env=env)
    assert listing.returncode == 0, listing.stderr
    line = next(row for row in listing.stdout.splitlines() if row.startswith("madlad400-3b-mt "))
    assert "not supported" not in line and "not installable" not in line


def _resolved(spec) -> dict[str, tuple[tuple[int, ...], str]]:  # type: ignore[no-untyped-def]
    """Each variable's shape and type, an alias read as the variable it names."""
    found = dict(spec.variables(ordered=True))
    shapes = {}
    for name, value in found.items():
        while isinstance(value, str):
            value = found[value]
        shapes[name] = (tuple(value.shape), value.dtype)
    return shapes


def test_the_random_weight_architecture_is_what_the_converter_makes_of_a_madlad_folder(madlad: TinyMadlad) -> None:
    """`bench --architecture madlad400-3b-mt` builds its int8 model without transformers: on the tiny model's
    shape, its variables, types, aliases, config and vocabulary are those of an int8 conversion."""
    import sentencepiece as spm
    from ctranslate2.converters import TransformersConverter

    from workbench.mt.random_t5 import T5Shape, madlad_spec

    with family("madlad").converting():
        converted = TransformersConverter(str(madlad.untied))._load()
    converted.validate()
    converted.optimize("int8")
    config = json.loads((madlad.untied / "config.json").read_text(encoding="utf-8"))
    processor = spm.SentencePieceProcessor(model_file=str(madlad.untied / "spiece.model"))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    shape = T5Shape(
        config["vocab_size"],
        config["d_model"],
        config["num_layers"],
        config["num_heads"],
        config["d_kv"],
        config["d_ff"],
    )
    built = madlad_spec(shape, pieces)
    assert _resolved(built) == _resolved(converted)

    def aliases(spec) -> set[str]:  # type: ignore[no-untyped-def]
        # The tiny model's norms are all ones, so the converter saves them once; trained ones differ.
        return {n for n, v in spec.variables(ordered=True) if isinstance(v, str) and not n.endswith("gamma")}

    assert aliases(built) == aliases(converted) and "encoder/embeddings_0/weight" in aliases(built)
    assert vars(built.config) | {"_frozen": None} == vars(converted.config) | {"_frozen": None}
    assert built._vocabularies == converted._vocabularies
