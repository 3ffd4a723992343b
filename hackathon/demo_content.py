"""Fictional but realistic content of the demo Social Impact Hackathon: people, organisations, challenges."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

# --------------------------------------------------------------------------------------------------
# The event
# --------------------------------------------------------------------------------------------------

EVENT: dict[str, str] = {
    "slug": "social-impact-hackathon",
    "name": "Social Impact Hackathon",
    "tagline": "Three days to build green and digital tools with and for the social economy.",
    "description": (
        "The **Social Impact Hackathon** brings social economy enterprises together with developers, "
        "designers, researchers and students for three days in Geisenhausen, Lower Bavaria. It is part of "
        "**SocialTech4EU**, a Eurocluster project of the Proximity and Social Economy ecosystem, and we run "
        "it with our partners from Italy, Romania, Sweden and Spain, joined by friends from the SoTecIn "
        "Factory community in Portugal and the Netherlands.\n\n"
        "Cooperatives, foundations and work-integration social enterprises put people before profit and "
        "bring those at the margins of the labour market into work. Yet they often lack access to finance, "
        "digital skills and the talent they need to take part in the **twin green and digital transition**. "
        "Eight organisations bring real challenges, from repair cafés and community energy to food banks "
        "and home care, and your team has three days to build something they can actually use on Monday "
        "morning.\n\n"
        "We care about **inclusion** and **circularity**: reuse, repair and refurbishment before recycling; "
        "tools that work for older people, newcomers and people with disabilities; and open solutions the "
        "next cooperative can adopt. No social-economy experience needed: bring your skills and your "
        "curiosity. Mentors, meals and plenty of coffee are on us."
    ),
    "venue": "Silicon Vilstal Innovation Hub, Hauptstr. 15, 84144 Geisenhausen",
    "city": "Geisenhausen",
    "timezone": "Europe/Berlin",
}

# --------------------------------------------------------------------------------------------------
# People: names by ISO country code (combinations are random, so nobody real is meant)
# --------------------------------------------------------------------------------------------------

FIRST_NAMES: dict[str, tuple[str, ...]] = {
    "DE": (
        "Jürgen", "Lena", "Maximilian", "Sophie", "Lukas", "Anna", "Felix", "Katharina", "Jonas", "Lea",
        "Tobias", "Johanna", "Florian", "Miriam", "Matthias", "Franziska", "Sebastian", "Theresa", "Andreas",
        "Hannah", "Stefan", "Sabine", "Jörg", "Bärbel", "Moritz", "Greta", "Benedikt", "Ursula",
        "Emre", "Leonie",
    ),
    "IT": (
        "Giulia", "Marco", "Francesca", "Alessandro", "Chiara", "Luca", "Sara", "Matteo", "Elena", "Davide",
        "Martina", "Giorgio", "Federica", "Lorenzo", "Valentina", "Andrea", "Silvia", "Niccolò", "Beatrice",
        "Stefano", "Ilaria", "Paolo", "Alessia", "Tommaso", "Elisa", "Gianluca", "Noemi", "Pietro",
    ),
    "RO": (
        "Ștefan", "Andreea", "Mihai", "Ioana", "Alexandru", "Elena", "Cristian", "Maria", "Andrei", "Ana",
        "Bogdan", "Irina", "Răzvan", "Oana", "Vlad", "Simona", "Adrian", "Raluca", "Gheorghe", "Cătălina",
        "Florin", "Mădălina", "Sorin", "Roxana", "Ionuț", "Bianca", "Tudor", "Ilinca",
    ),
    "SE": (
        "Åsa", "Erik", "Ingrid", "Lars", "Karin", "Anders", "Maja", "Johan", "Sofia", "Oskar", "Elin",
        "Gustav", "Linnéa", "Nils", "Ebba", "Magnus", "Frida", "Björn", "Astrid", "Henrik", "Sara", "Mattias",
        "Klara", "Per", "Märta", "Ludvig", "Agnes", "Amir",
    ),
    "ES": (
        "José", "María", "Javier", "Lucía", "Carlos", "Carmen", "Alejandro", "Laura", "Pablo", "Marta",
        "Sergio", "Elena", "Álvaro", "Paula", "Andrés", "Nerea", "Raúl", "Inés", "Jorge", "Irene", "Íñigo",
        "Begoña", "Rubén", "Sofía", "Adrián", "Ainhoa", "Diego", "Noelia",
    ),
    "PT": (
        "João", "Maria", "Inês", "Tiago", "Beatriz", "Rui", "Catarina", "Miguel", "Mariana", "Duarte",
        "Sofia", "Gonçalo", "Leonor", "Francisco", "Joana", "Afonso", "Rita", "Tomás", "Marta", "Nuno",
        "Carolina", "Diogo", "Ana", "Sebastião", "Constança", "Bruno", "Filipa",
    ),
    "NL": (
        "Daan", "Sanne", "Bram", "Femke", "Joris", "Lotte", "Sem", "Eva", "Thijs", "Anouk", "Ruben", "Iris",
        "Jeroen", "Marieke", "Pieter", "Fleur", "Koen", "Noor", "Bas", "Esther", "Wouter", "Lieke", "Stijn",
        "Maaike", "Niels", "Jolien", "Sjoerd", "Yara",
    ),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "DE": (
        "Müller", "Schmidt", "Huber", "Wagner", "Bauer", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter",
        "Weiß", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Krüger", "Hofmann", "Meier", "Lehmann",
        "Brandl", "Gruber", "Steiner", "Maier", "Wimmer", "Pöschl", "Obermeier", "Kößler", "Fuchs", "Yılmaz",
    ),
    "IT": (
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
        "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
        "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli",
    ),
    "RO": (
        "Popescu", "Ionescu", "Popa", "Dumitrescu", "Stan", "Stoica", "Gheorghiu", "Rusu", "Munteanu",
        "Matei", "Constantin", "Șerban", "Marin", "Tănase", "Mocanu", "Lungu", "Dinu", "Radu", "Neagu",
        "Ciobanu", "Vasilescu", "Niculescu", "Bălan", "Toma", "Pădure", "Mihăilescu", "Moldovan",
    ),
    "SE": (
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
        "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
        "Lindberg", "Lindqvist", "Lundgren", "Berglund", "Sjöberg", "Forsberg", "Åberg", "Holmström",
        "Ekström", "Öberg", "Sandström", "Wallin",
    ),
    "ES": (
        "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
        "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro",
        "Torres", "Domínguez", "Gil", "Serrano", "Blasco", "Lasheras", "Ibáñez", "Lázaro",
    ),
    "PT": (
        "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa",
        "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro", "Pinto",
        "Carvalho", "Teixeira", "Moreira", "Correia", "Mendes", "Nunes", "Magalhães", "Simões", "Conceição",
    ),
    "NL": (
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer",
        "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
        "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kuipers", "Verhoeven", "Prins",
    ),
}

# --------------------------------------------------------------------------------------------------
# Organisations, all fictional.
# kind: cooperative, social enterprise, foundation, association, university or company
# --------------------------------------------------------------------------------------------------

ORGANISATIONS: tuple[dict[str, str], ...] = (
    # Germany
    {"name": "Werkstatt Zukunft gGmbH", "country": "DE", "kind": "social enterprise"},
    {"name": "Sorgenetz Niederbayern eG", "country": "DE", "kind": "cooperative"},
    {"name": "Sonnenland Bürgerenergie eG", "country": "DE", "kind": "cooperative"},
    {"name": "Reparaturtreff Vilstal e.V.", "country": "DE", "kind": "association"},
    {"name": "Gemeinsam Satt e.V.", "country": "DE", "kind": "association"},
    {"name": "Hochschule Isar-Vils für angewandte Wissenschaften", "country": "DE", "kind": "university"},
    {"name": "Datenwerk Niederbayern GmbH", "country": "DE", "kind": "company"},
    {"name": "Isar Impact Capital GmbH", "country": "DE", "kind": "company"},
    {"name": "Offene Werkbank Landshut-Land e.V.", "country": "DE", "kind": "association"},
    {"name": "Dorfradio Vilstal e.V.", "country": "DE", "kind": "association"},
    # Italy
    {"name": "Cooperativa Sociale Trama Nuova", "country": "IT", "kind": "cooperative"},
    {"name": "Comunità Energetica Colline Solari", "country": "IT", "kind": "cooperative"},
    {"name": "Fondazione Ponte Sociale", "country": "IT", "kind": "foundation"},
    {"name": "Rete Riparazioni Piemonte APS", "country": "IT", "kind": "association"},
    {"name": "Istituto Universitario Borgo Dora", "country": "IT", "kind": "university"},
    {"name": "Studio Ponte Design Srl SB", "country": "IT", "kind": "company"},
    # Romania
    {"name": "Fundația Vatra Satului", "country": "RO", "kind": "foundation"},
    {"name": "Asociația Mâini Pricepute", "country": "RO", "kind": "association"},
    {"name": "Cooperativa Meșteșug Verde", "country": "RO", "kind": "cooperative"},
    {"name": "Atelier Reciclat SRL", "country": "RO", "kind": "social enterprise"},
    {"name": "Cod Solidar SRL", "country": "RO", "kind": "company"},
    {"name": "Fundația Punți Europene", "country": "RO", "kind": "foundation"},
    # Sweden
    {"name": "Smakbron ekonomisk förening", "country": "SE", "kind": "cooperative"},
    {"name": "Omsorg Nära kooperativ", "country": "SE", "kind": "cooperative"},
    {"name": "Återbruket Bergslagen AB", "country": "SE", "kind": "social enterprise"},
    {"name": "Stiftelsen Digital Gemenskap", "country": "SE", "kind": "foundation"},
    {"name": "Byalaget Närke", "country": "SE", "kind": "association"},
    {"name": "Kooperativ Juridik AB", "country": "SE", "kind": "company"},
    # Spain
    {"name": "Sol Compartido del Moncayo S. Coop.", "country": "ES", "kind": "cooperative"},
    {"name": "Fundación Tejido Social", "country": "ES", "kind": "foundation"},
    {"name": "Asociación Despensa Solidaria del Ebro", "country": "ES", "kind": "association"},
    {"name": "Reviste Moda Circular S. Coop.", "country": "ES", "kind": "cooperative"},
    {"name": "Escuela Politécnica del Ebro", "country": "ES", "kind": "university"},
    # Portugal
    {"name": "Associação Prato Cheio", "country": "PT", "kind": "association"},
    {"name": "Cooperativa Energia Comum do Norte", "country": "PT", "kind": "cooperative"},
    {"name": "Fundação Mãos Dadas", "country": "PT", "kind": "foundation"},
    {"name": "Circulab Lisboa Lda", "country": "PT", "kind": "company"},
    {"name": "Código Aberto CRL", "country": "PT", "kind": "cooperative"},
    # Netherlands
    {"name": "Stichting Heelmakers Gelderland", "country": "NL", "kind": "foundation"},
    {"name": "Energiecoöperatie Zonnedijk U.A.", "country": "NL", "kind": "cooperative"},
    {"name": "Zorgcoöperatie Samen Thuis U.A.", "country": "NL", "kind": "cooperative"},
    {"name": "Kringloop Oost B.V.", "country": "NL", "kind": "social enterprise"},
    {"name": "Ontwerpcoöperatie Vormgeven U.A.", "country": "NL", "kind": "cooperative"},
)

# --------------------------------------------------------------------------------------------------
# Profile vocabulary (INTERESTS match hackathon.events.tags.INTEREST_CHOICES)
# --------------------------------------------------------------------------------------------------

SKILLS: tuple[str, ...] = (
    "python", "javascript", "web development", "mobile development", "databases", "devops",
    "ux design", "user research", "service design", "graphic design", "accessibility",
    "data analysis", "machine learning", "gis", "open data", "hardware", "iot", "energy systems",
    "circular economy", "impact measurement", "sustainability reporting", "business modelling", "fundraising",
    "public procurement", "legal", "project management", "community management", "facilitation", "marketing",
    "social media", "storytelling", "video", "translation", "logistics",
)

INTERESTS: tuple[str, ...] = (
    "digital inclusion", "green transition", "circular economy", "social inclusion", "energy communities",
    "food waste", "refugee integration", "elderly care", "rural development", "accessibility", "education",
    "mobility",
)

# (text, weight) pairs; the weights sum to 1 and "" means nothing to tell.
DIETARY: tuple[tuple[str, float], ...] = (
    ("", 0.62),
    ("vegetarian", 0.18),
    ("vegan", 0.08),
    ("gluten-free", 0.04),
    ("lactose-free", 0.04),
    ("halal", 0.03),
    ("nut allergy", 0.01),
)

ACCESSIBILITY: tuple[tuple[str, float], ...] = (
    ("", 0.90),
    ("wheelchair access", 0.03),
    ("step-free seating near the stage", 0.02),
    ("hearing loop", 0.015),
    ("large-print materials", 0.015),
    ("quiet room breaks", 0.02),
)

# --------------------------------------------------------------------------------------------------
# Challenges: each posed by an organisation above (by name); tags from
# "digital", "green", "inclusion", "circular economy", "energy", "food", "care", "rural".
# --------------------------------------------------------------------------------------------------

CHALLENGES: tuple[dict[str, Any], ...] = (
    {
        "slug": "repair-impact-log",
        "title": "Count every repair: a shared log for a repair café network",
        "organisation": "Stichting Heelmakers Gelderland",
        "summary": (
            "Help 42 volunteer-run repair cafés record what they fix in under a minute and show how much "
            "waste and CO2 they keep out of the bin."
        ),
        "description": (
            "Stichting Heelmakers coordinates 42 repair cafés across Gelderland. Every month around 600 "
            "volunteers fix toasters, bikes, laptops and clothes for their neighbours. Each café keeps its "
            "own paper forms or spreadsheet, so nobody knows how many items are saved, which product "
            "categories fail most often, or what the network is worth to the municipalities that lend it "
            "rooms.\n\n"
            "A good solution lets a volunteer log a repair at the table (item, brand, fault, outcome, time "
            "spent) on a shared tablet or their own phone, and turns the records into honest estimates of "
            "kilograms of waste and **CO2e avoided**, using published emission factors per product "
            "category. Coordinators want a monthly overview per café and for the whole network; "
            "municipalities want a one-page report.\n\n"
            "**Constraints:** many volunteers are retired and wary of apps; Wi-Fi in community centres is "
            "unreliable, so logging must work offline and sync later. Visitor data must stay minimal "
            "(GDPR). Records should be exportable in the Open Repair Data Standard so they can be compared "
            "across networks."
        ),
        "tags": ["circular economy", "green", "digital"],
        "skills": ["web development", "ux design", "data analysis", "impact measurement", "circular economy"],
        "resources": [
            {"label": "Sample repair log (2,300 anonymised records, CSV)",
             "url": "https://example.org/heelmakers/repair-log-sample.csv"},
            {"label": "Emission factors per product category", "url": "https://example.org/heelmakers/factors"},
            {"label": "Interview notes from five café coordinators",
             "url": "https://example.org/heelmakers/interviews"},
        ],
        "max_teams": 4,
    },
    {
        "slug": "green-jobs-within-reach",
        "title": "Green jobs within reach: matching long-term unemployed people to the energy transition",
        "organisation": "Werkstatt Zukunft gGmbH",
        "summary": (
            "Match people who have been out of work for years with training and jobs in solar installation, "
            "heat pumps, retrofitting and recycling."
        ),
        "description": (
            "Werkstatt Zukunft is a work-integration social enterprise in the Landshut district. Local "
            "installers cannot find staff for solar roofs, heat pumps and insulation, while more than 1,500 "
            "people nearby have been unemployed for over a year. Job coaches match people to openings from "
            "memory and long lists; what people can actually do (repairing cars with an uncle, driving a "
            "tractor, speaking three languages) rarely appears in any file.\n\n"
            "A good solution builds a **skills profile from what people can do**, not only from "
            "certificates: photos of past work, short practical tasks, a coach's observations. It suggests "
            "suitable openings and the shortest route to them, for example which partial qualification or "
            "short course closes the gap, and gives coaches an overview of their caseload.\n\n"
            "**Constraints:** many participants have low literacy or speak German as a second language, so "
            "plain language, pictograms and voice input matter. No automated decisions about people: the "
            "coach always stays in the loop. It must run on cheap Android phones and keep data with the "
            "enterprise."
        ),
        "tags": ["inclusion", "green", "digital"],
        "skills": ["user research", "ux design", "python", "machine learning", "accessibility"],
        "resources": [
            {"label": "Anonymised skills profiles (120 people, JSON)",
             "url": "https://example.org/werkstatt-zukunft/profiles.json"},
            {"label": "Open positions from 30 local employers", "url": "https://example.org/werkstatt-zukunft/jobs"},
            {"label": "Catalogue of partial qualifications", "url": "https://example.org/werkstatt-zukunft/courses"},
        ],
        "max_teams": 4,
    },
    {
        "slug": "shift-the-load",
        "title": "Shift the load: helping energy-community members use solar power when it shines",
        "organisation": "Sol Compartido del Moncayo S. Coop.",
        "summary": (
            "Give 900 cooperative members in rural Aragon simple, timely tips to use more of their shared "
            "solar power at midday."
        ),
        "description": (
            "Sol Compartido runs 3 MW of solar panels on farm warehouses around the Moncayo and shares the "
            "power among 900 member households, farms and small shops under collective self-consumption. At "
            "midday a large surplus is exported for very little, while members buy expensive grid power in "
            "the evening. Members are farmers, pensioners and shopkeepers; few have smart-home devices, and "
            "most of them read their messages on their phone.\n\n"
            "A good solution forecasts tomorrow's surplus from weather data and past production, and turns "
            "it into **plain advice per household** (\"run the washing machine between 12 and 3 "
            "tomorrow\"). It shows the cooperative how much self-consumption went up, and perhaps lets "
            "villages compete in a friendly way.\n\n"
            "**Constraints:** hourly meter data arrives a day late from the distributor's portal; there is "
            "no budget for hardware in every home; members must never see each other's consumption; the "
            "advice must make sense to someone who has never heard of kilowatt-hours."
        ),
        "tags": ["energy", "green", "rural", "digital"],
        "skills": ["energy systems", "data analysis", "python", "machine learning", "ux design"],
        "resources": [
            {"label": "One year of hourly production and consumption (synthetic, CSV)",
             "url": "https://example.org/sol-compartido/hourly.csv"},
            {"label": "Weather forecast API sandbox", "url": "https://example.org/sol-compartido/weather-api"},
            {"label": "How collective self-consumption works (slides)",
             "url": "https://example.org/sol-compartido/primer"},
        ],
        "max_teams": 4,
    },
    {
        "slug": "forecast-the-surplus",
        "title": "Forecast the surplus: fewer wasted tonnes at a city food bank",
        "organisation": "Associação Prato Cheio",
        "summary": (
            "Predict what surplus food supermarkets, markets and farms will donate next week so the food "
            "bank can plan volunteers, vans and cold storage."
        ),
        "description": (
            "Prato Cheio collects surplus food from about 60 donors in Porto and passes it on to 110 "
            "partner charities. Donations are hard to predict: the Monday after a holiday the warehouse "
            "overflows, other weeks the shelves are empty. Last year about 12% of fresh produce spoiled "
            "before it could be handed on, while partner charities received boxes that did not match the "
            "people they serve.\n\n"
            "A good solution uses three years of delivery records, the calendar and the weather to "
            "**forecast volumes per food category**, helps plan pick-up routes and volunteer shifts, and "
            "matches supply to the needs partner charities report, including baby food, halal and fresh "
            "vegetables.\n\n"
            "**Constraints:** the data lives in messy spreadsheets; volunteers rotate every few weeks, so "
            "the tool must be learnable in ten minutes; the warehouse coordinator must be able to "
            "understand why a forecast says what it says. No personal data about the people who receive "
            "food."
        ),
        "tags": ["food", "circular economy", "digital"],
        "skills": ["data analysis", "machine learning", "python", "logistics", "databases"],
        "resources": [
            {"label": "Three years of donations by category (anonymised, XLSX)",
             "url": "https://example.org/prato-cheio/donations.xlsx"},
            {"label": "Partner charities' weekly needs", "url": "https://example.org/prato-cheio/needs"},
            {"label": "Map of donors and warehouse", "url": "https://example.org/prato-cheio/map"},
        ],
        "max_teams": 3,
    },
    {
        "slug": "digital-help-in-the-village",
        "title": "Digital services without leaving anyone behind in rural villages",
        "organisation": "Fundația Vatra Satului",
        "summary": (
            "Help older people in villages around Iași book doctor visits, handle official letters and talk "
            "to family abroad without having to master a smartphone."
        ),
        "description": (
            "In the villages where Vatra Satului works, many older people live alone while their children "
            "work abroad. Doctor appointments, utility bills and public services have moved online, and the "
            "bus to town runs twice a day. The foundation's 35 community assistants visit people at home "
            "and end up doing much of this on their own phones, with no record of who asked for what.\n\n"
            "A good solution supports **assisted digital access**: a community assistant or trusted "
            "neighbour can act on someone's behalf with clear, recorded consent; requests are tracked so "
            "nothing gets lost; and family abroad can follow and help. Where older people want to do things "
            "themselves, the interface needs large buttons, voice and a phone-call fallback.\n\n"
            "**Constraints:** mobile coverage is patchy and many people use basic phones, so any service "
            "must also work by voice call or SMS. Consent and delegation must be understandable and "
            "revocable. Design it with older people, not for them: the foundation can arrange video calls "
            "with two villages."
        ),
        "tags": ["digital", "inclusion", "care", "rural"],
        "skills": ["accessibility", "ux design", "user research", "mobile development", "legal"],
        "resources": [
            {"label": "Personas and journey maps from home visits", "url": "https://example.org/vatra/personas"},
            {"label": "List of the 20 most frequent requests", "url": "https://example.org/vatra/requests"},
            {"label": "SMS and voice gateway sandbox", "url": "https://example.org/vatra/sms-sandbox"},
        ],
        "max_teams": 4,
    },
    {
        "slug": "kitchen-to-doorstep",
        "title": "From kitchen to doorstep: orders and logistics for a refugee-run catering cooperative",
        "organisation": "Smakbron ekonomisk förening",
        "summary": (
            "Replace the phone-and-notebook ordering of a 14-member catering cooperative so it can take on "
            "office lunches and public contracts."
        ),
        "description": (
            "Smakbron was founded in Örebro by women who came to Sweden from Syria, Eritrea and "
            "Afghanistan. Today 14 members cook for events and offices, taking orders by phone, text and "
            "email and writing them in a notebook. Allergen mix-ups have happened, and the cooperative has "
            "turned down weekly lunch contracts from a school and a care home because it could not handle "
            "the paperwork.\n\n"
            "A good solution offers customers a simple order form, gives members a **multilingual back "
            "office** (Swedish, Arabic, Tigrinya and Dari) with a kitchen production list and allergen "
            "labels, plans deliveries by cargo bike and electric van, and produces invoices. Public buyers "
            "increasingly ask for the climate footprint of menus and for food-waste figures, so these "
            "should be easy to report.\n\n"
            "**Constraints:** no money for per-user licences; members share two tablets; right-to-left text "
            "must work; invoices have to reach the accounting software as a CSV export."
        ),
        "tags": ["food", "inclusion", "digital"],
        "skills": ["web development", "ux design", "logistics", "translation", "business modelling"],
        "resources": [
            {"label": "Menu with ingredients and allergens", "url": "https://example.org/smakbron/menu"},
            {"label": "Three months of orders (typed up from the notebook)",
             "url": "https://example.org/smakbron/orders.csv"},
            {"label": "Requirements from a public lunch tender", "url": "https://example.org/smakbron/tender"},
        ],
        "max_teams": 3,
    },
    {
        "slug": "sort-grade-price",
        "title": "Sort, grade, price: a second life for donated clothes",
        "organisation": "Cooperativa Sociale Trama Nuova",
        "summary": (
            "Speed up how a work-integration textile cooperative in Turin sorts, grades and prices eight "
            "tonnes of donated clothing a week."
        ),
        "description": (
            "Trama Nuova empties 120 clothing bins around Turin. Twenty-two sorters, many of them in "
            "work-integration programmes after prison, addiction or long illness, decide for each garment: "
            "our own second-hand shops, export to other graders, or recycling. Pricing depends on three "
            "experienced colleagues, and listing a good piece in the online shop takes a quarter of an "
            "hour. With separate textile collection now required across the EU and producer-responsibility "
            "schemes coming, the cooperative must also report precisely what happens to every kilo.\n\n"
            "A good solution helps a sorter photograph a garment and get a **suggested category, quality "
            "grade and price range** learned from past sales, speeds up online listings, and tracks "
            "kilograms per stream for reporting. It should make the job easier to learn for new workers, "
            "not replace them.\n\n"
            "**Constraints:** sorters wear gloves in a dusty warehouse, so think big buttons, barcodes or a "
            "foot pedal; no surveillance of individual workers' speed; hardware must be cheap and robust."
        ),
        "tags": ["circular economy", "inclusion", "green", "digital"],
        "skills": [
            "machine learning", "python", "hardware", "ux design", "circular economy", "impact measurement",
        ],
        "resources": [
            {"label": "4,000 labelled garment photos", "url": "https://example.org/trama-nuova/photos"},
            {"label": "Shop sales history with prices (CSV)", "url": "https://example.org/trama-nuova/sales.csv"},
            {"label": "Video of a sorting shift", "url": "https://example.org/trama-nuova/sorting-video"},
        ],
        "max_teams": 4,
    },
    {
        "slug": "fair-shifts-for-carers",
        "title": "Fair shifts for carers: planning rounds in a rural care cooperative",
        "organisation": "Sorgenetz Niederbayern eG",
        "summary": (
            "Plan home-care rounds so that carers drive less, get predictable time off and clients see "
            "familiar faces."
        ),
        "description": (
            "Sorgenetz is a care cooperative owned by its 48 carers. They visit 210 clients across some 30 "
            "villages in Lower Bavaria. One coordinator spends ten hours a week building the rota on a "
            "whiteboard and a spreadsheet; a single sick day sets off a chain of phone calls. Carers drive "
            "about 40,000 km a month, and the six electric cars the cooperative leased last year need their "
            "charging planned around the rounds.\n\n"
            "A good solution proposes weekly plans that respect clients' care times, qualifications (only "
            "nurses may handle medication), continuity of carers, working-time rules and carers' own wishes "
            "such as school pick-ups, while **cutting kilometres** and fitting e-car ranges. Carers should "
            "be able to swap shifts from their phones. As a cooperative, members want to see and vote on "
            "the fairness rules the planner follows.\n\n"
            "**Constraints:** health data is highly sensitive, so work only with the synthetic dataset "
            "provided; the coordinator always has the final word; plans must be importable from the CSV "
            "export of the cooperative's care documentation software."
        ),
        "tags": ["care", "rural", "digital", "green"],
        "skills": ["python", "data analysis", "gis", "ux design", "legal"],
        "resources": [
            {"label": "Synthetic clients, carers and visits (JSON)", "url": "https://example.org/sorgenetz/synthetic"},
            {"label": "Road distance matrix for the 30 villages", "url": "https://example.org/sorgenetz/distances"},
            {"label": "Working-time rules in plain English", "url": "https://example.org/sorgenetz/rules"},
        ],
        "max_teams": 3,
    },
)

# --------------------------------------------------------------------------------------------------
# Teams
# --------------------------------------------------------------------------------------------------

TEAM_NAMES: tuple[str, ...] = (
    "Circular Pioneers", "Kilowatt Commons", "Fix & Flourish", "The Second Lifers", "Solar Neighbours",
    "Coop Coders", "Green Threads", "Open Pantry", "Village Wi-Fi", "Shift Happens", "Commons Sense",
    "Zero Waste Crew", "Patchwork Labs", "Care Compass", "The Loop Makers", "Sunny Side Up",
    "Byte-Sized Impact", "Kitchen Table Collective", "Rewired Futures", "Good Grid", "Mended",
    "Fair Share Factory", "Tiny Footprints", "Bridge Builders", "The Solidarity Stack", "Spare Parts Society",
    "Harvest Signal", "Vilstal Voltage", "Data for Dignity", "Slow Fashion Squad", "Heat Pump Heroes",
    "Neighbourly", "Open Hands", "Rural Routers", "Plan Bee", "The Inclusive Interface", "Compost Club",
    "Second Spin", "Watt's Up", "Common Ground Labs", "Ripple Effect", "Meal Mappers", "Tandem",
    "Cooperative Sparks", "Greenhouse Hackers",
)

# Plain one-liners, no placeholders: each fits any challenge (and stays under the 200-character limit).
TEAM_PITCHES: tuple[str, ...] = (
    "An offline-first app that lets volunteers record their work in under a minute.",
    "We turn messy spreadsheets into a live dashboard the whole cooperative can trust.",
    "A plain-language assistant that meets people where they are: on a basic phone.",
    "Open-source, low-cost and built with the people who will use it on Monday.",
    "We make the invisible impact of the social economy visible, in kilos, euros and hours.",
    "A shared planning board that replaces the whiteboard, the notebook and twenty phone calls.",
    "Fewer kilometres, less waste, more time for people.",
    "A tiny forecasting model with a big explanation button.",
    "Designed for gloves, glare and patchy Wi-Fi.",
    "Turning everyday data into reports funders actually read.",
    "Multilingual from the first screen, including right-to-left.",
    "An SMS and voice layer so nobody needs a smartphone to take part.",
    "Circularity you can measure: every item, every kilo, every gram of CO2.",
    "A matchmaking tool that values what people can do, not only what their papers say.",
    "We put the coordinator back in control and let the software do the sums.",
    "A privacy-first prototype: minimal data, clear consent, nothing shared without asking.",
    "From paper forms to a progressive web app in 48 hours.",
    "A member portal that makes cooperative decisions transparent and fair.",
    "Nudges, not nagging: timely tips that change habits.",
    "We reuse open data and open standards so the next cooperative can start tomorrow.",
    "A simple API that connects the tools the organisation already uses.",
    "Co-designed with three real users over video calls on day one.",
    "A map-based view that shows where help is needed and who is nearby.",
    "Accessibility first: large type, high contrast, screen-reader tested.",
    "We make the green choice the easy choice.",
    "Less admin, more mission.",
    "A training mode that helps new workers learn the job with confidence.",
    "Built on a Raspberry Pi and a barcode scanner for under 100 euros.",
    "Impact reporting in one click, ready for the municipality and the EU.",
    "The boring back office, finally done right, so the people can shine.",
    "A chatbot that escalates to a human whenever it is unsure.",
    "Community-owned data, community-owned decisions.",
    "We predict next week so the team can plan today.",
    "A friendly competition between neighbourhoods to cut waste and save energy.",
    "One screen for the volunteer, one for the coordinator, one page for the funder.",
    "Works on any phone, in any language, even offline.",
    "We turned three days of interviews into one clear workflow.",
    "A scalable model: free for small cooperatives, paid by public buyers.",
    "Making repair, reuse and sharing the default, not the exception.",
    "Human decisions, machine suggestions, full transparency.",
    "A digital twin of the warehouse, so nothing spoils on the shelf.",
    "We connect people looking for work with the jobs of the green transition.",
)

# --------------------------------------------------------------------------------------------------
# Mentors (organisations are in ORGANISATIONS; expertise tags are in SKILLS)
# --------------------------------------------------------------------------------------------------

MENTOR_PROFILES: tuple[dict[str, Any], ...] = (
    {
        "expertise": ["fundraising", "business modelling", "impact measurement"],
        "bio": "Impact investor who has backed early-stage social enterprises across Bavaria and Austria. "
               "Happy to stress-test your revenue model and your impact claims.",
        "organisation": "Isar Impact Capital GmbH",
    },
    {
        "expertise": ["ux design", "user research", "accessibility"],
        "bio": "UX researcher who has run usability tests with older adults and people with low literacy. "
               "Ask about quick guerrilla testing during the hackathon.",
        "organisation": "Studio Ponte Design Srl SB",
    },
    {
        "expertise": ["legal", "business modelling"],
        "bio": "Cooperative lawyer who has drafted statutes for worker, housing and energy cooperatives, "
               "and knows GDPR from the small-organisation side.",
        "organisation": "Kooperativ Juridik AB",
    },
    {
        "expertise": ["energy systems", "iot", "data analysis"],
        "bio": "Energy engineer at a community energy cooperative, working on smart meters, local "
               "flexibility and member tariffs.",
        "organisation": "Energiecoöperatie Zonnedijk U.A.",
    },
    {
        "expertise": ["python", "machine learning", "data analysis"],
        "bio": "Data scientist building forecasting models for municipalities and utilities. Prefers a "
               "simple model you can explain over a clever one you cannot.",
        "organisation": "Datenwerk Niederbayern GmbH",
    },
    {
        "expertise": ["circular economy", "impact measurement", "sustainability reporting"],
        "bio": "Circular economy consultant who helps manufacturers and social enterprises calculate the "
               "footprint of reuse, repair and remanufacturing.",
        "organisation": "Circulab Lisboa Lda",
    },
    {
        "expertise": ["accessibility", "web development", "user research"],
        "bio": "Accessibility specialist and screen-reader user who audits public-sector websites. Will "
               "happily test your prototype with you.",
        "organisation": "Stiftelsen Digital Gemenskap",
    },
    {
        "expertise": ["gis", "open data", "data analysis"],
        "bio": "Lecturer in geoinformatics working on rural mobility and route planning with open map data.",
        "organisation": "Escuela Politécnica del Ebro",
    },
    {
        "expertise": ["impact measurement", "community management", "storytelling"],
        "bio": "Researcher on the social economy and its impact measurement; has interviewed hundreds of "
               "cooperative members about what really changes for them.",
        "organisation": "Istituto Universitario Borgo Dora",
    },
    {
        "expertise": ["storytelling", "video", "marketing"],
        "bio": "Community radio host and pitch coach. Three minutes is plenty if you know which story "
               "to tell.",
        "organisation": "Dorfradio Vilstal e.V.",
    },
    {
        "expertise": ["fundraising", "project management", "legal"],
        "bio": "EU funding adviser who has written and managed cross-border projects for NGOs in Eastern "
               "Europe. Knows which call fits your idea after the hackathon.",
        "organisation": "Fundația Punți Europene",
    },
    {
        "expertise": ["hardware", "iot", "circular economy"],
        "bio": "Maker and repair enthusiast running an open workshop with 3D printers, soldering stations "
               "and a drawer full of sensors you can borrow.",
        "organisation": "Offene Werkbank Landshut-Land e.V.",
    },
    {
        "expertise": ["web development", "devops", "databases"],
        "bio": "Software architect at a tech company that builds tools for NGOs. Can help you deploy your "
               "demo and untangle your database.",
        "organisation": "Cod Solidar SRL",
    },
    {
        "expertise": ["mobile development", "javascript", "ux design"],
        "bio": "Mobile developer and member of a worker-owned software cooperative; builds offline-first "
               "apps for field workers.",
        "organisation": "Código Aberto CRL",
    },
    {
        "expertise": ["community management", "facilitation", "social media"],
        "bio": "Community organiser in rural Sweden who runs village meetings, volunteer networks and a very "
               "active neighbourhood group chat.",
        "organisation": "Byalaget Närke",
    },
    {
        "expertise": ["public procurement", "business modelling", "legal"],
        "bio": "Former municipal buyer who now helps social enterprises win public contracts with social and "
               "environmental clauses.",
        "organisation": "Fundación Tejido Social",
    },
    {
        "expertise": ["logistics", "data analysis", "project management"],
        "bio": "Operations lead at a food rescue organisation, juggling donors, vans, cold rooms and "
               "volunteers every single day.",
        "organisation": "Associação Prato Cheio",
    },
    {
        "expertise": ["service design", "user research", "graphic design"],
        "bio": "Service designer at a designers' cooperative, specialised in care and welfare services. "
               "Bring sticky notes.",
        "organisation": "Ontwerpcoöperatie Vormgeven U.A.",
    },
)

# --------------------------------------------------------------------------------------------------
# Judging
# --------------------------------------------------------------------------------------------------

JUDGING_CRITERIA: tuple[dict[str, Any], ...] = (
    {
        "key": "impact",
        "name": "Social impact",
        "description": "How much does the solution improve the lives of the people the challenge is about, "
                       "and how well does the team understand them?",
        "weight": 30,
        "min": 1,
        "max": 10,
        "guide": {
            1: "No clear link to the people affected or to the challenge owner's problem.",
            4: "Plausible benefit, but the target group is vague and the impact is assumed, not shown.",
            7: "Clear benefit for a well-understood group, with a sensible way to measure it.",
            10: "Strong, measurable change for people at the margins, grounded in real user feedback.",
        },
    },
    {
        "key": "innovation",
        "name": "Innovation",
        "description": "Is the approach new for this organisation or sector, and does it use technology or "
                       "cooperation in a creative way?",
        "weight": 20,
        "min": 1,
        "max": 10,
        "guide": {
            1: "Copies an existing tool without adaptation.",
            4: "Familiar idea with a small twist for the challenge.",
            7: "A fresh combination of ideas that fits the social-economy context well.",
            10: "A genuinely new approach others in the sector would want to adopt.",
        },
    },
    {
        "key": "feasibility",
        "name": "Feasibility and sustainability of the model",
        "description": "Could the organisation run this after the hackathon: technically, financially and "
                       "with the people and skills it has?",
        "weight": 20,
        "min": 1,
        "max": 10,
        "guide": {
            1: "Unclear how it would work beyond the demo; depends on resources nobody has.",
            4: "Technically possible, but no plan for costs, maintenance or ownership.",
            7: "A working prototype, realistic costs and a credible owner for the next steps.",
            10: "Ready to pilot next month, with a sustainable business or governance model.",
        },
    },
    {
        "key": "twin_transition",
        "name": "Green and digital transition",
        "description": "Does the solution help the organisation go digital and cut emissions, waste or "
                       "resource use at the same time?",
        "weight": 15,
        "min": 1,
        "max": 10,
        "guide": {
            1: "Neither the green nor the digital side is addressed.",
            4: "Addresses one side; the other is an afterthought.",
            7: "Digital tools clearly serve an environmental goal, with a rough estimate of the effect.",
            10: "Green and digital reinforce each other, with credible numbers on the savings.",
        },
    },
    {
        "key": "pitch",
        "name": "Pitch",
        "description": "How clearly and convincingly did the team present the problem, the solution and the "
                       "demo within the time?",
        "weight": 15,
        "min": 1,
        "max": 10,
        "guide": {
            1: "Hard to follow; no demo; well over time.",
            4: "Understandable, but the story or the demo is weak.",
            7: "Clear story, working demo, on time, good answers to questions.",
            10: "Compelling and memorable: the jury wants to see it in use tomorrow.",
        },
    },
)

# --------------------------------------------------------------------------------------------------
# Help requests and the agenda
# --------------------------------------------------------------------------------------------------

# What a team asks for help with, and what it says it already tried.
HELP_REQUESTS: tuple[tuple[str, str], ...] = (
    ("Our API keys stopped working",
     "New keys from the provider's dashboard; the calls still come back 401."),
    ("How do we estimate CO2 saved?",
     "We found emission factors for transport, but not for repaired electronics."),
    ("Can someone review our data-protection approach?",
     "We wrote down what we store and why; we are unsure about consent for photos."),
    ("We can't make sense of the challenge dataset",
     "We loaded the CSV, but half the columns have no description."),
    ("A team member left: can we recruit someone?",
     "We asked at the team board; nobody with front-end skills answered yet."),
    ("Which open-source licence should we choose?",
     "We read about MIT and EUPL; the challenge owner wants to reuse our work."),
    ("How can we test with real users during the hackathon?",
     "We drafted five interview questions; we have no one to ask."),
    ("Our demo won't run on the presentation laptop",
     "It works on ours; on theirs the browser blocks the camera."),
    ("How do we make the app work with a screen reader?",
     "We added labels to the form; the map is still silent."),
    ("We need a sanity check on our business model",
     "We have costs per month; we are guessing who would pay."),
    ("Where can we borrow hardware (Raspberry Pi, sensors)?",
     "We asked at the info desk; they sent us to the mentors."),
    ("What exactly do we have to submit before the pitch?",
     "We read the rules page; the deadline for slides is unclear to us."),
)

# day: 0, 1 or 2; times are local (EVENT["timezone"]); a deadline starts and ends at the same minute.
AGENDA: tuple[dict[str, Any], ...] = (
    # Day 1 (index 0)
    {"day": 0, "start": "08:30", "end": "09:30", "kind": "meal",
     "title": "Check-in and welcome coffee", "place": "Foyer"},
    {"day": 0, "start": "09:30", "end": "10:15", "kind": "plenary",
     "title": "Opening: the social economy and the twin transition", "place": "Main Hall"},
    {"day": 0, "start": "10:15", "end": "11:45", "kind": "plenary",
     "title": "Challenge presentations by the eight organisations", "place": "Main Hall"},
    {"day": 0, "start": "11:45", "end": "12:30", "kind": "plenary",
     "title": "Team formation market: meet the challenge owners", "place": "Foyer"},
    {"day": 0, "start": "12:30", "end": "13:30", "kind": "meal",
     "title": "Lunch", "place": "Canteen"},
    {"day": 0, "start": "13:30", "end": "16:00", "kind": "hacking",
     "title": "Team formation and first ideas", "place": "Hacking Floor"},
    {"day": 0, "start": "16:00", "end": "16:00", "kind": "deadline",
     "title": "Team formation closes", "place": "Online"},
    {"day": 0, "start": "16:00", "end": "19:00", "kind": "hacking",
     "title": "Hacking", "place": "Hacking Floor"},
    {"day": 0, "start": "16:30", "end": "18:30", "kind": "mentoring",
     "title": "Mentoring hours: problem and user", "place": "Mentoring Corner"},
    {"day": 0, "start": "19:00", "end": "21:00", "kind": "meal",
     "title": "Dinner with regional dishes", "place": "Courtyard"},
    # Day 2 (index 1)
    {"day": 1, "start": "08:30", "end": "09:00", "kind": "meal",
     "title": "Breakfast", "place": "Canteen"},
    {"day": 1, "start": "09:00", "end": "09:15", "kind": "plenary",
     "title": "Morning stand-up", "place": "Main Hall"},
    {"day": 1, "start": "09:15", "end": "12:30", "kind": "hacking",
     "title": "Hacking", "place": "Hacking Floor"},
    {"day": 1, "start": "10:00", "end": "12:00", "kind": "mentoring",
     "title": "Mentoring hours: technology and data", "place": "Mentoring Corner"},
    {"day": 1, "start": "12:30", "end": "13:30", "kind": "meal",
     "title": "Lunch", "place": "Canteen"},
    {"day": 1, "start": "13:30", "end": "18:30", "kind": "hacking",
     "title": "Hacking", "place": "Hacking Floor"},
    {"day": 1, "start": "14:00", "end": "17:00", "kind": "mentoring",
     "title": "Mentoring hours: business model and impact", "place": "Mentoring Corner"},
    {"day": 1, "start": "17:00", "end": "17:45", "kind": "plenary",
     "title": "Pitch training: three minutes, one story", "place": "Main Hall"},
    {"day": 1, "start": "18:30", "end": "20:30", "kind": "meal",
     "title": "Dinner and networking", "place": "Courtyard"},
    # Day 3 (index 2)
    {"day": 2, "start": "08:30", "end": "09:00", "kind": "meal",
     "title": "Breakfast", "place": "Canteen"},
    {"day": 2, "start": "09:00", "end": "11:30", "kind": "hacking",
     "title": "Final hacking", "place": "Hacking Floor"},
    {"day": 2, "start": "09:30", "end": "11:00", "kind": "mentoring",
     "title": "Pitch rehearsals with mentors", "place": "Mentoring Corner"},
    {"day": 2, "start": "11:30", "end": "11:30", "kind": "deadline",
     "title": "Submission deadline", "place": "Online"},
    {"day": 2, "start": "11:30", "end": "12:30", "kind": "meal",
     "title": "Lunch", "place": "Canteen"},
    {"day": 2, "start": "12:30", "end": "15:00", "kind": "pitch",
     "title": "Pitches", "place": "Main Hall"},
    {"day": 2, "start": "15:00", "end": "15:45", "kind": "meal",
     "title": "Coffee while the jury deliberates", "place": "Foyer"},
    {"day": 2, "start": "15:45", "end": "16:30", "kind": "award",
     "title": "Awards ceremony", "place": "Main Hall"},
    {"day": 2, "start": "16:30", "end": "17:00", "kind": "plenary",
     "title": "Closing: what comes next for your idea", "place": "Main Hall"},
)

# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def full_name(rng: random.Random, country: str) -> str:
    """A random plausible name for a country code; Spanish and Portuguese names get two surnames."""
    code = country if country in FIRST_NAMES else "DE"
    first = rng.choice(FIRST_NAMES[code])
    if code in {"ES", "PT"}:
        return f"{first} {' '.join(rng.sample(LAST_NAMES[code], 2))}"
    return f"{first} {rng.choice(LAST_NAMES[code])}"


def weighted_choice(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    """Pick the text of one (text, weight) pair with probability proportional to its weight."""
    total = sum(weight for _, weight in pairs)
    point = rng.random() * total
    for text, weight in pairs:
        point -= weight
        if point < 0:
            return text
    return pairs[-1][0]
