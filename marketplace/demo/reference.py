"""Reference data of the demo marketplace: currencies, the category tree, sellers and their cities."""
# ruff: noqa: E501 - data tables read best one entry per line

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

#: code, name, units per EUR (plausible late-2026 rates; the demo is not a price feed)
CURRENCIES: tuple[tuple[str, str, Decimal], ...] = (
    ("EUR", "Euro", Decimal("1")),
    ("USD", "US dollar", Decimal("1.085000")),
    ("CHF", "Swiss franc", Decimal("0.942000")),
    ("CZK", "Czech koruna", Decimal("25.120000")),
    ("DKK", "Danish krone", Decimal("7.458000")),
    ("GBP", "Pound sterling", Decimal("0.846000")),
    ("HUF", "Hungarian forint", Decimal("395.400000")),
    ("NOK", "Norwegian krone", Decimal("11.620000")),
    ("PLN", "Polish złoty", Decimal("4.285000")),
    ("RON", "Romanian leu", Decimal("4.977000")),
    ("SEK", "Swedish krona", Decimal("11.240000")),
    ("UAH", "Ukrainian hryvnia", Decimal("45.300000")),
)


class Product(NamedTuple):
    en: str  # plural, as in "Pallet of 480 <en>"
    fr: str  # plural, as in "Lot de 480 <fr>"
    sizes: tuple[str, ...]
    price: tuple[str, str]  # EUR per unit, low and high
    packs: tuple[int, int]  # units per carton, cartons per pallet


class CategorySpec(NamedTuple):
    name: str
    parent: str | None
    brands: tuple[str, ...]
    products: tuple[Product, ...]


