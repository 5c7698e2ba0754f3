-- Named people in the filtered exchanges, by the country that received them: who was freed for whom.
-- Returns: event_id, event_date, title, received_by, released_by, people, swaps (how many exchanges
-- have named people in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit (exchanges to return, newest first; NULL for all).
with
named_swaps as (
    select e.id, e.date_start from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person) e
    where e.kind = 'exchange' and e.id in (select event_id from leg_people)
),
counted as (
    select id, (select count(*) from named_swaps) as swaps from named_swaps order by date_start desc, id limit $limit
),
selected as (
    select e.*, c.swaps from events e join counted c on c.id = e.id
),
named as (  -- (each leg's row holds the names of its people)
    select l.event_id, l.to_country, l.from_country, unnest(l.people_names) as name
    from legs l
    where l.event_id in (select id from selected)
),
final as (
    select s.id as event_id, s.date as event_date, s.title,
           nt.name as received_by,
           string_agg(distinct nf.name, ', ' order by nf.name) as released_by,
           string_agg(n.name, '; ' order by n.name) as people,
           any_value(s.swaps) as swaps
    from named n
    join selected s on s.id = n.event_id
    join countries nt on nt.code = n.to_country
    join countries nf on nf.code = n.from_country
    group by s.id, s.date, s.date_start, s.title, nt.name
    order by s.date_start desc, s.id, received_by
)
select * from final
