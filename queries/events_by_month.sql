-- The timeline's points: the filtered events by kind and month, with the latest event of each.
-- A month with one event of a kind is placed on that event's day and named by it.
-- Returns: kind, x (date placed on the axis), events, title, status, date (of the latest event).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
months as (
    select
        kind,
        case when count(*) = 1 then min(date_start) else date_trunc('month', min(date_start)) end as x,
        count(*) as events,
        -- one aggregate for the three columns of the latest event (three took a third longer)
        arg_max({'title': title, 'status': status, 'date': date}, (date_start, id)) as latest
    from selected
    group by kind, date_trunc('month', date_start)
),
final as (
    select kind, x, events, latest.title as title, latest.status as status, latest.date as date
    from months
    order by kind, x
)
select * from final