P = Product
#: a two-level tree; offers hang on the leaves (and on top-level categories without children)
CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec("Food & beverages", None, (), ()),
    CategorySpec("Coffee & tea", "Food & beverages", ("Lavazza", "Carte Noire", "Jacobs", "Segafredo", "Twinings", "Lipton"), (
        P("coffee beans bags", "paquets de café en grains", ("500 g", "1 kg"), ("4.20", "14.90"), (6, 80)),
        P("ground coffee packs", "paquets de café moulu", ("250 g", "500 g"), ("2.10", "6.80"), (12, 90)),
        P("coffee capsules boxes", "boîtes de capsules de café", ("10 caps", "30 caps"), ("2.40", "7.90"), (10, 120)),
        P("tea bag boxes", "boîtes de sachets de thé", ("25 bags", "100 bags"), ("1.20", "4.50"), (12, 100)),
    )),
    CategorySpec("Oils & condiments", "Food & beverages", ("Carapelli", "Lesieur", "Puget", "Bertolli", "Maille", "Heinz"), (
        P("bottles of olive oil", "bouteilles d'huile d'olive", ("500 ml", "1 L", "5 L"), ("3.10", "21.00"), (12, 40)),
        P("bottles of sunflower oil", "bouteilles d'huile de tournesol", ("1 L", "2 L"), ("1.40", "3.90"), (15, 48)),
        P("jars of Dijon mustard", "pots de moutarde de Dijon", ("210 g", "370 g"), ("0.90", "2.60"), (12, 120)),
        P("bottles of balsamic vinegar", "bouteilles de vinaigre balsamique", ("250 ml", "500 ml"), ("1.60", "5.40"), (12, 60)),
    )),
    CategorySpec("Snacks & confectionery", "Food & beverages", ("Milka", "Haribo", "Lindt", "Lu", "Pringles", "Kinder"), (
        P("chocolate bars", "tablettes de chocolat", ("100 g", "200 g"), ("0.70", "2.90"), (24, 100)),
        P("bags of gummy sweets", "sachets de bonbons", ("100 g", "250 g"), ("0.60", "1.90"), (30, 80)),
        P("packs of biscuits", "paquets de biscuits", ("150 g", "300 g"), ("0.80", "2.40"), (20, 90)),
        P("tubes of crisps", "tubes de chips", ("165 g", "200 g"), ("1.10", "2.70"), (19, 70)),
    )),
    CategorySpec("Drinks", "Food & beverages", ("Evian", "San Pellegrino", "Coca-Cola", "Orangina", "Red Bull", "Tropicana"), (
        P("bottles of mineral water", "bouteilles d'eau minérale", ("50 cl", "1.5 L"), ("0.18", "0.65"), (24, 84)),
        P("cans of soft drinks", "canettes de soda", ("33 cl", "50 cl"), ("0.32", "0.95"), (24, 100)),
        P("cartons of fruit juice", "briques de jus de fruits", ("1 L", "20 cl"), ("0.45", "1.80"), (12, 80)),
        P("cans of energy drink", "canettes de boisson énergisante", ("25 cl", "47.3 cl"), ("0.70", "1.60"), (24, 90)),
    )),
    CategorySpec("Household", None, (), ()),
    CategorySpec("Cleaning products", "Household", ("Ariel", "Skip", "Mr Propre", "Cif", "Finish", "Sanytol"), (
        P("bottles of laundry detergent", "bidons de lessive liquide", ("1.5 L", "3 L"), ("3.40", "11.90"), (6, 60)),
        P("dishwasher tablet packs", "boîtes de tablettes lave-vaisselle", ("40 tabs", "90 tabs"), ("4.10", "14.50"), (6, 64)),
        P("bottles of multi-surface cleaner", "flacons de nettoyant multi-surfaces", ("750 ml", "1 L"), ("0.90", "3.20"), (12, 70)),
        P("disinfectant wipes packs", "paquets de lingettes désinfectantes", ("40 wipes", "80 wipes"), ("0.80", "2.90"), (24, 60)),
    )),
    CategorySpec("Paper goods", "Household", ("Lotus", "Okay", "Regina", "Tork", "Renova", "Moltonel"), (
        P("toilet paper rolls", "rouleaux de papier toilette", ("3-ply", "2-ply"), ("0.15", "0.55"), (48, 40)),
        P("kitchen towel rolls", "rouleaux d'essuie-tout", ("2-ply", "XXL"), ("0.40", "1.30"), (24, 40)),
        P("tissue boxes", "boîtes de mouchoirs", ("100 tissues", "150 tissues"), ("0.35", "1.20"), (36, 50)),
    )),
    CategorySpec("Cosmetics", None, (), ()),
    CategorySpec("Hair care", "Cosmetics", ("L'Oréal", "Garnier", "Schwarzkopf", "Head & Shoulders", "Dove", "Elsève"), (
        P("bottles of shampoo", "flacons de shampooing", ("250 ml", "400 ml"), ("1.10", "4.60"), (12, 90)),
        P("bottles of conditioner", "flacons d'après-shampooing", ("200 ml", "300 ml"), ("1.20", "4.80"), (12, 90)),
        P("hair dye kits", "kits de coloration", ("shade 5", "shade 7"), ("2.40", "6.90"), (6, 120)),
    )),
    CategorySpec("Skin care", "Cosmetics", ("Nivea", "Bioderma", "La Roche-Posay", "Vichy", "Neutrogena", "Mixa"), (
        P("tubes of hand cream", "tubes de crème mains", ("50 ml", "75 ml"), ("0.90", "4.20"), (24, 80)),
        P("jars of moisturising cream", "pots de crème hydratante", ("50 ml", "200 ml"), ("2.10", "9.90"), (12, 80)),
        P("bottles of shower gel", "flacons de gel douche", ("250 ml", "500 ml"), ("0.80", "3.40"), (12, 80)),
        P("sunscreen bottles", "flacons de crème solaire", ("SPF 30 200 ml", "SPF 50 100 ml"), ("3.20", "11.50"), (12, 60)),
    )),
    CategorySpec("Electronics", None, (), ()),
    CategorySpec("Batteries & power", "Electronics", ("Duracell", "Energizer", "Varta", "Panasonic", "GP", "Anker"), (
        P("AA alkaline batteries", "piles alcalines AA", ("4-pack", "bulk"), ("0.18", "0.90"), (48, 50)),
        P("AAA alkaline batteries", "piles alcalines AAA", ("4-pack", "bulk"), ("0.16", "0.85"), (48, 50)),
        P("USB power banks", "batteries externes USB", ("10000 mAh", "20000 mAh"), ("7.50", "24.90"), (10, 60)),
        P("CR2032 coin cells", "piles bouton CR2032", ("blister of 2", "bulk"), ("0.12", "0.70"), (100, 40)),
    )),
    CategorySpec("Phone accessories", "Electronics", ("Belkin", "Samsung", "Xiaomi", "Baseus", "Ugreen", "Hama"), (
        P("USB-C charging cables", "câbles de charge USB-C", ("1 m", "2 m"), ("1.10", "6.90"), (50, 40)),
        P("USB wall chargers", "chargeurs secteur USB", ("20 W", "65 W"), ("3.20", "14.90"), (20, 50)),
        P("tempered glass screen protectors", "protections d'écran en verre trempé", ("6.1 in", "6.7 in"), ("0.40", "2.90"), (100, 40)),
        P("wireless earbuds", "écouteurs sans fil", ("Bluetooth 5.3", "ANC"), ("6.90", "29.00"), (20, 40)),
    )),
    CategorySpec("DIY & tools", None, ("Bosch", "Stanley", "Makita", "Facom", "Würth", "Fischer"), (
        P("screwdriver sets", "jeux de tournevis", ("6 pcs", "12 pcs"), ("3.90", "18.50"), (10, 60)),
        P("boxes of wood screws", "boîtes de vis à bois", ("4x40 mm", "5x60 mm"), ("1.20", "5.40"), (20, 60)),
        P("rolls of duct tape", "rouleaux de ruban adhésif toilé", ("48 mm x 25 m", "50 mm x 50 m"), ("0.90", "3.60"), (36, 40)),
        P("LED work lights", "projecteurs de chantier LED", ("20 W", "50 W"), ("6.50", "24.00"), (6, 60)),
    )),
    CategorySpec("Textiles", None, ("Petit Bateau", "Hanes", "Fruit of the Loom", "Damart", "Dim", "Uniqlo"), (
        P("cotton T-shirts", "t-shirts en coton", ("size M", "size L", "assorted sizes"), ("1.40", "6.90"), (25, 40)),
        P("pairs of socks", "paires de chaussettes", ("39-42", "43-46"), ("0.45", "2.20"), (60, 40)),
        P("bath towels", "serviettes de bain", ("70x140 cm", "50x100 cm"), ("2.10", "8.90"), (20, 40)),
        P("fleece blankets", "plaids polaires", ("130x170 cm", "150x200 cm"), ("3.50", "12.90"), (10, 40)),
    )),
    CategorySpec("Toys & games", None, ("Lego", "Playmobil", "Hasbro", "Mattel", "Ravensburger", "Djeco"), (
        P("jigsaw puzzles", "puzzles", ("500 pcs", "1000 pcs"), ("2.90", "11.90"), (12, 48)),
        P("board games", "jeux de société", ("family", "junior"), ("5.90", "24.90"), (6, 40)),
        P("plush toys", "peluches", ("25 cm", "40 cm"), ("1.90", "9.90"), (24, 30)),
        P("building block sets", "boîtes de briques de construction", ("250 pcs", "500 pcs"), ("4.90", "29.00"), (8, 40)),
    )),
    CategorySpec("Office supplies", None, ("Bic", "Clairefontaine", "Oxford", "Stabilo", "Post-it", "Leitz"), (
        P("ballpoint pens", "stylos bille", ("blue", "black", "assorted"), ("0.08", "0.60"), (50, 80)),
        P("A4 copy paper reams", "ramettes de papier A4", ("80 g 500 sheets", "75 g 500 sheets"), ("2.40", "4.90"), (5, 80)),
        P("spiral notebooks", "cahiers à spirale", ("A5 100 pages", "A4 180 pages"), ("0.60", "3.20"), (20, 60)),
        P("lever arch files", "classeurs à levier", ("75 mm", "50 mm"), ("0.90", "3.40"), (10, 60)),
    )),
    CategorySpec("Garden", None, ("Gardena", "Fiskars", "Compo", "Weber", "Truffaut", "Hozelock"), (
        P("bags of potting soil", "sacs de terreau", ("40 L", "70 L"), ("1.90", "7.90"), (1, 60)),
        P("garden hoses", "tuyaux d'arrosage", ("15 m", "25 m"), ("5.90", "24.00"), (5, 40)),
        P("solar garden lights", "lampes solaires de jardin", ("set of 4", "single"), ("1.50", "9.90"), (12, 50)),
        P("pruning shears", "sécateurs", ("bypass", "anvil"), ("3.90", "16.90"), (10, 60)),
    )),
    CategorySpec("Pet supplies", None, ("Royal Canin", "Purina", "Whiskas", "Pedigree", "Felix", "Ultima"), (
        P("bags of dry dog food", "sacs de croquettes pour chien", ("3 kg", "12 kg"), ("5.90", "34.00"), (4, 40)),
        P("pouches of wet cat food", "sachets de pâtée pour chat", ("85 g", "100 g"), ("0.30", "0.90"), (48, 60)),
        P("bags of cat litter", "sacs de litière pour chat", ("10 L", "20 L"), ("2.40", "9.90"), (3, 40)),
        P("dog chew toys", "jouets à mâcher pour chien", ("small", "large"), ("1.10", "5.90"), (24, 40)),
    )),
)


