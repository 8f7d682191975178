#!/usr/bin/env python3
"""Self-check of core/data/registry.json (format_version 2). Stdlib only, Python 3.9+.

Asserts the format invariants of /tmp/registry-format.md (copied into docs/registry-sources.md) and
facts taken from the sources named in docs/registry-sources.md. Exit status 0 = all checks passed.
Usage: python3 scripts/registry/check_registry.py [PATH]
"""
import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "core", "data", "registry.json")
START = dt.date(2002, 1, 1)
FAR = dt.date(9999, 12, 31)

# Municipalities on 1 January, as published (see scripts/registry/raw/published_counts.csv for the source of each).
PUBLISHED_COUNTS = {
    2002: 448, 2003: 446, 2004: 444, 2005: 432, 2006: 431, 2007: 416, 2008: 415, 2009: 348, 2010: 342,
    2011: 336, 2012: 336, 2013: 320, 2014: 320, 2015: 317, 2016: 313, 2017: 311, 2018: 311, 2019: 311,
    2020: 310, 2021: 309, 2022: 309, 2023: 309, 2024: 309, 2025: 308, 2026: 308,
}

# (abolished code, name, last day, successor code) -- Statistics Finland change notices and the
# abolished-municipalities list; see docs/registry-sources.md, "Mergers".
MERGERS = [
    ("589", "Peräseinäjoki", "2004-12-31", "743"),
    ("699", "Rovaniemen mlk", "2005-12-31", "698"),
    ("640", "Pieksänmaa", "2006-12-31", "593"),
    ("415", "Leivonmäki", "2007-12-31", "172"),
    ("544", "Nurmo", "2008-12-31", "743"),
    ("975", "Ylistaro", "2008-12-31", "743"),
    ("004", "Alahärmä", "2008-12-31", "233"),
    ("971", "Ylihärmä", "2008-12-31", "233"),
    ("281", "Kortesjärvi", "2008-12-31", "233"),
    ("315", "Kälviä", "2008-12-31", "272"),
    ("429", "Lohtaja", "2008-12-31", "272"),
    ("885", "Ullava", "2008-12-31", "272"),
    ("095", "Himanka", "2009-12-31", "208"),
    ("084", "Haukipudas", "2012-12-31", "564"),
    ("972", "Yli-Ii", "2012-12-31", "564"),
    ("476", "Maaninka", "2014-12-31", "297"),
    ("164", "Jalasjärvi", "2015-12-31", "301"),
    ("442", "Luvia", "2016-12-31", "051"),
    ("911", "Valtimo", "2019-12-31", "541"),
    ("099", "Honkajoki", "2020-12-31", "214"),
    ("588", "Pertunmaa", "2024-12-31", "507"),
]

errors = []


def check(cond, msg):
    if not cond:
        errors.append(msg)


def d(s):
    return dt.date.fromisoformat(s) if s else None


def span(v, lo=None, hi=None):
    v = v or {}
    return (d(v.get("from")) or lo or START, d(v.get("to")) or hi or FAR)


