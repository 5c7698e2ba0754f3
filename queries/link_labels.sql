-- The label a link parameter's widget shows for each id, so links may name choices by id or label.
-- Returns: param ('country', 'profile' or 'speaker'), value (the id or code), label (what the widget shows).
-- Parameters: none.
with
used_countries as (
    select distinct country from event_countries
),
final as (
    select 'country' as param, c.code as value, c.name as label
    from countries c join used_countries u on u.country = c.code
    union all
    select 'profile', id, name from people
    union all
    select 'speaker', id, name from people
)
select * from final
