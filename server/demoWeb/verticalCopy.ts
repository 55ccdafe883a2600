/** Marketing copy a small business in one vertical would put on its website. */
export interface VerticalCopy {
  /** Short noun for the trade, e.g. "dental practice". */
  trade: string;
  services: readonly string[];
  /** "{city}" is replaced by the business's city. */
  tagline: string;
  about: string;
  /** Verb phrase for the booking CTA. */
  bookingLabel: string;
  /** Verb phrase for a quote/contact CTA. */
  quoteLabel: string;
  blogTopics: readonly string[];
  prices: readonly (readonly [string, string])[];
  teamRoles: readonly string[];
}

const COPY: readonly (readonly [RegExp, VerticalCopy])[] = [
  [
    /dent|orthodon/i,
    {
      trade: "dental practice",
      services: ["Check-ups and cleanings", "Teeth whitening", "Dental implants", "Invisalign clear aligners", "Emergency dentistry", "Children's dentistry"],
      tagline: "Gentle, modern dentistry for the whole family in {city}",
      about: "We have cared for smiles in {city} for years. Our team takes time to explain every option, and we never rush a nervous patient.",
      bookingLabel: "Book an appointment",
      quoteLabel: "Request a callback",
      blogTopics: ["How often should you really see the dentist?", "Is teeth whitening safe for sensitive teeth?", "What to do in a dental emergency"],
      prices: [
        ["New patient exam and X-rays", "$129"],
        ["Hygiene cleaning", "$95"],
        ["Whitening (in office)", "$399"],
        ["Night guard", "$350"],
      ],
      teamRoles: ["Principal Dentist", "Associate Dentist", "Dental Hygienist", "Practice Manager"],
    },
  ],
  [
    /plumb|drain/i,
    {
      trade: "plumbing company",
      services: ["Emergency plumbing repairs", "Water heater installation", "Drain cleaning", "Leak detection", "Bathroom remodels", "Sewer line repair"],
      tagline: "Licensed, insured plumbers serving {city} 24/7",
      about: "A family-owned plumbing business. We show up on time, quote before we start, and clean up after ourselves.",
      bookingLabel: "Schedule a service call",
      quoteLabel: "Get a free quote",
      blogTopics: [
        "Five signs your water heater is about to fail",
        "Why you should never pour grease down the drain",
        "How to shut off your water in an emergency",
      ],
      prices: [
        ["Service call", "$89"],
        ["Drain cleaning", "from $149"],
        ["Water heater flush", "$120"],
        ["Camera inspection", "$199"],
      ],
      teamRoles: ["Master Plumber", "Journeyman Plumber", "Apprentice", "Office Manager"],
    },
  ],
  [
    /roof/i,
    {
      trade: "roofing contractor",
      services: ["Roof replacement", "Storm damage repair", "Gutter installation", "Roof inspections", "Skylights", "Commercial flat roofs"],
      tagline: "Roofs built to last through every {city} winter",
      about: "We are a local roofing crew with decades of combined experience, fully licensed and insured, and we back every job with a written warranty.",
      bookingLabel: "Book a free inspection",
      quoteLabel: "Get a free estimate",
      blogTopics: ["Repair or replace? How to decide", "What hail does to asphalt shingles", "Choosing gutters that actually work"],
      prices: [
        ["Roof inspection", "Free"],
        ["Minor leak repair", "from $350"],
        ["Gutter cleaning", "$175"],
        ["Full replacement", "Call for quote"],
      ],
      teamRoles: ["Owner", "Project Manager", "Crew Lead", "Estimator"],
    },
  ],
  [
    /hvac|heat|air.?cond|cooling|furnace/i,
    {
      trade: "heating and cooling company",
      services: ["AC repair", "Furnace installation", "Heat pumps", "Duct cleaning", "Maintenance plans", "Indoor air quality"],
      tagline: "Comfort all year round for {city} homes",
      about: "Our NATE-certified technicians keep homes across {city} warm in winter and cool in summer, with honest flat-rate pricing.",
      bookingLabel: "Schedule service",
      quoteLabel: "Get a free quote",
      blogTopics: ["How often should you change your furnace filter?", "Heat pump or furnace: which is right for you?", "Getting your AC ready for summer"],
      prices: [
        ["Diagnostic visit", "$79"],
        ["AC tune-up", "$129"],
        ["Furnace tune-up", "$119"],
        ["Maintenance plan", "$15/month"],
      ],
      teamRoles: ["Owner", "Lead Technician", "Installer", "Dispatcher"],
    },
  ],
  [
    /electric/i,
    {
      trade: "electrical contractor",
      services: ["Panel upgrades", "EV charger installation", "Lighting design", "Rewiring", "Generator hookups", "Electrical inspections"],
      tagline: "Safe, code-compliant electrical work in {city}",
      about: "Licensed master electricians serving homeowners and businesses. No job too small.",
      bookingLabel: "Book an electrician",
      quoteLabel: "Get a free quote",
      blogTopics: ["Does your home need a panel upgrade?", "Installing an EV charger at home", "Why your breaker keeps tripping"],
      prices: [
        ["Service call", "$95"],
        ["Outlet installation", "from $140"],
        ["EV charger install", "from $850"],
        ["Panel upgrade", "Call for quote"],
      ],
      teamRoles: ["Master Electrician", "Journeyman Electrician", "Apprentice", "Office Manager"],
    },
  ],
  [
    /\blaw(?:yers?|_|\b)|attorney|legal|solicitor/i,
    {
      trade: "law firm",
      services: ["Personal injury", "Family law", "Estate planning", "Business formation", "Real estate closings", "Criminal defense"],
      tagline: "Practical legal advice from {city} attorneys who listen",
      about: "Our attorneys have represented individuals and small businesses in {city} for many years. We answer calls and explain your options plainly.",
      bookingLabel: "Schedule a consultation",
      quoteLabel: "Request a callback",
      blogTopics: ["Do you need a will or a trust?", "What to do after a car accident", "Choosing the right business structure"],
      prices: [
        ["Initial consultation", "Free"],
        ["Simple will", "$450"],
        ["LLC formation", "$750"],
        ["Hourly rate", "$275"],
      ],
      teamRoles: ["Managing Partner", "Associate Attorney", "Paralegal", "Legal Assistant"],
    },
  ],
  [
    /chiro|physio|physical.?therap|osteo/i,
    {
      trade: "clinic",
      services: ["Back and neck pain", "Sports injuries", "Posture correction", "Massage therapy", "Rehabilitation", "Headache relief"],
      tagline: "Move better and feel better in {city}",
      about: "We treat the cause, not just the symptoms, with hands-on care and exercise plans you can follow at home.",
      bookingLabel: "Book an appointment",
      quoteLabel: "Request a callback",
      blogTopics: ["Three stretches for desk workers", "When to see someone about back pain", "Recovering from a running injury"],
      prices: [
        ["Initial assessment", "$95"],
        ["Follow-up visit", "$65"],
        ["Massage (60 min)", "$90"],
        ["Package of 5 visits", "$295"],
      ],
      teamRoles: ["Clinic Director", "Practitioner", "Massage Therapist", "Front Desk"],
    },
  ],
  [
    /salon|hair|barber|beauty|nail/i,
    {
      trade: "salon",
      services: ["Cuts and styling", "Color and highlights", "Balayage", "Blow-outs", "Beard trims", "Bridal styling"],
      tagline: "Look good, feel better — {city}'s friendly neighbourhood salon",
      about: "Our stylists love what they do. Walk-ins welcome when we have a chair free; appointments recommended on weekends.",
      bookingLabel: "Book now",
      quoteLabel: "Get in touch",
      blogTopics: ["How to keep color fresh longer", "Choosing a cut for your face shape", "Our favorite products this season"],
      prices: [
        ["Women's cut", "$55"],
        ["Men's cut", "$32"],
        ["Full color", "from $95"],
        ["Balayage", "from $180"],
      ],
      teamRoles: ["Owner & Stylist", "Senior Stylist", "Colorist", "Receptionist"],
    },
  ],
  [
    /\bspas?\b|massage|wellness/i,
    {
      trade: "day spa",
      services: ["Swedish massage", "Deep tissue massage", "Facials", "Body wraps", "Couples packages", "Gift cards"],
      tagline: "Relax and recharge in the heart of {city}",
      about: "A calm space, licensed therapists and treatments tailored to you.",
      bookingLabel: "Book a treatment",
      quoteLabel: "Contact us",
      blogTopics: ["Deep tissue or Swedish?", "Why facials matter in winter", "Give the gift of relaxation"],
      prices: [
        ["Massage (60 min)", "$95"],
        ["Massage (90 min)", "$135"],
        ["Signature facial", "$110"],
        ["Couples package", "$260"],
      ],
      teamRoles: ["Spa Director", "Massage Therapist", "Esthetician", "Guest Services"],
    },
  ],
  [
    /restaurant|pizz|cafe|café|coffee|bakery|bistro|diner|grill|food/i,
    {
      trade: "restaurant",
      services: ["Dine-in", "Takeout", "Catering", "Private events", "Weekend brunch", "Gift cards"],
      tagline: "Fresh, local food in {city} since day one",
      about: "We cook from scratch every morning with ingredients from local farms. Come hungry.",
      bookingLabel: "Reserve a table",
      quoteLabel: "Contact us about catering",
      blogTopics: ["Our new seasonal menu", "Behind the scenes in our kitchen", "Planning a party? Let us cater"],
      prices: [
        ["Lunch specials", "from $12"],
        ["Dinner entrées", "$18–$32"],
        ["Weekend brunch", "$16"],
        ["Catering per guest", "from $22"],
      ],
      teamRoles: ["Owner", "Head Chef", "Sous Chef", "Front of House Manager"],
    },
  ],
  [
    /\bauto|mechanic|\bcars?\b|\btires?\b|\btyres?\b|garage/i,
    {
      trade: "auto repair shop",
      services: ["Oil changes", "Brake repair", "Diagnostics", "Tires and alignment", "State inspections", "AC recharge"],
      tagline: "Honest auto repair in {city} — we explain before we fix",
      about: "ASE-certified mechanics, fair prices and a warranty on parts and labor.",
      bookingLabel: "Book a service",
      quoteLabel: "Get a free quote",
      blogTopics: ["How often do you really need an oil change?", "What that squeal from your brakes means", "Getting your car ready for a road trip"],
      prices: [
        ["Synthetic oil change", "$69"],
        ["Brake pads (per axle)", "from $189"],
        ["Diagnostic scan", "$99"],
        ["Alignment", "$110"],
      ],
      teamRoles: ["Owner", "Master Technician", "Technician", "Service Advisor"],
    },
  ],
  [
    /\bvet|animal|\bpets?\b|groom/i,
    {
      trade: "veterinary clinic",
      services: ["Wellness exams", "Vaccinations", "Dental care", "Surgery", "Grooming", "Emergency care"],
      tagline: "Compassionate care for {city}'s pets",
      about: "Our vets and nurses treat every pet like our own, from first puppy shots to senior care.",
      bookingLabel: "Book a visit",
      quoteLabel: "Contact us",
      blogTopics: ["Vaccination schedule for puppies and kittens", "Keeping your pet's teeth healthy", "Is your pet overweight?"],
      prices: [
        ["Wellness exam", "$65"],
        ["Core vaccines", "$45 each"],
        ["Dental cleaning", "from $350"],
        ["Nail trim", "$20"],
      ],
      teamRoles: ["Lead Veterinarian", "Associate Veterinarian", "Vet Nurse", "Practice Manager"],
    },
  ],
  [
    /gym|fitness|yoga|pilates|crossfit|martial/i,
    {
      trade: "fitness studio",
      services: ["Personal training", "Group classes", "Yoga", "Strength and conditioning", "Nutrition coaching", "Open gym"],
      tagline: "Get stronger with {city}'s friendliest coaches",
      about: "Small classes, real coaching and a community that shows up for each other.",
      bookingLabel: "Book a free class",
      quoteLabel: "Get in touch",
      blogTopics: ["How to start strength training", "What to eat before a workout", "Staying motivated through winter"],
      prices: [
        ["Drop-in class", "$20"],
        ["Unlimited monthly", "$129"],
        ["Personal training (1 hr)", "$75"],
        ["Intro month", "$59"],
      ],
      teamRoles: ["Head Coach", "Coach", "Yoga Instructor", "Membership Manager"],
    },
  ],
  [
    /landscap|lawn|garden|tree/i,
    {
      trade: "landscaping company",
      services: ["Lawn mowing", "Landscape design", "Hardscaping", "Tree trimming", "Irrigation", "Seasonal clean-ups"],
      tagline: "Beautiful yards across {city}",
      about: "From weekly mowing to full backyard makeovers, our crews take pride in every property.",
      bookingLabel: "Schedule an estimate",
      quoteLabel: "Get a free quote",
      blogTopics: ["When to aerate your lawn", "Low-water plants that thrive here", "Planning a patio"],
      prices: [
        ["Weekly mowing", "from $45"],
        ["Spring clean-up", "from $250"],
        ["Mulching", "from $300"],
        ["Design consultation", "Free"],
      ],
      teamRoles: ["Owner", "Landscape Designer", "Crew Lead", "Office Manager"],
    },
  ],
  [
    /clean|maid|janitor/i,
    {
      trade: "cleaning company",
      services: ["Regular house cleaning", "Deep cleaning", "Move-in/move-out", "Office cleaning", "Carpet cleaning", "Window washing"],
      tagline: "Spotless homes and offices in {city}",
      about: "Bonded and insured cleaners, eco-friendly products and a 100% satisfaction guarantee.",
      bookingLabel: "Book a cleaning",
      quoteLabel: "Get a free quote",
      blogTopics: ["A room-by-room spring cleaning checklist", "Green cleaning products that work", "How often should you deep clean?"],
      prices: [
        ["Standard clean", "from $120"],
        ["Deep clean", "from $220"],
        ["Move-out clean", "from $280"],
        ["Office (per visit)", "Call for quote"],
      ],
      teamRoles: ["Owner", "Team Lead", "Cleaner", "Customer Care"],
    },
  ],
  [
    /account|tax|bookkeep|cpa/i,
    {
      trade: "accounting firm",
      services: ["Tax preparation", "Bookkeeping", "Payroll", "Business advisory", "IRS representation", "Year-end accounts"],
      tagline: "Accounting and tax help for {city} families and businesses",
      about: "Our CPAs keep your books tidy and your tax bill as low as the law allows.",
      bookingLabel: "Book a consultation",
      quoteLabel: "Get a free quote",
      blogTopics: ["Deductions small businesses often miss", "Getting ready for tax season", "Do you need a bookkeeper?"],
      prices: [
        ["Individual return", "from $250"],
        ["Business return", "from $650"],
        ["Monthly bookkeeping", "from $300"],
        ["Payroll", "from $60/month"],
      ],
      teamRoles: ["Managing Partner", "Senior Accountant", "Bookkeeper", "Client Coordinator"],
    },
  ],
  [
    /real.?estate|realt|property/i,
    {
      trade: "real estate agency",
      services: ["Buying a home", "Selling your home", "Free home valuation", "Rentals", "Property management", "Relocation"],
      tagline: "Your local real estate experts in {city}",
      about: "We know every street in {city}. Whether buying or selling, we guide you from first viewing to closing.",
      bookingLabel: "Book a valuation",
      quoteLabel: "Get in touch",
      blogTopics: ["What is your home worth?", "First-time buyer checklist", "Staging tips that sell"],
      prices: [
        ["Home valuation", "Free"],
        ["Listing commission", "from 2.5%"],
        ["Property management", "8% of rent"],
        ["Buyer consultation", "Free"],
      ],
      teamRoles: ["Broker", "Sales Agent", "Leasing Agent", "Office Manager"],
    },
  ],
];

const GENERIC_COPY: VerticalCopy = {
  trade: "local business",
  services: ["Consultations", "Repairs", "Installations", "Maintenance", "Emergency call-outs", "Advice"],
  tagline: "Trusted by neighbours across {city}",
  about: "We are a small, local team. We answer the phone, turn up when we say we will, and stand behind our work.",
  bookingLabel: "Book an appointment",
  quoteLabel: "Get a free quote",
  blogTopics: ["Five questions to ask before you hire", "What our customers ask most", "News from our team"],
  prices: [
    ["Consultation", "Free"],
    ["Standard visit", "$95"],
    ["Half day", "$350"],
    ["Full day", "$650"],
  ],
  teamRoles: ["Owner", "Manager", "Specialist", "Customer Care"],
};

/** Copy for a vertical, matched on its key and label; a generic small-business voice otherwise. */
export function copyForVertical(vertical: string, label = vertical): VerticalCopy {
  const text = `${vertical} ${label}`;
  return COPY.find(([pattern]) => pattern.test(text))?.[1] ?? GENERIC_COPY;
}
