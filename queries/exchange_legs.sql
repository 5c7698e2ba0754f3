-- Every leg of the filtered exchanges, releases and repatriations: who released how many people to
-- whom, when, and which named people; multi-stage swaps show one row per stage and direction.
-- Returns: event_id, event_date, title, kind, status, stage, stages, leg_date, released_by, received_by,
-- count (the best figure; NULL when the sources withheld it), estimate (exact, about, range, over,
-- withheld: how exact the count is, docs/figures.md), group_name, people, note, sources, total_rows (how many
-- legs match in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit (rows to return; NULL for all).
-- The page of legs is cut first (each leg's row holds its stage, the event's number of stages and the
-- names of its people, each event's row its sources named).
with
kept_legs as (
    select e.row_id as event_row, l.rowid as leg_row, e.id as event_id, e.date_start as event_start, l.seq, l.date_start
    from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person) e
    join legs l on l.event_id = e.id
    where e.kind in ('exchange', 'release', 'repatriation')
),
page as (  -- counted apart: count(*) over () would keep every row
    select k.*, (select count(*) from kept_legs) as total_rows
    from kept_legs k
    order by k.event_start desc, k.event_id, k.date_start, k.seq
    limit $limit
),
page_events as (  -- (read once, for the columns and the sources)
    select rowid as event_row, id, date, title, kind, status, date_start, sources_label from events
    where rowid in (select event_row from page)
),
final as (
    select
        e.id as event_id, e.date as event_date, e.title, e.kind, e.status,
        l.stage, l.stages,
        coalesce(l.date, e.date) as leg_date,
        nf.name as released_by, nt.name as received_by,
        case when l.estimate <> 'withheld' then l.count end as count, l.estimate, l.grp as group_name,
        coalesce(array_to_string(l.people_names, '; '), '') as people, l.note,
        coalesce(e.sources_label, '') as sources, pg.total_rows
    from page pg
    join page_events e on e.event_row = pg.event_row
    join legs l on l.rowid = pg.leg_row
    join countries nf on nf.code = l.from_country
    join countries nt on nt.code = l.to_country
    order by e.date_start desc, e.id, l.date_start, l.seq
)
select * from final