class SellerSpec(NamedTuple):
    name: str
    country: str
    cities: tuple[str, ...]


#: the first seller is the one seller@demo.test manages (a warehouse in each of its cities)
SELLERS: tuple[SellerSpec, ...] = (
    SellerSpec("Déstock Pro Lyon", "FR", ("Lyon", "Saint-Priest", "Villeurbanne")),
    SellerSpec("Grossiste Méditerranée", "FR", ("Marseille", "Avignon")),
    SellerSpec("Palettes & Co", "FR", ("Lille", "Roubaix", "Paris")),
    SellerSpec("Atlantique Surplus", "FR", ("Nantes",)),
    SellerSpec("Rhein Restposten GmbH", "DE", ("Köln", "Düsseldorf")),
    SellerSpec("Hanse Großhandel", "DE", ("Hamburg", "Bremen")),
    SellerSpec("Bayern Sonderposten", "DE", ("München", "Nürnberg", "Augsburg")),
    SellerSpec("Berliner Warenbörse", "DE", ("Berlin",)),
    SellerSpec("Stock Italia Srl", "IT", ("Milano", "Bergamo")),
    SellerSpec("Magazzini Toscani", "IT", ("Firenze", "Prato")),
    SellerSpec("Sud Ingrosso", "IT", ("Napoli", "Bari")),
    SellerSpec("Excedentes Ibéricos SL", "ES", ("Madrid", "Getafe")),
    SellerSpec("Liquidaciones Levante", "ES", ("Valencia", "Alicante")),
    SellerSpec("Barcelona Stock Lots", "ES", ("Barcelona",)),
    SellerSpec("Lusostock Lda", "PT", ("Porto", "Braga")),
    SellerSpec("Lisboa Armazém", "PT", ("Lisboa",)),
    SellerSpec("Hurtownia Wisła", "PL", ("Warszawa", "Łódź")),
    SellerSpec("Poznań Outlet Trade", "PL", ("Poznań", "Wrocław", "Gdańsk")),
    SellerSpec("Krakowskie Nadwyżki", "PL", ("Kraków",)),
    SellerSpec("Holland Partijhandel BV", "NL", ("Rotterdam", "Venlo")),
    SellerSpec("Amsterdam Overstock", "NL", ("Amsterdam", "Utrecht")),
    SellerSpec("Benelux Déstockage", "BE", ("Liège", "Charleroi")),
    SellerSpec("Antwerp Surplus Trading", "BE", ("Antwerpen", "Gent")),
    SellerSpec("Praha Velkoobchod s.r.o.", "CZ", ("Praha", "Kladno")),
    SellerSpec("Morava Zásoby", "CZ", ("Brno", "Ostrava")),
    SellerSpec("Carpați Stocuri SRL", "RO", ("Cluj-Napoca", "Brașov")),
    SellerSpec("Bucharest Wholesale Hub", "RO", ("București",)),
    SellerSpec("Donau Lagerverkauf", "AT", ("Wien", "Linz")),
    SellerSpec("Nordic Surplus ApS", "DK", ("Aarhus", "København")),
    SellerSpec("Svenska Restlager AB", "SE", ("Göteborg", "Malmö")),
    SellerSpec("Dublin Clearance Ltd", "IE", ("Dublin",)),
    SellerSpec("Balaton Nagyker Kft", "HU", ("Budapest", "Győr")),
    SellerSpec("Adriatic Stock d.o.o.", "HR", ("Zagreb", "Split")),
    SellerSpec("Baltic Lots UAB", "LT", ("Vilnius", "Kaunas")),
)

