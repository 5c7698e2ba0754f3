-- People released and received by each country in the filtered exchanges (bodies not counted).
-- Returns: code, country, released, received, sources (outlet <url> of the events counted). Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $with_sources (false: the sources column is left empty, much faster on large data).
-- With no filter set the people moved are the totals the writer keeps on the countries' rows
-- (count_countries in store.sql); the legs are then read only for their sources.
with
selected_ids as (  -- empty when no filter is set: every exchange's legs are kept, by the kind on their rows
    select id from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where kind = 'exchange' and not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
kept_legs as (  -- read once for both sides; with no filter set, only when sources are asked for
    select l.event_id, l.from_country, l.to_country, l.count
    from legs l
    where l.event_kind = 'exchange' and l.grp <> 'bodies'
      and ((no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person) and $with_sources)
           or l.event_id in (select id from selected_ids))
),
moves as (
    select code, cast(sum(released) as bigint) as released, cast(sum(received) as bigint) as received
    from (select from_country as code, sum(count) as released, 0 as received from kept_legs group by 1
          union all
          select to_country, 0, sum(count) from kept_legs group by 1)
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
    group by code
    union all
    select code, swapped_out, swapped_in from countries
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person) and swapped_out is not null
),
cited as (
    select m.code, string_agg(distinct source_label(src.outlet, src.url), '; '
               order by source_label(src.outlet, src.url)) as sources
    from (select from_country as code, event_id from kept_legs union select to_country, event_id from kept_legs) m
    join citations c on $with_sources and c.record_type = 'event' and c.record_id = m.event_id
    join sources src on src.id = c.source_id
    group by m.code
),
final as (
    select m.code, n.name as country, m.released, m.received, coalesce(ct.sources, '') as sources
    from moves m join countries n on n.code = m.code left join cited ct on ct.code = m.code
    order by m.released + m.received desc, country
)
select * from final
