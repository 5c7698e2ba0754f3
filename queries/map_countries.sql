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
selected_ids as (  -- empty when no filter is set
    select id from selected where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
roles as (
    select c.country as code, c.event_id, c.role, c.first_of_country from event_countries c
    where c.event_id in (select id from selected_ids)
),
kept_legs as (
    select l.* from legs l
    where l.grp <> 'bodies' and l.event_id in (select id from selected_ids)
),
moves as (
    select from_country as code, count as released, 0 as received from kept_legs
    union all
    select to_country, 0, count from kept_legs
),
moved as (
    select code, cast(sum(released) as bigint) as released, cast(sum(received) as bigint) as received from moves group by code
),
venues as (
    select place_country as code, count(*) as venues from selected
    where place_country is not null and not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
    group by 1
),
role_counts as (  -- each event once per country (its first row is marked: no grouping by event); a
    select code, count_if(first_of_country) as events,  -- country has a role once in an event (validate)
           count_if(role = 'mediator') as mediated, count_if(role = 'host') as hosted
    from roles group by code
),
involved as (  -- (from the counts, not from roles: read once, roles is not materialized)
    select code from role_counts union select code from venues
),
measured as (
    select i.code, coalesce(rc.events, 0) as events, coalesce(m.released, 0) as released,
           coalesce(m.received, 0) as received, coalesce(rc.mediated, 0) as mediated,
           coalesce(rc.hosted, 0) as hosted, coalesce(v.venues, 0) as venues
    from involved i
    left join role_counts rc on rc.code = i.code
    left join moved m on m.code = i.code
    left join venues v on v.code = i.code
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
