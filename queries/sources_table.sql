-- The bibliography, by outlet and title: every source, with how many records cite it overall and how
-- many of the records in the filtered view cite it; with filters active, only sources cited in the view.
-- Returns: id, outlet, title, published, url, article, wire, reliability, records_citing,
-- citing_in_view, total_rows (how many sources are listed in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit (rows to return; NULL for all).
-- The page is cut first and only its sources get their counts in view (each source's row holds how
-- many records cite it overall), so a page costs about the same at any size.
with
-- The records in the view and the sources each cites (every record lists them on its own row); none
-- with no filter set (every record is in view then: the guard folds to false and nothing is looked up).
-- People and quotes share the events kept by the filters (worked out once).
events_by_filters as (
    select id from events_kept($date_from, $date_to, $countries, $country_role, $kinds, $statuses)
),
in_view as (
    select source_id, record_type, record_id from (  -- (a record lists each source once)
        select unnest(source_ids) as source_id, 'event' as record_type, id as record_id
        from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
        where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
        union all
        select unnest(source_ids), 'person', id
        from people_of_events('events_by_filters', $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
        where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
        union all
        select unnest(source_ids), 'quote', id
        from quotes_of_events('events_by_filters', $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
        where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
    )
),
listed as (
    select s.rowid as row_id, s.id, s.outlet, s.title from sources s
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
       or s.id in (select source_id from in_view)
),
page as (  -- (a count apart is cheaper than count(*) over (), which keeps every row)
    select l.*, (select count(*) from listed) as total_rows
    from listed l
    order by l.outlet, l.title, l.id
    limit $limit
),
viewed as (
    select source_id, count(*) as records from in_view where source_id in (select id from page) group by 1
),
final as (
    select s.id, s.outlet, s.title, coalesce(s.published, s.published_note) as published, s.url, s.article,
           s.wire, s.reliability, s.records_citing,
           case when no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
                then s.records_citing else coalesce(v.records, 0) end as citing_in_view,
           p.total_rows
    from page p
    join sources s on s.rowid = p.row_id
    left join viewed v on v.source_id = p.id
    order by p.outlet, p.title, p.id
)
select * from final
