"""Store app: the council's training catalogue, who completed each course and when, and each
worker's induction (agency workers included). Models, admin and migrations only."""
