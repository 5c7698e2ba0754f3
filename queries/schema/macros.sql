-- Table macros shared by the page queries: the global filters, applied in one place. The filtered
-- records come with their `row_id` (the table's rowid): a page cut from them finds its rows again by it
-- (a rowid lookup) instead of joining on the text id (a scan of the whole table).
-- Parameters (all may be NULL or empty, meaning "no restriction"):
--   date_from, date_to   DATE     -- keep records whose dates overlap this range
--   countries            VARCHAR[] -- ISO alpha-3 codes; an event must involve one of them
--   country_role         VARCHAR  -- 'any' or releasing | receiving | mediator | host | party
--   kinds, statuses      VARCHAR[] -- event kinds and statuses to keep
--   person               VARCHAR  -- text found (case- and accent-insensitively) in the name or an
--                                    alias of a person linked to the event

-- Text searched for (a search typed or put in a link), folded to be found in fold_stored(record text).
-- strip_accents stops at a NUL character ('<NUL>é' folds to ''), which would find everything; record
-- text never holds a NUL (validation refuses control characters), so text that holds one folds to a
-- lone NUL and finds nothing. (Folding it piece by piece gave the same results through a lambda, which
-- DuckDB binds again at every use: eight times in a query that filters people and quotes, 3-7 ms.)
create or replace macro fold(t) as
    case when contains(coalesce(t, ''), chr(0)) then chr(0) else strip_accents(lower(coalesce(t, ''))) end;

-- Text from the records (which never holds a NUL), folded.
create or replace macro fold_stored(t) as strip_accents(lower(coalesce(t, '')));

-- A name's search key: Cyrillic written in Latin letters (Гершкович -> gershkovich), case, accents, hyphens
-- and punctuation folded to single spaces, and common variants of one spelling made one (Zelenskyy,
-- Zelenskiy, Зеленский -> zelensky; Kiev, Київ -> kyiv; Yevgeny, Евгений -> evgeny). A search matches when
-- every word of its key begins a word of the record's key, in any order ("murza kara" finds Kara-Murza).
create or replace macro search_key(t) as case when contains(coalesce(t, ''), chr(0)) then '' else trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(translate(strip_accents(
        replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
        replace(replace(replace(replace(replace(replace(
            regexp_replace(lower(coalesce(t, '')), '[''’ʼ`]', '', 'g'),
        'щ', 'shch'), 'ж', 'zh'), 'х', 'kh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'), 'ю', 'yu'), 'я', 'ya'),
        'є', 'ye'), 'ї', 'yi'), 'ё', 'e'), 'й', 'y'), 'ь', ''), 'ъ', ''), 'ы', 'y'), 'э', 'e'), 'і', 'i'),
        'ґ', 'g'), 'ў', 'u')),
        'абвгдезиклмнопрстуф', 'abvgdeziklmnoprstuf'),
        '[^a-z0-9]+', ' ', 'g'),
        '(iy|yy|ii|ij|yi)\b', 'y', 'g'),
        '\b(kiev|kyyiv|kiyiv|kiiv)\b', 'kyiv', 'g'),
        '\bye', 'e', 'g'),
        ' +', ' ', 'g')) end;  -- (a search holding a NUL finds nothing: no record holds one, as in fold)

-- Whether every word of a search's key (search_key(needle)) begins a word of a record's key ("kara murz"
-- finds Kara-Murza, "p y" does not find "pay"); never for an empty key.
create or replace macro key_matches(record_key, needle_key) as
    coalesce(needle_key, '') <> ''
    and list_bool_and(list_transform(string_split(needle_key, ' '), lambda w: contains(' ' || record_key, ' ' || w)));

-- The first day of a partial date written YYYY, YYYY-MM or YYYY-MM-DD.
create or replace macro partial_start(t) as
    cast(case length(t) when 4 then t || '-01-01' when 7 then t || '-01' else t end as date);

-- How a source is named in a table's sources column: 'outlet <url>', or the outlet alone.
create or replace macro source_label(outlet, url) as outlet || coalesce(' <' || url || '>', '');

