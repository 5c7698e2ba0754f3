-- What a date range leaves out because no date is recorded for it (docs/figures.md, "Dates"): the
-- people who match every other filter but have no dated spell in custody, no linked event and no quote
-- (events and quotes always have a date, so only people can be undated). All zero with no date range.
-- Returns one row: people, people_still_held (of those, held with no release recorded),
-- disagreements (facts about them on which sources disagree).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
undated as (
    select p.id from filtered_people(null, null, $countries, $country_role, $kinds, $statuses, $person) p
    where ($date_from is not null or $date_to is not null)
      and p.id not in (select person_id from detentions
                       where coalesce(arrested_start, released_start) is not null)
      and p.id not in (select person_id from person_events())
      and p.id not in (select speaker_id from quotes)
),
final as (
    select
        count(*) as people,
        (select count(*) from detentions d
         where d.latest and d.status = 'held' and d.person_id in (select id from undated)) as people_still_held,
        (select count(*) from disagreements d
         where d.record_type = 'person' and d.record_id in (select id from undated)) as disagreements
    from undated
)
select * from final
