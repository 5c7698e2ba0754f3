-- The timeline's points: the filtered events by kind and month, with the latest event of each.
-- A month with one event of a kind is placed on that event's day and named by it.
-- Returns: kind, x (date placed on the axis), events, title, status, date (of the latest event).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
final as (
    select
        kind,
        case when count(*) = 1 then min(date_start) else date_trunc('month', min(date_start)) end as x,
        count(*) as events,
        arg_max(title, (date_start, id)) as title,
        arg_max(status, (date_start, id)) as status,
        arg_max(date, (date_start, id)) as date
    from selected
    group by kind, date_trunc('month', date_start)
    order by kind, x
)
select * from final
