-- Exchanges between each pair of countries (either direction) among the filtered events.
-- Returns: country_a, country_b (names, alphabetical within the pair), exchanges, people_a_to_b,
-- people_b_to_a, sources (outlet <url> of the exchanges counted).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
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
cited as (
    select p.a, p.b, string_agg(distinct source_label(src.outlet, src.url), '; '
               order by source_label(src.outlet, src.url)) as sources
    from (select distinct a, b, event_id from pair_legs) p
    join citations c on c.record_type = 'event' and c.record_id = p.event_id
    join sources src on src.id = c.source_id
    group by p.a, p.b
),
final as (
    select na.name as country_a, nb.name as country_b, count(distinct p.event_id) as exchanges,
           cast(sum(p.a_to_b) as bigint) as people_a_to_b, cast(sum(p.b_to_a) as bigint) as people_b_to_a,
           coalesce(any_value(ct.sources), '') as sources
    from pair_legs p
    left join cited ct on ct.a = p.a and ct.b = p.b
    join countries na on na.code = p.a
    join countries nb on nb.code = p.b
    group by na.name, nb.name
    order by exchanges desc, country_a, country_b
)
select * from final
