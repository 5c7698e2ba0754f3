-- Exchanges between each pair of countries (either direction) among the filtered events.
-- Returns: country_a, country_b (names, alphabetical within the pair), exchanges, people_a_to_b,
-- people_b_to_a, sources (outlet <url> of the exchanges counted), total_rows (how many pairs in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit, $with_sources ($limit: rows to return, most exchanges first, NULL for all; $with_sources
-- false: the sources column is left empty, much faster on large data).
-- With no filter set the pairs are those the writer keeps over every exchange (country_pairs,
-- count_pairs in store.sql); with a filter they are summed from the kept exchanges' legs, by the same
-- macro (pair_totals). Each guard folds to a constant, so only one of the two is worked out.
with
selected as (  -- empty when no filter is set, and so are the kept legs
    select id from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where kind = 'exchange' and not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
kept_legs as (
    select * from legs where event_id in (select id from selected)
),
pairs as (
    select * from pair_totals('kept_legs')
    union all
    select a, b, exchanges, people_a_to_b, people_b_to_a from country_pairs
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
grouped as (
    select p.*, na.name as country_a, nb.name as country_b, (select count(*) from pairs) as total_rows
    from pairs p
    join countries na on na.code = p.a
    join countries nb on nb.code = p.b
    order by p.exchanges desc, country_a, country_b
    limit $limit
),
counted_legs as (  -- the legs counted, for their sources: only when sources are asked for
    select event_id, from_country, to_country from legs
    where $with_sources and event_kind = 'exchange' and grp <> 'bodies'
      and no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
    union all
    select event_id, from_country, to_country from kept_legs
    where $with_sources and event_kind = 'exchange' and grp <> 'bodies'
),
cited as (
    select p.a, p.b, string_agg(distinct source_label(src.outlet, src.url), '; '
               order by source_label(src.outlet, src.url)) as sources
    from (select distinct least(l.from_country, l.to_country) as a, greatest(l.from_country, l.to_country) as b,
                 l.event_id
          from counted_legs l
          join grouped g on g.a = least(l.from_country, l.to_country) and g.b = greatest(l.from_country, l.to_country)) p
    join citations c on c.record_type = 'event' and c.record_id = p.event_id
    join sources src on src.id = c.source_id
    group by p.a, p.b
),
final as (
    select g.country_a, g.country_b, g.exchanges, g.people_a_to_b, g.people_b_to_a,
           coalesce(ct.sources, '') as sources, g.total_rows
    from grouped g
    left join cited ct on ct.a = g.a and ct.b = g.b
    order by g.exchanges desc, g.country_a, g.country_b
)
select * from final
