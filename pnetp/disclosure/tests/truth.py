"""True values by key, for tests that check the attacker's interval contains the real count."""


def truth(*tables) -> dict:
    values = {}
    for table in tables:
        s = table.structure()
        values.update(zip(s.keys, s.values))
    return values
