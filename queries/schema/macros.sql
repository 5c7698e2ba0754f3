-- Table macros shared by the page queries: the global filters, applied in one place.
-- Parameters (all may be NULL or empty, meaning "no restriction"):
--   date_from, date_to   DATE     -- keep records whose dates overlap this range
--   countries            VARCHAR[] -- ISO alpha-3 codes; an event must involve one of them
--   country_role         VARCHAR  -- 'any' or releasing | receiving | mediator | host | party
--   kinds, statuses      VARCHAR[] -- event kinds and statuses to keep
--   person               VARCHAR  -- text found (case- and accent-insensitively) in the name or an
--                                    alias of a person linked to the event

create or replace macro fold(t) as strip_accents(lower(coalesce(t, '')));

create or replace macro person_matches(person_id, needle) as
    coalesce(needle, '') = ''
    or exists (
        select 1 from people p
        where p.id = person_id
          and (contains(fold(p.name), fold(needle))
               or exists (select 1 from person_aliases a
                          where a.person_id = p.id and contains(fold(a.alias), fold(needle))))
    );

create or replace macro filtered_events(date_from, date_to, countries, country_role, kinds, statuses, person) as table
with
linked_people as (
    select event_id, person_id from leg_people
    union select event_id, speaker_id from quotes where event_id is not null
    union select released_in, person_id from detentions where released_in is not null
),
final as (
    select e.*
    from events e
    where (date_from is null or e.date_end >= date_from)
      and (date_to is null or e.date_start <= date_to)
      and (coalesce(len(kinds), 0) = 0 or list_contains(kinds, e.kind))
      and (coalesce(len(statuses), 0) = 0 or list_contains(statuses, e.status))
      and (coalesce(len(countries), 0) = 0 or exists (
            select 1 from event_countries c
            where c.event_id = e.id and list_contains(countries, c.country)
              and (coalesce(country_role, 'any') = 'any' or c.role = country_role)))
      and (coalesce(person, '') = '' or exists (
            select 1 from linked_people l where l.event_id = e.id and person_matches(l.person_id, person)))
)
select * from final;
