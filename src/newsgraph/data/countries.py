"""Country names: every common surface form -> one canonical name, plus demonyms.

Used by the entity resolver (newsgraph.extract.entities) to give "U.S.", "US",
"U..S", "USA", "America", "the United States" the one name "United States".
Demonyms ("British", "American") map to their country for *qualifiers* only
("the top U.S. diplomat", "British Foreign Secretary"); NORP entities stay GROUP.
"""

from __future__ import annotations

# Canonical names (short English forms as news uses them).
COUNTRIES: tuple[str, ...] = (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia",
    "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
    "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei",
    "Bulgaria", "Burkina Faso", "Burundi", "Cambodia", "Cameroon", "Canada", "Cape Verde",
    "Central African Republic", "Chad", "Chile", "China", "Colombia", "Comoros", "Congo",
    "Democratic Republic of the Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic",
    "Denmark", "Djibouti", "Dominican Republic", "Ecuador", "Egypt", "El Salvador",
    "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland", "France",
    "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Guatemala", "Guinea",
    "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hungary", "Iceland", "India", "Indonesia",
    "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast", "Jamaica", "Japan", "Jordan",
    "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho",
    "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi",
    "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mauritius", "Mexico", "Moldova", "Monaco",
    "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal", "Netherlands",
    "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "North Macedonia", "Norway",
    "Oman", "Pakistan", "Palestine", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines",
    "Poland", "Portugal", "Qatar", "Romania", "Russia", "Rwanda", "Saudi Arabia", "Senegal", "Serbia",
    "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa", "South Korea",
    "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland", "Syria",
    "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Togo", "Trinidad and Tobago", "Tunisia",
    "Turkey", "Turkmenistan", "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom",
    "United States", "Uruguay", "Uzbekistan", "Vatican", "Venezuela", "Vietnam", "Yemen", "Zambia",
    "Zimbabwe",
)

# Other forms -> canonical. Matched case-sensitively after stripping a leading "the".
ALIASES: dict[str, str] = {
    # United States: dotted, undotted, mistyped ("U..S"), long and informal forms.
    "U.S.": "United States", "U.S": "United States", "US": "United States", "U..S": "United States",
    "U.S.A.": "United States", "U.S.A": "United States", "USA": "United States",
    "America": "United States", "United States of America": "United States",
    "the States": "United States",
    # United Kingdom.
    "UK": "United Kingdom", "U.K.": "United Kingdom", "U.K": "United Kingdom", "U..K": "United Kingdom",
    "Britain": "United Kingdom", "Great Britain": "United Kingdom",
    "United Kingdom of Great Britain and Northern Ireland": "United Kingdom",
    # Others with official or older forms in common use.
    "Russian Federation": "Russia", "USSR": "Soviet Union", "Soviet Union": "Soviet Union",
    "People's Republic of China": "China", "PRC": "China", "Mainland China": "China",
    "Republic of Korea": "South Korea", "ROK": "South Korea", "Korea": "South Korea",
    "Democratic People's Republic of Korea": "North Korea", "DPRK": "North Korea",
    "Islamic Republic of Iran": "Iran", "Persia": "Iran",
    "UAE": "United Arab Emirates", "U.A.E.": "United Arab Emirates", "Emirates": "United Arab Emirates",
    "Holland": "Netherlands", "The Netherlands": "Netherlands",
    "Czechia": "Czech Republic", "Türkiye": "Turkey", "Turkiye": "Turkey",
    "Burma": "Myanmar", "Côte d'Ivoire": "Ivory Coast", "Cote d'Ivoire": "Ivory Coast",
    "Swaziland": "Eswatini", "Macedonia": "North Macedonia", "Cabo Verde": "Cape Verde",
    "DRC": "Democratic Republic of the Congo", "DR Congo": "Democratic Republic of the Congo",
    "Democratic Republic of Congo": "Democratic Republic of the Congo",
    "Republic of the Congo": "Congo", "Republic of Congo": "Congo",
    "Vatican City": "Vatican", "Holy See": "Vatican", "Viet Nam": "Vietnam",
    "Kingdom of Saudi Arabia": "Saudi Arabia", "KSA": "Saudi Arabia",
    "Palestinian territories": "Palestine", "State of Palestine": "Palestine",
    "Republic of Ireland": "Ireland", "Eire": "Ireland",
}

