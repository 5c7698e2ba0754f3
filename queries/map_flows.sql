-- People moved from each releasing country to each receiving country in the filtered events
-- (bodies not counted), for the map's arrows.
-- Returns: from_code, from_country, to_code, to_country, people, events, sources (outlet <url> of those
-- events), total_rows (how many flows in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit, $with_sources ($limit: rows to return, largest first, NULL for all; $with_sources false:
-- the sources column is left empty, much faster on large data).
with
selected as (
    select id from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
selected_ids as (  -- empty when no filter is set: the lookups guarded by no_filter(...) then cost nothing
    select id from selected where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
flows as (  -- with no filter set every event is kept: the guard folds to true and the lookup is not made
    select l.from_country, l.to_country, l.event_id, l.count, l.first_of_flow
    from legs l
    where l.grp <> 'bodies'
      and (no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person) or l.event_id in (select id from selected_ids))
),
flow_totals as (  -- (an event is counted by its first leg of the flow, marked on the leg: no grouping by event)
    select from_country, to_country, cast(sum(count) as bigint) as people, count_if(first_of_flow) as events
    from flows group by from_country, to_country
),
grouped as (
    select f.from_country as from_code, nf.name as from_country, f.to_country as to_code, nt.name as to_country,
           f.people, f.events, (select count(*) from flow_totals) as total_rows
    from flow_totals f
    join countries nf on nf.code = f.from_country
    join countries nt on nt.code = f.to_country
    order by f.people desc, from_country, to_country
    limit $limit
),
cited as (
    select f.from_country, f.to_country, string_agg(distinct source_label(src.outlet, src.url), '; '
               order by source_label(src.outlet, src.url)) as sources
    from (select distinct f.from_country, f.to_country, f.event_id from flows f
          join grouped g on g.from_code = f.from_country and g.to_code = f.to_country) f
    join citations c on $with_sources and c.record_type = 'event' and c.record_id = f.event_id
    join sources src on src.id = c.source_id
    group by f.from_country, f.to_country
),
final as (
    select g.from_code, g.from_country, g.to_code, g.to_country, g.people, g.events,
           coalesce(ct.sources, '') as sources, g.total_rows
    from grouped g
    left join cited ct on ct.from_country = g.from_code and ct.to_country = g.to_code
    order by g.people desc, g.from_country, g.to_country
)
select * from final
