-- The headline figures of the records in view (docs/figures.md defines each; a programme of staged
-- swaps is not counted as an exchange of its own: its stages are, see is_programme in macros.sql).
-- Returns one row: events, exchanges_completed, people_exchanged (the best figure), people_exchanged_low,
-- people_exchanged_high (NULL: no upper bound), people_disputed (of people_exchanged, in disputed legs),
-- proposals_pending, people_still_held, countries_involved, quotes, disagreements.
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person (see macros.sql).
-- People still held, quotes and disputed facts count what the People page (status "Still held"), the
-- Quotes page and the Sources page's register show under the same filters (records_in_view).
-- With no filter set the figures are those the writer keeps over every record (headline_figures,
-- count_headline in store.sql, counted by the same macros); with a filter they are counted from the kept
-- records. Each guard folds to a constant, so only one of the two is worked out.
with
in_view as (  -- empty when no filter is set, and so is every lookup below
    select * from records_in_view($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
kept as (
    select e.* from events e where e.id in (select record_id from in_view where record_type = 'event')
),
counted as (
    select
        h.events, h.exchanges_completed, h.people_exchanged, h.people_exchanged_low, h.people_exchanged_high,
        h.people_disputed, h.proposals_pending,
        (select count(*) from detentions d
         where d.latest and d.status = 'held'
           and d.person_id in (select record_id from in_view where record_type = 'person')) as people_still_held,
        (select count(distinct c.country) from event_countries c where c.event_id in (select id from kept))
            as countries_involved,
        (select count(*) from in_view where record_type = 'quote') as quotes,
        (select count(*) from disagreements d
         where (d.record_type, d.record_id) in (select (record_type, record_id) from in_view)) as disagreements
    from headline_of('kept') h
    where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
kept_by_writer as (
    select
        events, exchanges_completed, people_exchanged, people_exchanged_low, people_exchanged_high,
        people_disputed, proposals_pending, people_still_held,
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
