-- The quote explorer: filtered quotes matching a search (case- and accent-insensitive, plain text,
-- in the words, speaker or context; or every word of its search_key, in any order, Cyrillic or Latin), a speaker, a topic and a channel; newest first.
-- Returns: id, date, speaker_id, speaker, text, channel, language, translation, context, event,
-- topics, place, sources, total_rows (how many quotes match in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $search, $speaker, $topic, $channel, $limit ('' means any; $limit: rows to return, NULL for all).
-- The page is cut first; each quote's row holds its speaker's name, its event's title and its sources
-- named (the store's writer rewrites them when those records change: tables.sql).
with
speakers_found as (  -- people whose name holds the search (none when there is no search)
    select id from people where coalesce($search, '') <> '' and person_matches(id, $search)
),
kept as (
    select q.row_id, q.id, q.date_start
    from filtered_quotes($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person) q
    where (coalesce($search, '') = ''
           or contains(fold_stored(q.text), fold($search))
           or q.speaker_id in (select id from speakers_found)
           or contains(fold_stored(q.context), fold($search))
           or key_matches(q.words_key, search_key($search)))
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
final as (
    select q.id, q.date, q.speaker_id, coalesce(q.speaker_name, q.speaker_id) as speaker, q.text, q.channel,
           q.language, q.translation, q.context, q.event_title as event,
           array_to_string(list_sort(q.topics), ', ') as topics, concat_ws(', ', q.place_city, pc.name) as place,
           coalesce(q.sources_label, '') as sources, q.total_rows
    from page_rows q
    left join countries pc on pc.code = q.place_country
    order by q.date_start desc, q.id
)
select * from final