# Demonym / adjective -> country, for title qualifiers ("British Foreign Secretary").
DEMONYMS: dict[str, str] = {
    "American": "United States", "U.S.": "United States", "US": "United States",
    "British": "United Kingdom", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "English": "United Kingdom", "Scottish": "United Kingdom", "Welsh": "United Kingdom",
    "Russian": "Russia", "Soviet": "Soviet Union", "Ukrainian": "Ukraine", "Chinese": "China",
    "French": "France", "German": "Germany", "Italian": "Italy", "Spanish": "Spain",
    "Portuguese": "Portugal", "Dutch": "Netherlands", "Belgian": "Belgium", "Polish": "Poland",
    "Czech": "Czech Republic", "Slovak": "Slovakia", "Hungarian": "Hungary", "Romanian": "Romania",
    "Bulgarian": "Bulgaria", "Greek": "Greece", "Turkish": "Turkey", "Swedish": "Sweden",
    "Norwegian": "Norway", "Danish": "Denmark", "Finnish": "Finland", "Irish": "Ireland",
    "Austrian": "Austria", "Swiss": "Switzerland", "Serbian": "Serbia", "Croatian": "Croatia",
    "Belarusian": "Belarus", "Georgian": "Georgia", "Armenian": "Armenia",
    "Azerbaijani": "Azerbaijan", "Azeri": "Azerbaijan", "Kazakh": "Kazakhstan", "Uzbek": "Uzbekistan",
    "Iranian": "Iran", "Iraqi": "Iraq", "Syrian": "Syria", "Lebanese": "Lebanon",
    "Israeli": "Israel", "Palestinian": "Palestine", "Jordanian": "Jordan", "Egyptian": "Egypt",
    "Saudi": "Saudi Arabia", "Emirati": "United Arab Emirates", "Qatari": "Qatar",
    "Yemeni": "Yemen", "Omani": "Oman", "Kuwaiti": "Kuwait", "Libyan": "Libya",
    "Tunisian": "Tunisia", "Algerian": "Algeria", "Moroccan": "Morocco", "Sudanese": "Sudan",
    "Ethiopian": "Ethiopia", "Somali": "Somalia", "Kenyan": "Kenya", "Nigerian": "Nigeria",
    "Ghanaian": "Ghana", "South African": "South Africa", "Afghan": "Afghanistan",
    "Pakistani": "Pakistan", "Indian": "India", "Bangladeshi": "Bangladesh",
    "Sri Lankan": "Sri Lanka", "Nepali": "Nepal", "Burmese": "Myanmar", "Thai": "Thailand",
    "Vietnamese": "Vietnam", "Cambodian": "Cambodia", "Malaysian": "Malaysia",
    "Indonesian": "Indonesia", "Filipino": "Philippines", "Japanese": "Japan",
    "South Korean": "South Korea", "North Korean": "North Korea", "Korean": "South Korea",
    "Taiwanese": "Taiwan", "Mongolian": "Mongolia", "Australian": "Australia",
    "New Zealand": "New Zealand", "Canadian": "Canada", "Mexican": "Mexico",
    "Brazilian": "Brazil", "Argentine": "Argentina", "Argentinian": "Argentina",
    "Chilean": "Chile", "Colombian": "Colombia", "Peruvian": "Peru", "Venezuelan": "Venezuela",
    "Cuban": "Cuba", "Haitian": "Haiti",
}

# Forms that are also common given names or words: never added where NER saw nothing.
AMBIGUOUS: frozenset[str] = frozenset(
    {"Chad", "Georgia", "Jordan", "Turkey", "Israel", "Niger", "Guinea", "Mali", "Korea",
     "Emirates", "America", "Holland", "Eire", "Persia", "Congo"}
)

# Capitals and cities NER often mislabels (e.g. "Kyiv" as PERSON): for label repair only.
PLACES: frozenset[str] = frozenset(
    {"Kyiv", "Kiev", "Kharkiv", "Odesa", "Odessa", "Lviv", "Donetsk", "Luhansk", "Mariupol",
     "Bakhmut", "Kherson", "Zaporizhzhia", "Crimea", "Moscow", "Minsk", "Baku", "Tbilisi",
     "Yerevan", "Ankara", "Istanbul", "Tehran", "Baghdad", "Damascus", "Beirut", "Amman",
     "Jerusalem", "Gaza", "Rafah", "Ramallah", "Cairo", "Riyadh", "Doha", "Dubai", "Sanaa",
     "Kabul", "Islamabad", "Karachi", "Delhi", "New Delhi", "Mumbai", "Dhaka", "Beijing",
     "Shanghai", "Hong Kong", "Taipei", "Tokyo", "Seoul", "Pyongyang", "Manila", "Jakarta",
     "Bangkok", "Hanoi", "Canberra", "Sydney", "Ottawa", "Washington", "New York", "Brussels",
     "London", "Paris", "Berlin", "Rome", "Madrid", "Lisbon", "Warsaw", "Prague", "Vienna",
     "Budapest", "Bucharest", "Sofia", "Athens", "Belgrade", "Stockholm", "Oslo", "Helsinki",
     "Copenhagen", "Dublin", "Geneva", "The Hague", "Amsterdam", "Tripoli", "Tunis", "Algiers",
     "Rabat", "Khartoum", "Addis Ababa", "Nairobi", "Mogadishu", "Lagos", "Abuja", "Caracas",
     "Havana", "Bogota", "Lima", "Santiago", "Brasilia", "Buenos Aires", "Mexico City"}
)

_CANONICAL = {c: c for c in COUNTRIES} | {"Soviet Union": "Soviet Union"}


def country(form: str) -> str | None:
    """The canonical country for a surface form ("U.S." -> "United States"), or None."""
    form = form.strip()
    if form[:4].lower() == "the ":
        form = form[4:]
    return _CANONICAL.get(form) or ALIASES.get(form) or ALIASES.get("the " + form)


def demonym_country(form: str) -> str | None:
    """The country a demonym or country form names ("British" -> "United Kingdom"), or None."""
    return DEMONYMS.get(form.strip()) or country(form)


def all_forms() -> list[str]:
    """Every country surface form, longest first (for a regex alternation)."""
    forms = set(_CANONICAL) | {a for a in ALIASES if not a.startswith("the ")}
    return sorted(forms, key=len, reverse=True)
