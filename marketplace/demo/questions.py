"""Demo "Contact the seller" threads: buyer@demo.test's questions about the demo seller's offers, some
still waiting for an answer (the seller's inbox), some answered."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

#: (question, answer or None); the open ones first, as a seller's inbox would show them
THREADS = (
    ("Can you deliver 3 pallets to Lyon before Friday?", None),
    ("Quel est le délai de livraison pour Bordeaux ?", None),
    ("Is the best-before date at least six months away?", None),
    ("Could you split the lot into two deliveries, two weeks apart?", None),
    ("Acceptez-vous un paiement à 30 jours fin de mois ?", None),
    ("Do the cartons come shrink-wrapped on the pallet?", "Yes, every pallet is shrink-wrapped and labelled."),
    ("Is a pick-up at the warehouse possible on Saturday morning?",
     "Saturdays 8:00–12:00, please book a slot by e-mail."),
    ("Pouvez-vous faire un prix pour 10 palettes ?", "Oui : 8 % de remise à partir de 10 palettes."),
)


def build_questions(rng: random.Random, offers: list[dict], demo_seller_id: int, buyer_id: int,
                    now: datetime, first_id: int = 1) -> list[dict]:
    """One row per THREADS entry, each about one of the demo seller's offers (none without offers)."""
    own = [o for o in offers if o["seller_id"] == demo_seller_id]
    if not own:
        return []
    rows = []
    for n, (message, answer) in enumerate(THREADS):
        offer = rng.choice(own)
        asked = now - timedelta(days=rng.uniform(2 if answer else 0.2, 12), minutes=n)
        rows.append({
            "id": first_id + n, "offer_id": offer["id"], "seller_id": demo_seller_id, "buyer_id": buyer_id,
            "message": message, "answer": answer, "created_at": asked,
            "answered_at": asked + timedelta(hours=rng.uniform(1, 20)) if answer else None,
        })
    return rows
