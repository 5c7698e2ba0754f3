-- Headline figures for the filtered events (a programme of staged swaps is not counted as an exchange
-- of its own: its stages are; see is_programme in macros.sql).
-- Returns one row: events, exchanges_completed, people_exchanged, proposals_pending, people_still_held,
-- countries_involved, quotes, disagreements.
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person (see macros.sql).
-- With no filter set the figures are those the writer keeps over every event (headline_figures,
-- count_headline in store.sql, counted by the same macros); with a filter they are counted from the kept
-- events. Each guard folds to a constant, so only one of the two is worked out.
with
kept as (  -- empty when no filter is set, and so is every lookup below
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
counted as (
    select
        h.events, h.exchanges_completed, h.people_exchanged, h.proposals_pending,
        (select count(*) from still_held($date_to, $countries, $person)) as people_still_held,
        (select count(distinct c.country) from event_countries c where c.event_id in (select id from kept))
            as countries_involved,
        (select count(*) from quotes q where q.event_id in (select id from kept)) as quotes,
        h.disagreements
    from headline_of('kept') h
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
kept_by_writer as (
    select
        events, exchanges_completed, people_exchanged, proposals_pending, people_still_held,
        (select count(*) from countries where events > 0) as countries_involved, quotes, disagreements
    from headline_figures
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
final as (
    select * from counted
    union all
    select * from kept_by_writer
)
select * from final
