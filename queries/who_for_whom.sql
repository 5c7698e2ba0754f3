-- Named people in the filtered exchanges, by the country that received them: who was freed for whom.
-- Returns: event_id, event_date, title, received_by, released_by, people.
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person) where kind = 'exchange'
),
named as (
    select l.event_id, l.to_country, l.from_country, p.name
    from legs l
    join selected s on s.id = l.event_id
    join leg_people lp on lp.event_id = l.event_id and lp.leg_seq = l.seq
    join people p on p.id = lp.person_id
),
final as (
    select s.id as event_id, s.date as event_date, s.title,
           nt.name as received_by,
           string_agg(distinct nf.name, ', ' order by nf.name) as released_by,
           string_agg(n.name, '; ' order by n.name) as people
    from named n
    join selected s on s.id = n.event_id
    join countries nt on nt.code = n.to_country
    join countries nf on nf.code = n.from_country
    group by s.id, s.date, s.date_start, s.title, nt.name
    order by s.date_start desc, s.id, received_by
)
select * from final
