-- Headline figures for the filtered events (a programme of staged swaps is not counted as an exchange
-- of its own: its stages are; see is_programme in macros.sql).
-- Returns one row: events, exchanges_completed, people_exchanged, proposals_pending, people_still_held,
-- countries_involved, quotes, disagreements.
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person (see macros.sql).
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
selected_ids as (  -- empty when no filter is set: the lookups guarded by no_filter(...) then cost nothing
    select id from selected where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
still_held as (
    select distinct d.person_id
    from detentions d
    where d.status = 'held'
      and ($date_to is null or d.arrested_start is null or d.arrested_start <= $date_to)
      and (coalesce(len($countries), 0) = 0 or list_contains($countries, d.held_by))
      and person_matches(d.person_id, $person)
),
events_summed as (  -- (one pass over the kept events: each figure a subquery of its own cost 5 ms of planning)
    select
        count(*) as events,
        count(*) filter (where kind = 'exchange' and status = 'completed' and not is_programme(id)) as exchanges_completed,
        cast(coalesce(sum(people_moved) filter (where kind = 'exchange' and status = 'completed'), 0) as bigint)
            as people_exchanged,
        count(*) filter (where status in ('proposed', 'announced', 'agreed')) as proposals_pending,
        cast(coalesce(sum(disputes), 0) as bigint) as disagreements
    from selected
),
-- With no filter set every event is kept: no_filter(...) folds to true and the lookups are not made.
final as (
    select
        e.events, e.exchanges_completed, e.people_exchanged, e.proposals_pending,
        (select count(*) from still_held) as people_still_held,
        case when no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)  -- (counted by the writer)
             then (select count(*) from countries where events > 0)
             else (select count(distinct c.country) from event_countries c where c.event_id in (select id from selected_ids))
        end as countries_involved,
        (select count(*) from quotes q
            where q.event_id is not null and (no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person) or q.event_id in (select id from selected_ids))) as quotes,
        e.disagreements
    from events_summed e
)
select * from final
