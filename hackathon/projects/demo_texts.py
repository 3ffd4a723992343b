"""What the demo's teams built, per challenge: fictional projects written as the programme's partners would tell them.

Each challenge (by its slug in hackathon/demo_content.json) has a few takes; a team gets one of them, so teams on
the same challenge built different things. Links point to example domains only.
"""

from __future__ import annotations

from typing import Any

PROJECTS: dict[str, tuple[dict[str, Any], ...]] = {
    "repair-impact-log": (
        {"title": "FixCount",
         "summary": "An offline-first repair log for volunteers: one minute per item, and the café's kilos and "
                    "CO2e saved each month, ready for the municipality.",
         "problem": "Forty-two repair cafés mend thousands of items a year, yet nobody can say how much waste they "
                    "keep out of the bin. Volunteers, many of them retired, fill in paper forms that never reach "
                    "the network, and municipalities that lend the rooms ask for figures the cafés cannot give.",
         "built": "A progressive web app that works without Wi-Fi: big buttons for item, fault and outcome, a photo "
                  "of the label instead of typing the brand, and a sync queue that empties when the tablet finds "
                  "a connection. A monthly one-page report per café and for the network.",
         "approach": "Every record follows the Open Repair Data Standard, and the CO2e estimates use the published "
                     "factors per product category from the challenge's resources, so the figures can be compared "
                     "across networks and checked by anyone."},
        {"title": "Repair Receipt",
         "summary": "A paper receipt with a QR code: the visitor's item is logged once, by the volunteer who fixed "
                    "it, and the network's dashboard fills itself.",
         "problem": "Volunteers want to repair, not to type. Every extra screen means fewer records, and fewer "
                    "records mean the social and green value of repair stays invisible to funders.",
         "built": "A receipt printer driver and a tiny form on a shared phone; the QR code links the visitor to "
                  "their repair story, and the coordinator sees a live map of repairs per café.",
         "approach": "Logging happens where the repair happens, in under a minute, offline; visitor data stays "
                     "minimal, as the challenge asks."},
    ),
    "green-jobs-within-reach": (
        {"title": "SkillBridge",
         "summary": "A skills profile built from what people can do, photos of their work, short practical tasks, "
                    "with the shortest route to a green job beside it.",
         "problem": "More than 1,500 people near Landshut have been out of work for over a year, while installers "
                    "cannot find staff for solar roofs and heat pumps. What people can actually do rarely appears "
                    "in any file, so coaches match from memory.",
         "built": "An Android-first web app with pictograms and voice input for participants, and a caseload view "
                  "for job coaches that suggests openings and the partial qualification that closes the gap.",
         "approach": "Suggestions are explained and never decided by the machine: the coach always stays in the "
                     "loop, data stays with the enterprise, and plain language comes first."},
    ),
    "shift-the-load": (
        {"title": "Sol a Mediodía",
         "summary": "Timely, simple nudges by SMS and WhatsApp that help 900 cooperative members use their shared "
                    "solar power at midday.",
         "problem": "The energy community produces the most when members are at work, and exports its surplus for "
                    "little. Members want to help but do not know when their washing machine should run.",
         "built": "A forecast of tomorrow's surplus from open weather data, and a message the evening before: "
                  "'Tomorrow between 12 and 3, your solar share is free: a good time for the washing.'",
         "approach": "No smart meter or app needed: the tips reach members on the phones they already use, in "
                     "Spanish and in plain words, and the cooperative sees how much more it used itself."},
        {"title": "Watt Now",
         "summary": "A traffic light on the fridge: a small e-ink display that shows members when their shared "
                    "solar power is plentiful.",
         "problem": "Older members in rural Aragon do not use smartphones, yet their households count most for "
                    "shifting the load.",
         "built": "A Raspberry Pi Pico with an e-ink screen reading the cooperative's open forecast; green, amber "
                  "or red, and nothing else to learn.",
         "approach": "Low-cost hardware under 25 euros, open designs the next energy community can build, and "
                     "nothing personal leaves the house."},
    ),
    "forecast-the-surplus": (
        {"title": "Prato Previsto",
         "summary": "A forecast of tomorrow's donations for the food bank, so that volunteers and vans go where the "
                    "surplus will be.",
         "problem": "The food bank receives fresh food it cannot always collect or distribute in time: tonnes are "
                    "lost every month while families wait.",
         "built": "A tiny forecasting model trained on two years of anonymised donation records, with a big "
                  "'why' button that explains each forecast in a sentence, and a weekly plan for the drivers.",
         "approach": "The coordinator plans the routes with the forecast, not by it: the tool suggests, people "
                     "decide, and every forecast can be checked against what arrived."},
    ),
    "digital-help-in-the-village": (
        {"title": "Satul Conectat",
         "summary": "A village helpdesk on a basic phone: call a number, say what you need, and a trained "
                    "neighbour helps you fill in the online form.",
         "problem": "In rural Romania public services move online while many older people have no smartphone and "
                    "no one nearby to ask. They travel to town for a form that takes five minutes.",
         "built": "A voice line that records a request, a queue for volunteer 'digital neighbours' on their "
                  "phones, and step-by-step guides for the ten most asked-for services.",
         "approach": "Digital inclusion through people: the technology connects neighbours, it does not replace "
                     "them, and it works on any phone."},
    ),
    "kitchen-to-doorstep": (
        {"title": "Smakbron Orders",
         "summary": "Orders, menus and delivery rounds for a refugee-run catering cooperative, in four languages "
                    "and right-to-left.",
         "problem": "The cooperative's cooks are excellent and its orders arrive by phone, email and text message. "
                    "Mistakes cost food, money and the trust of new customers.",
         "built": "An order form for customers, a kitchen board that shows what to cook when, and delivery rounds "
                  "planned by postcode, all multilingual from the first screen.",
         "approach": "Less admin, more cooking: the tool was co-designed with two cooks on day one and keeps the "
                     "cooperative in control of its own data."},
    ),
    "sort-grade-price": (
        {"title": "Seconda Vita",
         "summary": "A camera and a checklist that help sorters grade donated clothes and price them for the "
                    "cooperative's second-hand shops.",
         "problem": "Tonnes of donated clothes arrive every week; grading and pricing depend on the experience of "
                    "a few people, and good garments end up as rags.",
         "built": "A sorting station app that suggests a grade from a photo and a few questions, and prices from "
                  "the shop's own sales, with a training mode for new workers.",
         "approach": "Circularity you can measure: every garment is counted, reused first and recycled last, and "
                     "new workers learn the job with confidence."},
    ),
    "fair-shifts-for-carers": (
        {"title": "Fair Rounds",
         "summary": "A rota planner for a rural care cooperative that balances travel time, continuity of care and "
                    "the carers' own wishes.",
         "problem": "Carers drive long distances between villages and plans change every day; the coordinator "
                    "spends hours on the phone and carers feel the rota is not fair.",
         "built": "A shared planning board that proposes rounds, shows each carer's hours and kilometres, and lets "
                  "carers swap shifts with one tap, approved by the coordinator.",
         "approach": "We put the coordinator back in control and let the software do the sums: fairness is "
                     "visible to everyone, and the people being cared for keep their familiar faces."},
    ),
}

GALLERY_NAMES = ("first", "initial")  # how demo members show themselves: "Lena" or "Lena H."
