-- People moved from each releasing country to each receiving country in the filtered events
-- (bodies not counted), for the map's arrows.
-- Returns: from_code, from_country, to_code, to_country, people, events.
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
selected as (
    select id from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
final as (
    select l.from_country as from_code, nf.name as from_country, l.to_country as to_code, nt.name as to_country,
           cast(sum(l.count) as bigint) as people, count(distinct l.event_id) as events
    from legs l
    join selected s on s.id = l.event_id
    join countries nf on nf.code = l.from_country
    join countries nt on nt.code = l.to_country
    where l.grp <> 'bodies'
    group by all
    order by people desc, from_country, to_country
)
select * from final
