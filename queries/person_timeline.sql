-- One person's timeline: arrests, sentences and releases from their detentions, and every event
-- they are linked to (in a leg, as a speaker, freed by it), oldest first.
-- Returns: date, date_start, what, detail, event_id.
-- Parameters: $person_id.
with
spells as (
    select arrested as date, arrested_start as date_start, 'arrested' as what,
           concat_ws(' — ', 'held by ' || c.name, charge) as detail, null as event_id
    from detentions d join countries c on c.code = d.held_by
    where person_id = $person_id and arrested is not null
    union all
    select sentenced, partial_start(sentenced), 'sentenced', sentence, null from detentions
    where person_id = $person_id and sentenced is not null
    union all
    select released, released_start, 'released', note, released_in from detentions
    where person_id = $person_id and released is not null
),
linked as (
    select e.date, e.date_start, e.kind as what, e.title as detail, e.id as event_id
    from events e
    where e.id in (select event_id from person_events() where person_id = $person_id)
),
final as (
    select date, date_start, what, detail, event_id
    from (select * from spells union all select * from linked)
    order by date_start, date, what
)
select * from final
