-- The events in view that a series numbers ("the UAE's 18th mediation"), in each series' order.
-- Returns: series (the numbering body's name), number, date, title, status, people_moved (best figure),
-- sources (outlet <url> of the sources giving the number). Parameters: $date_from, $date_to, $countries,
-- $country_role, $kinds, $statuses, $person.
with
kept as (
    select id, date, date_start, title, status, people_moved
    from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
numbered as (
    select s.series_id, s.number, s.source_ids, k.*
    from event_series s join kept k on k.id = s.event_id
),
final as (
    select p.name as series, n.number, n.date, n.title, n.status, n.people_moved,
           sources_listed(n.source_ids) as sources
    from numbered n
    left join people p on p.id = n.series_id
    order by p.name, n.number, n.date_start
)
select * from final
