-- The bibliography, by outlet and title: every source, with how many records cite it overall and how
-- many of the records in the filtered view cite it; with filters active, only sources cited in the view.
-- Returns: id, outlet, title, published, url, article, wire, reliability, records_citing,
-- citing_in_view, total_rows (how many sources are listed in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit (rows to return; NULL for all).
-- The page is cut first and the citations are counted for its sources only, so a page costs about
-- the same at any size.
with
events_kept as (
    select id from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
people_kept as (
    select id from filtered_people($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
quotes_kept as (
    select id from filtered_quotes($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
in_view as (
    select distinct c.source_id, c.record_type, c.record_id
    from citations c
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
      and ((c.record_type = 'event' and c.record_id in (select id from events_kept))
       or (c.record_type = 'person' and c.record_id in (select id from people_kept))
       or (c.record_type = 'quote' and c.record_id in (select id from quotes_kept)))
),
listed as (  -- with every column shown: joining the page back to sources would scan them all again
    select s.id, s.outlet, s.title, coalesce(s.published, s.published_note) as published, s.url, s.article,
           s.wire, s.reliability
    from sources s
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
       or s.id in (select source_id from in_view)
),
page as (  -- (a count apart is cheaper than count(*) over (), which keeps every row)
    select l.*, (select count(*) from listed) as total_rows
    from listed l
    order by l.outlet, l.title, l.id
    limit $limit
),
overall as (
    select source_id, count(*) as records
    from (select distinct source_id, record_type, record_id from citations where source_id in (select id from page))
    group by 1
),
viewed as (
    select source_id, count(*) as records from in_view where source_id in (select id from page) group by 1
),
final as (
    select p.id, p.outlet, p.title, p.published, p.url, p.article, p.wire, p.reliability,
           coalesce(o.records, 0) as records_citing,
           case when no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
                then coalesce(o.records, 0) else coalesce(v.records, 0) end as citing_in_view,
           p.total_rows
    from page p
    left join overall o on o.source_id = p.id
    left join viewed v on v.source_id = p.id
    order by p.outlet, p.title, p.id
)
select * from final
