-- The label a link parameter's widget shows for each id a link holds, so links may name choices by id or label.
-- Returns: param ('country', 'profile' or 'speaker'), value (the id or code), label (what the widget shows).
-- Parameters: $values (VARCHAR[]: the values the link holds; only these are looked up).
with
wanted as (
    select distinct unnest(coalesce($values::varchar[], [])) as value
),
used_countries as (  -- (countries that appear in an event: counted by the writer, count_countries in store.sql)
    select code as country from countries where events > 0 and code in (select value from wanted)
),
people_named as (
    select p.id, p.name from people p where p.id in (select value from wanted)
),
final as (
    select 'country' as param, c.code as value, c.name as label
    from countries c join used_countries u on u.country = c.code
    union all
    select 'profile', id, name from people_named
    union all
    select 'speaker', id, name from people_named
)
select * from final
