-- The quote explorer: filtered quotes matching a search (case- and accent-insensitive, plain text,
-- in the words, speaker or context), a speaker, a topic and a channel; newest first.
-- Returns: id, date, speaker_id, speaker, text, channel, language, translation, context, event,
-- topics, place, sources, total_rows (how many quotes match in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $search, $speaker, $topic, $channel, $limit ('' means any; $limit: rows to return, NULL for all).
-- The page is cut first and only its quotes get their topics, event and sources.
with
speakers_found as (  -- people whose name holds the search (none when there is no search)
    select id from people where coalesce($search, '') <> '' and contains(fold_stored(name), fold($search))
),
kept as (
    select q.row_id, q.id, q.date_start
    from filtered_quotes($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person) q
    where (coalesce($search, '') = ''
           or contains(fold_stored(q.text), fold($search))
           or q.speaker_id in (select id from speakers_found)
           or contains(fold_stored(q.context), fold($search)))
      and (coalesce($speaker, '') = '' or q.speaker_id = $speaker)
      and (coalesce($topic, '') = '' or list_contains(q.topics, $topic))
      and (coalesce($channel, '') = '' or q.channel = $channel)
),
page as (  -- counted apart: count(*) over () would keep every row
    select k.*, (select count(*) from kept) as total_rows
    from kept k
    order by k.date_start desc, k.id
    limit $limit
),
page_rows as (
    select q.*, pg.total_rows from page pg join quotes q on q.rowid = pg.row_id
),
page_sources as (  -- (each record lists its sources on its own row: no pass over every citation)
    select id as record_id, unnest(source_ids) as source_id from page_rows
),
cited as (
    select c.record_id, string_agg(distinct source_label(s.outlet, s.url), '; '
                                     order by source_label(s.outlet, s.url)) as sources
    from page_sources c join sources s on s.id = c.source_id
    group by c.record_id
),
speakers as (  -- looked up for the page's rows only (a join would hash the whole table)
    select id, name from people where id in (select speaker_id from page_rows)
),
page_events as (
    select id, title from events where id in (select event_id from page_rows)
),
final as (
    select q.id, q.date, q.speaker_id, p.name as speaker, q.text, q.channel, q.language, q.translation,
           q.context, e.title as event, array_to_string(list_sort(q.topics), ', ') as topics,
           concat_ws(', ', q.place_city, pc.name) as place, coalesce(c.sources, '') as sources, q.total_rows
    from page_rows q
    join speakers p on p.id = q.speaker_id
    left join page_events e on e.id = q.event_id
    left join countries pc on pc.code = q.place_country
    left join cited c on c.record_id = q.id
    order by q.date_start desc, q.id
)
select * from final
