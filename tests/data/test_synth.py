"""``geo-layout synth``: deterministic, valid, realistic synthetic sites (small N, fast)."""

from __future__ import annotations

import pytest
import shapely
from click.testing import CliRunner

from geo_layout.cli import main
from geo_layout.data.seeds import load_dataset
from geo_layout.data.synth import county_weight, synthetic_sites, write_synthetic

N = 300


def _synth(tmp_path, name, n=N, seed=7):
    return write_synthetic(tmp_path / name, n, seed)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return _synth(tmp_path_factory.mktemp("synth"), "a")


@pytest.fixture(scope="module")
def synth_ds(folder):
    return load_dataset(folder)


def test_same_seed_same_bytes_other_seed_other_points(tmp_path, folder):
    a = (folder / "sites.yaml").read_bytes()
    b = (_synth(tmp_path, "b") / "sites.yaml").read_bytes()
    assert a == b
    assert synthetic_sites(N, 8)[0]["lon"] != synthetic_sites(N, 7)[0]["lon"]


def test_folder_validates_and_keeps_the_real_sites(synth_ds, store):
    ds = synth_ds
    synthetic = [s for s in ds.sites if s.id.startswith("synthetic-")]
    assert len(synthetic) == N
    assert {s.id for s in store.dataset.sites} <= {s.id for s in ds.sites}
    assert len(ds.sites) == N + len(store.dataset.sites)
    assert len(ds.parks) == len(store.dataset.parks)
    first = next(s for s in synthetic if s.id == "synthetic-1")
    assert first.name.zh == "合成项目 1" and first.name.en == "Synthetic site 1"
    assert all(s.precision == "site" and s.location_source == "synthetic" for s in synthetic)
    assert all(s.kind in ("project", "base") and s.industries for s in synthetic)


def test_points_lie_inside_their_county(synth_ds):
    ds = synth_ds
    counties = {c.adcode: c.geometry("high") for c in ds.counties}
    for s in ds.sites:
        if s.id.startswith("synthetic-"):
            assert shapely.contains_xy(counties[s.county], *s.point), s.id
            assert ds.counties[[c.adcode for c in ds.counties].index(s.county)].parent \
                == s.prefecture


def test_density_follows_the_county_weights(tmp_path):
    core = {"530100"}  # the core element's prefecture in seeds/layout.yaml
    assert county_weight("五华区", "530100", core) == 8.0  # urban district in the core
    assert county_weight("安宁市", "530100", core) == 4.0
    assert county_weight("禄劝彝族苗族自治县", "530100", core) == 2.0
    assert county_weight("盘龙区", "530300", core) == 4.0
    assert county_weight("陆良县", "530300", core) == 1.0
    per_county = {}
    for s in synthetic_sites(2000, 7):
        per_county[s["county"]] = per_county.get(s["county"], 0) + 1
    # Wuhua (district of Kunming, weight 8) gets clearly more than a rural county (weight 1)
    assert per_county.get("530102", 0) > 3 * max(per_county.get("530322", 0), 1)


def test_cli_command(tmp_path):
    result = CliRunner().invoke(main, ["synth", "--sites", "20", "--seed", "1",
                                       "-o", str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    assert "20 synthetic sites" in result.output
    assert (tmp_path / "g" / "sites.yaml").read_text(encoding="utf-8").count("synthetic-") == 20
