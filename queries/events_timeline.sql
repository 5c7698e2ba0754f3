-- The filtered events, newest first, with what the event table shows; one page of them.
-- Returns: id, date, end_date, date_start, date_end, kind, status, title, place, countries,
-- people_moved, disputed, sources, total_rows (how many events match in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit (rows to return; NULL for all).
-- The page is cut first and only its rows are read; what the table shows of an event's countries, legs
-- and disagreements is kept on its row (events.country_names, people_moved, disputes).
with
selected as (  -- (what the order needs: the rest is read for the page's rows only)
    select row_id, id, date_start
    from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
page as (  -- counted apart: count(*) over () would keep every row of the selection
    select e.*, (select count(*) from selected) as total_rows
    from (select * from selected order by date_start desc, id limit $limit) p
    join events e on e.rowid = p.row_id
),
final as (
    select
        e.id, e.date, e.end_date, e.date_start, e.date_end, e.kind, e.status, e.title,
        concat_ws(', ', e.place_city, pc.name) as place,
        e.country_names as countries,
        e.people_moved,
        e.disputes > 0 as disputed,
        coalesce(e.sources_label, '') as sources,  -- (outlet <url>, as every table names its sources)
        e.total_rows
    from page e
    left join countries pc on pc.code = e.place_country
    order by e.date_start desc, e.id
)
select * from final
