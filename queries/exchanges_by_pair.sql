-- Exchanges between each pair of countries (either direction) among the filtered events.
-- Returns: country_a, country_b (names, alphabetical within the pair), exchanges, people_a_to_b,
-- people_b_to_a, sources (outlet <url> of the exchanges counted), total_rows (how many pairs in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit, $with_sources ($limit: rows to return, most exchanges first, NULL for all; $with_sources
-- false: the sources column is left empty, much faster on large data).
with
selected as (
    select id from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person) where kind = 'exchange'
),
pair_legs as (
    select
        l.event_id,
        least(l.from_country, l.to_country) as a,
        greatest(l.from_country, l.to_country) as b,
        case when l.from_country < l.to_country then l.count else 0 end as a_to_b,
        case when l.from_country > l.to_country then l.count else 0 end as b_to_a
    from legs l join selected s on s.id = l.event_id
    where l.grp <> 'bodies'
),
-- Summed per exchange first, then per pair: one count(distinct) beside the sums made DuckDB group the
-- legs twice and join the two; and the names are looked up for the pairs, not for every leg.
per_event as (
    select a, b, event_id, sum(a_to_b) as a_to_b, sum(b_to_a) as b_to_a from pair_legs group by a, b, event_id
),
pairs as (
    select a, b, count(*) as exchanges, cast(sum(a_to_b) as bigint) as people_a_to_b,
           cast(sum(b_to_a) as bigint) as people_b_to_a
    from per_event group by a, b
),
grouped as (
    select p.*, na.name as country_a, nb.name as country_b, (select count(*) from pairs) as total_rows
    from pairs p
    join countries na on na.code = p.a
    join countries nb on nb.code = p.b
    order by p.exchanges desc, country_a, country_b
    limit $limit
),
cited as (
    select p.a, p.b, string_agg(distinct source_label(src.outlet, src.url), '; '
               order by source_label(src.outlet, src.url)) as sources
    from (select distinct p.a, p.b, p.event_id from pair_legs p join grouped g on g.a = p.a and g.b = p.b) p
    join citations c on $with_sources and c.record_type = 'event' and c.record_id = p.event_id
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
