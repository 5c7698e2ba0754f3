-- The choices the filter sidebar offers: every country that appears in an event, with its name,
-- and the overall date span of the events.
-- Returns: code, name, first_date, last_date (the date span repeated on every row).
-- Parameters: none.
-- (A country's events are counted by the writer: count_countries in store.sql.)
with
used as (
    select code as country from countries where events > 0
),
span as (
    select min(date_start) as first_date, max(date_end) as last_date from events
),
final as (
    select u.country as code, n.name, s.first_date, s.last_date
    from used u
    join countries n on n.code = u.country
    cross join span s
    order by n.name
)
select * from final
