"""The financing rules as pure functions over plain values.

Nothing here queries the database: the callers (selectors, services, tests) pass in posts,
contributions, periods and dated parameters, as model instances or any object with the same
attributes. So each rule is the same in the HTML, the API and the PDF, and is tested on plain
values (tests/test_financing_rules.py).

- `limits`: the bounds of a plan (12/24/60 months and the amounts), written once.
- `posts`: what is promised, pending and missing per post; the per-funder summary; norms.
- `ww`: the WW rule (dated cap and percentages).
- `income`: the income timeline month by month.
- `contract`: what counts as contract certainty.
- `verdict`: "financieel veilig" and its conditions.
- `subsidies`: the subsidiewijzer (validity, sector, target group, stacking, maxima).
- `contributions`: the checks on one contribution that need no query.
"""
