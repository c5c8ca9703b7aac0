"""A store of real documents for the package's tests, made once per run by
the `undoc` command line built from this workspace (UNDOC_BIN, else
target/release/undoc): the letters, S/PV.8422, and the six language versions
of A/RES/80/1, from ../shared/corpus."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


def undoc_binary() -> pathlib.Path:
    given = os.environ.get("UNDOC_BIN")
    path = pathlib.Path(given) if given else ROOT / "target" / "release" / "undoc"
    if not path.is_file():
        pytest.fail(f"{path}: build the command line first (cargo build --release)")
    return path


@pytest.fixture(scope="session")
def corpus() -> pathlib.Path:
    if not CORPUS.is_dir():
        pytest.fail(f"{CORPUS}: the corpus is needed")
    return CORPUS


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory, corpus) -> str:
    store = tmp_path_factory.mktemp("store")
    resolution = corpus / "akn-ga-resolutions" / "80session"
    paths = [
        corpus / "letters",
        corpus / "meetings" / "en_sc_2018_pv_document_8422.pdf",
    ] + [
        resolution / language / f"A_RES_80_1-2515106{suffix}.xml"
        for language, suffix in [
            ("English", "E"), ("French", "F"), ("Spanish", "S"),
            ("Russian", "R"), ("Arabic", "A"), ("Chinese", "C"),
        ]
    ]
    done = subprocess.run(
        [str(undoc_binary()), "--store", str(store), "ingest", "--ocr", "never", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return str(store)
