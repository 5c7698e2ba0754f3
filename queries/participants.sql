-- The participant table: every filtered person with nationality, roles and their latest spell in
-- custody (held by, arrested, charge, sentence, released, exchanged in, exchanged for). A status of
-- 'held' on which sources disagree (a disagreement on the release) reads 'held (release disputed)'.
-- Returns: id, name, kind, nationality, roles, held_by, arrested, charge, sentence, released,
-- status, exchanged_in, exchanged_for, description, sources, total_rows (how many people match in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person, $limit,
-- $status ($limit: rows to return, NULL for all; $status: '' for everyone, or held | released | exchanged | detainee).
-- The page is cut first (detainees first, by name) and only its people get their details.
with
in_status as (  -- people whose latest spell has the status asked for (none asked: no one)
    select person_id from detentions where latest and status = $status and $status not in ('', 'detainee')
),
kept as (  -- (each person's row holds the number of their latest spell: no join for everyone or detainees)
    select p.row_id, p.id, p.name, p.latest_spell > 0 as detained, p.latest_spell as seq
    from filtered_people($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person) p
    where $status = ''
       or ($status = 'detainee' and p.latest_spell > 0)
       or ($status not in ('', 'detainee') and p.id in (select person_id from in_status))
),
page as (  -- counted apart: count(*) over () would keep every row
    select k.*, (select count(*) from kept) as total_rows
    from kept k
    order by not k.detained, k.name, k.id
    limit $limit
),
selected as (
    select p.kind, p.description, p.nationalities, p.roles, p.sources_label, d.held_by, d.arrested, d.charge,
           d.sentence, d.released, d.status, d.released_in_title, d.released_for, page.*
    from page
    join people p on p.rowid = page.row_id
    left join detentions d on d.person_id = page.id and d.seq = page.seq
),
nationality as (
    select n.person_id, string_agg(c.name, ', ' order by c.name) as nationality
    from (select id as person_id, unnest(nationalities) as country from selected) n
    join countries c on c.code = n.country
    group by n.person_id
),
release_disputed as (  -- sources disagree on whether (or when) the person was released
    select distinct record_id from disagreements
    where record_type = 'person' and field in ('detentions', 'detentions.released')
      and record_id in (select id from page)
),
final as (
    select
        p.id, p.name, p.kind, coalesce(n.nationality, '') as nationality, array_to_string(list_sort(p.roles), ', ') as roles,
        hc.name as held_by, p.arrested, p.charge, p.sentence, p.released,
        case when p.status = 'held' and p.id in (select record_id from release_disputed)
             then 'held (release disputed)' else coalesce(p.status, '') end as status,
        p.released_in_title as exchanged_in, p.released_for as exchanged_for,
        p.description, coalesce(p.sources_label, '') as sources, p.total_rows
    from selected p
    left join nationality n on n.person_id = p.id
    left join countries hc on hc.code = p.held_by
    order by not p.detained, p.name, p.id
)
select * from final
