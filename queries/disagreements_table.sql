-- The register of disagreements on the records in the filtered view: one row per version of a
-- disputed fact, with the sources that give it.
-- Returns: disagreement_id, record_type, record_id, record, field, topic, version, value, sources,
-- note, file, line.
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
events_kept as (
    select id, title as label from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
people_kept as (
    select id, name as label from filtered_people($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
quotes_kept as (
    select q.id, p.name || ', ' || q.date as label
    from filtered_quotes($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person) q
    join people p on p.id = q.speaker_id
),
kept as (
    select 'event' as record_type, id, label from events_kept
    union all select 'person', id, label from people_kept
    union all select 'quote', id, label from quotes_kept
),
value_sources as (
    select v.disagreement_id, v.seq,
           string_agg(source_label(s.outlet, s.url), '; ' order by s.outlet) as sources
    from disagreement_values v, unnest(v.source_ids) as u(source_id)
    join sources s on s.id = u.source_id
    group by v.disagreement_id, v.seq
),
final as (
    select d.id as disagreement_id, d.record_type, d.record_id, k.label as record, d.field, d.topic,
           v.seq as version, v.value, coalesce(vs.sources, '') as sources, d.note, d.file, d.line
    from disagreements d
    join kept k on k.record_type = d.record_type and k.id = d.record_id
    join disagreement_values v on v.disagreement_id = d.id
    left join value_sources vs on vs.disagreement_id = v.disagreement_id and vs.seq = v.seq
    order by d.record_type, k.label, d.id, v.seq
)
select * from final
