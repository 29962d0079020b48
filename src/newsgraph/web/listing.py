"""What the list pages share: facet panels whose values link to the filtered list (and back),
and the API address of the list being shown, for its downloads."""

from __future__ import annotations

from newsgraph.web.filters import with_query

NONE_LABELS = {"month": "(undated)"}


def facet_panels(facets: dict, params: dict, titles: dict[str, str], *, param_of: dict[str, str] | None = None,
                 labels: dict[str, dict] | None = None) -> list[dict]:
    """store.facets() as panels: each value a link that adds its filter, or removes it when
    it is the one applied. A month sets since and until to that month."""
    param_of, labels = param_of or {}, labels or {}
    panels = []
    for name, facet in facets.items():
        key = param_of.get(name, name)
        values = []
        for v in facet["values"]:
            label = labels.get(name, {}).get(v["label"], v["label"])
            if v["value"] is None:
                values.append({"label": NONE_LABELS.get(name, "(none)"), "count": v["count"], "href": None,
                               "selected": False})
                continue
            if name == "month":
                changes = {"since": v["value"], "until": v["value"]}
                selected = params.get("since") == v["value"] == params.get("until")
            else:
                changes = {key: v["value"]}
                selected = str(params.get(key) or "").lower() == str(v["value"]).lower()
            href = with_query(params, **({k: None for k in changes} if selected else changes), page=None)
            values.append({"label": label, "count": v["count"], "href": href, "selected": selected})
        panels.append({"name": name, "title": titles.get(name, name), "values": values,
                       "truncated": facet["truncated"], "timed_out": facet.get("timed_out", False)})
    return panels


def api_params(params: dict, **renamed: str) -> dict:
    """The page's filters under the API's names (page -> API: q -> search), paging dropped."""
    out = {renamed.get(k, k): v for k, v in params.items() if k != "page"}
    return {k: v for k, v in out.items() if v not in (None, "")}