-- A sources column (an aggregate over the sources of one row): every source named, sorted, once each,
-- '; ' between.
create or replace macro sources_named(outlet, url) as
    string_agg(distinct source_label(outlet, url), '; ' order by source_label(outlet, url));

-- The sources column of a table of records (events, people or quotes: each lists its sources in
-- source_ids), for every record (every_one), or for those listed (ids) and those citing one of the
-- listed sources. The store's writer keeps it on the records' rows (store.sql, label_events and after).
create or replace macro labels_of(record_table, every_one, ids, sources_) as table
select r.id, sources_named(s.outlet, s.url) as label
from (select id, unnest(source_ids) as source_id from query_table(record_table)
      where every_one or id in (select unnest(ids)) or list_has_any(source_ids, sources_)) r
join sources s on s.id = r.source_id
group by r.id;

-- The timeline's points of a set of events (a table, or the caller's CTE, by name): by kind and month,
-- with the latest event of each (one aggregate for its three columns: three took a third longer); a
-- month with one event of a kind is placed on that event's day.
create or replace macro timeline_of(event_table) as table
select
    kind,
    case when count(*) = 1 then min(date_start) else date_trunc('month', min(date_start)) end as x,
    count(*) as events,
    arg_max({'title': title, 'status': status, 'date': date}, (date_start, id)) as latest
from query_table(event_table)
group by kind, date_trunc('month', date_start);

