-- The register of disagreements on the records in the filtered view: one row per version of a
-- disputed fact, with the sources that give it (kept on the version's row).
-- Returns: disagreement_id, record_type, record_id, record, field, topic, version, value, sources,
-- note, file, line, disputes (how many disputed facts match in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person,
-- $limit (disputed facts to return, every version of each; NULL for all).
with
-- With no filter set every record is kept: the guard folds to true and the records in view are not worked
-- out. The same records as the overview's "Disputed facts" counts (records_in_view).
in_view as (
    select * from records_in_view($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
disputed_quotes as (  -- a quote's label is its speaker's name and its date (an event's or person's is on the row)
    select q.id, p.name || ', ' || q.date as label
    from quotes q join people p on p.id = q.speaker_id
    where q.id in (select record_id from disagreements where record_type = 'quote')
),
kept as (
    select d.rowid as row_id, d.id, d.record_type, coalesce(d.record_label, q.label) as label
    from disagreements d
    left join disputed_quotes q on d.record_type = 'quote' and q.id = d.record_id
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
       or (d.record_type, d.record_id) in (select (record_type, record_id) from in_view)
),
page as (
    select k.row_id, k.id, k.label, (select count(*) from kept) as disputes
    from kept k
    order by k.record_type, k.label, k.id
    limit $limit
),
final as (
    select d.id as disagreement_id, d.record_type, d.record_id, k.label as record, d.field, d.topic,
           v.seq as version, v.value, coalesce(v.sources_label, '') as sources, d.note, d.file, d.line, k.disputes
    from page k
    join disagreements d on d.rowid = k.row_id
    join disagreement_values v on v.disagreement_id = d.id
    order by d.record_type, k.label, d.id, v.seq
)
select * from final
