-- The filtered events, newest first, with what the timeline and the event table show.
-- Returns: id, date, end_date, date_start, date_end, kind, status, title, place, countries,
-- people_moved, sources, disputed.
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
event_countries_named as (
    select c.event_id, string_agg(distinct n.name, ', ' order by n.name) as countries
    from event_countries c join countries n on n.code = c.country
    group by c.event_id
),
moved as (
    select event_id, cast(sum(count) as bigint) as people_moved from legs where grp <> 'bodies' group by event_id
),
cited as (
    select record_id, string_agg(distinct source_id, '; ' order by source_id) as sources
    from citations where record_type = 'event' group by record_id
),
disputed as (
    select distinct record_id from disagreements where record_type = 'event'
),
final as (
    select
        e.id, e.date, e.end_date, e.date_start, e.date_end, e.kind, e.status, e.title,
        concat_ws(', ', e.place_city, pc.name) as place,
        coalesce(n.countries, '') as countries,
        coalesce(m.people_moved, 0) as people_moved,
        coalesce(s.sources, '') as sources,
        d.record_id is not null as disputed
    from selected e
    left join countries pc on pc.code = e.place_country
    left join event_countries_named n on n.event_id = e.id
    left join moved m on m.event_id = e.id
    left join cited s on s.record_id = e.id
    left join disputed d on d.record_id = e.id
    order by e.date_start desc, e.id
)
select * from final
