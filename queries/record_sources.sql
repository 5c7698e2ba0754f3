-- The sources cited by one record (and its parts: detentions, legs), for a profile or detail view.
-- Returns: part, id, outlet, title, published, url, article, reliability.
-- Parameters: $record_type, $record_id (record_type: 'person', 'event' or 'quote').
with
final as (
    select distinct c.part, s.id, s.outlet, s.title, coalesce(s.published, s.published_note) as published,
           s.url, s.article, s.reliability
    from citations c join sources s on s.id = c.source_id
    where c.record_type = $record_type and c.record_id = $record_id
    order by c.part, s.outlet, s.id
)
select * from final
