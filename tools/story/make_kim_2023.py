#!/usr/bin/env python3
"""Build assets/stories/kim-jong-un-2023.geojson, the bundled default story.

Standard library only (Python 3.11). Reads the shared research folder
(FACTS.md figures are transcribed below, the article and the GeoNames towns are
read from disk) and writes a `storyroute/1` GeoJSON file; see docs/story-format.md.

    python3 tools/story/make_kim_2023.py [--shared DIR] [--out FILE]

Every figure below carries the source given in shared/story/FACTS.md.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_OUT = REPO / "assets" / "stories" / "kim-jong-un-2023.geojson"

EARTH_R_KM = 6371.0088  # same radius as FACTS.md §7
LON_RANGE = (120.0, 145.0)
LAT_RANGE = (35.0, 56.0)

# --------------------------------------------------------------------------
# Sources (FACTS.md URLs)
# --------------------------------------------------------------------------
U = {
    "kcna_depart": "https://www.deccanherald.com/world/kim-jong-un-leaves-for-russia-set-to-meet-president-vladimir-putin-2682397",
    "vok_depart": "http://panafricannews.blogspot.com/2023/09/kim-jong-un-leaves-pyongyang-on-special.html",
    "chosun": "https://english.chosun.com/site/data/html_dir/2023/09/12/2023091200897.html",
    "wion_depart": "https://www.wionews.com/world/train-with-possibly-kim-jong-un-on-board-leaves-north-korea-for-russia-south-korean-media-634806",
    "kcna_khasan": "https://www.shine.cn/news/world/2309138916/",
    "reuters_khasan": "https://www.dailymail.co.uk/wires/reuters/article-12507477/North-Koreas-leader-Kim-Jong-Un-arrives-Russia--Russias-Rossiya-1-TV.html",
    "ria_bridge": "https://pledgetimes.com/kim-jong-un-arrived-in-russia/",
    "ria_bridge2": "https://4esnok.by/novosti/poezd-kim-chen-yna-peresek-granicu-rossii/",
    "yonhap_ussuriysk": "https://menanews.info/2023/09/12/kim-jong-un-accueilli-en-russie",
    "rai_ussuriysk": "https://www.rainews.it/video/2023/09/kim-jong-un-accolto-in-russia-con-tappeto-rosso-picchetto-donore-e-banda-di-ottoni---video-a4cf42e8-05b3-47a1-a58c-343be0577884.html",
    "nhk_amur": "https://www.tellerreport.com/news/2023-09-13-...",
    "kcna_vostochny": "http://kcna.kp/en/article/q/e47f15998b6c765617c6dcf8a7df644b.kcmsf",
    "vok_vostochny": "http://vok.rep.kp/index.php/revo_de/getDetail/ien230914001/en",
    "tass_meeting": "https://tass.com/politics/1674463/amp",
    "ndtv_speed": "https://ndtv.com/world-news/kim-jong-un-reaches-russia-inside-north-korean-leaders-luxurious-bulletproof-train-4381587/amp/1",
    "summit_2019": "https://www.rferl.org/a/putin-north-korea-s-kim-holding-talks-in-russia-s-far-east/29902393.html",
    "tass_2019_route": "https://tass.com/world/1055288",
    "pyongyang_stn": "https://perceptiopt.com/%D0%9F%D1%85%D0%B5%D0%BD%D1%8C%D1%8F%D0%BD_%28%D1%81%D1%82%D0%B0%D0%BD%D1%86%D0%B8%D1%8F%29",
    "khasan_stn": "https://perceptiocs.com/Хасан_(станция)",
    "baranovsky_stn": "https://perceptiopt.com/Барановский_(станция)",
    "khasan_line": "https://de-academic.com/dic.nsf/dewiki/131615",
    "khasan_line_ru": "https://perceptiopt.com/Железнодорожная_линия_Барановский_—_Хасан",
    "ussuriysk_uk": "https://trans.hiragana.jp/ruby/https://uk.wikipedia.org/wiki/%D0%A3%D1%81%D1%81%D1%83%D1%80%D1%96%D0%B9%D1%81%D1%8C%D0%BA",
    "transsib_de": "http://trans-sib.de/legend.htm",
    "transsib_tipps": "https://www.transsib-tipps.de/transsibirische-eisenbahn-reiseberichte/reisebericht-von-gerhard-wacker/in-chabarovsk/",
    "vladivostok_km": "https://vladivostok2022.com/en/guide/sights/1/",
    "tz_dprk": "https://worldtimezone.com/dst_news/dst_news_northkorea02.html",
    "tz_amur": "http://piglix.com/piglix/Belogorsk,_Amur_Oblast",
    "friendship_bridge": "https://qa.edu.vn/en/Korea%E2%80%93Russia_Friendship_Bridge",
    "fakty_2019": "fakty.ua (citing Russian media), as summarised in FACTS.md §1 traction note",
}
GEONAMES = "GeoNames via towns500 (shared/basemap/towns500_kp_ru.geojson, GeoNames cities500, CC BY 4.0)"

# --------------------------------------------------------------------------
# Story points from FACTS.md §1 (lat, lon as printed there) -> [lon, lat]
# quality: S -> station, C -> town, E -> estimate
# --------------------------------------------------------------------------
QUALITY = {"S": "station", "C": "town", "E": "estimate"}

# id: (name, lat, lon, status code, citation)
FACTS_POINTS = {
    "pyongyang": ("Pyongyang", 39.0047, 125.7364, "S", "FACTS.md §1a #1: ru-wiki station infobox via " + U["pyongyang_stn"]),
    "sunchon": ("Sunch'ŏn", 39.4228, 125.9367, "S", "FACTS.md §1a #1b: http://cryer.org.uk/Sunchon_Station"),
    "yangdok": ("Yangdŏk", 39.22, 126.65, "E", "FACTS.md §1a #1c (estimate, no source)"),
    "kowon": ("Kowŏn", 39.4400, 127.2494, "S", "FACTS.md §1a #2: https://en.wikipedia.org/wiki/Kowon_Station"),
    "hamhung": ("Hamhŭng", 39.9170, 127.5330, "C", "FACTS.md §1a #3: https://en.wikipedia.org/wiki/?oldid=964206552&title=Hamhung"),
    "sinpo": ("Sinp'o", 40.0347, 128.1856, "C", "FACTS.md §1a #4: https://wikimili.com/en/Sinpo"),
    "tanchon": ("Tanch'ŏn", 40.4580, 128.9110, "C", "FACTS.md §1a #5: https://wiki.riteme.site/wiki/Dancheon"),
    "kimchaek": ("Kimch'aek", 40.6672, 129.2006, "C", "FACTS.md §1a #6: http://the-uncensored-wiki.com:20161/2016-wikipedia_en_all_2016-02/A/S%C5%8Fngjin.html"),
    "kilju": ("Kilju", 40.9619, 129.3367, "C", "FACTS.md §1a #7: https://de.qwertyu.wiki/wiki/Kilchu"),
    "chongjin": ("Ch'ŏngjin Ch'ŏngnyŏn", 41.7931, 129.7986, "S", "FACTS.md §1a #8: https://wikiclassic.com/wiki/Ch%27%C5%8Fngjin_Ch%27%C5%8Fngny%C5%8Fn_Station"),
    "rajin": ("Rajin", 42.2497, 130.2892, "S", "FACTS.md §1a #9: en-wiki 'Rajin station', cf. https://hmong.in.th/wiki/Rajin_station"),
    "hongui": ("Hongŭi", 42.4255, 130.5366, "S", "FACTS.md §1a #10: https://sagapedia.com/en/Hongui_station"),
    "tumangang": ("Tumangang", 42.4214, 130.6081, "S", "FACTS.md §1a #11: https://hmong.in.th/wiki/Tumangang_station"),
    "bridge": ("Korea–Russia Friendship Bridge", 42.4152, 130.6411, "S", "FACTS.md §1a #12: " + U["friendship_bridge"]),
    "khasan": ("Khasan", 42.4281, 130.6453, "S", "FACTS.md §1b #13: ru-wiki infobox via " + U["khasan_stn"]),
    "baranovsky": ("Baranovsky", 43.6456, 131.9272, "S", "FACTS.md §1b #15: ru-wiki infobox via " + U["baranovsky_stn"]),
    "ussuriysk": ("Ussuriysk", 43.8000, 131.9500, "C", "FACTS.md §1b #16: https://de.wiki.li/Ussurijsk (city centre; the station is about 2 km west)"),
    "ruzhino": ("Ruzhino (Lesozavodsk)", 45.4667, 133.4000, "C", "FACTS.md §1b #18: https://de.wiki.li/Lessosawodsk"),
    "bikin": ("Bikin", 46.8167, 134.2500, "C", "FACTS.md §1b #19: https://wiki.gen.edu.vn/cs/Bikin_(m%C4%9Bsto)"),
    "vyazemsky": ("Vyazemskaya (Vyazemsky)", 47.5333, 134.7500, "C", "FACTS.md §1b #20: https://de.wiki.li/Wjasemski"),
    "khabarovsk": ("Khabarovsk", 48.4966, 135.0727, "S", "FACTS.md §1b #21: https://wikimili.com/en/Khabarovsk_railway_station"),
    "birobidzhan": ("Birobidzhan-1", 48.7928, 132.9350, "S", "FACTS.md §1b #22: https://perceptiode.com/%D0%91%D0%B8%D1%80%D0%BE%D0%B1%D0%B8%D0%B4%D0%B6%D0%B0%D0%BD-1"),
    "obluchye": ("Obluchye", 49.0000, 131.0500, "C", "FACTS.md §1b #23: https://dewiki.academic.ru/dic.nsf/dewiki/1040768"),
    "arkhara": ("Arkhara", 49.4167, 130.0833, "C", "FACTS.md §1b #24: http://de.wikipedia.org/wiki/Archara"),
    "bureya": ("Bureya", 49.8083, 129.8167, "C", "FACTS.md §1b #25: https://www.dewiki.de/Lexikon/Bureja_(Ort)"),
    "zavitaya": ("Zavitaya (Zavitinsk)", 50.1167, 129.4333, "C", "FACTS.md §1b #26: http://de.wikipedia.org/wiki/Sawitinsk"),
    "belogorsk": ("Belogorsk", 50.9167, 128.4833, "C", "FACTS.md §1b #27: http://lt.wikipedia.org/wiki/Belogorskas"),
    "svobodny": ("Svobodny", 51.4000, 128.1000, "C", "FACTS.md §1b #28: http://oenc.net/3714927.html"),
    "ledyanaya": ("Ledyanaya", 51.760, 128.049, "E", "FACTS.md §1b #29: estimate derived from https://www.proza.ru/2019/03/20/1016 ('5 km west' of Svobodny-18); cf. https://kommersant.ru/doc/1914119"),
    "tsiolkovsky": ("Tsiolkovsky", 51.7603, 128.1211, "C", "FACTS.md §1b #30: https://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq.ipfs.dweb.link/wiki/Tsiolkovsky%2C_Amur_Oblast.html"),
    "vostochny": ("Vostochny Cosmodrome", 51.8833, 128.3333, "C", "FACTS.md §1b #31: site centre 51°53′N 128°20′E, en-wiki quoted at https://orbitalhub.com/?p=2048 (centroid of the site, not the station where the train stopped, which was not found)"),
    "vladivostok": ("Vladivostok", 43.1112, 131.8819, "S", "FACTS.md §1c: ja-wiki mirror http://mobile.seisyun.net/wgate/%E3%82%A6%E3%83%A9%E3%82%B8%E3%82%AA%E3%82%B9%E3%83%88%E3%82%AF%E9%A7%85/p8"),
}

# Shape points with no sourced coordinate: placed by hand on land, inland of the
# Natural Earth 10m coastline, where a straight segment between sourced points
# would cut across a bay. Labelled as estimates in the output.
ESTIMATES = {
    "hongwon_e": ("Hongwŏn–Sinp'o, north of the bay (estimate)", 128.06, 40.07,
                  "estimate: keeps the line on land north of the bay between Hongwŏn and Sinp'o (Natural Earth coastline)"),
    "bukchong": ("Sinbukch'ŏng–Pukch'ŏng stretch (estimate)", 128.30, 40.12,
                 "estimate: no station coordinate found; keeps the line inland between Sinp'o and Iwŏn (historic Hamgyŏng Line via Sinbukch'ŏng, FACTS.md §2)"),
    "koesan": ("Kŏsan stretch (estimate)", 128.45, 40.17,
               "estimate: no station coordinate found; keeps the line inland of the coast between Sinp'o and Iwŏn"),
    "iwon_s": ("south of Iwŏn (estimate)", 128.55, 40.28,
               "estimate: keeps the line inland of the coast south of Iwŏn"),
    "cr1": ("Ch'ŏngjin–Rajin line, Susŏng side (estimate)", 129.84, 41.90,
            "estimate: no station coordinates found for the Pyongra Line between Ch'ŏngjin and Rajin; placed inland of the coast"),
    "cr2": ("Ch'ŏngjin–Rajin line (estimate)", 129.95, 42.02,
            "estimate: no station coordinates found; placed inland of the coast"),
    "cr3": ("Ch'ŏngjin–Rajin line (estimate)", 130.06, 42.10,
            "estimate: no station coordinates found; placed inland of the coast"),
    "cr4": ("Ch'ŏngjin–Rajin line, approach to Rajin (estimate)", 130.18, 42.19,
            "estimate: no station coordinates found; placed inland of the coast"),
    "makhalino": ("Makhalino stretch (estimate)", 130.64, 42.55,
                  "estimate: Makhalino is the first station after Khasan (FACTS.md §1b #14), no coordinate found; placed west of the lagoons and Expedition Bay"),
    "makhalino2": ("west of Expedition Bay (estimate)", 130.63, 42.64,
                   "estimate: keeps the line on land west of Expedition Bay (Natural Earth coastline)"),
    "kraskino_w": ("north shore of Expedition Bay (estimate)", 130.68, 42.71,
                   "estimate: keeps the line on land north of Expedition Bay on the way to Kraskino"),
    "gvozdevo": ("Gvozdevo area (estimate)", 130.95, 42.73,
                 "estimate: Posyet/Gvozdevo station named in the line diagram (FACTS.md §1b #14), no coordinate found"),
    "ryazanovka": ("Ryazanovka area (estimate)", 131.22, 42.80,
                   "estimate: Ryazanovka station named in the line diagram (FACTS.md §1b #14), no coordinate found"),
    "bamburovo": ("Bamburovo area (estimate)", 131.40, 42.98,
                  "estimate: Bamburovo station named in the line diagram (FACTS.md §1b #14), no coordinate found"),
}

# --------------------------------------------------------------------------
# Legs: sequence of shape points. "F:key" = FACTS point, "G:Name" = GeoNames town,
# "E:key" = hand-placed estimate (ESTIMATES above).
# --------------------------------------------------------------------------
LEGS = [
    ("pyongyang", "tumangang", [
        "F:pyongyang", "G:P’yŏngsŏng", "F:sunchon", "F:yangdok", "F:kowon",
        "G:Sinsang-ni", "F:hamhung", "G:Hongwŏn", "E:hongwon_e", "F:sinpo", "E:bukchong", "E:koesan", "E:iwon_s",
        "G:Iwŏn-ŭp", "F:tanchon", "F:kimchaek", "F:kilju", "G:Myŏngch’ŏn", "G:Ŏrang", "G:Kyŏngsŏng",
        "G:Sŭngam-nodongjagu", "G:Ranam", "F:chongjin", "E:cr1", "E:cr2", "E:cr3", "E:cr4", "F:rajin", "G:Sŏnbong", "F:hongui", "F:tumangang",
    ]),
    ("tumangang", "khasan", ["F:tumangang", "F:bridge", "F:khasan"]),
    ("khasan", "baranovsky", [
        "F:khasan", "E:makhalino", "E:makhalino2", "E:kraskino_w", "G:Kraskino",
        "E:gvozdevo", "E:ryazanovka", "E:bamburovo", "G:Primorskiy", "G:Zanadvorovka", "G:Nezhino", "F:baranovsky",
    ]),
    ("baranovsky", "ussuriysk", ["F:baranovsky", "F:ussuriysk"]),
    ("ussuriysk", "khabarovsk", [
        "F:ussuriysk", "G:Sibirtsevo", "G:Spassk-Dal’niy", "F:ruzhino", "G:Dalnerechensk",
        "G:Luchegorsk", "F:bikin", "G:Lermontovka", "F:vyazemsky", "G:Khor",
        "G:Korfovskiy", "G:Khabarovsk Vtoroy", "F:khabarovsk",
    ]),
    ("khabarovsk", "belogorsk", [
        "F:khabarovsk", "G:Priamurskiy", "G:Volochayevka Vtoraya", "G:Smidovich", "F:birobidzhan",
        "G:Bira", "G:Londoko", "G:Birakan", "G:Izvestkovyy", "F:obluchye", "F:arkhara",
        "F:bureya", "F:zavitaya", "G:Yekaterinoslavka", "F:belogorsk",
    ]),
    ("belogorsk", "ledyanaya", ["F:belogorsk", "G:Seryshevo", "F:svobodny", "F:ledyanaya"]),
    ("ledyanaya", "vostochny", ["F:ledyanaya", "F:tsiolkovsky", "F:vostochny"]),
]
DETOUR = ("ussuriysk", "vladivostok", [
    "F:ussuriysk", "F:baranovsky", "G:Razdol’noye", "G:Kiparisovo",
    "G:Vol’no-Nadezhdinskoye", "G:Trudovoye", "F:vladivostok",
])

# Rail distances, FACTS.md §2
RAIL = {
    ("pyongyang", "tumangang"): (845, "ru-wiki Pyongyang station infobox (Pyongyang–Khasan 850 km) via " + U["pyongyang_stn"] + " ; ru-wiki Khasan station infobox (Khasan–Tumangang 5 km) via " + U["khasan_stn"] + " (FACTS.md §2)",
                                 "derived: Pyongyang–Khasan 850 km minus Khasan–Tumangang 5 km; no official Pyongyang–Tumangang figure was found (SCMP's '800km' is second-hand). Medium–low confidence"),
    ("tumangang", "khasan"): (5, "ru-wiki Khasan station infobox via " + U["khasan_stn"] + " (FACTS.md §2)", None),
    ("khasan", "baranovsky"): (238, "Baranovsky–Khasan line chainage (Khasan at km 238): " + U["khasan_line"] + " ; " + U["khasan_line_ru"] + " (FACTS.md §2)", None),
    ("baranovsky", "ussuriysk"): (23, "Baranovsky km 9,200: ru-wiki infobox via " + U["baranovsky_stn"] + " ; Ussuriysk 112 km to Vladivostok (km 9,288.3): " + U["ussuriysk_uk"] + " (FACTS.md §2)",
                                  "derived from kilometre posts: Baranovsky 9,200 minus Ussuriysk ≈9,177 (itself derived as 9,288.3 − 112); consistent with Khasan–Ussuriysk 260 − 238 = 22 km (Khasan infobox)"),
    ("ussuriysk", "khabarovsk"): (654, "Khabarovsk-1 km 8,523: " + U["transsib_de"] + " ; Ussuriysk ≈ km 9,177 derived from " + U["ussuriysk_uk"] + " (FACTS.md §2)",
                                  "derived from kilometre posts: ≈9,177 − 8,523 (the Ussuriysk post is itself derived, medium confidence)"),
    ("khabarovsk", "belogorsk"): (657, "Khabarovsk-1 km 8,523: " + U["transsib_de"] + " ; Belogorsk km 7,866: travel report " + U["transsib_tipps"] + " (FACTS.md §2)",
                                  "derived from kilometre posts 8,523 − 7,866; the Belogorsk post comes from a travel report, not an official source (medium–low confidence; FACTS.md §7 finds Belogorsk→Svobodny km posts shorter than the straight line)"),
    ("belogorsk", "ledyanaya"): (None, None,
                                 "no rail distance: the Ledyanaya kilometre post was not found (FACTS.md §2 and §8; an estimate of ≈ km 7,762–7,765 exists but is not sourced), so the drawn length is used"),
    ("ledyanaya", "vostochny"): (None, None,
                                 "no rail distance: the length of the Ledyanaya–Tsiolkovsky/Vostochny branch and the siding where the train stopped were not found (FACTS.md §2 and §8), so the drawn length is used"),
    ("ussuriysk", "vladivostok"): (112, "uk-wiki Ussuriysk (112 km to Vladivostok) via " + U["ussuriysk_uk"] + " (FACTS.md §2)", None),
}

# --------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------
DEPART_SOURCE = f"KCNA via Reuters/Deccan Herald: {U['kcna_depart']} ; Voice of Korea via TASS: {U['vok_depart']} ; South Korean government via Chosun: {U['chosun']} (FACTS.md §3)"

PLACES = [
    dict(id="pyongyang", role="origin", status="departed", country="KP", utc_offset="+09:00",
         reported_departure={"time": "2023-09-10T17:00:00+09:00", "approximate": True, "source": DEPART_SOURCE,
                             "note": "Reported only as 'afternoon' (KCNA) / 'late afternoon' (Voice of Korea) / 'evening' (South Korean government) on Sunday 10 September; the clock time 17:00 is an assumption in the middle of a 16:00–18:00 range (FACTS.md §3)"},
         note="Kim left Pyongyang Station on Sunday 10 September 2023 after a send-off ceremony. The North Korean routing was never published; the map assumes the standard Pyongra Line to Rajin, then the Hambuk and Hongŭi lines to Tumangang (FACTS.md §0)."),
    dict(id="tumangang", role="stop", status="passed", country="KP", utc_offset="+09:00",
         note="Last North Korean station before the Friendship Bridge over the Tumen. No time was reported for the outward passage; on Monday 11 September a train 'believed to be carrying Kim' was photographed at the border (AP/Yonhap caption via Chosun, " + U["chosun"] + ")."),
    dict(id="khasan", role="border", status="stopped", country="RU", utc_offset="+10:00",
         reported_arrival={"time": "2023-09-12T06:00:00+10:00", "approximate": False,
                           "source": f"KCNA via Xinhua/Shine: {U['kcna_khasan']} ; Reuters/Rossiya-1 via Daily Mail: {U['reuters_khasan']} (FACTS.md §3)",
                           "note": "KCNA: the train 'entered the yard of the Khasan Railway Station' at 06:00 local time"},
         note="Russian border station. Welcome ceremony with Natural Resources Minister Alexander Kozlov and Primorye governor Oleg Kozhemyako, talks in the station reception room, then the train went on (KCNA, FACTS.md §3). Departure time not reported."),
    dict(id="baranovsky", role="stop", status="passed", country="RU", utc_offset="+10:00",
         reported_arrival={"time": "2023-09-12T12:15:00+10:00", "approximate": True,
                           "source": f"RIA Novosti via {U['ria_bridge']} ; {U['ria_bridge2']} (FACTS.md §3)",
                           "note": "RIA: at about 05:15 Moscow time (≈12:15 local) the train crossed the railway bridge over the Razdolnaya River, 'moving north'. The Khasan line meets the Trans-Siberian at that bridge at Baranovsky, so this is taken as the time the train passed Baranovsky"},
         note="Junction where the line from Khasan joins the Trans-Siberian, about 23 km south of Ussuriysk. A northbound train turns north here and never touches Vladivostok."),
    dict(id="ussuriysk", role="stop", status="passed", country="RU", utc_offset="+10:00",
         note="Yonhap photographed the train at Ussuriysk on 12 September (time not given), showing it had bypassed Vladivostok; no ceremony stop was reported (" + U["yonhap_ussuriysk"] + " ; " + U["rai_ussuriysk"] + "). The coordinate is the city centre; the station is about 2 km west."),
    dict(id="khabarovsk", role="stop", status="passed", country="RU", utc_offset="+10:00",
         note="No time was reported for the outward passage through Khabarovsk (FACTS.md §3)."),
    dict(id="belogorsk", role="stop", status="passed", country="RU", utc_offset="+09:00",
         note="Belogorsk is in Amur Oblast (UTC+9; clocks go back an hour between Obluchye and Arkhara). A Russian railway official told NHK the train had entered Amur Oblast overnight on 12–13 September (the time is garbled in the stored copy: tellerreport.com, 13 Sep 2023, " + U["nhk_amur"] + ", URL truncated in FACTS.md §3); no time was reported for Belogorsk itself."),
    dict(id="ledyanaya", role="stop", status="passed", country="RU", utc_offset="+09:00",
         note="Trans-Siberian station serving the cosmodrome, where the branch to Tsiolkovsky and Vostochny leaves the main line. Its coordinate is an estimate (FACTS.md §1b #29); no time was reported."),
    dict(id="vostochny", role="destination", status="arrived", country="RU", utc_offset="+09:00",
         reported_arrival={"time": "2023-09-13T13:00:00+09:00", "approximate": False,
                           "source": f"KCNA: {U['kcna_vostochny']} ; Voice of Korea: {U['vok_vostochny']} (FACTS.md §3)",
                           "note": "KCNA: the train 'arrived at the Vostochny Spaceport at 13:00 local time'. Which siding it stopped at was not found; the point is the centre of the site"},
         note="Putin met Kim at 07:09 Moscow time (13:09 local) at the entrance of the launch-vehicle assembly and test building (TASS, " + U["tass_meeting"] + "); tour, delegation talks and a one-on-one followed."),
    dict(id="vladivostok", role="waypoint", status="bypassed", country="RU", utc_offset="+10:00",
         note="The meeting had been expected in Vladivostok, where Putin was attending the Eastern Economic Forum, and the 2019 Putin–Kim summit was held there (Far Eastern Federal University, Russky Island, 25 April 2019). Instead the train turned north at Baranovsky, where the Khasan line meets the Trans-Siberian: Yonhap photographed it at Ussuriysk on 12 September. In 2019 the train had gone via Ussuriysk, changing locomotives there, and on to Vladivostok."),
]

# Which article sentences belong to which place (keywords matched in the sentence).
EXCERPT_KEYWORDS = {
    "pyongyang": ["Pyongyang"],
    # The opening sentence's ceremony (brass band, red carpet) took place at Khasan.
    "khasan": ["Khasan"],
    "vostochny": ["Vostochny"],
    "vladivostok": ["Vladivostok"],
    "tumangang": ["Tumangang", "Tumen"],
    "baranovsky": ["Baranovsk", "Razdolnaya"],
    "ussuriysk": ["Ussuriysk"],
    "khabarovsk": ["Khabarovsk"],
    "belogorsk": ["Belogorsk", "Amur"],
    "ledyanaya": ["Ledyanaya"],
}

# Descriptions rather than names: used only for sentences that name no place, so that a
# sentence naming Khasan or Vladivostok is not also attached to the space centre.
EXCERPT_DESCRIPTIONS = {
    # The opening sentence's ceremony (brass band, red carpet) took place at Khasan.
    "khasan": ["official ceremony including a brass band"],
    "vostochny": ["space centre"],
}

SPEED_QUOTE = ("Rumors suggest Mr. Kim’s train, equipped with a minimum of 20 heavy bulletproof "
               "carriages, progresses at a sluggish pace of only around 37mph because of the extra weight.")


# --------------------------------------------------------------------------
def haversine_km(a, b):
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_R_KM * math.asin(math.sqrt(h))


def polyline_km(coords):
    return sum(haversine_km(coords[i], coords[i + 1]) for i in range(len(coords) - 1))


def r4(x):
    return round(x + 0.0, 4)


def load_towns(shared: Path):
    towns = {}
    for fn in ("towns500_kp_ru.geojson", "places.geojson"):
        data = json.loads((shared / "basemap" / fn).read_text(encoding="utf-8"))
        for f in data["features"]:
            p = f["properties"]
            if p.get("country") not in ("KP", "RU"):
                continue
            towns.setdefault(p["name"], []).append((f["geometry"]["coordinates"], p, fn))
    return towns


def load_land(shared: Path):
    data = json.loads((shared / "basemap" / "land.geojson").read_text(encoding="utf-8"))
    polys = []
    for f in data["features"]:
        g = f["geometry"]
        parts = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        polys.extend(parts)
    return polys


def in_ring(pt, ring):
    x, y = pt
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def on_land(pt, polys):
    for poly in polys:
        if in_ring(pt, poly[0]) and not any(in_ring(pt, hole) for hole in poly[1:]):
            return True
    return False


def split_sentences(paragraph: str):
    # Split after . ! ? (optionally followed by a closing quote) and whitespace,
    # when the next sentence starts with a capital letter or an opening quote.
    # "Mr." is not a sentence end.
    parts = re.split(r"(?<=[.!?])(?<!Mr\.)(?<!Mrs\.)(?<!Dr\.)\s+(?=[A-Z“\"])|(?<=[.!?]”)\s+(?=[A-Z“])", paragraph)
    return [s for s in parts if s]


def resolve(token, towns):
    kind, key = token.split(":", 1)
    if kind == "F":
        name, lat, lon, q, src = FACTS_POINTS[key]
        sec = src.split(":", 1)[0]
        return [r4(lon), r4(lat)], {"name": name, "source": src, "quality": QUALITY[q]}, sec
    if kind == "E":
        name, lon, lat, note = ESTIMATES[key]
        return [r4(lon), r4(lat)], {"name": name, "source": note, "quality": "estimate"}, None
    hits = towns.get(key)
    if not hits:
        raise SystemExit(f"shape point {key!r} not found in the GeoNames files")
    coords, props, fn = hits[0]
    return [r4(coords[0]), r4(coords[1])], {"name": key, "source": GEONAMES if fn.startswith("towns500") else "GeoNames via places.geojson", "geonameid": props.get("geonameid")}, None


def canonical(value):
    """The file as storyroute saves it: no null members, no `detour: false`, no empty
    excerpt lists, so that loading and saving the bundled story changes nothing."""
    if isinstance(value, dict):
        return {
            key: canonical(item)
            for key, item in value.items()
            if item is not None
            and not (key == "detour" and item is False)
            and not (key == "excerpts" and item == [])
        }
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    shared = args.shared

    # ---- article --------------------------------------------------------
    raw = (shared / "story" / "article.txt").read_text(encoding="utf-8")
    paragraphs = [line.rstrip("\n").rstrip("\r") for line in raw.split("\n")]
    while paragraphs and paragraphs[-1] == "":
        paragraphs.pop()
    assert all(p.strip() for p in paragraphs), "empty paragraph in article.txt"
    assert any(SPEED_QUOTE in p for p in paragraphs), "speed quote not verbatim"
    assert "37mph" in SPEED_QUOTE

    sentences = [s for p in paragraphs for s in split_sentences(p)]
    for s in sentences:
        assert any(s in p for p in paragraphs), s

    towns = load_towns(shared)
    land = load_land(shared)

    # ---- place features -----------------------------------------------
    features = []
    place_coord = {}
    unassigned = []
    excerpts_of = {pl["id"]: [] for pl in PLACES}
    for s in sentences:
        hit = False
        for pid, kws in EXCERPT_KEYWORDS.items():
            if any(k in s for k in kws):
                excerpts_of[pid].append(s)
                hit = True
        if not hit:
            for pid, kws in EXCERPT_DESCRIPTIONS.items():
                if any(k in s for k in kws):
                    excerpts_of[pid].append(s)
                    hit = True
        if not hit:
            unassigned.append(s)

    for pl in PLACES:
        name, lat, lon, q, src = FACTS_POINTS[pl["id"]]
        coord = [r4(lon), r4(lat)]
        place_coord[pl["id"]] = coord
        props = {
            "id": pl["id"], "name": name, "role": pl["role"], "status": pl["status"],
            "country": pl["country"], "utc_offset": pl["utc_offset"],
            "coordinate_source": src, "coordinate_quality": QUALITY[q],
        }
        if pl["id"] == "vostochny":
            props["name"] = "Vostochny Cosmodrome"
        for k in ("reported_arrival", "reported_departure"):
            if k in pl:
                props[k] = pl[k]
        props["note"] = pl["note"]
        props["excerpts"] = excerpts_of[pl["id"]]
        for e in props["excerpts"]:
            assert any(e in p for p in paragraphs), f"excerpt not verbatim: {e}"
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": coord}, "properties": props})

    # ---- legs -------------------------------------------------------------
    rows = []
    leg_feats = []
    all_legs = [(f, t, seq, False) for f, t, seq in LEGS] + [(DETOUR[0], DETOUR[1], DETOUR[2], True)]
    for frm, to, seq, detour in all_legs:
        coords, shape = [], []
        for tok in seq:
            c, info, _ = resolve(tok, towns)
            coords.append(c)
            shape.append(info)
        props = {"from": frm, "to": to}
        km, src, note = RAIL[(frm, to)]
        if km is not None:
            props["rail_distance_km"] = km
            props["rail_distance_source"] = src
        if note:
            props["rail_distance_note"] = note
        props["border_crossing"] = None
        if (frm, to) == ("tumangang", "khasan"):
            bc = [r4(FACTS_POINTS["bridge"][2]), r4(FACTS_POINTS["bridge"][1])]
            assert bc in coords, "the bridge must be a vertex of the border leg"
            props["border_crossing"] = {"lon_lat": bc, "name": "Korea–Russia Friendship Bridge (Tumen River)",
                                        "source": FACTS_POINTS["bridge"][4]}
        props["detour"] = detour
        if detour:
            props["note"] = ("What-if: the 2019 route into Vladivostok, travelled out and back; not part of the 2023 journey. "
                             "In 2019 the train came from Khasan via Ussuriysk, where its locomotive was changed (fakty.ua citing Russian media; TASS "
                             + U["tass_2019_route"] + "), then took the Trans-Siberian south to Vladivostok.")
        props["shape_points"] = shape
        props["geometry_note"] = ("Drawn through the stations and towns listed in shape_points (straight segments between them), "
                                  "not traced from railway geometry; the real line is longer than the drawing.")
        leg_feats.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": coords}, "properties": props})
        drawn = polyline_km(coords)
        rows.append((f"{frm}→{to}" + (" (detour)" if detour else ""), len(coords), drawn, km))

    # ---- checks ---------------------------------------------------------
    ids = [f["properties"]["id"] for f in features]
    assert len(ids) == len(set(ids)), "duplicate place id"
    route = [f for f in leg_feats if not f["properties"]["detour"]]
    assert route[0]["properties"]["from"] == "pyongyang" and route[-1]["properties"]["to"] == "vostochny"
    for a, b in zip(route, route[1:]):
        assert a["properties"]["to"] == b["properties"]["from"], "legs do not chain"
        assert a["geometry"]["coordinates"][-1] == b["geometry"]["coordinates"][0], "geometry does not chain"
    sea = []
    for f in leg_feats:
        p, c = f["properties"], f["geometry"]["coordinates"]
        assert p["from"] in ids and p["to"] in ids
        assert c[0] == place_coord[p["from"]], f"first vertex of {p['from']}→{p['to']}"
        assert c[-1] == place_coord[p["to"]], f"last vertex of {p['from']}→{p['to']}"
        for i, (lon, lat) in enumerate(c):
            assert LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1], (lon, lat)
            if i:
                assert c[i] != c[i - 1], f"repeated vertex in {p['from']}→{p['to']}"
            assert on_land((lon, lat), land), f"vertex in the sea: {p['shape_points'][i]['name']} {lon},{lat}"
        # segments: sample every ~1 km and report any sample outside the land polygons
        for i in range(len(c) - 1):
            n = max(2, int(haversine_km(c[i], c[i + 1])))
            for k in range(1, n):
                t = k / n
                q = (c[i][0] + t * (c[i + 1][0] - c[i][0]), c[i][1] + t * (c[i + 1][1] - c[i][1]))
                if not on_land(q, land):
                    sea.append((f"{p['from']}→{p['to']}", p["shape_points"][i]["name"], p["shape_points"][i + 1]["name"], round(q[0], 4), round(q[1], 4)))
    for f in features:
        lon, lat = f["geometry"]["coordinates"]
        assert LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]
        assert on_land((lon, lat), land), f"place in the sea: {f['properties']['id']}"

    story = {
        "format": "storyroute/1",
        "title": "Kim Jong Un's armoured train to the Vostochny Cosmodrome",
        "outlet": None,
        "outlet_note": "The article text supplied with the project does not name its outlet, and FACTS.md does not identify it.",
        "date": "2023-09-13",
        "date_note": "Publication date not given in the text; 13 September 2023 is the day of the Putin–Kim meeting the article reports on as imminent.",
        "url": None,
        "article": paragraphs,
        "article_source": "The article supplied with the project (shared/story/article.txt), one paragraph per line, verbatim including its typos.",
        "default_speed": {
            "value": 37, "unit": "mph",
            "source": "Article; figure from Seoul's Ministry of Unification (60 km/h, 37 mph) via AFP/NDTV — FACTS.md §4: " + U["ndtv_speed"],
            "quote": SPEED_QUOTE,
        },
        "departure": {
            "time": "2023-09-10T17:00:00+09:00", "assumed": True,
            "note": "Kim left Pyongyang on Sunday 10 September 2023; KCNA said 'afternoon', the Voice of Korea 'late afternoon' and the South Korean government 'evening'. No clock time was published: 17:00 Pyongyang time (UTC+9) is an assumption in the middle of a 16:00–18:00 range (FACTS.md §3).",
            "source": DEPART_SOURCE,
        },
        "sources": [
            {"label": "Departure, 'afternoon' (KCNA via Reuters/Deccan Herald)", "url": U["kcna_depart"]},
            {"label": "Departure, 'late afternoon' (Voice of Korea via TASS)", "url": U["vok_depart"]},
            {"label": "Route toward the northeast border, slow night travel (Chosun Ilbo)", "url": U["chosun"]},
            {"label": "Khasan arrival 06:00 and welcome ceremony (KCNA via Xinhua/Shine)", "url": U["kcna_khasan"]},
            {"label": "Arrival in Russia (Reuters/Rossiya-1)", "url": U["reuters_khasan"]},
            {"label": "Razdolnaya bridge ≈05:15 Moscow time (RIA via Pledge Times)", "url": U["ria_bridge"]},
            {"label": "Train photographed at Ussuriysk (Yonhap via menanews)", "url": U["yonhap_ussuriysk"]},
            {"label": "Vostochny arrival 13:00 local (KCNA)", "url": U["kcna_vostochny"]},
            {"label": "Meeting at 07:09 Moscow time (TASS)", "url": U["tass_meeting"]},
            {"label": "Speed 60 km/h (37 mph), Ministry of Unification (AFP via NDTV)", "url": U["ndtv_speed"]},
            {"label": "2019 summit in Vladivostok (RFE/RL)", "url": U["summit_2019"]},
            {"label": "Pyongyang station, 850 km to Khasan (ru-wiki mirror)", "url": U["pyongyang_stn"]},
            {"label": "Khasan station (ru-wiki mirror)", "url": U["khasan_stn"]},
            {"label": "Baranovsky station, km 9,200 (ru-wiki mirror)", "url": U["baranovsky_stn"]},
            {"label": "Baranovsky–Khasan line, 238 km (de-wiki mirror)", "url": U["khasan_line"]},
            {"label": "Ussuriysk, 112 km to Vladivostok (uk-wiki mirror)", "url": U["ussuriysk_uk"]},
            {"label": "Trans-Siberian kilometre posts, Khabarovsk km 8,523", "url": U["transsib_de"]},
            {"label": "Belogorsk km 7,866 (travel report)", "url": U["transsib_tipps"]},
            {"label": "Amur Oblast time zone UTC+9", "url": U["tz_amur"]},
            {"label": "DPRK time zone UTC+9 since May 2018", "url": U["tz_dprk"]},
            {"label": "GeoNames populated places (shape points), CC BY 4.0", "url": "https://www.geonames.org/"},
        ],
    }
    out = {"type": "FeatureCollection", "story": story, "features": features + leg_feats}
    assert out["story"]["default_speed"]["quote"] in "\n".join(paragraphs)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    out = canonical(out)
    args.out.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    # ---- summary ----------------------------------------------------------
    print(f"wrote {args.out}")
    print(f"{'leg':34} {'verts':>5} {'drawn km':>9} {'rail km':>8} {'rail/drawn':>10}")
    for name, n, drawn, km in rows:
        ratio = f"{km / drawn:.3f}" if km else "—"
        print(f"{name:34} {n:5d} {drawn:9.1f} {km if km else '—':>8} {ratio:>10}")
    tot_drawn = sum(r[2] for r in rows if "detour" not in r[0])
    print(f"{'route total (drawn)':34} {'':5} {tot_drawn:9.1f}")
    print(f"excerpts: {sum(len(v) for v in excerpts_of.values())} attachments; sentences with no place: {len(unassigned)}")
    for s in unassigned:
        print("   no place:", s[:90] + ("…" if len(s) > 90 else ""))
    if sea:
        print(f"segment samples outside the land polygons: {len(sea)}")
        for s in sea:
            print("   ", s)
    else:
        print("all segment samples (every ~1 km) lie on land")
    return 0


if __name__ == "__main__":
    sys.exit(main())