def on(v, day, lo=None, hi=None):
    f, t = span(v, lo, hi)
    return f <= day <= t


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    with open(path, encoding="utf-8") as f:
        reg = json.load(f)

    # ---- format invariants ----
    check(reg.get("format_version") == 2, "format_version must be 2")
    check(reg.get("known_as_of") == "2026-01-01", "known_as_of")
    check(reg.get("coverage") == {"start": "2002-01-01", "end": reg.get("known_as_of")}, "coverage.end == known_as_of")
    known = d(reg["known_as_of"])
    source_ids = [s["id"] for s in reg["sources"]]
    check(len(source_ids) == len(set(source_ids)), "duplicate source ids")
    for s in reg["sources"]:
        for k in ("id", "title", "url", "publisher", "retrieved", "used_for"):
            check(k in s, "source %s lacks %s" % (s.get("id"), k))

    def refs(obj, where):
        for sid in obj.get("sources", []):
            check(sid in source_ids, "%s names unknown source %s" % (where, sid))

    def valid_ok(v, where):
        if v is None:
            return
        check(set(v) <= {"from", "to"}, "%s: unexpected validity keys %s" % (where, sorted(v)))
        f, t = d(v.get("from")), d(v.get("to"))
        check(f is None or f > START, "%s: 'from' on or before 2002-01-01 must be omitted" % where)
        check(f is None or t is None or f <= t, "%s: reversed validity" % where)

    regions = {r["code"]: r for r in reg["regions"]}
    check(len(regions) == len(reg["regions"]), "duplicate region codes")
    check([r["code"] for r in reg["regions"]] == sorted(regions), "regions not sorted by code")
    for r in reg["regions"]:
        valid_ok(r.get("valid"), "region " + r["code"])
        refs(r, "region " + r["code"])
        check(r["name"].get("fi") and r["name"].get("sv"), "region %s needs fi and sv names" % r["code"])
    counties = {c["code"]: c for c in reg["counties"]}
    check(len(counties) == 22, "21 wellbeing services counties + City of Helsinki expected, got %d" % len(counties))
    check([c["code"] for c in reg["counties"]] == sorted(counties), "counties not sorted")
    for c in reg["counties"]:
        check(c["valid"] == {"from": "2021-07-01"} and c["responsible_from"] == "2023-01-01", "county %s dates" % c["code"])
        refs(c, "county " + c["code"])
    coops = {c["code"]: c for c in reg["cooperation_areas"]}
    check(len(coops) == 5, "five cooperation areas expected")
    in_coop = [k for c in reg["cooperation_areas"] for k in c["counties"]]
    check(sorted(in_coop) == sorted(counties), "every county in exactly one cooperation area")
    for c in reg["cooperation_areas"]:
        check(c["valid"] == {"from": "2023-01-01"}, "cooperation area %s validity" % c["code"])
        refs(c, "cooperation area " + c["code"])

    munis = {m["code"]: m for m in reg["municipalities"]}
    codes = [m["code"] for m in reg["municipalities"]]
    check(len(codes) == len(set(codes)), "duplicate municipality codes")
    check(codes == sorted(codes), "municipalities not sorted by code")
    for m in reg["municipalities"]:
        c = m["code"]
        check(re.fullmatch(r"\d{3}", c) is not None, "bad municipality code %s" % c)
        check(m["name"].get("fi") and m["name"].get("sv"), "%s needs fi and sv names" % c)
        valid_ok(m.get("valid"), "municipality " + c)
        lo, hi = span(m.get("valid"))
        if "to" in m.get("valid", {}):
            s = m.get("successor")
            check(s in munis, "%s ended without a known successor" % c)
            if s in munis:
                check(on(munis[s].get("valid"), hi + dt.timedelta(days=1)), "%s: successor %s not valid the day after" % (c, s))
        else:
            check("successor" not in m, "%s has a successor but no end" % c)
        for key, ref, table in (("regions", "region", regions), ("counties", "county", counties)):
            mem = m.get(key, [])
            spans = []
            for x in mem:
                valid_ok(x.get("valid"), "%s %s" % (c, key))
                check(x[ref] in table, "%s: unknown %s %s" % (c, ref, x[ref]))
                f, t = span(x.get("valid"), lo, hi)
                check(lo <= f and t <= hi, "%s: %s membership outside the municipality's life" % (c, ref))
                spans.append((f, t, x[ref]))
                if ref == "region" and x[ref] in table:
                    rf, rt = span(table[x[ref]].get("valid"))
                    check(rf <= f and t <= rt, "%s: member of region %s outside its validity" % (c, x[ref]))
            spans.sort()
            for (f1, t1, _), (f2, t2, _) in zip(spans, spans[1:]):
                check(t1 < f2, "%s: overlapping %s memberships" % (c, key))
                check(t1 + dt.timedelta(days=1) == f2, "%s: gap in %s memberships" % (c, key))
            if key == "regions":
                check(spans and spans[0][0] == lo and spans[-1][1] == hi, "%s: regions must cover its whole life" % c)
        in_aland = any(x["region"] == "21" for x in m["regions"])
        if m.get("counties"):
            check(not in_aland, "%s: Åland municipality with a county" % c)
            f, t = span(m["counties"][0]["valid"], lo, hi)
            check(f == max(lo, dt.date(2021, 7, 1)), "%s: county membership must start 2021-07-01 or at creation" % c)
            check(span(m["counties"][-1]["valid"], lo, hi)[1] == hi, "%s: county membership must last to its end" % c)
        elif not in_aland:
            check(hi < dt.date(2021, 7, 1), "%s: mainland municipality valid after 2021-07-01 without a county" % c)

    # ---- published counts ----
    for year, n in PUBLISHED_COUNTS.items():
        day = dt.date(year, 1, 1)
        got = sum(1 for m in reg["municipalities"] if on(m.get("valid"), day))
        check(got == n, "%d: %d municipalities valid on 1 January, published %d" % (year, got, n))

    def region_of(c, day):
        m = munis[c]
        lo, hi = span(m.get("valid"))
        rs = [x["region"] for x in m["regions"] if on(x.get("valid"), day, lo, hi)]
        return rs[0] if len(rs) == 1 else None

    def county_of(c, day):
        m = munis[c]
        lo, hi = span(m.get("valid"))
        ks = [x["county"] for x in m.get("counties", []) if on(x.get("valid"), day, lo, hi)]
        return ks[0] if len(ks) == 1 else None

    # ---- facts ----
    d2005 = dt.date(2005, 1, 1)
    ostro = [c for c in munis if on(munis[c].get("valid"), d2005) and region_of(c, d2005) in ("14", "15", "16")]
    check(len(ostro) == 56, "regions 14+15+16 on 2005-01-01: %d municipalities, seed 004 says 56" % len(ostro))
    for c, before, after in (("152", "15", "14"), ("090", "10", "12")):
        check(region_of(c, dt.date(2020, 12, 31)) == before and region_of(c, dt.date(2021, 1, 1)) == after,
              "%s should move %s -> %s on 2021-01-01" % (c, before, after))
    check(regions["20"].get("valid") == {"to": "2010-12-31"}, "Itä-Uusimaa (20) must end 2010-12-31")
    east = [c for c in munis if on(munis[c].get("valid"), dt.date(2010, 12, 31)) and region_of(c, dt.date(2010, 12, 31)) == "20"]
    check(sorted(east) == ["018", "407", "434", "504", "616", "638", "753"], "Itä-Uusimaa members on 2010-12-31: %s" % east)
    for c in east:
        check(region_of(c, dt.date(2011, 1, 1)) == "01", "%s should be in Uusimaa on 2011-01-01" % c)
    check(region_of("619", dt.date(2004, 12, 31)) == "04" and region_of("619", d2005) == "06", "Punkalaidun 04 -> 06 on 2005-01-01")
    check(region_of("785", dt.date(2015, 12, 31)) == "18" and region_of("785", dt.date(2016, 1, 1)) == "17", "Vaala 18 -> 17 on 2016-01-01")
    for code, name, last, succ in MERGERS:
        m = munis.get(code)
        check(m is not None and m["name"]["fi"] == name, "merger: %s %s missing or misnamed" % (code, name))
        if m:
            check(m.get("valid", {}).get("to") == last and m.get("successor") == succ,
                  "merger: %s %s should end %s into %s, has %s into %s" % (code, name, last, succ, m.get("valid"), m.get("successor")))
    check(len(MERGERS) >= 10, "at least ten named mergers")
    for c, fi, sv in (("091", "Helsinki", "Helsingfors"), ("905", "Vaasa", "Vasa"), ("598", "Pietarsaari", "Jakobstad"),
                      ("272", "Kokkola", "Karleby"), ("152", "Isokyrö", "Storkyro")):
        check(munis[c]["name"] == {"fi": fi, "sv": sv}, "name of %s" % c)
    d2024 = dt.date(2024, 6, 1)
    check(county_of("092", d2024) is not None and county_of("092", d2024) == county_of("245", d2024),
          "Vantaa and Kerava must be in one county in 2024")
    check(county_of("091", d2024) == "90", "Helsinki is county 90 (Helsingin kaupunki)")
    check(sum(1 for c in munis if on(munis[c].get("valid"), d2024) and county_of(c, d2024)) == 293,
          "293 mainland municipalities with a county in 2024")

    # ---- centres: one-centre invariant on every date where something changes ----
    centres = {c["id"]: c for c in reg["centres"]}
    for need in ("socca", "sosiaalitaito", "verso", "vasso", "socom", "pikassos", "sonet-botnia", "koske", "iso", "poske", "fskc"):
        check(need in centres, "centre id %s missing" % need)
    for c in reg["centres"]:
        check(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c["id"]) is not None, "centre id %s not kebab-case" % c["id"])
        valid_ok(c.get("valid"), "centre " + c["id"])
        refs(c, "centre " + c["id"])
        if "successor" in c:
            check(c["successor"] in centres, "centre %s: unknown successor" % c["id"])
            check("to" in c.get("valid", {}), "centre %s has a successor but no end" % c["id"])
        for a in c["areas"]:
            valid_ok(a.get("valid"), "centre %s area" % c["id"])
            kinds = [k for k in ("region", "county", "cooperation_area", "municipality") if k in a]
            check(len(kinds) == 1, "centre %s: area must name exactly one of region/county/cooperation_area/municipality" % c["id"])
            k = kinds[0] if kinds else None
            table = {"region": regions, "county": counties, "cooperation_area": coops, "municipality": munis}.get(k, {})
            check(a.get(k) in table, "centre %s: unknown %s %s" % (c["id"], k, a.get(k)))
            cf, ct = span(c.get("valid"))
            af, at = span(a.get("valid"), cf, ct)
            check(cf <= af and at <= ct, "centre %s: area outside the centre's validity" % c["id"])
    fskc = centres["fskc"]
    check(fskc["areas"] == [] and "nationwide_scope" in fskc, "FSKC: nationwide scope, no regional area")
    check(centres["sonet-botnia"].get("valid", {}).get("to") == "2025-06-30", "SONet BOTNIA ends 2025-06-30")
    check(centres.get(centres["sonet-botnia"].get("successor"), {}).get("valid", {}).get("from") == "2025-07-01",
          "SONet BOTNIA's successor starts 2025-07-01")

    coop_of_county = {k: c["code"] for c in reg["cooperation_areas"] for k in c["counties"]}

    def centres_of(code, day):
        out = []
        for c in reg["centres"]:
            if not c["areas"] or not on(c.get("valid"), day):
                continue
            for a in c["areas"]:
                if not on(a.get("valid"), day):
                    continue
                if ("municipality" in a and a["municipality"] == code) or \
                   ("region" in a and region_of(code, day) == a["region"]) or \
                   ("county" in a and county_of(code, day) == a["county"]) or \
                   ("cooperation_area" in a and day >= dt.date(2023, 1, 1) and
                        coop_of_county.get(county_of(code, day)) == a["cooperation_area"]):
                    out.append(c["id"])
                    break
        return out

    dates = {START, known}
    def add(v):
        if v:
            if v.get("from"):
                dates.add(d(v["from"]))
            if v.get("to"):
                dates.add(d(v["to"]))
                dates.add(d(v["to"]) + dt.timedelta(days=1))
    for m in reg["municipalities"]:
        add(m.get("valid"))
        for x in m["regions"] + m.get("counties", []):
            add(x.get("valid"))
    for c in reg["centres"]:
        add(c.get("valid"))
        for a in c["areas"]:
            add(a.get("valid"))
    for r in reg["regions"]:
        add(r.get("valid"))
    dates = sorted(x for x in dates if START <= x <= known)
    checked = 0
    for day in dates:
        for code, m in munis.items():
            if not on(m.get("valid"), day):
                continue
            got = centres_of(code, day)
            if region_of(code, day) == "21":
                check(got == [], "%s: Åland municipality %s in centre %s" % (day, code, got))
            else:
                check(len(got) == 1, "%s: municipality %s in %d regional centres %s" % (day, code, len(got), got))
            checked += 1
    check(centres_of("905", dt.date(2025, 6, 1)) == ["sonet-botnia"], "Vaasa on 2025-06-01: SONet BOTNIA")
    check(centres_of("905", dt.date(2025, 9, 1)) == [centres["sonet-botnia"]["successor"]], "Vaasa on 2025-09-01: the western centre")
    check(centres_of("179", dt.date(2025, 9, 1)) == ["jarvi-suomi"], "Jyväskylä on 2025-09-01: Järvi-Suomi")
    for code, day, want in (("638", "2010-06-01", "verso"), ("638", "2020-06-01", "verso"), ("638", "2024-06-01", "socca"),
                            ("106", "2020-06-01", "sosiaalitaito"), ("106", "2024-06-01", "socca"),
                            ("398", "2024-06-01", "verso"), ("049", "2005-06-01", "socca"), ("092", "2024-06-01", "socca"),
                            ("905", "2005-06-01", "sonet-botnia"), ("698", "2024-06-01", "poske"), ("205", "2025-09-01", "pohjois-suomi"),
                            ("205", "2024-06-01", "iso"), ("609", "2024-06-01", "pikassos"), ("609", "2025-09-01", "lansi-suomi")):
        check(centres_of(code, d(day)) == [want], "%s on %s: %s expected, got %s" % (code, day, want, centres_of(code, d(day))))

    # ---- statutory areas: the organisations running each statutory centre of Decree 1411/2001 § 1 cover
    # exactly its regions (2002-2022) and, by Decree 1248/2022, exactly its counties (1.1.2023-30.6.2025) ----
    decree_1411 = {  # 1411/2001 § 1 (Itä-Uusimaa, region 20, in the southern area until its merger into Uusimaa)
        "Etelä-Suomen sosiaalialan osaamiskeskus": {"01", "20", "07"},
        "Varsinais-Suomen sosiaalialan osaamiskeskus": {"02"},
        "Kaakkois-Suomen sosiaalialan osaamiskeskus": {"08", "09"},
        "Häme-Satakunnan sosiaalialan osaamiskeskus": {"05", "06", "04"},
        "Pohjanmaan maakuntien sosiaalialan osaamiskeskus": {"14", "16", "15"},
        "Keski-Suomen sosiaalialan osaamiskeskus": {"13"},
        "Itä-Suomen sosiaalialan osaamiskeskus": {"10", "11", "12", "18"},
        "Pohjois-Suomen sosiaalialan osaamiskeskus": {"17", "19"},
    }
    decree_1248 = {  # 1248/2022 § 1: Itä-, Keski-, Länsi-Uusimaa, Vantaa-Kerava, Päijät-Häme, ...
        "Etelä-Suomen sosiaalialan osaamiskeskus": {"01", "02", "03", "04", "09"},
        "Varsinais-Suomen sosiaalialan osaamiskeskus": {"05"},
        "Kaakkois-Suomen sosiaalialan osaamiskeskus": {"10", "11"},
        "Häme-Satakunnan sosiaalialan osaamiskeskus": {"07", "08", "06"},
        "Pohjanmaan maakuntien sosiaalialan osaamiskeskus": {"16", "18", "17"},
        "Keski-Suomen sosiaalialan osaamiskeskus": {"15"},
        "Itä-Suomen sosiaalialan osaamiskeskus": {"12", "13", "14", "20"},
        "Pohjois-Suomen sosiaalialan osaamiskeskus": {"19", "21"},
    }
    # The City of Helsinki (90) is not named in 1248/2022; the data puts it in the southern area (Act 1230/2001 § 1
    # as amended by 594/2022 with Act 615/2021 § 2) and must mark that unverified on the organisation covering it.
    helsinki_extra = {"Etelä-Suomen sosiaalialan osaamiskeskus": {"90"}}
    check(any("areas.county.90" in c.get("unverified", []) for c in reg["centres"]),
          "Helsinki (county 90) in a centre's area 2023-2025 must be marked unverified (not named in Decree 1248/2022)")
    statutory_days = 0
    for day in dates:
        if day > dt.date(2025, 6, 30):
            continue
        law = decree_1248 if day >= dt.date(2023, 1, 1) else decree_1411
        for stat, areas in law.items():
            runners = [c for c in reg["centres"] if c.get("statutory_centre", {}).get("fi") == stat]
            check(runners, "%s: no organisation runs %s" % (day, stat))
            covered = {code for code, m in munis.items() if on(m.get("valid"), day)
                       and any(x in [r["id"] for r in runners] for x in centres_of(code, day))}
            if law is decree_1248:
                allowed = areas | helsinki_extra.get(stat, set())
                want = {code for code, m in munis.items() if on(m.get("valid"), day) and county_of(code, day) in allowed}
            else:
                want = {code for code, m in munis.items() if on(m.get("valid"), day) and region_of(code, day) in areas}
            check(covered == want, "%s: %s covers %s, the decree %s" % (day, stat, sorted(covered ^ want)[:8], "differs"))
        statutory_days += 1
    check(statutory_days > 20, "statutory areas checked on too few dates")

    # ---- populations ----
    pops = reg["populations"]
    for p in pops:
        check(p["source"] in source_ids, "population source %s unknown" % p["source"])
        if p["kind"] == "municipality":
            check(p["area"] in munis and on(munis[p["area"]].get("valid"), d(p["date"])), "population of %s on %s: not valid" % (p["area"], p["date"]))
    d19 = "2019-12-31"
    muni19 = {p["area"]: p["population"] for p in pops if p["kind"] == "municipality" and p["date"] == d19}
    check(sum(muni19.values()) == 5525292, "population of Finland on 31.12.2019 is 5 525 292 (Statistics Finland)")
    sums = {}
    for c, n in muni19.items():
        r = region_of(c, d(d19))
        sums[r] = sums.get(r, 0) + n
    check((sums.get("14"), sums.get("15"), sums.get("16")) == (188685, 180445, 68158),
          "2019 sums of regions 14/15/16: %s" % ((sums.get("14"), sums.get("15"), sums.get("16")),))
    for p in pops:
        if p["kind"] == "region" and p.get("published_total"):
            check(sums.get(p["area"]) == p["population"], "region %s: published %d, municipalities sum to %s" % (p["area"], p["population"], sums.get(p["area"])))
    muni22 = [p["population"] for p in pops if p["kind"] == "municipality" and p["date"] == "2022-12-31"]
    check(sum(muni22) == 5563970 and len(muni22) == 309, "population of Finland on 31.12.2022 is 5 563 970 in 309 municipalities")

    if errors:
        for e in errors[:60]:
            print("FAIL:", e)
        print("%d failure(s)" % len(errors))
        sys.exit(1)
    print("registry OK: %d municipalities, %d centres, one-centre invariant checked on %d dates (%d municipality-days)"
          % (len(munis), len(centres), len(dates), checked))


if __name__ == "__main__":
    main()
