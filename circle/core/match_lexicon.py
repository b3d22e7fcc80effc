"""The hand-kept vocabulary of small-business help that the matcher reads texts with.

Each concept names one kind of need in plain words (the label shows in explanations)
and lists the terms by which members write about it. Terms are matched on stemmed
words, so "bookkeepers" finds "bookkeeper"; phrases match word for word.
"""


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a text, as a set (for word lists kept as prose)."""
    return frozenset(text.split())


CONCEPTS: dict[str, tuple[str, str]] = {
    # concept: (label for explanations, terms separated by commas)
    "accounting": (
        "accounting and tax",
        "accountant, accounting, cpa, bookkeeper, bookkeeping, books, tax, taxes, irs, s corp, "
        "s-corp, scorp, entity, payroll, quickbooks, xero, cogs, depreciation, sales tax, "
        "enrolled agent, tax preparer, tax prep, deduction, deductions, receipts, 1099, w-2, "
        "write-offs, tax return, filing, sole prop, sole proprietor",
    ),
    "cashflow": (
        "cash flow and finances",
        "cash flow, cash, cashflow, forecast, budget, profit, margins, margin, p&l, "
        "financial model, 3-statement, cfo, fractional cfo, numbers, money, finances, "
        "spreadsheet",
    ),
    "funding": (
        "funding and loans",
        "loan, loans, sba, 7(a), 504, lender, lenders, bank, banker, bankers, financing, "
        "finance, funded, equipment finance, credit, angel, angels, investor, investors, vc, "
        "vcs, raise, raising, round, seed, pre-seed, fundraising, pitch deck, capital",
    ),
    "legal": (
        "contracts and legal help",
        "lawyer, attorney, legal, contract, contracts, agreement, agreements, nda, msa, sow, "
        "terms of service, tos, terms, clause, clauses, llc, operating agreement, trademark, "
        "small claims, template, templates, compliance, personal guarantee, licensing deal, "
        "wage, wages, employment law, law, before i sign, sign the",
    ),
    "insurance": (
        "insurance",
        "insurance, insurer, insured, underinsured, policy, policies, premium, coverage, gl, "
        "bop, liability, fleet, commercial auto, renewal, broker, agent, questionnaire",
    ),
    "space": (
        "premises and real estate",
        "lease, leases, landlord, space, spaces, sq ft, square feet, storefront, retail "
        "space, office space, building, property, vacant, empty, rent, tenant, build-out, "
        "second location, location, ground floor, commercial real estate",
    ),
    "venue": (
        "a room or venue",
        "venue, venues, room, hall, classroom, host, hosting, seats, holds, back room, "
        "kitchen, studio, event space, mats, place to host, retreat venue, space",
    ),
    "website": (
        "websites",
        "website, site, web, homepage, landing page, webflow, wordpress, squarespace, wix, "
        "shopify, web design, online store, booking site, theme, page, online, preorders, "
        "speed, slow, slowness, load, loading, "
        "order form, migrate, migration, teachable, kajabi",
    ),
    "local_search": (
        "local visibility and search",
        "seo, google, google business profile, maps, google maps, google reviews, online reviews, "
        "more reviews, yelp reviews, directories, "
        "directory, yelp, nextdoor, visible, visibility, search, ranking, traffic",
    ),
    "social": (
        "social media",
        "instagram, ig, tiktok, reels, social, social media, followers, posts, posting, "
        "content, ugc, influencer, influencers, creators, creator, linkedin, hook, viral, "
        "views",
    ),
    "ads": (
        "advertising",
        "ads, advertising, google ads, linkedin ads, cpl, cpc, paid acquisition, campaign, "
        "funnel, marketing, promo, ad copy, ad spend, wasted spend",
    ),
    "copy": (
        "copy and messaging",
        "copy, copywriting, copywriter, headline, messaging, words, positioning, wording, "
        "tagline, about section, rewrite, say it better, inquiries, subhead, cta, welcome "
        "sequence, profile",
    ),
    "press": (
        "press and PR",
        "press, pr, journalist, journalists, editors, media, gift guide, gift guides, "
        "reporter, earned media, press pitch, coverage, beauty editors",
    ),
    "photo": (
        "photography",
        "photo, photos, photography, photographer, pictures, picture, headshot, headshots, "
        "product shot, product shots, shoot, product shoot, listings, images, camera, "
        "lighting, light tent, backdrop, backdrops, softbox, softboxes, ring light",
    ),
    "video": (
        "video",
        "video, videos, promo video, editing, editor, edit, edited, reel, sizzle reel, clips, "
        "youtube, footage, b-roll, channel, subtitles, captions, thumbnails, vlog",
    ),
    "design": (
        "design and branding",
        "logo, brand, branding, label, labels, packaging, design, designer, illustration, "
        "illustrate, mascot, visual identity, box, boxes, clip art, homemade, motif, sleeve, "
        "icons",
    ),
    "printing": (
        "printing and production",
        "print, printing, printer, screen printing, tees, totes, tea towels, merch, print "
        "run, custom boxes, labels, moq, moqs, stickers",
    ),
    "podcast": (
        "podcasts",
        "podcast, podcasts, episode, episodes, guest, guests, guest spot, interview, booking "
        "guests, downloads, listeners, mic, microphone, audio, livestream, recording, record, "
        "host",
    ),
    "speaking": (
        "speaking",
        "speak, speaker, speakers, speaking, talk, talks, keynote, keynotes, panel, on stage, "
        "present, presentation, breakout, breakout sessions, webinar, webinars, lunch-and- "
        "learn, lineup, conference, conferences, meetup, all-hands, gigs",
    ),
    "presenting": (
        "presenting with confidence",
        "public speaking, presenting, freeze, nerves, nervous, terrified, confidence, "
        "stage fright, rehearse, rehearsal, speaker coaching, present with confidence, "
        "pitch, panel, keynote, webinars, rambling",
    ),
    "hiring": (
        "hiring and recruiting",
        "hire, hiring, hired, recruit, recruiting, apprentice, apprentices, apprenticeship, "
        "job board, job boards, job ad, job ads, job posting, job postings, indeed, "
        "interview, interviews, candidates, staff, employee, employees, techs, front-desk, "
        "onboarding docs, handbook, trade school, first hire, barbers, show up",
    ),
    "clients": (
        "finding clients",
        "clients, customers, leads, prospects, pipeline, buyers, sales, outbound, cold email, "
        "discovery call, caseload, send them your way, projects",
    ),
    "it": (
        "IT and office tech",
        "wi-fi, wifi, internet, network, router, backup, backups, laptop, laptops, computer, "
        "computers, microsoft 365, google workspace, server, passwords, files, email "
        "providers, tech support, drops, cutting out, it support, email setup",
    ),
    "security": (
        "security and compliance",
        "cyber, cybersecurity, phishing, hacked, security, hipaa, compliance, gdpr, privacy, "
        "passwords, breach, clicked a link, link, scam, malware, ransomware, cyber insurance, "
        "questionnaire",
    ),
    "software": (
        "software and tools",
        "pos, point of sale, scheduling, software, app, tool, tools, crm, hubspot, square, "
        "vagaro, fresha, mindbody, simplepractice, ehr, intake, time tracking, invoicing, "
        "zapier, fareharbor, looker studio, dashboard, check-in, billing, stack, seats, per- "
        "user, booking system, booking software, booking tool, online booking, class bookings",
    ),
    "ux": (
        "UX and conversion",
        "ux, usability, onboarding flow, signup, checkout, conversion, drop off, abandon, "
        "bail, user research, trial users, mobile payment, clunky, onboarding, checkout flow, "
        "signup flow, user flow",
    ),
    "research": (
        "data and research",
        "survey, data, analytics, benchmarks, benchmark, numbers, research, dashboard, "
        "metrics, feedback forms, predicts, participants, panels, real numbers, proof, "
        "what converted, rates",
    ),
    "language": (
        "language and translation",
        "translate, translation, translated, translator, native speaker, bilingual, "
        "language, languages, spanish, german, japanese, polish, french, portuguese, "
        "creole, haitian creole, subtitles, captions, localized, proofread, quebecois",
    ),
    "shipping": (
        "shipping and logistics",
        "shipping, postage, parcel, parcels, courier, 3pl, fulfillment, royal mail, "
        "parcelforce, usps, freight, delivery, haul, bulky",
    ),
    "vehicles": (
        "vehicles",
        "van, vans, truck, trucks, cargo van, vehicle, vehicles, skid steer, fleet",
    ),
    "retail": (
        "selling through shops and markets",
        "wholesale, stockist, stockists, stocked, stock, shops, shop, retailer, retailers, "
        "consignment, buyers, gift shop, gift shops, boutique, markets, market, fair, fairs, "
        "craft fair, craft fairs, stall, pop-up, vendor table, vendor tables, booth, "
        "trade show, trade shows, sell locally, pitch fee, vendor",
    ),
    "cleaning": (
        "cleaning",
        "cleaning, cleaner, cleaners, janitorial, cleanup, cleaning crew, cleaning company",
    ),
    "hvac": (
        "heating and cooling",
        "hvac, ac, air conditioning, heating, furnace, furnaces, ductwork, rooftop units, "
        "refrigeration, cooler, compressor, stuffy, ventilation",
    ),
    "trades": (
        "trades and building work",
        "electrician, electrical, wiring, contractor, contractors, gc, gcs, "
        "general contractor, plumber, plumbing, build-out, construction, architect, "
        "architects, remodel, remodeling, handyman, reupholstering, upholstery",
    ),
    "food": (
        "food and catering",
        "catering, caterer, food, pastries, pastry, bread, menu, chef, kitchen, dinner, "
        "lunch, cooking, cooking class, meal, meals, bakery, pasta, cookies, food waste",
    ),
    "therapy": (
        "therapy and mental health",
        "therapist, therapists, therapy, counseling, counselor, psychologist, mental health, "
        "clinician, clinicians, lmft, burnout, anxiety, telehealth",
    ),
    "wellness": (
        "health and wellness",
        "nutrition, dietitian, rd, meal plan, yoga, meditation, mindfulness, fitness, "
        "trainer, personal trainer, ergonomic, posture, back pain, wrists, wellness, "
        "breathwork, energy",
    ),
    "book": (
        "books and publishing",
        "book, books, author, write a book, manuscript, proposal, chapter, publisher, "
        "publishers, literary agent, literary agents, self-publish, self-published, "
        "ghostwriter, memoir, audiobook, narrator, book coach",
    ),
    "newsletter": (
        "newsletters and email lists",
        "newsletter, newsletters, email list, list swap, subscribers, feature, cross-promo, "
        "mailing list, readers, email sequence, newsletter swaps",
    ),
    "events": (
        "events",
        "event, events, gala, party, afterparty, expo, open house, launch party, planner, "
        "planners, client event, client appreciation, retreat, retreats, summit",
    ),
    "pricing": (
        "pricing",
        "pricing, price, prices, rates, rate, charge, fee, fees, day rate, hourly, packages, "
        "too low, price list, pay less, cheaper",
    ),
    "temp_staff": (
        "extra staff",
        "servers, bartenders, shifts, temp, staffing, staffing agency, dishwashers, "
        "extra hands, volunteers",
    ),
    "admin": (
        "admin help",
        "va, vas, virtual assistant, assistant, inbox, calendar, scheduling, admin, "
        "show notes, follow-ups, unread, fan email, sponsor calls, sops",
    ),
    "decor": (
        "fit-out and decor",
        "plants, plant, decor, cozy, cozier, waiting area, interior, furniture, shelving, "
        "racks, rack, display, counter, seating, storefront",
    ),
    "making": (
        "prototyping and making",
        "3d print, 3d printing, prototype, prototypes, mould, moulds, mold, molds, jig, "
        "jigs, cad, fusion 360, laser cutter, engrave, engraving, fabrication, cnc, "
        "kiln, glaze, bracket",
    ),
    "regulation": (
        "permits and licensing",
        "permit, permits, license, licence, licensing, health department, health dept, "
        "food license, zoning, change of use, childcare licensing, inspection, credentialing",
    ),
    "art_licensing": (
        "art licensing",
        "licensing art, license my art, licensed my art, royalties, royalty, licensing agent, "
        "surface pattern, homeware brands, illustrations",
    ),
    "voice": (
        "voice work",
        "narrator, narration, voice over, voiceover, voice, accent, audiobook, dubbing",
    ),
    "corporate": (
        "corporate buyers",
        "hr, l&d, people leaders, employee benefit, corporate, companies, corporate wellness, "
        "team workshops, workshops, lunch-and-learns, all-hands",
    ),
}
"""Concepts a member's text can be about: label for explanations, and the terms that show it."""

GENERIC_WORDS = word_set(
    "need needs needed want wants wanted looking look love would like happy help helps "
    "anyone anybody someone somebody know knows who what where how when why any some "
    "every free member members circle pool share sharing happy glad please thanks thank "
    "ask asking can could will get got make go going give take use using good great real "
    "really actually just also still one two three first new small business businesses "
    "owner owners people thing things way ways time year years month months week weeks "
    "day days lot lots bit"
)
"""Words too common in circles to be evidence of what an item is about."""
