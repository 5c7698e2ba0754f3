-- People released and received by each country in the filtered exchanges (bodies not counted).
-- Returns: code, country, released, received, sources (outlet <url> of the events counted). Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $with_sources (false: the sources column is left empty, much faster on large data).
with
selected as (
    select id from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person) where kind = 'exchange'
),
moves as (
    select l.event_id, l.from_country as code, l.count as released, 0 as received
    from legs l join selected s on s.id = l.event_id where l.grp <> 'bodies'
    union all
    select l.event_id, l.to_country, 0, l.count
    from legs l join selected s on s.id = l.event_id where l.grp <> 'bodies'
),
cited as (
    select m.code, string_agg(distinct source_label(src.outlet, src.url), '; '
               order by source_label(src.outlet, src.url)) as sources
    from (select distinct code, event_id from moves) m
    join citations c on $with_sources and c.record_type = 'event' and c.record_id = m.event_id
    join sources src on src.id = c.source_id
    group by m.code
),
final as (
    select m.code, n.name as country, cast(sum(m.released) as bigint) as released, cast(sum(m.received) as bigint) as received,
           coalesce(any_value(ct.sources), '') as sources
    from moves m join countries n on n.code = m.code left join cited ct on ct.code = m.code
    group by m.code, n.name
    order by sum(m.released) + sum(m.received) desc, country
)
select * from final
