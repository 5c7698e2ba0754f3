-- People moved from each releasing country to each receiving country in the filtered events
-- (bodies not counted), for the map's arrows.
-- Returns: from_code, from_country, to_code, to_country, people, events, sources (outlet <url> of those
-- events), total_rows (how many flows in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit, $with_sources ($limit: rows to return, largest first, NULL for all; $with_sources false:
-- the sources column is left empty, much faster on large data).
-- With no filter set the flows are those the writer keeps over every event (country_flows,
-- count_flows in store.sql); with a filter they are summed from the kept events' legs, by the same
-- macro (flow_totals). Each guard folds to a constant, so only one of the two is worked out.
with
selected_ids as (  -- empty when no filter is set, and so are the kept legs
    select id from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
kept_legs as (
    select * from legs where event_id in (select id from selected_ids)
),
totals as (
    select * from flow_totals('kept_legs')
    union all
    select from_country, to_country, people, events from country_flows
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
flows as (  -- the legs counted, for their sources: only when sources are asked for
    select event_id, from_country, to_country from legs
    where $with_sources and grp <> 'bodies' and no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
    union all
    select event_id, from_country, to_country from kept_legs where $with_sources and grp <> 'bodies'
),
grouped as (
    select f.from_country as from_code, nf.name as from_country, f.to_country as to_code, nt.name as to_country,
           f.people, f.events, (select count(*) from totals) as total_rows
    from totals f
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
    join citations c on c.record_type = 'event' and c.record_id = f.event_id
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
