"""Build the labelled evaluation set of bench/match_quality.py (issue 13, "Match quality,
measured"): 36 personas x 360 vacatures, every pair judged 0-3 with a one-line reason.

    .venv/bin/python bench/data/build_eval_set.py      # rewrites personas.json,
                                                       # vacatures.json and labels.csv here

Deterministic (random.Random(2026)); no Django, no database, and nothing from matching/: the
personas and vacatures use the codes of the curated taxonomy (taxonomy/data/skills.csv,
beroepen.csv, drijfveren.csv, talents.csv) and the shortage table (taxonomy/data/tekorten.csv),
so the engine can score them, and the labels come from the rubric below, which a career coach
could apply with pen and paper. bench/README.md says where the rubric and the engine's
ordering share a principle.

The personas are modelled on the people in the seeds: a bank adviser to the classroom, a
casting director to the primary school, a logistics worker to techniek, a WW'er from retail
or horeca to zorg, people with a foreign diploma, 55-plussers. Each has their own beroep
(the skills of its beroepen.csv row, shown in werkervaring), general skills, a few bridge
skills towards where they want to go (often self-assessed), a doelsector and sometimes a
doelberoep (some have none yet), a region with what they accept, hours and a net income need.

THE RUBRIC (judge(persona, vacature) -> label, reason), in this order:

1. Practical, a hard no (label 0): the vacature is outside the regions the person accepts and
   not landelijk; it asks more than 8 hours a week above what the person wants; or even the
   top of its gross salary scale, estimated at 75% net, is below the person's net need.
2. Their own current or previous beroep (label 0): the person is leaving that work; showing
   it back is no help. (Judged on the beroep code, not on names.)
3. A beroep in a krimpsector (tekorten.csv krimp=ja) (label 0), unless it is the person's
   doelberoep.
4. Readiness, from the skills the vacature asks that the person holds at any level (a coach
   counts what can be built on in a leerwerktraject): "hoog" when they hold at least half
   of the essential skills; "midden" when at least a quarter of the essential ones or 30%
   of all asked; "laag" when some; "geen" when none.
5. Direction: "doelberoep" (the vacature's beroep is one the person chose), "doelsector",
   "tekort" (krap or zeer krap, spanning >= 4 in tekorten.csv) or "anders".
6. The label from direction x readiness:

                    hoog  midden  laag  geen
      doelberoep      3      3      2     1
      doelsector      3      2      1     0
      tekort          2      1      0     0     (3 2 1 0 for a person without a doel)
      anders          1      0      0     0     (2 1 0 0 for a person without a doel)

7. Niveau: when the vacature asks two or more NLQF levels above the person's (when both are
   known), one point less (not below 0).
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAXONOMY = HERE.parent.parent / "taxonomy" / "data"
SEED = 2026

NLQF = {"geen": 1, "mbo1": 1, "mbo2": 2, "mbo3": 3, "mbo4": 4, "ad": 5, "hbo": 6, "wo": 7}
REGIONS = [
    "groot-amsterdam",
    "rijnmond",
    "midden-utrecht",
    "haaglanden",
    "noordoost-brabant",
    "groningen",
    "twente",
    "zuid-limburg",
]
NEIGHBOURS = {
    "groot-amsterdam": ["midden-utrecht", "haaglanden"],
    "rijnmond": ["haaglanden", "midden-utrecht"],
    "midden-utrecht": ["groot-amsterdam", "rijnmond", "noordoost-brabant"],
    "haaglanden": ["rijnmond", "groot-amsterdam"],
    "noordoost-brabant": ["midden-utrecht", "zuid-limburg"],
    "groningen": ["twente"],
    "twente": ["groningen"],
    "zuid-limburg": ["noordoost-brabant"],
}
NET = 0.75  # the rubric's net estimate of a gross wage
# Gross monthly scale by niveau (low, high) around 2026 cao's.
SALARY = {
    "mbo1": (2200, 2700),
    "mbo2": (2350, 2950),
    "mbo3": (2600, 3400),
    "mbo4": (2900, 3900),
    "hbo": (3400, 5200),
}
SECTOR_DRIVES = {
    "zorg": ["zorgen-voor-anderen", "zingeving", "samenwerking", "maatschappelijke-bijdrage"],
    "onderwijs": ["maatschappelijke-bijdrage", "zingeving", "groei", "kennis"],
    "techniek": ["vakmanschap", "uitdaging", "zekerheid", "structuur"],
    "ict": ["uitdaging", "groei", "autonomie", "kennis"],
    "financieel": ["zekerheid", "structuur", "financiele-beloning", "status"],
    "transport": ["vrijheid", "zekerheid", "afwisseling", "structuur"],
    "overig": ["afwisseling", "plezier", "erkenning", "samenwerking"],
    "bouw": ["vakmanschap", "samenwerking", "zekerheid", "plezier"],
    "groen": ["vrijheid", "vakmanschap", "plezier", "balans"],
    "overheid": ["maatschappelijke-bijdrage", "zekerheid", "invloed", "structuur"],
}
SECTOR_TALENTS = {
    "zorg": ["empathisch", "geduldig", "hulpvaardig", "stressbestendig", "attent"],
    "onderwijs": ["geduldig", "inspirerend", "communicatief", "enthousiast", "organisatorisch"],
    "techniek": ["praktisch", "nauwgezet", "oplossingsgericht", "analytisch", "vindingrijk"],
    "ict": ["analytisch", "nieuwsgierig", "oplossingsgericht", "leergierig", "zelfstandig"],
    "financieel": ["zorgvuldig", "integer", "analytisch", "communicatief", "nauwgezet"],
    "transport": ["zelfstandig", "verantwoordelijk", "praktisch", "flexibel", "stressbestendig"],
    "overig": ["communicatief", "flexibel", "sociaal", "enthousiast", "creatief"],
    "bouw": ["praktisch", "nauwgezet", "daadkrachtig", "zelfstandig", "vindingrijk"],
    "groen": ["praktisch", "zelfstandig", "geduldig", "zorgvuldig", "flexibel"],
    "overheid": ["analytisch", "integer", "communicatief", "zorgvuldig", "beschouwend"],
}
GENERIC = [
    "samenwerken-in-een-team",
    "plannen-en-organiseren",
    "helder-mondeling-communiceren",
    "klantgericht-communiceren",
    "zelfstandig-werken",
    "problemen-oplossen",
    "nauwkeurig-werken",
    "flexibel-inspelen-op-veranderingen",
    "digitale-basisvaardigheden-toepassen",
    "omgaan-met-stress-en-werkdruk",
    "actief-luisteren",
    "verantwoordelijkheid-nemen",
]

# (key, name, group, own beroep, doelsectoren, doelberoepen, home region, neighbours
#  accepted, hours, net need, niveau ("" unknown), bridge skills "code:level:evidence",
#  drijfveren, talents)
W, Z, P, G, F = "werkervaring", "zelf", "praktijk", "gesprek", "feedback"
PERSONAS = [
    # --- Financieel naar onderwijs (the bank adviser who wants to teach) ---
    ("p01", "Karin", "financieel→onderwijs", "klantadviseur-bank", ["onderwijs"],
     ["leraar-economie-voortgezet-onderwijs"], "groot-amsterdam", 1, 36, 2600, "hbo",
     ["economie-onderwijzen:3:"+Z, "presenteren:3:"+P, "kennis-overdragen:3:"+P,
      "lessen-voorbereiden:1:"+Z, "instructies-duidelijk-uitleggen:3:"+F],
     ["maatschappelijke-bijdrage", "groei", "zekerheid"], ["communicatief", "geduldig"]),
    ("p02", "Hans", "financieel→onderwijs", "bankmedewerker", ["onderwijs"],
     ["leraar-wiskunde-voortgezet-onderwijs"], "rijnmond", 1, 38, 2700, "hbo",
     ["wiskunde-onderwijzen:2:"+Z, "kennis-overdragen:2:"+Z, "statistische-analyses-uitvoeren:3:"+W,
      "lessen-geven:1:"+Z],
     ["kennis", "zingeving"], ["analytisch", "geduldig"]),
    ("p03", "Monique", "financieel→onderwijs", "hypotheekadviseur", ["onderwijs"],
     ["leraar-basisonderwijs"], "midden-utrecht", 2, 32, 2500, "hbo",
     ["lessen-voorbereiden:1:"+Z, "pedagogisch-klimaat-creeren:2:"+Z, "oudergesprekken-voeren:2:"+Z,
      "rekenonderwijs-verzorgen:2:"+Z, "anderen-coachen:3:"+P],
     ["zingeving", "maatschappelijke-bijdrage", "balans"], ["empathisch", "organisatorisch"]),
    ("p04", "Erik", "financieel→onderwijs", "medewerker-pensioenadministratie",
     ["onderwijs", "ict"], [], "haaglanden", 1, 36, 2400, "mbo4",
     ["kleine-groepen-leerlingen-begeleiden:2:"+Z, "sql-querys-schrijven:2:"+Z,
      "excel-geavanceerd-gebruiken:4:"+W, "kennis-overdragen:2:"+P],
     ["structuur", "groei"], ["nauwgezet", "geduldig"]),
    ("p05", "Ingrid", "financieel→onderwijs", "verzekeringsadviseur", ["onderwijs"],
     ["docent-nederlands-als-tweede-taal"], "noordoost-brabant", 1, 28, 2200, "hbo",
     ["nederlands-als-tweede-taal-onderwijzen:2:"+Z, "intercultureel-communiceren:3:"+P,
      "lessen-voorbereiden:2:"+Z, "omgaan-met-diversiteit:3:"+F],
     ["zingeving", "verbinding"], ["verbindend", "geduldig"]),
    ("p06", "Jeroen", "financieel→onderwijs", "schadebehandelaar", ["onderwijs"],
     ["leraar-nederlands-voortgezet-onderwijs"], "groningen", 1, 36, 2500, "hbo",
     ["nederlands-onderwijzen:2:"+Z, "helder-schriftelijk-communiceren:4:"+W,
      "lessen-voorbereiden:1:"+Z, "feedback-geven:3:"+F],
     ["kennis", "maatschappelijke-bijdrage"], ["communicatief", "zorgvuldig"]),
    # --- Dienstverlening, creatief naar onderwijs (casting director to the primary school) ---
    ("p07", "Sanne", "creatief→onderwijs", "casting-director", ["onderwijs"],
     ["leraar-basisonderwijs"], "groot-amsterdam", 1, 32, 2600, "hbo",
     ["pedagogisch-klimaat-creeren:2:"+Z, "lessen-voorbereiden:1:"+Z, "oudergesprekken-voeren:2:"+Z,
      "presenteren:4:"+W, "anderen-motiveren:3:"+F],
     ["creativiteit", "zingeving", "groei"], ["creatief", "inspirerend"]),
    ("p08", "Dewi", "creatief→onderwijs", "callcentermedewerker", ["onderwijs"],
     ["onderwijsassistent"], "rijnmond", 0, 32, 1900, "mbo2",
     ["kleine-groepen-leerlingen-begeleiden:1:"+Z, "ontwikkeling-van-kinderen-observeren:2:"+Z,
      "geduldig-begeleiden:2:"+P],
     ["zorgen-voor-anderen", "zekerheid"], ["geduldig", "sociaal"]),
    ("p09", "Thomas", "creatief→onderwijs", "metadataspecialist", ["onderwijs", "ict"],
     ["leraar-informatica-voortgezet-onderwijs"], "midden-utrecht", 1, 36, 2700, "wo",
     ["informatica-onderwijzen:2:"+Z, "python-programmeren:3:"+P, "sql-querys-schrijven:3:"+W,
      "lessen-voorbereiden:1:"+Z],
     ["kennis", "uitdaging"], ["analytisch", "nieuwsgierig"]),
    ("p10", "Yara", "creatief→onderwijs", "managementassistent", ["onderwijs", "zorg"],
     [], "haaglanden", 1, 28, 2100, "mbo4",
     ["kleine-groepen-leerlingen-begeleiden:2:"+Z, "pedagogisch-klimaat-creeren:1:"+Z,
      "kinderen-in-de-kinderopvang-begeleiden:2:"+Z],
     ["zorgen-voor-anderen", "harmonie"], ["organisatorisch", "attent"]),
    ("p11", "Ruben", "creatief→onderwijs", "shiftleader-horeca", ["onderwijs"],
     ["praktijkinstructeur-mbo"], "twente", 1, 38, 2300, "mbo3",
     ["praktijklessen-begeleiden-in-de-werkplaats:2:"+Z, "instructies-duidelijk-uitleggen:3:"+W,
      "stagiairs-begeleiden:3:"+W, "leidinggeven:3:"+W],
     ["vakmanschap", "groei"], ["enthousiast", "praktisch"]),
    ("p12", "Lotte", "creatief→onderwijs", "beleidsmedewerker-gemeente", [], [],
     "zuid-limburg", 1, 32, 2600, "wo",
     ["kennis-overdragen:3:"+P, "presenteren:3:"+W, "data-analyseren:2:"+Z],
     ["zingeving", "invloed"], ["beschouwend", "analytisch"]),
    # --- Logistiek en transport naar techniek ---
    ("p13", "Mehmet", "logistiek→techniek", "logistiek-medewerker", ["techniek"],
     ["elektromonteur"], "rijnmond", 1, 40, 2300, "mbo2",
     ["elektrische-installaties-aanleggen:1:"+Z,
      "veiligheidsvoorschriften-toepassen-volgens-vca:3:"+W,
      "technische-tekeningen-lezen:2:"+Z, "meetinstrumenten-gebruiken:2:"+Z],
     ["vakmanschap", "zekerheid"], ["praktisch", "nauwgezet"]),
    ("p14", "Kees", "logistiek→techniek", "vrachtwagenchauffeur", ["techniek"],
     ["monteur-elektrische-voertuigen"], "noordoost-brabant", 1, 40, 2500, "mbo3",
     ["voertuigen-diagnosticeren-en-repareren:2:"+P, "elektrische-metingen-uitvoeren:1:"+Z,
      "storingen-opsporen-en-verhelpen:2:"+P],
     ["vakmanschap", "vrijheid"], ["praktisch", "zelfstandig"]),
    ("p15", "Priya", "logistiek→techniek", "logistiek-medewerker", ["techniek"], [],
     "groot-amsterdam", 1, 36, 2200, "mbo3",
     ["procesinstallaties-bedienen:1:"+Z, "kwaliteitscontroles-uitvoeren-in-de-productie:2:"+P,
      "lean-methodiek-toepassen:2:"+P],
     ["structuur", "zekerheid"], ["nauwgezet", "verantwoordelijk"]),
    ("p16", "Bas", "logistiek→techniek", "pakketbezorger", ["techniek"],
     ["monteur-zonnepanelen"], "twente", 1, 40, 2000, "mbo1",
     ["zonnepanelen-installeren:1:"+Z, "veiligheidsbewust-werken:3:"+W, "hoogwerker-bedienen:1:"+Z],
     ["vrijheid", "vakmanschap"], ["praktisch", "flexibel"]),
    ("p17", "Fatima", "logistiek→techniek", "conducteur", ["techniek", "ict"],
     ["werkvoorbereider-installatietechniek"], "midden-utrecht", 2, 36, 2600, "mbo4",
     ["werkvoorbereiding-uitvoeren:2:"+Z, "technische-tekeningen-lezen:2:"+Z,
      "materiaalstaten-opstellen:1:"+Z, "plannen-en-organiseren:4:"+W],
     ["structuur", "groei"], ["organisatorisch", "nauwgezet"]),
    ("p18", "Dirk", "logistiek→techniek", "buschauffeur", ["techniek"],
     ["onderhoudsmonteur"], "groningen", 1, 36, 2400, "mbo2",
     ["preventief-onderhoud-uitvoeren:2:"+P, "storingen-opsporen-en-verhelpen:2:"+P,
      "hydraulische-systemen-onderhouden:1:"+Z],
     ["vakmanschap", "zekerheid"], ["praktisch", "verantwoordelijk"]),
    # --- WW'ers uit retail en horeca naar zorg ---
    ("p19", "Anouk", "retail (WW)→zorg", "winkelmedewerker", ["zorg"],
     ["helpende-zorg-en-welzijn"], "haaglanden", 1, 24, 1700, "mbo2",
     ["persoonlijke-verzorging-bieden:2:"+Z, "ondersteunen-bij-maaltijden:2:"+Z,
      "hygieneprotocollen-toepassen:1:"+Z, "empathie-tonen:3:"+F],
     ["zorgen-voor-anderen", "zekerheid"], ["empathisch", "hulpvaardig"]),
    ("p20", "Gerda", "retail (WW)→zorg", "teamleider-retail", ["zorg"],
     ["verzorgende-ig"], "noordoost-brabant", 1, 32, 2100, "mbo4",
     ["persoonlijke-verzorging-bieden:2:"+P, "clienten-veilig-verplaatsen:1:"+Z,
      "personeelsroosters-maken:4:"+W, "gezondheidsveranderingen-signaleren:2:"+Z],
     ["zorgen-voor-anderen", "samenwerking"], ["empathisch", "organisatorisch"]),
    ("p21", "Samir", "retail (WW)→zorg", "horecamedewerker", ["zorg"],
     ["begeleider-ggz"], "groot-amsterdam", 1, 32, 1900, "mbo3",
     ["omgaan-met-onbegrepen-gedrag:2:"+Z, "conflicten-de-escaleren:3:"+W,
      "motiverende-gespreksvoering-toepassen:1:"+Z],
     ["zingeving", "verbinding"], ["empathisch", "stressbestendig"]),
    ("p22", "Linda", "retail (WW)→zorg", "kok", ["zorg"], [], "zuid-limburg", 1, 32, 2000,
     "mbo3",
     ["maaltijden-bereiden:4:"+W, "ondersteunen-bij-maaltijden:2:"+Z,
      "huishoudelijke-ondersteuning-bieden:2:"+Z, "hygieneprotocollen-toepassen:3:"+W],
     ["zorgen-voor-anderen", "plezier"], ["hulpvaardig", "praktisch"]),
    ("p23", "Jesse", "retail (WW)→zorg", "winkelmedewerker", [], [], "rijnmond", 1, 36, 1800,
     "mbo2",
     ["empathie-tonen:3:"+F, "persoonlijke-verzorging-bieden:1:"+Z],
     ["zekerheid", "samenwerking"], ["sociaal", "flexibel"]),
    ("p24", "Noor", "retail (WW)→zorg", "horecamedewerker", ["zorg"],
     ["pedagogisch-medewerker-kinderopvang"], "midden-utrecht", 1, 28, 1800, "mbo2",
     ["kinderen-in-de-kinderopvang-begeleiden:2:"+Z, "spelend-leren-begeleiden:1:"+Z,
      "ontwikkeling-van-kinderen-observeren:2:"+Z],
     ["zorgen-voor-anderen", "plezier"], ["enthousiast", "geduldig"]),
    # --- Met een buitenlands diploma ---
    ("p25", "Oksana", "buitenlands diploma", "", ["zorg"], ["verpleegkundige"], "groot-amsterdam",
     1, 36, 2200, "",
     ["medicatie-toedienen:4:"+G, "vitale-functies-meten:4:"+G, "wondzorg-verlenen:4:"+G,
      "klinisch-redeneren:3:"+G, "infectiepreventie-toepassen:3:"+G, "zorgplan-opstellen:2:"+G,
      "medische-terminologie-gebruiken:3:"+G],
     ["zorgen-voor-anderen", "zekerheid"], ["empathisch", "stressbestendig"]),
    ("p26", "Ahmad", "buitenlands diploma", "", ["techniek"], ["engineer-elektrotechniek"],
     "rijnmond", 1, 40, 2600, "",
     ["elektrotechnische-berekeningen-maken:4:"+G, "elektrotechnische-schemas-lezen:4:"+G,
      "meet-en-regeltechniek-toepassen:3:"+G, "technisch-tekenen-met-cad:3:"+G,
      "plc-programmeren:2:"+G],
     ["vakmanschap", "zekerheid"], ["analytisch", "leergierig"]),
    ("p27", "Lina", "buitenlands diploma", "", ["onderwijs"],
     ["leraar-wiskunde-voortgezet-onderwijs"], "midden-utrecht", 1, 32, 2300, "",
     ["wiskunde-onderwijzen:4:"+G, "lessen-geven:4:"+G, "lessen-voorbereiden:4:"+G,
      "klassenmanagement-toepassen:3:"+G, "toetsen-ontwikkelen:3:"+G],
     ["kennis", "zekerheid"], ["geduldig", "analytisch"]),
    ("p28", "Raj", "buitenlands diploma", "", ["ict"], ["software-developer"], "haaglanden", 1,
     40, 2800, "",
     ["java-programmeren:4:"+G, "objectgeorienteerd-programmeren:4:"+G,
      "sql-querys-schrijven:3:"+G, "versiebeheer-met-git-toepassen:3:"+G,
      "webapplicaties-ontwikkelen:3:"+G],
     ["uitdaging", "groei"], ["analytisch", "leergierig"]),
    ("p29", "Tigist", "buitenlands diploma", "", ["zorg"], [], "noordoost-brabant", 1, 32, 1900,
     "mbo2",
     ["persoonlijke-verzorging-bieden:3:"+G, "clienten-wassen-en-aankleden:3:"+G,
      "ondersteunen-bij-maaltijden:3:"+G, "empathie-tonen:3:"+G],
     ["zorgen-voor-anderen", "verbinding"], ["empathisch", "hulpvaardig"]),
    ("p30", "Carlos", "buitenlands diploma", "", [], [], "groot-amsterdam", 1, 40, 2100, "",
     ["elektrische-installaties-aanleggen:3:"+G, "storingen-opsporen-en-verhelpen:3:"+G,
      "elektrische-metingen-uitvoeren:3:"+G, "sanitaire-installaties-aanleggen:2:"+G],
     ["vakmanschap", "zekerheid"], ["praktisch", "vindingrijk"]),
    # --- 55-plussers ---
    ("p31", "Wim", "55-plus", "administratief-medewerker", ["ict"],
     ["it-servicedeskmedewerker"], "twente", 1, 32, 2300, "mbo3",
     ["gebruikers-ondersteunen-bij-ict-problemen:2:"+P, "ticketsystemen-gebruiken:1:"+Z,
      "hulpvragen-verhelderen:3:"+W, "werkplekken-installeren-en-beheren:1:"+Z],
     ["zekerheid", "structuur"], ["hulpvaardig", "geduldig"]),
    ("p32", "Marianne", "55-plus", "managementassistent", ["zorg"], ["doktersassistent"],
     "groot-amsterdam", 1, 24, 2200, "mbo4",
     ["spreekuur-voorbereiden-en-assisteren:1:"+Z, "medische-terminologie-gebruiken:2:"+Z,
      "bloeddruk-meten:1:"+Z, "agendas-beheren:4:"+W],
     ["zorgen-voor-anderen", "structuur"], ["organisatorisch", "attent"]),
    ("p33", "Henk", "55-plus", "buschauffeur", ["onderwijs"], ["praktijkinstructeur-mbo"],
     "zuid-limburg", 1, 32, 2400, "mbo3",
     ["praktijklessen-begeleiden-in-de-werkplaats:1:"+Z, "instructies-duidelijk-uitleggen:3:"+W,
      "stagiairs-begeleiden:3:"+W],
     ["kennis", "zingeving"], ["geduldig", "verantwoordelijk"]),
    ("p34", "Ria", "55-plus", "financieel-administratief-medewerker", ["zorg", "onderwijs"], [],
     "rijnmond", 1, 24, 2000, "mbo4",
     ["ondersteunen-bij-dagelijkse-levensverrichtingen:1:"+Z, "empathie-tonen:3:"+F,
      "kleine-groepen-leerlingen-begeleiden:1:"+Z],
     ["zingeving", "balans"], ["zorgvuldig", "empathisch"]),
    ("p35", "Frank", "55-plus", "bankmedewerker", [], [], "midden-utrecht", 2, 32, 2600, "mbo4",
     ["data-analyseren:2:"+Z, "excel-geavanceerd-gebruiken:4:"+W, "kennis-overdragen:2:"+P],
     ["zekerheid", "kennis"], ["zorgvuldig", "analytisch"]),
    ("p36", "Joke", "55-plus", "verzekeringsadviseur", ["zorg"], ["wijkverpleegkundige"],
     "groningen", 1, 28, 2500, "hbo",
     ["zorgbehoefte-in-kaart-brengen:2:"+Z, "mantelzorgers-ondersteunen:3:"+P,
      "sociale-kaart-gebruiken:2:"+Z, "wondzorg-verlenen:1:"+Z],
     ["zorgen-voor-anderen", "maatschappelijke-bijdrage"], ["empathisch", "zelfstandig"]),
]  # fmt: skip

VARIANTS = [
    ("{label}", 0, 1.0),
    ("{label} (zij-instroom)", -1, 0.95),
    ("Senior {label_lower}", 1, 1.1),
    ("{label}, 24-32 uur", 0, 1.0),
    ("Leerwerkplek {label_lower}", -1, 0.9),
]


def _rows(name: str) -> list[dict]:
    with (TAXONOMY / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def load_taxonomy() -> dict:
    skills = {r["code"] for r in _rows("skills.csv")}
    beroepen = {r["code"]: r for r in _rows("beroepen.csv")}
    tekort = {r["beroep"]: r for r in _rows("tekorten.csv") if not r["regio"]}
    drives = {r["code"] for r in _rows("drijfveren.csv")}
    talents = {r["code"] for r in _rows("talents.csv")}
    return {
        "skills": skills,
        "beroepen": beroepen,
        "tekort": tekort,
        "drives": drives,
        "talents": talents,
    }


def build_vacatures(tax: dict, rng: random.Random) -> list[dict]:
    out = []
    for code, b in tax["beroepen"].items():
        essential, optional = _split(b["essential_skills"]), _split(b["optional_skills"])
        base = 3 if b["niveau"] == "hbo" else 2
        for i, (title, shift, pay) in enumerate(VARIANTS):
            level = max(1, min(5, base + shift))
            skills = {s: [level, True] for s in essential}
            skills.update({s: [max(1, level - 1), False] for s in optional})
            for s in rng.sample([g for g in GENERIC if g not in skills], 2):
                skills[s] = [2, False]
            low, high = SALARY[b["niveau"]]
            salary = None if rng.random() < 0.1 else [round(low * pay, -1), round(high * pay, -1)]
            sector = b["sector"]
            hours = 28 if i == 3 else rng.choice([24, 32, 32, 36, 36, 38, 40])
            out.append(
                {
                    "id": len(out) + 1,
                    "title": title.format(label=b["label_nl"], label_lower=b["label_nl"].lower()),
                    "beroep": code,
                    "sector": sector,
                    "niveau": b["niveau"],
                    "region": rng.choice(REGIONS),
                    "landelijk": rng.random() < 0.2,
                    "hours": hours,
                    "salary": salary,
                    "skills": skills,
                    "drijfveren": rng.sample(SECTOR_DRIVES[sector], rng.randint(0, 3)),
                    "talents": rng.sample(SECTOR_TALENTS[sector], rng.randint(0, 3)),
                }
            )
    return out


def _skill(text: str) -> tuple[str, int, str]:
    code, level, evidence = text.split(":")
    return code, int(level), evidence


def build_personas(tax: dict, rng: random.Random) -> list[dict]:
    out = []
    for (key, name, group, own, sectors, beroepen, region, n_near, hours, need, niveau,
         bridge, drives, talents) in PERSONAS:  # fmt: skip
        skills: dict[str, list] = {}
        own_title = ""
        if own:
            b = tax["beroepen"][own]
            own_title = b["label_nl"]
            for s in _split(b["essential_skills"]):
                skills[s] = [4, W]
            for s in _split(b["optional_skills"]):
                skills[s] = [3, W]
        for s in rng.sample(GENERIC, 6):
            skills.setdefault(s, [rng.choice([3, 4]), rng.choice([W, P, F])])
        for text in bridge:
            code, level, evidence = _skill(text)
            skills[code] = [level, evidence]
        reach = [region, *NEIGHBOURS[region][:n_near]]
        out.append(
            {
                "id": key,
                "name": name,
                "group": group,
                "own_beroep": own,
                "own_title": own_title,
                "target_sectors": sectors,
                "target_beroepen": beroepen,
                "region": region,
                "reach": reach,
                "hours": hours,
                "min_net_income": need,
                "niveau": niveau,
                "skills": skills,
                "drijfveren": drives,
                "talents": talents,
            }
        )
    return out


def judge(person: dict, vac: dict, tax: dict) -> tuple[int, str]:
    """The rubric of the module docstring: (label 0-3, one-line reason)."""
    if not vac["landelijk"] and vac["region"] not in person["reach"]:
        return 0, "buiten de regio's die de persoon accepteert"
    if vac["hours"] > person["hours"] + 8:
        return 0, f"vraagt {vac['hours']} uur, de persoon wil {person['hours']}"
    if vac["salary"] and NET * vac["salary"][1] < person["min_net_income"]:
        return 0, "zelfs bovenin de schaal te weinig netto voor wat de persoon nodig heeft"
    if person["own_beroep"] and vac["beroep"] == person["own_beroep"]:
        return 0, "het eigen (vorige) beroep: daar wil de persoon juist weg"
    t = tax["tekort"].get(vac["beroep"], {})
    doelberoep = vac["beroep"] in person["target_beroepen"]
    if t.get("krimp") == "ja" and not doelberoep:
        return 0, "beroep in een krimpsector"
    essential = [s for s, (_lvl, e) in vac["skills"].items() if e]
    held_e = sum(1 for s in essential if s in person["skills"])
    held = sum(1 for s in vac["skills"] if s in person["skills"])
    share_e = held_e / len(essential) if essential else 0.0
    share = held / len(vac["skills"])
    if share_e >= 0.5:
        ready = "hoog"
    elif share_e >= 0.25 or share >= 0.3:
        ready = "midden"
    elif held:
        ready = "laag"
    else:
        ready = "geen"
    has_doel = bool(person["target_sectors"] or person["target_beroepen"])
    if doelberoep:
        where = "doelberoep"
    elif vac["sector"] in person["target_sectors"]:
        where = "doelsector"
    elif t and int(t["spanning"]) >= 4:
        where = "tekort"
    else:
        where = "anders"
    table = {
        "doelberoep": {"hoog": 3, "midden": 3, "laag": 2, "geen": 1},
        "doelsector": {"hoog": 3, "midden": 2, "laag": 1, "geen": 0},
        "tekort": {"hoog": 2, "midden": 1, "laag": 0, "geen": 0},
        "anders": {"hoog": 1, "midden": 0, "laag": 0, "geen": 0},
    }
    label = table[where][ready]
    without_doel = {
        "tekort": {"hoog": 3, "midden": 2, "laag": 1, "geen": 0},
        "anders": {"hoog": 2, "midden": 1, "laag": 0, "geen": 0},
    }
    if not has_doel and where in without_doel:
        label = without_doel[where][ready]
    reason = f"{where}, {held_e}/{len(essential)} essentiële skills"
    gap = None
    if person["niveau"]:
        gap = NLQF[vac["niveau"]] - NLQF[person["niveau"]]
    if gap is not None and gap >= 2 and label > 0:
        label -= 1
        reason += f", vraagt {gap} niveaus hoger"
    return label, reason


def build() -> tuple[list[dict], list[dict], list[tuple]]:
    rng = random.Random(SEED)
    tax = load_taxonomy()
    vacatures = build_vacatures(tax, rng)
    personas = build_personas(tax, rng)
    for p in personas:  # every code must exist in the taxonomy the engine scores
        unknown = [s for s in p["skills"] if s not in tax["skills"]]
        unknown += [b for b in p["target_beroepen"] if b not in tax["beroepen"]]
        unknown += [d for d in p["drijfveren"] if d not in tax["drives"]]
        unknown += [t for t in p["talents"] if t not in tax["talents"]]
        if unknown:
            raise SystemExit(f"{p['id']}: unknown codes {unknown}")
    labels = []
    for p in personas:
        for v in vacatures:
            label, reason = judge(p, v, tax)
            labels.append((p["id"], v["id"], label, reason))
    return personas, vacatures, labels


def main() -> None:
    personas, vacatures, labels = build()
    (HERE / "personas.json").write_text(
        json.dumps(personas, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (HERE / "vacatures.json").write_text(
        json.dumps(vacatures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    with (HERE / "labels.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["persona", "vacature", "label", "reason"])
        writer.writerows(labels)
    counts = [sum(1 for row in labels if row[2] == n) for n in range(4)]
    print(
        f"{len(personas)} personas x {len(vacatures)} vacatures = {len(labels)} pairs; "
        f"labels 0/1/2/3: {counts[0]}/{counts[1]}/{counts[2]}/{counts[3]}"
    )


if __name__ == "__main__":
    main()
