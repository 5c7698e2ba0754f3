-- The filtered events, newest first, with what the event table shows; one page of them.
-- Returns: id, date, end_date, date_start, date_end, kind, status, title, place, countries,
-- people_moved, sources, disputed, total_rows (how many events match in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit (rows to return; NULL for all).
-- The page is cut first and only its rows get their countries, people moved and sources, so a page
-- costs the same at any size.
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
event_countries_named as (
    select c.event_id, string_agg(distinct n.name, ', ' order by n.name) as countries
    from event_countries c join countries n on n.code = c.country
    where c.event_id in (select id from page)
    group by c.event_id
),
moved as (
    select event_id, cast(sum(count) as bigint) as people_moved from legs
    where grp <> 'bodies' and event_id in (select id from page)
    group by event_id
),
disputed as (
    select distinct record_id from disagreements where record_type = 'event' and record_id in (select id from page)
),
final as (
    select
        e.id, e.date, e.end_date, e.date_start, e.date_end, e.kind, e.status, e.title,
        concat_ws(', ', e.place_city, pc.name) as place,
        coalesce(n.countries, '') as countries,
        coalesce(m.people_moved, 0) as people_moved,
        array_to_string(e.source_ids, '; ') as sources,
        d.record_id is not null as disputed,
        e.total_rows
    from page e
    left join countries pc on pc.code = e.place_country
    left join event_countries_named n on n.event_id = e.id
    left join moved m on m.event_id = e.id
    left join disputed d on d.record_id = e.id
    order by e.date_start desc, e.id
)
select * from final
