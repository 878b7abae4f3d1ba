#!/usr/bin/env python3
"""Builds Data/registry/states.json from Debian's iso-codes package and Scripts/un-names.json.

Run from the repository root: python3 Scripts/generate-states.py
Needs the Debian package iso-codes (ISO 3166-1 codes and translated names).
"""
import gettext, json, pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ISO = pathlib.Path("/usr/share/iso-codes/json/iso_3166-1.json")
LOCALES = {"fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh": "zh_CN"}

# The 193 member states of the United Nations (https://www.un.org/en/about-us/member-states).
MEMBERS = """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR
BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ
ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA
JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO
MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU
RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA
TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE""".split()
# Non-member observer states (https://www.un.org/en/about-us/non-member-states).
OBSERVERS = ["VAT", "PSE"]
# States in free association with New Zealand that the Secretary-General, as depositary, admits to
# treaties open to "all States" (Repertory of Practice; both are TPNW and Rarotonga parties).
ASSOCIATED = ["COK", "NIU"]


def main() -> int:
    if len(MEMBERS) != 193 or len(set(MEMBERS)) != 193:
        print(f"member list has {len(MEMBERS)} entries, expected 193", file=sys.stderr)
        return 1
    if not ISO.exists():
        print("iso-codes is not installed: run 'apt-get install iso-codes'", file=sys.stderr)
        return 1
    iso = {c["alpha_3"]: c for c in json.loads(ISO.read_text())["3166-1"]}
    un = json.loads((ROOT / "Scripts" / "un-names.json").read_text())
    translators = {
        lang: gettext.translation("iso_3166-1", localedir="/usr/share/locale", languages=[loc])
        for lang, loc in LOCALES.items()
    }
    states = []
    for code in sorted(MEMBERS + OBSERVERS + ASSOCIATED):
        c = iso[code]
        names = {"en": un["en"].get(code, c.get("common_name") if "," in c["name"] else c["name"])}
        if "," in names["en"] and code not in un["en"]:
            names["en"] = c["name"]
        formal = {"en": c.get("official_name", names["en"])}
        for lang, tr in translators.items():
            short = un[lang].get(code) if lang in un else None
            names[lang] = short or tr.gettext(c["name"])
            if names[lang] == c["name"] and "common_name" in c:
                names[lang] = tr.gettext(c["common_name"])
            if "official_name" in c:
                formal[lang] = tr.gettext(c["official_name"])
        variants = {lang: [] for lang in ["en", "fr", "es", "ru", "ar", "zh"]}
        for lang, tr in [("en", None)] + list(translators.items()):
            for key in ("name", "common_name", "official_name"):
                if key in c:
                    value = c[key] if tr is None else tr.gettext(c[key])
                    if tr is not None and value == c[key]:
                        continue  # untranslated: gettext fell back to English
                    if value not in variants[lang] and value not in (names[lang],) and "," not in value:
                        variants[lang].append(value)
        for lang, extra in un["variants"].get(code, {}).items():
            for value in extra:
                if value not in variants[lang] and value != names[lang]:
                    variants[lang].append(value)
        states.append({
            "id": code,
            "m49": c["numeric"],
            "unStatus": "member" if code in MEMBERS else ("observer" if code in OBSERVERS else "non-member"),
            "names": names,
            "formalNames": formal,
            "aliases": {k: v for k, v in variants.items() if v},
            "source": "iso-codes" if code not in un["en"] else "unterm",
        })
    document = {
        "schema": 1,
        "kind": "states",
        "sources": {
            "iso-codes": {"title": "Debian iso-codes 4.15.0 (ISO 3166-1 with translations)", "url": "https://salsa.debian.org/iso-codes-team/iso-codes", "accessed": "2026-11-24"},
            "unterm": {"title": "UNTERM country names", "url": un["source"], "accessed": un["accessed"]},
            "un-members": {"title": "United Nations member states", "url": "https://www.un.org/en/about-us/member-states", "accessed": "2026-11-24"},
        },
        "states": states,
    }
    out = ROOT / "Data" / "registry" / "states.json"
    out.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {len(states)} states to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