PHONE_PREFIX = {
    "FR": "+33", "DE": "+49", "IT": "+39", "ES": "+34", "PT": "+351", "PL": "+48", "NL": "+31", "BE": "+32",
    "CZ": "+420", "RO": "+40", "AT": "+43", "DK": "+45", "SE": "+46", "IE": "+353", "HU": "+36", "HR": "+385",
    "LT": "+370",
}

SELLER_BLURBS = (
    "Family-run wholesaler clearing end-of-line and overstock from major brands since {year}.",
    "Spécialiste du déstockage de grandes marques depuis {year} : palettes complètes ou au carton.",
    "We buy surplus from manufacturers and retailers and resell it by the pallet, shipping across the EU.",
    "Grossiste en lots et fins de séries, livraison rapide en France et en Europe depuis {year}.",
    "Clearance stock, seasonal overruns and packaging changes at a fraction of the list price. Since {year}.",
)

CARRIERS = (
    ("DHL", "https://www.dhl.com/track?tracking-id={n}"),
    ("DPD", "https://tracking.dpd.de/status/{n}"),
    ("GLS", "https://gls-group.com/track/{n}"),
    ("UPS", "https://www.ups.com/track?tracknum={n}"),
    ("Colissimo", "https://www.laposte.fr/outils/suivre-vos-envois?code={n}"),
    ("PostNL", "https://jouw.postnl.nl/track-and-trace/{n}"),
)

