"""The planners' notebook runs headless (nbclient) against a real server, with no error,
producing its odds table, the fan chart and tornado PNGs, the stored-scenario comparison;
the committed copy carries its outputs. It runs on the kernel the README's install step
registers (``chaincast``), with no PYTHONPATH: the package comes from the install."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from server_fixtures import KERNEL_NAME, Installed

NOTEBOOK = Path(__file__).resolve().parent / "lianyungang_2025_odds.ipynb"
PNG = b"\x89PNG\r\n\x1a\n"


def outputs(nb) -> list:
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]


def check_outputs(nb) -> None:
    outs = outputs(nb)
    errors = [f"{o.get('ename')}: {o.get('evalue')}" for o in outs if o.output_type == "error"]
    assert not errors, errors
    stderr = [o.text for o in outs if o.output_type == "stream" and o.name == "stderr"]
    assert not [t for t in stderr if "Traceback" in t or "Warning" in t], stderr
    html = [o.data["text/html"] for o in outs if "data" in o and "text/html" in o.data]
    # The odds table: every 2025 pharma target with its P(hit).
    odds_tables = [h for h in html if "P(hit) %" in h and "pharma-output-2025-etdz" in h]
    assert odds_tables, "no odds table in the outputs"
    # The what-if table.
    assert [h for h in html if "change (points)" in h], "no what-if table in the outputs"
    # The stored scenario compared with the seeded model: paired beside independent errors.
    compared = [h for h in html if "paired s.e. (points)" in h and "independent s.e. (points)" in h]
    assert compared and "pharma-output-2025-haizhou" in compared[0], "no comparison table in the outputs"
    # The Shapley shares of the tornado section.
    assert [h for h in html if "Shapley share of variance %" in h and "pharma@etdz" in h], "no Shapley table"
    pngs = [base64.b64decode(o.data["image/png"]) for o in outs if "data" in o and "image/png" in o.data]
    assert len(pngs) >= 4 and all(p.startswith(PNG) for p in pngs)


def test_notebook_names_the_registered_kernel_and_has_no_path_hack() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.metadata.kernelspec.name == KERNEL_NAME
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "sys.path" not in code and "PYTHONPATH" not in code


def test_notebook_executes_against_the_server(
    server_target: str, installed: Installed, tmp_path: Path, monkeypatch
) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:  # run a clean copy, not whatever outputs are committed
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    # Which chaincast the kernel imported: the installed copy, not this tree.
    nb.cells.append(nbformat.v4.new_code_cell("import chaincast, sys\nprint('probe', chaincast.__file__, sys.executable)"))
    monkeypatch.setenv("CHAINCAST_TARGET", server_target)
    monkeypatch.setenv("CHAINCAST_FIGURE_DIR", str(tmp_path))
    monkeypatch.delenv("PYTHONPATH", raising=False)  # the kernel finds the package through the install
    monkeypatch.setenv("JUPYTER_DATA_DIR", installed.env["JUPYTER_DATA_DIR"])  # where the kernel was registered
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend draws the PNGs
    client = NotebookClient(
        nb,
        timeout=180,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    probe = nb.cells.pop()
    _, file, executable = "".join(o.get("text", "") for o in probe.outputs).split()
    assert Path(file) == installed.clone / "clients" / "python" / "chaincast" / "__init__.py"
    assert Path(executable) == installed.python
    check_outputs(nb)
    saved = tmp_path / "pharma_fan_by_county.png"
    assert saved.is_file() and saved.read_bytes().startswith(PNG)
    assert saved.stat().st_size > 20_000  # eight panels, not an empty canvas
    # The what-if ran on Haizhou (the printed drift change).
    text = "".join(o.get("text", "") for o in outputs(nb) if o.output_type == "stream")
    assert "pharma@haizhou drift_mean" in text
    assert "stored 'haizhou-pharma-slower'" in text and "largest swing: pharma@etdz.start_value" in text
    tornado = tmp_path / "pharma_tornado.png"
    assert tornado.is_file() and tornado.read_bytes().startswith(PNG) and tornado.stat().st_size > 20_000


def test_committed_notebook_has_its_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    check_outputs(nb)
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code"), "commit it executed, in order"


def test_committed_charts_for_the_readme() -> None:
    readme = (NOTEBOOK.parents[2] / "README.md").read_text(encoding="utf-8")
    for name in ("pharma_fan_by_county.png", "pharma_tornado.png"):
        png = NOTEBOOK.parent / name
        assert png.read_bytes().startswith(PNG)
        assert f"clients/notebooks/{name}" in readme
