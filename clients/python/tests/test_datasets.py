"""Datasets of actuals from Python: import a DataFrame, list, read back, delete; bad rows and references."""

from __future__ import annotations

import uuid
from pathlib import Path

import grpc
import pandas as pd
import pytest

import chaincast

RUN = uuid.uuid4().hex[:6]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "synthetic-import.csv"


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "subject_id": ["pharma@etdz", "pharma@etdz", "*@etdz", "incubators@etdz"],
            "year": [2021, 2021, 2022, 2022],
            "value": [700.5, 400.0, 2000.0, 3],
            "unit": ["亿元", "yi_yuan", "亿元", "count"],
            "period": ["", "1-7", None, ""],
            "source": ["SYNTHETIC", "SYNTHETIC", "SYNTHETIC", "SYNTHETIC"],
            "relative_error": [0.02, None, 0.0, None],
        }
    )


def test_import_list_read_delete(client: chaincast.Client) -> None:
    dataset_id = f"py-{RUN}-a"
    row = client.import_actuals(_frame(), dataset_id, name_zh="合成", name_en="Synthetic", description="SYNTHETIC")
    assert row["id"] == dataset_id and row["point_count"] == 4 and row["etag"].startswith("v")
    listed = client.datasets()
    assert list(listed.columns) == ["id", "name_zh", "name_en", "description", "point_count", "etag", "create_time"]
    mine = listed[listed["id"] == dataset_id].iloc[0]
    assert mine["name_en"] == "Synthetic" and mine["point_count"] == 4
    points = client.dataset(dataset_id)
    assert list(points.columns) == list(chaincast.datasets.COLUMNS)
    assert points["unit"].tolist() == ["亿元", "亿元", "亿元", "count"]  # yi_yuan is written 亿元
    assert points["period"].tolist() == ["", "1-7", "", ""]
    assert points["value"].tolist() == [700.5, 400.0, 2000.0, 3.0]
    assert points.attrs["etag"] == row["etag"]
    # What dataset() returns imports again as it is.
    copy = client.import_actuals(points, f"py-{RUN}-copy")
    pd.testing.assert_frame_equal(client.dataset(copy["id"]), points)
    assert client.delete_dataset(copy["id"])
    assert client.delete_dataset(dataset_id)
    assert not client.delete_dataset(dataset_id, missing_ok=True)
    with pytest.raises(chaincast.NotFound):
        client.dataset(dataset_id)


def test_the_synthetic_example_imports(client: chaincast.Client) -> None:
    df = pd.read_csv(EXAMPLE, dtype={"period": "string"}, keep_default_na=False, na_values=[""])
    assert df["source"].str.startswith("SYNTHETIC").all()
    row = client.import_actuals(df, f"py-{RUN}-example")
    assert row["point_count"] == len(df)
    assert client.delete_dataset(row["id"])


def test_bad_rows_are_each_named_and_nothing_is_stored(client: chaincast.Client) -> None:
    df = _frame()
    df.loc[1, "value"] = -4.0
    df.loc[2, "subject_id"] = "nosuch@etdz"
    df.loc[3, "unit"] = "万元"
    dataset_id = f"py-{RUN}-bad"
    with pytest.raises(chaincast.InvalidArgument) as info:
        client.import_actuals(df, dataset_id)
    assert info.value.fields == [
        "dataset.points[1].value",
        "dataset.points[2].subject_id",
        "dataset.points[3].unit",
    ]
    assert "亿元" in info.value.field_violations[2].description
    assert dataset_id not in client.datasets()["id"].tolist()
    with pytest.raises(ValueError, match="row 0, column year"):
        client.import_actuals(_frame().assign(year=["20x1", 2021, 2022, 2022]), dataset_id)
    with pytest.raises(ValueError, match="missing: unit"):
        client.import_actuals(_frame().drop(columns=["unit"]), dataset_id)


def test_a_dataset_named_by_a_scenario_cannot_be_deleted(client: chaincast.Client) -> None:
    dataset_id = f"py-{RUN}-used"
    scenario_id = f"py-{RUN}-uses"
    with pytest.raises(chaincast.InvalidArgument) as info:
        client.create_scenario(scenario_id, "Uses data", overrides={"dataset_id": dataset_id})
    assert info.value.fields == ["scenario.overrides.dataset_id"]
    client.import_actuals(_frame(), dataset_id)
    client.create_scenario(scenario_id, "Uses data", overrides={"dataset_id": dataset_id})
    with pytest.raises(chaincast.ChaincastError) as refused:
        client.delete_dataset(dataset_id)
    assert refused.value.code == grpc.StatusCode.FAILED_PRECONDITION
    assert scenario_id in refused.value.message
    client.delete_scenario(scenario_id)
    assert client.delete_dataset(dataset_id)
