"""Hostile and broken model folders and archives: each is refused with one message naming the file,
nothing is loaded that could run code, no link is followed, nothing is installed half-way."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.mt.test_mt_cli import REPO, run
from workbench.mt.loader import load_engine
from workbench.mt.model_archive import ArchiveLimits
from workbench.mt.model_files import ModelRefused, inspect_model_folder
from workbench.mt.model_store import ModelStore
from workbench.mt.weights_format import CT2_BINARY_VERSION


@pytest.fixture
def store(tmp_path: Path) -> ModelStore:
    return ModelStore(tmp_path / "models")


def copy_of(folder: Path, where: Path) -> Path:
    shutil.copytree(folder, where)
    return where


def pickle_payload(marker: Path) -> bytes:
    """A protocol-0 pickle (plain text, no \\x80 byte) that would create `marker` if anything unpickled it."""
    return f"cos\nsystem\n(V touch {marker}\ntR.".encode()


def assert_nothing_installed(store: ModelStore) -> None:
    assert store.installed() == []
    assert not store.root.exists() or list(store.root.iterdir()) == []  # no hidden half-copy either


def cli_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}


# --- pickles and other weights, decided by content --------------------------------------------------


@pytest.mark.parametrize("name", ["pytorch_model.bin", "model.safetensors", "weights.h5"])
def test_a_protocol_0_pickle_is_refused_whatever_its_name(store: ModelStore, tiny, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = copy_of(tiny.marian, tmp_path / "opus-mt-vi-en")
    marker = tmp_path / "pickle-ran"
    (folder / name).write_bytes(pickle_payload(marker))
    with pytest.raises(ModelRefused, match="pickle can run any code") as refused:
        store.install(folder)
    assert name in str(refused.value)
    assert not marker.exists()
    assert_nothing_installed(store)


def test_a_pickle_named_as_a_ctranslate2_model_is_refused(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = copy_of(tiny.marian_ct2, tmp_path / "opus-mt-vi-en-ct2-int8")
    marker = tmp_path / "pickle-ran"
    (folder / "model.bin").write_bytes(pickle_payload(marker))
    with pytest.raises(ModelRefused, match=r"model\.bin \(it does not start with a CTranslate2 binary version"):
        store.install(folder)
    assert not marker.exists()
    assert_nothing_installed(store)


def test_safetensors_in_a_subfolder_are_not_the_model_s_weights(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = copy_of(tiny.marian, tmp_path / "opus-mt-vi-en")
    (folder / "old").mkdir()
    (folder / "model.safetensors").replace(folder / "old" / "model.safetensors")
    with pytest.raises(ModelRefused, match="no weights found"):
        store.install(folder)
    assert_nothing_installed(store)


def test_a_truncated_safetensors_or_model_bin_is_refused(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = copy_of(tiny.nllb, tmp_path / "nllb")
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-100])  # a copy cut short: the offsets no longer fit
    with pytest.raises(ModelRefused, match=r"model\.safetensors \(the data of tensor .* lies outside the file\)"):
        store.install(folder)
    converted = copy_of(tiny.nllb_ct2, tmp_path / "nllb-ct2")
    model_bin = converted / "model.bin"
    model_bin.write_bytes(model_bin.read_bytes()[:-100])
    with pytest.raises(ModelRefused, match=r"model\.bin \(it ends before the variables its header announces\)"):
        store.install(converted)
    assert_nothing_installed(store)


def test_our_model_bin_check_knows_the_installed_ctranslate2_s_format(tiny) -> None:  # type: ignore[no-untyped-def]
    from ctranslate2.specs.model_spec import CURRENT_BINARY_VERSION

    assert CT2_BINARY_VERSION == CURRENT_BINARY_VERSION
    for folder in (tiny.nllb_ct2, tiny.nllb_ct2_int8, tiny.marian_ct2, tiny.m2m100_ct2):
        assert inspect_model_folder(folder).format == "ct2"


def test_conversion_loads_safetensors_only(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Even a pickle slipped into an installed model's folder afterwards is never reached by `models convert`."""
    store.install(tiny.marian, name="opus-mt-vi-en")
    marker = tmp_path / "pickle-ran"
    (store.get("opus-mt-vi-en").path / "pytorch_model.bin").write_bytes(pickle_payload(marker))
    with pytest.raises(ModelRefused, match=r"pytorch_model\.bin.*pickle can run any code"):
        store.convert("opus-mt-vi-en")
    assert not marker.exists()
    assert [m.name for m in store.installed()] == ["opus-mt-vi-en"]


