"""Parts of Finnish association names: the activity (with its field in the association
register and its Swedish form) and names for associations not named after a town."""

# Finnish, Swedish, fields of activity (codes of FieldOfActivity)
ACTIVITIES = [
    ("Eläkeläiset ry", "pensionärer rf", ["social-health", "leisure"]),
    ("Eläkkeensaajat ry", "pensionstagare rf", ["social-health"]),
    ("Kuoroyhdistys ry", "sångförening rf", ["culture"]),
    ("Mieskuoro ry", "manskör rf", ["culture"]),
    ("Mielenterveysyhdistys ry", "mentalvårdsförening rf", ["social-health"]),
    ("Omaishoitajat ry", "närståendevårdare rf", ["social-health"]),
    ("Sydänyhdistys ry", "hjärtförening rf", ["social-health"]),
    ("Reumayhdistys ry", "reumaförening rf", ["social-health"]),
    ("Diabetesyhdistys ry", "diabetesförening rf", ["social-health"]),
    ("Muistiyhdistys ry", "minnesförening rf", ["social-health"]),
    ("Näkövammaiset ry", "synskadade rf", ["social-health"]),
    ("Kuurojen Yhdistys ry", "dövas förening rf", ["social-health"]),
    ("Invalidit ry", "invalider rf", ["social-health"]),
    ("Martat ry", "marthaförening rf", ["leisure", "other"]),
    ("Nuorisoseura ry", "ungdomsförening rf", ["leisure", "culture"]),
    ("Partiolaiset ry", "scouter rf", ["leisure"]),
    ("4H-yhdistys ry", "4H-förening rf", ["leisure", "other"]),
    ("Kyläyhdistys ry", "byaförening rf", ["other"]),
    ("Kotiseutuyhdistys ry", "hembygdsförening rf", ["culture", "other"]),
    ("Urheiluseura ry", "idrottsförening rf", ["sports"]),
    ("Latu ry", "skidförening rf", ["sports"]),
    ("Voimistelijat ry", "gymnaster rf", ["sports"]),
    ("Kamerakerho ry", "fotoklubb rf", ["culture", "leisure"]),
    ("Shakkikerho ry", "schackklubb rf", ["leisure"]),
    ("Taideyhdistys ry", "konstförening rf", ["culture"]),
    ("Teatteriyhdistys ry", "teaterförening rf", ["culture"]),
    ("Musiikkiopiston Tuki ry", "musikinstitutets stödförening rf", ["culture"]),
    ("Työttömät ry", "arbetslösa rf", ["social-health", "professional-business"]),
    ("Yrittäjät ry", "företagare rf", ["professional-business"]),
    ("Vapaaehtoiset ry", "frivilliga rf", ["social-health", "other"]),
    ("Monikulttuurinen Yhdistys ry", "mångkulturella förening rf", ["defence-international"]),
    ("Reserviläiset ry", "reservister rf", ["defence-international"]),
    ("Seurakunnan Diakoniaseura ry", "diakonisällskap rf", ["religion-worldview"]),
    ("Kirjastoseura ry", "bibliotekssällskap rf", ["culture"]),
    ("Luonnonsuojeluyhdistys ry", "naturskyddsförening rf", ["other"]),
    ("Mannerheimin Lastensuojeluliiton paikallisyhdistys ry", "MLL-förening rf", ["social-health"]),
    ("Perheyhdistys ry", "familjeförening rf", ["social-health"]),
    ("Kansalaisopiston Kannatusyhdistys ry", "medborgarinstitutets stödförening rf", ["culture"]),
    ("Tanssiseura ry", "dansförening rf", ["sports", "culture"]),
    ("Puutarhaseura ry", "trädgårdssällskap rf", ["leisure"]),
]

# Associations with a name of their own: "<name> <kind> ry"
OWN_NAMES = (
    "Kaiku Sointu Pohjantähti Sinisiipi Kipinä Ahjo Tuulenpesä Karhunkaatajat Aallokko "
    "Revontuli Kielo Kanerva Pihlaja Virta Lumikki Kotiranta Ilo Taimi Tähkä Helmi Majakka "
    "Ankkuri Aamurusko Kohtaamo Satama Silta Lyhty Kompassi Oksa Verso"
).split()
OWN_KINDS = [
    ("Kuoro", ["culture"]),
    ("Tanssiryhmä", ["culture", "sports"]),
    ("Teatteriryhmä", ["culture"]),
    ("Vertaistukiyhdistys", ["social-health"]),
    ("Liikuntaseura", ["sports"]),
    ("Kerho", ["leisure"]),
    ("Nuorisoyhdistys", ["leisure"]),
    ("Kulttuuriyhdistys", ["culture"]),
]

# Genitives that do not follow from the nominative by adding -n.
GENITIVE_ENDINGS = [
    ("inen", "isten"),
    ("kaupunki", "kaupungin"),
    ("joki", "joen"),
    ("järvi", "järven"),
    ("lahti", "lahden"),
    ("niemi", "niemen"),
    ("saari", "saaren"),
    ("mäki", "mäen"),
    ("ranta", "rannan"),
    ("lampi", "lammen"),
    ("koski", "kosken"),
    ("nummi", "nummen"),
    ("salmi", "salmen"),
    ("vesi", "veden"),
    ("virta", "virran"),
    ("selkä", "selän"),
    ("harju", "harjun"),
    ("pelto", "pellon"),
    ("metsä", "metsän"),
    ("kangas", "kankaan"),
    ("kivi", "kiven"),
    ("suo", "suon"),
    ("maa", "maan"),
    ("pää", "pään"),
]
GENITIVES = {
    "Helsinki": "Helsingin",
    "Turku": "Turun",
    "Tampere": "Tampereen",
    "Raahe": "Raahen",
    "Iisalmi": "Iisalmen",
    "Kemi": "Kemin",
    "Hanko": "Hangon",
    "Kotka": "Kotkan",
    "Porvoo": "Porvoon",
    "Lieto": "Liedon",
    "Kaarina": "Kaarinan",
    "Vihti": "Vihdin",
    "Kitee": "Kiteen",
    "Parkano": "Parkanon",
    "Pukkila": "Pukkilan",
    "Hattula": "Hattulan",
}


def genitive(name: str) -> str:
    if name in GENITIVES:
        return GENITIVES[name]
    lower = name.lower()
    for ending, form in GENITIVE_ENDINGS:
        if lower.endswith(ending):
            return name[: len(name) - len(ending)] + form
    if name[-1] in "aeiouyäö":
        return name + "n"
    return name + "in"


def swedish_genitive(name: str) -> str:
    return name if name[-1] in "sxz" else name + "s"


# Bigger towns get more associations (municipality numbers).
BIG_TOWNS = {
    "091": 20,
    "049": 10,
    "092": 8,
    "837": 10,
    "853": 8,
    "564": 7,
    "179": 5,
    "297": 4,
    "398": 4,
    "609": 5,
    "684": 3,
    "167": 3,
    "405": 3,
    "905": 3,
    "286": 2,
    "698": 3,
    "743": 3,
    "491": 2,
    "272": 2,
    "106": 2,
    "444": 2,
    "186": 2,
    "638": 2,
    "109": 3,
}
