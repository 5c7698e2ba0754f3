-- The timeline's points: the filtered events by kind and month, with the latest event of each.
-- A month with one event of a kind is placed on that event's day and named by it.
-- Returns: kind, x (date placed on the axis), events, title, status, date (of the latest event).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
-- With no filter set, the points the writer keeps for every event are read (timeline_points); with a
-- filter they are worked out from the kept events, the same way (timeline_of in macros.sql).
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
points as (
    select kind, x, events, latest.title as title, latest.status as status, latest.date as date
    from timeline_of('selected')
    union all
    select kind, x, events, title, status, date from timeline_points
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
final as (
    select * from points order by kind, x
)
select * from final