-- Each country's totals over a set of events, given by name (tables, or the caller's CTEs) as their
-- event_countries rows, their legs and the events themselves: events involving it, people its legs
-- released and received (bodies not counted), events it mediated and hosted, events held in it, and
-- of those released and received the people moved in exchanges (NULL: on no exchange's leg); one
-- row per country involved. Each event counts once per country (its first row is marked: no grouping
-- by event; a country has a role once in an event). (Rows, not ids: `true or id in (...)` still looks
-- every id up, so the writer passes the whole tables.)
create or replace macro country_totals(role_rows, leg_rows, event_rows) as table
with
roles as (
    select country as code, count_if(first_of_country) as events, count_if(role = 'mediator') as mediated,
           count_if(role = 'host') as hosted
    from query_table(role_rows) group by country
),
kept_legs as (  -- read once for both sides
    select from_country, to_country, count, event_kind = 'exchange' as swap
    from query_table(leg_rows) where grp <> 'bodies'
),
moved as (
    select code, cast(sum(released) as bigint) as released, cast(sum(received) as bigint) as received,
           cast(sum(released) filter (where swap) as bigint) as swapped_out,
           cast(sum(received) filter (where swap) as bigint) as swapped_in
    from (
        select from_country as code, count as released, 0 as received, swap from kept_legs
        union all select to_country, 0, count, swap from kept_legs
    ) group by code
),
venues as (
    select place_country as code, count(*) as venues from query_table(event_rows)
    where place_country is not null group by place_country
)
select i.code, coalesce(r.events, 0) as events, coalesce(m.released, 0) as released,
       coalesce(m.received, 0) as received, coalesce(r.mediated, 0) as mediated, coalesce(r.hosted, 0) as hosted,
       coalesce(v.venues, 0) as venues, m.swapped_out, m.swapped_in
from (select code from roles union select code from venues) i
left join roles r on r.code = i.code
left join moved m on m.code = i.code
left join venues v on v.code = i.code;

-- People moved from each releasing country to each receiving one, from a set of legs given by name (a
-- table, or the caller's CTE), bodies not counted, and in how many events (an event is counted by its
-- first leg of the flow, marked on the leg: no grouping by event). The writer sums every leg
-- (country_flows); the map a filter's.
create or replace macro flow_totals(leg_rows) as table
select from_country, to_country, cast(sum(count) as bigint) as people, count_if(first_of_flow) as events
from query_table(leg_rows)
where grp <> 'bodies'
group by from_country, to_country;

-- Exchanges between each pair of countries (either direction), from a set of legs given by name (a
-- table, or the caller's CTE): the legs of people (not bodies) in exchanges, summed per exchange first,
-- then per pair (a count(distinct) beside the sums made DuckDB group the legs twice and join the two).
-- a and b are the pair's codes, a < b. The writer sums every leg (country_pairs); the exchanges page a
-- filter's.
create or replace macro pair_totals(leg_rows) as table
with
pair_legs as (
    select
        event_id,
        least(from_country, to_country) as a,
        greatest(from_country, to_country) as b,
        case when from_country < to_country then count else 0 end as a_to_b,
        case when from_country > to_country then count else 0 end as b_to_a
    from query_table(leg_rows)
    where grp <> 'bodies' and event_kind = 'exchange'
),
per_event as (
    select a, b, event_id, sum(a_to_b) as a_to_b, sum(b_to_a) as b_to_a from pair_legs group by a, b, event_id
)
select a, b, count(*) as exchanges, cast(sum(a_to_b) as bigint) as people_a_to_b,
       cast(sum(b_to_a) as bigint) as people_b_to_a
from per_event group by a, b;

-- The title of the event each row names, for rows the store's writer picked (a table or the caller's
-- CTE, by name, with row_id and event_id); NULL when that event is not loaded.
create or replace macro event_titles(picked) as table
select r.row_id, e.title from query_table(picked) r left join events e on e.id = r.event_id;

-- An exchange that other events name as their whole (`part-of`) is a programme of staged swaps:
-- its stages are the exchanges counted, so counting it too would count the same swaps twice.
create or replace macro is_programme(eid) as
    exists (select 1 from event_links k where k.linked_event_id = eid and k.relation = 'part-of');

-- The headline figures over a set of events, given by name (a table, or the caller's CTE): how many,
-- exchanges completed (a programme's stages, not the programme), the people they moved (best, fewest,
-- most: NULL when a leg sets no upper bound; and those in disputed legs) and proposals pending. The
-- writer counts every event (headline_figures); the overview a filter's. docs/figures.md defines each.
create or replace macro headline_of(event_rows) as table
select
    count(*) as events,
    count(*) filter (where kind = 'exchange' and status = 'completed' and not is_programme(id)) as exchanges_completed,
    cast(coalesce(sum(people_moved) filter (where kind = 'exchange' and status = 'completed'), 0) as bigint)
        as people_exchanged,
    cast(coalesce(sum(people_low) filter (where kind = 'exchange' and status = 'completed'), 0) as bigint)
        as people_exchanged_low,
    case when count(*) filter (where kind = 'exchange' and status = 'completed' and people_high is null) = 0
         then cast(coalesce(sum(people_high) filter (where kind = 'exchange' and status = 'completed'), 0) as bigint)
    end as people_exchanged_high,
    cast(coalesce(sum(people_disputed) filter (where kind = 'exchange' and status = 'completed'), 0) as bigint)
        as people_disputed,
    count(*) filter (where status in ('proposed', 'announced', 'agreed')) as proposals_pending
from query_table(event_rows);

-- The aliases inside are unlike any caller's: a macro's argument is pasted in as written, so an
-- inner `people p` would turn a caller's `person_matches(p.id, ...)` into `p.id = p.id`.
-- The matching people are one uncorrelated set (worked out once per query, not per row), and the
-- needle test comes first in it, so an empty search folds no names at all.
create or replace macro person_matches(person_id, needle) as
    coalesce(needle, '') = ''
    or person_id in (
        select matched_person.id from people matched_person
        where coalesce(needle, '') <> ''
          and (contains(fold_stored(matched_person.name), fold(needle))
               or key_matches(search_key(matched_person.name), search_key(needle))
               or matched_person.id in (
                   select matched_alias.person_id from person_aliases matched_alias
                   where coalesce(needle, '') <> '' and (contains(fold_stored(matched_alias.alias), fold(needle))
                                                         or key_matches(search_key(matched_alias.alias), search_key(needle)))))
    );

-- Events a person is linked to: in a leg, as the speaker of a quote about it, or freed by it.
create or replace macro person_events() as table
    select event_id, person_id from leg_people
    union select event_id, speaker_id from quotes where event_id is not null
    union select released_in, person_id from detentions where released_in is not null;

-- Events linked to a person the person text matches (none when there is no text).
create or replace macro events_of_person(person) as table
    select l.event_id from person_events() l
    where coalesce(person, '') <> '' and person_matches(l.person_id, person);

-- Whether no global filter is set (bound parameters fold to a constant, so a branch guarded by it is
-- not run at all).
create or replace macro no_filter(date_from, date_to, countries, kinds, statuses, person) as
    date_from is null and date_to is null and coalesce(len(countries), 0) = 0
    and coalesce(len(kinds), 0) = 0 and coalesce(len(statuses), 0) = 0 and coalesce(person, '') = '';

-- Each list filter is an uncorrelated set of event ids that is empty (and cheap) when the filter is
-- not set: DuckDB cannot skip an `or` branch holding a correlated subquery, so with no filter at all
-- the old `exists` form still joined every event with its countries and its people.
create or replace macro filtered_events(date_from, date_to, countries, country_role, kinds, statuses, person) as table
with
events_in_countries as (
    select c.event_id from event_countries c
    where coalesce(len(countries), 0) > 0
      and list_contains(countries, c.country)
      and (coalesce(country_role, 'any') = 'any' or c.role = country_role)
),
events_of_people as (
    select event_id from events_of_person(person)
),
final as (
    select e.rowid as row_id, e.*
    from events e
    where (date_from is null or e.date_end >= date_from)
      and (date_to is null or e.date_start <= date_to)
      and (coalesce(len(kinds), 0) = 0 or list_contains(kinds, e.kind))
      and (coalesce(len(statuses), 0) = 0 or list_contains(statuses, e.status))
      and (coalesce(len(countries), 0) = 0 or e.id in (select event_id from events_in_countries))
      and (coalesce(person, '') = '' or e.id in (select event_id from events_of_people))
)
select * from final;

-- The events kept by every filter but the person text (whose people and quotes are shown): none when no
-- such filter is set (then every person and quote is shown, as far as these filters go). With only dates
-- set, quotes are kept by their own dates, not their event's (quotes_of_events does not look here then).
create or replace macro events_kept(date_from, date_to, countries, country_role, kinds, statuses) as table
select id from filtered_events(date_from, date_to, countries, country_role, kinds, statuses, '')
where not no_filter(date_from, date_to, countries, kinds, statuses, '');

-- People shown under the global filters: the person text matches their name or alias; a country
-- matches their nationality, the country that held them or an event they are linked to; a date range
-- overlaps one of their dated spells in custody, their linked events or their quotes (a spell with
-- neither an arrest nor a release date is undated: it matches no range); kinds and statuses need a
-- linked event.
-- kept_events names a table (or the caller's CTE) holding events_kept(...) for the same filters, so that
-- a query showing people and quotes works the kept events out once for both; filtered_people does it
-- for a query that only shows people.
create or replace macro people_of_events(kept_events, date_from, date_to, countries, country_role, kinds, statuses, person) as table
with
linked as (
    select person_id from leg_people where event_id in (select id from query_table(kept_events))
    union select speaker_id from quotes where event_id in (select id from query_table(kept_events))
    union select person_id from detentions where released_in in (select id from query_table(kept_events))
),
-- The branch for people with no linked event: only when no kind or status is chosen.
of_countries as (
    select person_id from person_nationalities
    where coalesce(len(countries), 0) > 0 and coalesce(country_role, 'any') = 'any' and list_contains(countries, country)
    union select person_id from detentions
    where coalesce(len(countries), 0) > 0 and coalesce(country_role, 'any') = 'any' and list_contains(countries, held_by)
),
in_dates as (  -- a spell runs from its arrest (unknown: from its release) to its release (none: still held)
    select person_id from detentions d
    where (date_from is not null or date_to is not null)
      and coalesce(d.arrested_start, d.released_start) is not null  -- an undated spell matches no range
      and (date_to is null or coalesce(d.arrested_start, d.released_start) <= date_to)
      and (date_from is null or d.released_start is null or d.released_start >= date_from)
    union  -- or something they said in the range
    select speaker_id from quotes q
    where (date_from is not null or date_to is not null)
      and (date_from is null or q.date_end >= date_from) and (date_to is null or q.date_start <= date_to)
),
final as (
    select p.rowid as row_id, p.*
    from people p
    where person_matches(p.id, person)
      and (no_filter(date_from, date_to, countries, kinds, statuses, '')
           or p.id in (select person_id from linked)
           or ((coalesce(len(kinds), 0) = 0 and coalesce(len(statuses), 0) = 0)
               and (coalesce(len(countries), 0) = 0 or p.id in (select person_id from of_countries))
               and (date_from is null and date_to is null or p.id in (select person_id from in_dates))))
)
select * from final;

create or replace macro filtered_people(date_from, date_to, countries, country_role, kinds, statuses, person) as table
with people_events_kept as (select * from events_kept(date_from, date_to, countries, country_role, kinds, statuses))
select * from people_of_events('people_events_kept', date_from, date_to, countries, country_role, kinds, statuses, person);

-- Quotes shown under the global filters: said within the date range; about a kept event, or (when
-- no kind or status is chosen) by a speaker of a chosen country or said in it; the person text
-- matches the speaker or a person linked to the quote's event. kept_events: as for people_of_events.
create or replace macro quotes_of_events(kept_events, date_from, date_to, countries, country_role, kinds, statuses, person) as table
with
speakers_of_countries as (
    select person_id from person_nationalities
    where coalesce(len(countries), 0) > 0 and list_contains(countries, country)
),
events_of_people as (
    select event_id from events_of_person(person)
),
final as (
    select q.rowid as row_id, q.*
    from quotes q
    where (date_from is null or q.date_end >= date_from)
      and (date_to is null or q.date_start <= date_to)
      and (no_filter(null, null, countries, kinds, statuses, '')
           or q.event_id in (select id from query_table(kept_events))
           or ((coalesce(len(kinds), 0) = 0 and coalesce(len(statuses), 0) = 0)
               and coalesce(country_role, 'any') = 'any'
               and (list_contains(countries, q.place_country)
                    or q.speaker_id in (select person_id from speakers_of_countries))))
      and (person_matches(q.speaker_id, person)
           or q.event_id in (select event_id from events_of_people))
)
select * from final;

create or replace macro filtered_quotes(date_from, date_to, countries, country_role, kinds, statuses, person) as table
with quotes_events_kept as (select * from events_kept(date_from, date_to, countries, country_role, kinds, statuses))
select * from quotes_of_events('quotes_events_kept', date_from, date_to, countries, country_role, kinds, statuses, person);

-- The records in view under the global filters, as (record_type, record_id): the events the pages show,
-- the people (filtered_people) and the quotes (filtered_quotes). Empty when no filter is set: then every
-- record is in view, and a caller tests no_filter instead of reading this (the guard folds to a constant).
create or replace macro records_in_view(date_from, date_to, countries, country_role, kinds, statuses, person) as table
with view_events_kept as (select * from events_kept(date_from, date_to, countries, country_role, kinds, statuses))
select 'event' as record_type, id as record_id
from filtered_events(date_from, date_to, countries, country_role, kinds, statuses, person)
where not no_filter(date_from, date_to, countries, kinds, statuses, person)
union all
select 'person', id from people_of_events('view_events_kept', date_from, date_to, countries, country_role, kinds, statuses, person)
where not no_filter(date_from, date_to, countries, kinds, statuses, person)
union all
select 'quote', id from quotes_of_events('view_events_kept', date_from, date_to, countries, country_role, kinds, statuses, person)
where not no_filter(date_from, date_to, countries, kinds, statuses, person);

-- The sources column of one row that lists its sources' ids (a reported total, a series number): every
-- source named, sorted, once each, '; ' between ('' when it names none). Used by reconciliation.sql
-- and numbered_exchanges.sql.
create or replace macro sources_listed(ids) as
    coalesce((select sources_named(s.outlet, s.url) from sources s where list_contains(ids, s.id)), '');