#: shipping methods as checkout offers them (ids and names as in services/quote.py; price in EUR)
SHIPPING_METHODS = (
    {"id": 1, "name": "Standard freight", "price": "49.00", "days": 5},
    {"id": 2, "name": "Express freight", "price": "107.80", "days": 2},
    {"id": 3, "name": "Pickup at the warehouse", "price": "0.00", "days": 1},
)

#: where bank transfers and Multibanco payments go (as services/ordering.py tells buyers)
BANK = {"iban": "PT50 0035 0651 0000 1234 5678 9", "bic": "CGDIPTPL", "beneficiary": "Bulkdesk Marketplace SA"}
MULTIBANCO_ENTITY = "21873"

#: the categories' French names (the demo stores them in `category_translations`, language "fr")
CATEGORY_NAMES_FR: dict[str, str] = {
    "Food & beverages": "Alimentation et boissons",
    "Coffee & tea": "Café et thé",
    "Oils & condiments": "Huiles et condiments",
    "Snacks & confectionery": "Snacks et confiserie",
    "Drinks": "Boissons",
    "Household": "Entretien de la maison",
    "Cleaning products": "Produits d'entretien",
    "Paper goods": "Papier et essuyage",
    "Cosmetics": "Cosmétiques",
    "Hair care": "Soins des cheveux",
    "Skin care": "Soins de la peau",
    "Electronics": "Électronique",
    "Batteries & power": "Piles et énergie",
    "Phone accessories": "Accessoires téléphone",
    "DIY & tools": "Bricolage et outillage",
    "Textiles": "Textile",
    "Toys & games": "Jouets et jeux",
    "Office supplies": "Fournitures de bureau",
    "Garden": "Jardin",
    "Pet supplies": "Animalerie",
}
