-- The timeline's points: the filtered events by kind and period, with the latest event of each. The
-- period is a month, or a quarter when the events span four years or more, or a year from twelve
-- years on: no more than about 48 points a kind, so that they stay apart on a screen and the chart
-- sent to the browser stays small. A period with one event of a kind is placed on that event's day
-- and named by it; a longer one is placed at its start.
-- Returns: kind, x (date placed on the axis), events, title, status, date (of the latest event),
-- period ('month', 'quarter' or 'year': the same on every row).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
-- The months are counted first: with no filter set, those the writer keeps for every event are read
-- (timeline_points); with a filter they are worked out from the kept events, the same way (timeline_of
-- in macros.sql). Quarters and years are then summed from the months.
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
months as (
    select kind, x, events, latest.title as title, latest.status as status, latest.date as date
    from timeline_of('selected')
    union all
    select kind, x, events, title, status, date from timeline_points
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
period as (
    select case when date_diff('month', min(x), max(x)) >= 144 then 'year'
                when date_diff('month', min(x), max(x)) >= 48 then 'quarter'
                else 'month' end as period
    from months
),
final as (
    select
        m.kind,
        case when sum(m.events) = 1 then min(m.x) else date_trunc(p.period, min(m.x)) end as x,
        cast(sum(m.events) as bigint) as events,
        arg_max(m.title, m.x) as title,  -- (the latest month's latest event: months do not overlap)
        arg_max(m.status, m.x) as status,
        arg_max(m.date, m.x) as date,
        p.period
    from months m cross join period p
    group by m.kind, date_trunc(p.period, m.x), p.period
    order by m.kind, x
)
select * from final