# --- links, devices, FIFOs -------------------------------------------------------------------------


def test_a_link_in_a_model_folder_is_refused_and_not_followed(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    folder = copy_of(tiny.marian_ct2, tmp_path / "opus-mt-vi-en")
    (folder / "README.md").symlink_to(secret)
    with pytest.raises(ModelRefused, match=rf"README\.md is a link \(to {secret}\)"):
        store.install(folder)
    assert_nothing_installed(store)


def test_a_linked_weights_file_is_refused(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "opus-mt-vi-en"
    folder.mkdir()
    for file in tiny.marian_ct2.iterdir():  # a model cache: every file a link to a blob
        (folder / file.name).symlink_to(file)
    with pytest.raises(ModelRefused, match=r"is a link .* copy the file itself"):
        store.install(folder)
    assert_nothing_installed(store)


def test_a_hard_link_or_a_fifo_in_a_model_folder_is_refused(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside.txt"
    outside.write_text("private notes\n")
    folder = copy_of(tiny.marian_ct2, tmp_path / "opus-mt-vi-en")
    os.link(outside, folder / "LICENSE")
    with pytest.raises(ModelRefused, match="LICENSE is a hard link"):
        store.install(folder)
    (folder / "LICENSE").unlink()
    os.mkfifo(folder / "notes.txt")  # reading it would wait for a writer forever
    with pytest.raises(ModelRefused, match=r"notes\.txt is not a regular file"):
        store.install(folder)
    assert_nothing_installed(store)


def test_hidden_entries_and_subfolders_are_left_behind(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = copy_of(tiny.marian_ct2, tmp_path / "opus-mt-vi-en")
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[core]\n")
    (folder / "onnx").mkdir()
    (folder / "onnx" / "model.onnx").write_bytes(b"\x08\x07")
    installed = store.install(folder)
    assert sorted(p.name for p in installed.path.iterdir()) == sorted(
        [p.name for p in tiny.marian_ct2.iterdir()] + ["workbench-model.json"]
    )


# --- archives --------------------------------------------------------------------------------------


def tar_with(archive: Path, model: Path, extra: Callable[[tarfile.TarFile], None], mode: str = "w:gz") -> Path:
    with tarfile.open(archive, mode) as tarred:
        tarred.add(model, arcname="opus-mt-vi-en")
        extra(tarred)
    return archive


def add_member(
    tarred: tarfile.TarFile, name: str, kind: bytes = tarfile.REGTYPE, data: bytes = b"", link: str = ""
) -> None:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = len(data)
    info.linkname = link
    tarred.addfile(info, io.BytesIO(data) if data else None)


@pytest.mark.parametrize(
    ("member", "kind", "link", "expected"),
    [
        (
            "opus-mt-vi-en/README.md",
            tarfile.SYMTYPE,
            "/etc/passwd",
            r"'opus-mt-vi-en/README\.md' is a link \(to /etc/passwd\)",
        ),
        ("opus-mt-vi-en/LICENSE", tarfile.LNKTYPE, "opus-mt-vi-en/config.json", "is a hard link"),
        ("opus-mt-vi-en/notes", tarfile.FIFOTYPE, "", "is a device or FIFO"),
        ("opus-mt-vi-en/tty", tarfile.CHRTYPE, "", "is a device or FIFO"),
        ("/tmp/evil.txt", tarfile.REGTYPE, "", "has an absolute path"),
        ("opus-mt-vi-en/../../evil.txt", tarfile.REGTYPE, "", r"climbs out of the archive \(\.\.\)"),
    ],
)
def test_tar_members_that_are_not_plain_files_inside_are_refused(  # type: ignore[no-untyped-def]
    store: ModelStore, tiny, tmp_path: Path, member: str, kind: bytes, link: str, expected: str
) -> None:
    data = b"" if kind != tarfile.REGTYPE else b"written outside\n"
    archive = tar_with(
        tmp_path / "opus-mt-vi-en.tar.gz", tiny.marian_ct2, lambda t: add_member(t, member, kind, data, link)
    )
    with pytest.raises(ModelRefused, match=expected):
        store.install(archive)
    assert_nothing_installed(store)
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()


@pytest.mark.parametrize(
    ("member", "expected"),
    [("../evil.txt", r"climbs out"), ("/evil.txt", "absolute path"), ("opus-mt-vi-en/link", "is a link")],
)
def test_zip_members_that_are_links_or_outside_are_refused(  # type: ignore[no-untyped-def]
    store: ModelStore, tiny, tmp_path: Path, member: str, expected: str
) -> None:
    archive = tmp_path / "opus-mt-vi-en.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in tiny.marian_ct2.iterdir():
            zipped.write(file, f"opus-mt-vi-en/{file.name}")
        info = zipfile.ZipInfo(member)
        if member.endswith("link"):
            info.create_system = 3
            info.external_attr = 0o120777 << 16  # a symbolic link, as Info-ZIP stores one
            zipped.writestr(info, "/etc/passwd")
        else:
            zipped.writestr(info, "written outside\n")
    with pytest.raises(ModelRefused, match=expected):
        store.install(archive)
    assert_nothing_installed(store)
    assert not (tmp_path / "evil.txt").exists()


def zeros_tar(archive: Path, size: int, members: int = 1) -> Path:
    with tarfile.open(archive, "w:gz") as tarred:
        add_member(tarred, "model/config.json", data=b'{"model_type": "marian"}')
        for i in range(members):
            info = tarfile.TarInfo(f"model/part{i}.safetensors")
            info.size = size
            tarred.addfile(info, io.BytesIO(bytes(size)))
    return archive


def test_an_archive_past_the_size_limit_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "models", archive_limits=ArchiveLimits(max_bytes=1024**2))
    archive = zeros_tar(tmp_path / "model.tar.gz", 3 * 1024**2)
    with pytest.raises(ModelRefused, match=r"would unpack to more than 1\.0 MB, the most a model takes"):
        store.install(archive)
    assert_nothing_installed(store)


def test_an_archive_of_zeros_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    """7.6 MB of .tar.gz holding 1.5 GB of zeros, scaled down: 6 MB of zeros in a few kilobytes."""
    store = ModelStore(tmp_path / "models", archive_limits=ArchiveLimits(ratio_floor=1024**2))
    archive = zeros_tar(tmp_path / "model.tar.gz", 6 * 1024**2)
    assert archive.stat().st_size < 64 * 1024
    with pytest.raises(ModelRefused, match="more than 50 times its own size"):
        store.install(archive)
    assert_nothing_installed(store)


def test_an_archive_with_too_many_members_is_refused(tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "models", archive_limits=ArchiveLimits(max_members=20))
    archive = zeros_tar(tmp_path / "model.tar.gz", 10, members=30)
    with pytest.raises(ModelRefused, match="holds more than 20 members"):
        store.install(archive)
    zipped_path = tmp_path / "model.zip"
    with zipfile.ZipFile(zipped_path, "w") as zipped:
        for i in range(30):
            zipped.writestr(f"model/f{i}.txt", "x")
    with pytest.raises(ModelRefused, match="holds more than 20 members"):
        store.install(zipped_path)
    assert_nothing_installed(store)


def test_a_member_that_appears_twice_does_not_overwrite_the_first(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    archive = tar_with(
        tmp_path / "opus-mt-vi-en.tar",
        tiny.marian_ct2,
        lambda t: add_member(t, "opus-mt-vi-en/model.bin", data=b"cos\nsystem\n"),
        mode="w",
    )
    with pytest.raises(ModelRefused, match=r"'opus-mt-vi-en/model\.bin' appears twice"):
        store.install(archive)
    assert_nothing_installed(store)


def test_a_damaged_archive_is_one_message(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tar_with(tmp_path / "good.tar.gz", tiny.marian_ct2, lambda t: None)
    damaged = tmp_path / "opus-mt-vi-en.tar.gz"
    damaged.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ModelRefused, match=r"is damaged|cannot be unpacked"):
        store.install(damaged)
    assert_nothing_installed(store)


# --- broken configs, tokenizers and vocabularies: one message naming the file, through the CLI ------


def break_file(name: str, content: bytes) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        (folder / name).write_bytes(content)

    return apply


BROKEN = {
    "config is a list": ("marian", break_file("config.json", b"[1, 2]"), "config.json must hold a JSON object"),
    "config is a number": ("marian", break_file("config.json", b"42"), "config.json must hold a JSON object"),
    "config not UTF-8": (
        "marian",
        break_file("config.json", b'{"model_type": "marian\xff"}'),
        "config.json is not UTF-8",
    ),
    "tokenizer config invalid": (
        "nllb",
        break_file("tokenizer_config.json", b'{"tokenizer_class": '),
        "tokenizer_config.json is not valid JSON",
    ),
    "tokenizer config a list": (
        "nllb",
        break_file("tokenizer_config.json", b'["NllbTokenizer"]'),
        "tokenizer_config.json must hold a JSON object",
    ),
    "vocab.json not UTF-8": ("marian", break_file("vocab.json", b'{"\xe1": 0}'), "vocab.json is not UTF-8"),
    "vocab.json not numbers": ("marian", break_file("vocab.json", b'{"a": "b"}'), "vocab.json must be a JSON object"),
    "shared vocabulary not UTF-8": (
        "marian_ct2",
        break_file("shared_vocabulary.json", b'["\xe1"]'),
        "shared_vocabulary.json is not UTF-8",
    ),
    "vocabulary .txt not UTF-8": (
        "marian_ct2",
        break_file("shared_vocabulary.txt", b"<unk>\n\xe1\n"),
        "shared_vocabulary.txt is not UTF-8",
    ),
    "fake sentencepiece": ("marian_ct2", break_file("source.spm", b"fake"), "source.spm is not a sentencepiece model"),
    "fake model.bin": ("marian_ct2", break_file("model.bin", b"\x07\x00\x00\x00fake"), "model.bin .*binary version"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_model_folder_is_one_message_from_the_cli(tiny, tmp_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    model, spoil, expected = BROKEN[case]
    folder = copy_of(getattr(tiny, model), tmp_path / "usb" / "opus-mt-vi-en-ct2-int8")
    spoil(folder)
    result = run("models", "install", str(folder), cwd=tmp_path, env=cli_env(tmp_path))
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
    assert str(folder) in result.stderr
    assert re.search(expected, result.stderr), result.stderr
    assert not (tmp_path / "models" / "opus-mt-vi-en-ct2-int8").exists()


# --- models installed before these checks: loading them is one message ----------------------------


def installed_then_spoiled(tiny, tmp_path: Path, spoil: Callable[[Path], None]) -> Path:  # type: ignore[no-untyped-def]
    env = cli_env(tmp_path)
    installed = run(
        "models", "install", str(tiny.marian_ct2), "--name", "opus-mt-vi-en-ct2-int8", cwd=tmp_path, env=env
    )
    assert installed.returncode == 0, installed.stderr
    spoil(tmp_path / "models" / "opus-mt-vi-en-ct2-int8")
    assert run("new", "p.wbp", cwd=tmp_path, env=env).returncode == 0
    (tmp_path / "bai.txt").write_text("Du khách đến An Giang.", encoding="utf-8")
    assert run("import", "p.wbp", "bai.txt", cwd=tmp_path, env=env).returncode == 0
    return tmp_path / "models" / "opus-mt-vi-en-ct2-int8"


def unknown_spec(folder: Path) -> None:
    """A model.bin whose structure is whole but whose model CTranslate2 does not know (as a newer tool writes)."""
    data = (folder / "model.bin").read_bytes()
    (folder / "model.bin").write_bytes(data.replace(b"TransformerSpec", b"TransformerSpek", 1))


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (unknown_spec, r"cannot be loaded \(Unknown model TransformerSpek\)"),
        (break_file("source.spm", b"fake"), r"source\.spm is not a sentencepiece model"),
    ],
)
def test_translate_and_bench_with_a_broken_installed_model_say_which_model(  # type: ignore[no-untyped-def]
    tiny, tmp_path: Path, spoil: Callable[[Path], None], expected: str
) -> None:
    folder = installed_then_spoiled(tiny, tmp_path, spoil)
    env = cli_env(tmp_path)
    for command in (
        ("translate", "p.wbp", "--to", "en", "--model", "opus-mt-vi-en-ct2-int8"),
        ("bench", "--model", "opus-mt-vi-en-ct2-int8"),
    ):
        result = run(*command, cwd=tmp_path, env=env)
        assert result.returncode == 2, (command, result.stdout)
        assert "Traceback" not in result.stderr and "RuntimeError" not in result.stderr, result.stderr
        assert str(folder) in result.stderr
        assert re.search(expected, result.stderr), result.stderr


def test_an_unconverted_model_says_to_convert_it_before_naming_packages(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An office PC with the plain install (torch and transformers blocked as if not installed)."""
    without_extra = (
        "import sys; sys.modules.update(torch=None, transformers=None, safetensors=None); "
        "from workbench.commands.main import main; sys.exit(main(sys.argv[1:]))"
    )

    def plain(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", without_extra, *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**cli_env(tmp_path), "PYTHONPATH": str(REPO)},
            timeout=300,
        )

    assert plain("models", "install", str(tiny.marian), "--name", "opus-mt-vi-en").returncode == 0
    assert plain("new", "p.wbp").returncode == 0
    (tmp_path / "bai.txt").write_text("Du khách đến An Giang.", encoding="utf-8")
    assert plain("import", "p.wbp", "bai.txt").returncode == 0
    result = plain("translate", "p.wbp", "--to", "en")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    message = result.stderr
    assert message.startswith("error: opus-mt-vi-en is not converted yet")
    assert "python main.py models convert opus-mt-vi-en" in message and "pip install -e '.[convert]'" in message
    assert "models/opus-mt-vi-en-ct2-int8" in message and "models install" in message
    assert message.index("not converted") < message.index("pip install")


def test_a_model_name_is_one_folder_name(store: ModelStore, tiny) -> None:  # type: ignore[no-untyped-def]
    for name in ("../outside", "a\\b", ".hidden", "x" * 300, "tab\there"):
        with pytest.raises(ModelRefused, match="cannot be a model name"):
            store.install(tiny.marian_ct2, name=name)
    assert_nothing_installed(store)


def test_a_good_model_still_loads_after_every_check(store: ModelStore, tiny) -> None:  # type: ignore[no-untyped-def]
    model = store.install(tiny.marian_ct2, name="opus-mt-vi-en")
    manifest = json.loads((model.path / "workbench-model.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "ct2"
    assert load_engine(model.path, model.name).count_tokens("Du khách") > 2


def test_a_broken_manifest_hides_that_model_only(store: ModelStore, tiny) -> None:  # type: ignore[no-untyped-def]
    store.install(tiny.marian_ct2, name="opus-mt-vi-en")
    broken = store.install(tiny.nllb_ct2, name="tiny-nllb")
    (broken.path / "workbench-model.json").write_text("[]", encoding="utf-8")
    assert [m.name for m in store.installed()] == ["opus-mt-vi-en"]


def test_an_archive_made_from_inside_the_folder_installs(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`tar czf opus-mt-vi-en.tgz -C folder .` stores ./config.json and a "." member: both are fine."""
    archive = tmp_path / "opus-mt-vi-en.tgz"
    subprocess.run(["tar", "czf", str(archive), "-C", str(tiny.marian_ct2), "."], check=True)
    assert store.install(archive).name == "opus-mt-vi-en"


def test_a_named_pipe_given_as_a_model_archive_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "model.tar.gz")
    with pytest.raises(ModelRefused, match=r"model\.tar\.gz: is a named pipe \(FIFO\), not a regular file"):
        ModelStore(tmp_path / "models").install(tmp_path / "model.tar.gz")
    assert not any((tmp_path / "models").glob("*"))


def test_an_interrupted_installs_work_folder_goes_with_the_next_install(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    models = tmp_path / "models"
    old, recent = models / ".unpack-killed", models / ".unpack-running"
    for folder in (old, recent):
        folder.mkdir(parents=True)
        (folder / "part").write_bytes(b"\0" * 1000)
    os.utime(old, (0, 0))  # left by a kill long ago
    ModelStore(models).install(tiny.nllb_ct2_int8, name="tiny")
    assert not old.exists() and recent.exists()  # a young one may be another install still running
