-- Every country involved in the filtered events, with the measures the map can colour by.
-- Returns: code, country, events, released, received, mediated, hosted, venues, sources (outlet <url> of those events).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $with_sources (false: the sources column is left empty, much faster on large data).
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
selected_ids as (  -- empty when no filter is set: the lookups guarded by no_filter(...) then cost nothing
    select id from selected where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
-- With no filter set every event is kept: the guard folds to true and the lookups are not made.
roles as (
    select c.country as code, c.event_id, c.role, c.first_of_country from event_countries c
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person) or c.event_id in (select id from selected_ids)
),
kept_legs as (
    select l.* from legs l
    where l.grp <> 'bodies'
      and (no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person) or l.event_id in (select id from selected_ids))
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
    select place_country as code, count(*) as venues from selected where place_country is not null group by 1
),
role_counts as (  -- each event once per country (its first row is marked: no grouping by event); a
    select code, count_if(first_of_country) as events,  -- country has a role once in an event (validate)
           count_if(role = 'mediator') as mediated, count_if(role = 'host') as hosted
    from roles group by code
),
involved as (  -- (from the counts, not from roles: read once, roles is not materialized)
    select code from role_counts union select code from venues
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
        i.code, n.name as country,
        coalesce(rc.events, 0) as events,
        coalesce(m.released, 0) as released, coalesce(m.received, 0) as received,
        coalesce(rc.mediated, 0) as mediated, coalesce(rc.hosted, 0) as hosted,
        coalesce(v.venues, 0) as venues,
        coalesce(ct.sources, '') as sources
    from involved i
    join countries n on n.code = i.code
    left join role_counts rc on rc.code = i.code
    left join moved m on m.code = i.code
    left join venues v on v.code = i.code
    left join cited ct on ct.code = i.code
    order by events desc, country
)
select * from final
