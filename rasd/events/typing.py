"""From a trigger family (+ the instruments near it, the actors' types and the target) to ACLED's
event_type / sub_event_type."""

from __future__ import annotations

BATTLES = "Battles"
ERV = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
SD = "Strategic developments"

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": BATTLES, "Government regains territory": BATTLES, "Non-state actor overtakes territory": BATTLES,
    "Chemical weapon": ERV, "Air/drone strike": ERV, "Suicide bomb": ERV, "Shelling/artillery/missile attack": ERV,
    "Remote explosive/landmine/IED": ERV, "Grenade": ERV,
    "Sexual violence": VAC, "Attack": VAC, "Abduction/forced disappearance": VAC,
    "Peaceful protest": PROTESTS, "Protest with intervention": PROTESTS, "Excessive force against protesters": PROTESTS,
    "Violent demonstration": RIOTS, "Mob violence": RIOTS,
    "Agreement": SD, "Arrests": SD, "Change to group/activity": SD, "Disrupted weapons use": SD,
    "Headquarters or base established": SD, "Looting/property destruction": SD,
    "Non-violent transfer of territory": SD, "Other": SD,
}

INSTRUMENT_SUB = {
    "air": "Air/drone strike", "shell": "Shelling/artillery/missile attack", "ied": "Remote explosive/landmine/IED",
    "suicide": "Suicide bomb", "grenade": "Grenade", "chem": "Chemical weapon",
}
FIXED = {
    "clash": "Armed clash", "air": "Air/drone strike", "shell": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED", "suicide": "Suicide bomb", "grenade": "Grenade", "chem": "Chemical weapon",
    "abduct": "Abduction/forced disappearance", "sexual": "Sexual violence", "riot": "Violent demonstration",
    "arrest": "Arrests", "agreement": "Agreement", "disrupt": "Disrupted weapons use",
    "loot": "Looting/property destruction", "withdraw": "Non-violent transfer of territory",
    "abuse": "Attack", "base": "Headquarters or base established", "change": "Change to group/activity",
}
# Families whose type depends on the weapon used (instrument words near the trigger).
INSTRUMENTAL = {"bombard", "target", "attack", "blast", "storm", "shoot", "kill", "foil", "ied", "shell", "air"}
TERRITORY = {"take", "retake", "advance"}
ON_CIVILIANS = {"assassinate", "execute", "kill", "shoot"}
# Families that are violent events (casualties can be given to them).
VIOLENT = {"clash", "attack", "storm", "take", "retake", "advance", "air", "bombard", "target", "shell", "ied",
           "blast", "suicide", "grenade", "chem", "assassinate", "execute", "kill", "shoot", "abduct", "sexual",
           "riot", "protest", "abuse"}
# Explosions that can be absorbed as the instrument of a nearby generic trigger.
ABSORBABLE = {"air", "shell", "ied", "suicide", "grenade", "chem", "blast"}
# Triggers that can absorb them.
ABSORBERS = {"bombard", "target", "attack", "storm", "air", "blast", "suicide", "ied", "shell", "shoot",
             "assassinate", "foil", "disrupt"}


def sub_event_type(family: str, instruments: list[str], actor1_inter: int | None, civilian_target: bool,
                   armed_target: bool, protest_cues: set[str]) -> str | None:
    """ACLED sub-event type of one trigger in context; None when the trigger is not codable alone."""
    instr = _pick_instrument(instruments)
    if family == "suicide" or (family in {"blast", "ied", "attack", "target"} and "suicide" in instruments):
        return "Suicide bomb"
    if family in {"air", "shell", "ied", "grenade", "chem"}:
        if family == "shell" and instr == "air":
            return "Air/drone strike"
        if family == "ied" and instr == "suicide":
            return "Suicide bomb"
        return FIXED[family]
    if family in {"bombard", "target", "attack", "blast", "storm", "foil"} and instr:
        if family == "foil":
            return "Disrupted weapons use"
        return INSTRUMENT_SUB[instr]
    if family == "foil":
        return None
    if family == "bombard":
        return "Shelling/artillery/missile attack"
    if family == "blast":
        return "Remote explosive/landmine/IED"
    if family in TERRITORY:
        if actor1_inter in (1, 3):
            # government forces and the militias fighting on their side (ACLED inter 3)
            return "Government regains territory"
        if actor1_inter is not None and actor1_inter in (2, 4, 8):
            return "Non-state actor overtakes territory"
        if family == "retake":
            return "Government regains territory"
        return "Armed clash"
    if family in {"attack", "storm", "target"}:
        if civilian_target and not armed_target:
            return "Attack"
        if family == "target" and not armed_target:
            return None
        return "Armed clash"
    if family in ON_CIVILIANS:
        if instr and family in ("assassinate", "kill"):
            return INSTRUMENT_SUB[instr]   # killed by a bomb or a strike: the weapon names the event
        if armed_target and not civilian_target and family == "shoot":
            return "Armed clash"
        return "Attack"
    if family == "protest":
        if "violent" in protest_cues:
            return "Violent demonstration"   # stones, fire, smashing: the crowd's own violence (ACLED riot)
        if "excessive" in protest_cues:
            return "Excessive force against protesters"
        if "intervention" in protest_cues:
            return "Protest with intervention"
        return "Peaceful protest"
    return FIXED.get(family)


_INSTR_PRIORITY = ("suicide", "chem", "air", "ied", "shell", "grenade")


def _pick_instrument(instruments: list[str]) -> str | None:
    """Instruments come nearest-first; the nearest decides, except that suicide/chem override."""
    for strong in ("suicide", "chem"):
        if strong in instruments:
            return strong
    if "air" in instruments and "shell" in instruments:
        return "air"   # rockets and barrels together: dropped from aircraft (artillery drops no barrels)
    return instruments[0] if instruments else None


def event_type_of(sub: str) -> str:
    return SUB_EVENT_TYPES[sub]
