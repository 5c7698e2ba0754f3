-- Every country involved in the filtered events, with the measures the map can colour by.
-- Returns: code, country, events, released, received, mediated, hosted, venues, sources (outlet <url> of those events).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $with_sources (false: the sources column is left empty, much faster on large data).
-- With no filter set the measures are the totals the writer keeps on the countries' rows (count_countries
-- in store.sql); with a filter they are counted from the kept events. Each guard folds to a constant, so
-- only one of the two is worked out.
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
selected_ids as (  -- empty when no filter is set, and so are the kept rows below
    select id from selected where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
kept_roles as (
    select * from event_countries where event_id in (select id from selected_ids)
),
kept_legs as (
    select * from legs where event_id in (select id from selected_ids)
),
kept_events as (
    select * from selected where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
measured as (
    select code, events, released, received, mediated, hosted, venues
    from country_totals('kept_roles', 'kept_legs', 'kept_events')
    union all
    select code, events, released, received, mediated, hosted, venues from countries
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person) and (events > 0 or venues > 0)
),
cited as (
    select i.code, string_agg(distinct source_label(src.outlet, src.url), '; '
               order by source_label(src.outlet, src.url)) as sources
    from (select c.country as code, c.event_id from event_countries c
          where $with_sources and c.event_id in (select id from selected)
          union select place_country, id from selected where $with_sources and place_country is not null) i
    join citations c on $with_sources and c.record_type = 'event' and c.record_id = i.event_id
    join sources src on src.id = c.source_id
    group by i.code
),
final as (
    select
        t.code, n.name as country, t.events, t.released, t.received, t.mediated, t.hosted, t.venues,
        coalesce(ct.sources, '') as sources
    from measured t
    join countries n on n.code = t.code
    left join cited ct on ct.code = t.code
    order by events desc, country
)
select * from final
