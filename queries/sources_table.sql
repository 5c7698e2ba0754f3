-- The bibliography: every source, with how many records cite it overall and how many of the
-- records in the filtered view cite it; with filters active, only sources cited in the view.
-- Returns: id, outlet, title, published, url, article, wire, reliability, records_citing,
-- citing_in_view.
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
events_kept as (
    select id from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
people_kept as (
    select id from filtered_people($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
quotes_kept as (
    select id from filtered_quotes($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
in_view as (
    select distinct c.record_type, c.record_id, c.source_id
    from citations c
    where (c.record_type = 'event' and c.record_id in (select id from events_kept))
       or (c.record_type = 'person' and c.record_id in (select id from people_kept))
       or (c.record_type = 'quote' and c.record_id in (select id from quotes_kept))
),
overall as (
    select source_id, count(distinct record_type || ':' || record_id) as records from citations group by 1
),
viewed as (
    select source_id, count(distinct record_type || ':' || record_id) as records from in_view group by 1
),
unfiltered as (
    select $date_from is null and $date_to is null and coalesce(len($countries), 0) = 0
       and coalesce(len($kinds), 0) = 0 and coalesce(len($statuses), 0) = 0 and coalesce($person, '') = ''
       as yes
),
final as (
    select s.id, s.outlet, s.title, coalesce(s.published, s.published_note) as published, s.url, s.article,
           s.wire, s.reliability, coalesce(o.records, 0) as records_citing, coalesce(v.records, 0) as citing_in_view
    from sources s
    left join overall o on o.source_id = s.id
    left join viewed v on v.source_id = s.id
    where (select yes from unfiltered) or v.records > 0
    order by citing_in_view desc, records_citing desc, s.outlet, s.id
)
select * from final
