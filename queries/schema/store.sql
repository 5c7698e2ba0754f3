-- Statements that keep a loaded database in step with the data files, one named statement each
-- (`-- name: <name>`); swapwatch/livedb.py runs them. $ids is a list of record ids, $record_type
-- one of person | event | quote, $files a list of file names.

-- name: delete_sources
delete from sources where id in (select unnest($ids));

-- name: delete_people
delete from people where id in (select unnest($ids));

-- name: delete_person_aliases
delete from person_aliases where person_id in (select unnest($ids));

-- name: delete_person_nationalities
delete from person_nationalities where person_id in (select unnest($ids));

-- name: delete_person_roles
delete from person_roles where person_id in (select unnest($ids));

-- name: delete_detentions
delete from detentions where person_id in (select unnest($ids));

-- name: delete_events
delete from events where id in (select unnest($ids));

-- name: delete_event_countries
delete from event_countries where event_id in (select unnest($ids));

-- name: delete_legs
delete from legs where event_id in (select unnest($ids));

-- name: delete_leg_people
delete from leg_people where event_id in (select unnest($ids));

-- name: delete_event_links
delete from event_links where event_id in (select unnest($ids));

-- name: delete_event_topics
delete from event_topics where event_id in (select unnest($ids));

-- name: delete_event_series
delete from event_series where event_id in (select unnest($ids));

-- name: delete_event_actors
delete from event_actors where event_id in (select unnest($ids));

-- name: delete_reported_totals
delete from reported_totals where event_id in (select unnest($ids));

-- name: delete_quotes
delete from quotes where id in (select unnest($ids));

-- name: delete_quote_topics
delete from quote_topics where quote_id in (select unnest($ids));

-- name: delete_citations
delete from citations where record_type = $record_type and record_id in (select unnest($ids));

-- name: sources_cited_by
-- The sources each of these records cites (read before their citations are deleted: the counts of
-- those the record no longer cites, or cites anew, change).
select distinct record_id, source_id from citations
where record_type = $record_type and record_id in (select unnest($ids));

-- name: count_citing
-- How many records cite each of these sources ($ids NULL: every source), kept on the source's row.
update sources set records_citing = c.records
from (
    select s.id, coalesce(n.records, 0) as records
    from sources s
    left join (
        select source_id, count(*) as records from (
            select distinct source_id, record_type, record_id from citations
            where $ids is null or source_id in (select unnest($ids))
        ) group by source_id
    ) n on n.source_id = s.id
    where $ids is null or s.id in (select unnest($ids))
) c
where c.id = sources.id and sources.records_citing <> c.records;

-- name: delete_disagreement_values
delete from disagreement_values
where disagreement_id in (
    select id from disagreements where record_type = $record_type and record_id in (select unnest($ids)));

-- name: delete_disagreements
delete from disagreements where record_type = $record_type and record_id in (select unnest($ids));

-- name: delete_problems
delete from problems where file in (select unnest($files));

-- name: delete_all_data_files
delete from data_files;

-- name: delete_all_countries
delete from countries;

-- name: used_countries
-- Every country code a loaded record names (what build_rows collects into the countries table).
select distinct code from (
    select country as code from person_nationalities
    union all select held_by from detentions
    union all select place_country from events
    union all select country from event_countries
    union all select place_country from quotes
) where code is not null order by code;

-- name: country_codes
select code from countries order by code;

-- name: clear_timeline
delete from timeline_points;

-- name: count_timeline
-- The timeline's points over every event (what the overview draws with no filter).
insert into timeline_points
select kind, x, events, latest.title, latest.status, latest.date from timeline_of('events');

-- name: clear_flows
delete from country_flows;

-- name: count_flows
-- People moved from each country to each other over every event (what the map shows with no filter).
insert into country_flows select * from flow_totals('legs');

-- name: clear_pairs
delete from country_pairs;

-- name: count_pairs
-- Exchanges between each pair of countries over every exchange (what the exchanges page shows with no filter).
insert into country_pairs select * from pair_totals('legs');

-- name: clear_headline
delete from headline_figures;

-- name: count_headline
-- The headline figures over every event (what the overview shows with no filter).
insert into headline_figures
select h.events, h.exchanges_completed, h.people_exchanged, h.people_exchanged_low, h.people_exchanged_high,
       h.people_disputed, h.proposals_pending, (select count(*) from disagreements),
       (select count(*) from detentions where latest and status = 'held'),
       (select count(*) from quotes)
from headline_of('events') h;

-- name: count_countries
-- Each country's totals over every event (what the map and the headline figures show with no filter).
update countries
set events = t.events, released = t.released, received = t.received, mediated = t.mediated,
    hosted = t.hosted, venues = t.venues, swapped_out = t.swapped_out, swapped_in = t.swapped_in
from (
    select c.code, coalesce(x.events, 0) as events, coalesce(x.released, 0) as released,
           coalesce(x.received, 0) as received, coalesce(x.mediated, 0) as mediated,
           coalesce(x.hosted, 0) as hosted, coalesce(x.venues, 0) as venues, x.swapped_out, x.swapped_in
    from countries c left join country_totals('event_countries', 'legs', 'events') x on x.code = c.code
) t
where t.code = countries.code
  and (countries.events, countries.released, countries.received, countries.mediated, countries.hosted,
       countries.venues, countries.swapped_out, countries.swapped_in)
      is distinct from (t.events, t.released, t.received, t.mediated, t.hosted, t.venues, t.swapped_out,
                        t.swapped_in);

-- name: refresh_detention_status
-- The detention-status rule (the only copy; every way of loading runs it): held: no release recorded;
-- exchanged: released in an exchange that is loaded; released: otherwise. Record rows leave the status
-- NULL. For the spells of the people written and of the events written (one appeared, went or changed
-- kind); $all: every spell.
update detentions set status = t.status
from (
    select d.rowid as row_id,
           case when d.released is null and d.released_in is null then 'held'
                when x.id is not null then 'exchanged'
                else 'released' end as status
    from detentions d
    left join (select id from events where kind = 'exchange') x on x.id = d.released_in
    where $all or d.person_id in (select unnest($people)) or d.released_in in (select unnest($events))
) t
where detentions.rowid = t.row_id and detentions.status is distinct from t.status;

-- name: name_quotes
-- What a row shows of another record (tables.sql: the columns marked "writer") is rewritten for the rows
-- of the records that changed and the rows showing a record that changed ($all: every row), here and
-- below; NULL when that record is not loaded (it has a problem). The rows to rewrite are picked first,
-- then joined to what they show (a subquery per row joined every row first: twice as long).
update quotes set speaker_name = t.name
from (
    select q.rowid as row_id, p.name
    from (select rowid, speaker_id from quotes
          where $all or id in (select unnest($quotes)) or speaker_id in (select unnest($people))) q
    left join people p on p.id = q.speaker_id
) t
where quotes.rowid = t.row_id and quotes.speaker_name is distinct from t.name;

-- name: title_quotes
update quotes set event_title = t.title
from (
    with picked as (
        select rowid as row_id, event_id from quotes
        where event_id is not null
          and ($all or id in (select unnest($quotes)) or event_id in (select unnest($events)))
    )
    select * from event_titles('picked')
) t
where quotes.rowid = t.row_id and quotes.event_title is distinct from t.title;

-- name: title_detentions
update detentions set released_in_title = t.title
from (
    with picked as (
        select rowid as row_id, released_in as event_id from detentions
        where released_in is not null
          and ($all or person_id in (select unnest($people)) or released_in in (select unnest($events)))
    )
    select * from event_titles('picked')
) t
where detentions.rowid = t.row_id and detentions.released_in_title is distinct from t.title;

-- name: partners_detentions
-- (also for the spells released in an event one of $people is exchanged in: a partner renamed or gone)
update detentions set released_for = f.names
from (
    select d.rowid as row_id, string_agg(distinct p.name, '; ' order by p.name) as names
    from detentions d
    left join (select person_id, event_id, unnest(partner_ids) as partner_id from leg_people) x
           on x.person_id = d.person_id and x.event_id = d.released_in
    left join people p on p.id = x.partner_id
    where d.released_in is not null
      and ($all or d.person_id in (select unnest($people)) or d.released_in in (select unnest($events))
           or d.released_in in (select event_id from leg_people where person_id in (select unnest($people))))
    group by d.rowid
) f
where detentions.rowid = f.row_id;

-- name: names_legs
update legs set people_names = n.names
from (
    with touched as (  -- the events written, and those in which a person written is exchanged
        select unnest($events) as event_id
        union select event_id from leg_people where len($people) > 0 and person_id in (select unnest($people))
    )
    select l.rowid as row_id, list(p.name order by p.name) filter (where p.name is not null) as names
    from (select rowid, event_id, seq from legs where $all or event_id in (select event_id from touched)) l
    left join (select event_id, leg_seq, person_id from leg_people
               where $all or event_id in (select event_id from touched)) x
           on x.event_id = l.event_id and x.leg_seq = l.seq
    left join people p on p.id = x.person_id
    group by l.rowid
) n
where legs.rowid = n.row_id and legs.people_names is distinct from n.names;

-- name: label_events
update events set sources_label = l.label from labels_of('events', $all, $events, $sources) l where l.id = events.id;

-- name: label_people
update people set sources_label = l.label from labels_of('people', $all, $people, $sources) l where l.id = people.id;

-- name: label_quotes
update quotes set sources_label = l.label from labels_of('quotes', $all, $quotes, $sources) l where l.id = quotes.id;

-- name: label_values
-- The sources of each version of a disputed fact (the record's own, or a source it cites, changed).
update disagreement_values set sources_label = l.label
from (
    select v.disagreement_id, v.seq, sources_named(s.outlet, s.url) as label
    from (select disagreement_id, seq, unnest(source_ids) as source_id from disagreement_values
          where $all or list_has_any(source_ids, $sources) or disagreement_id in (
              select id from disagreements
              where (record_type = 'event' and record_id in (select unnest($events)))
                 or (record_type = 'person' and record_id in (select unnest($people)))
                 or (record_type = 'quote' and record_id in (select unnest($quotes))))) v
    join sources s on s.id = v.source_id
    group by v.disagreement_id, v.seq
) l
where l.disagreement_id = disagreement_values.disagreement_id and l.seq = disagreement_values.seq;

-- name: source_citing
-- How many records cite these sources (read before they are deleted, to be put back if rewritten).
select id, records_citing from sources where id in (select unnest($ids));

-- name: restore_citing
-- The counts of rewritten sources, as they were ($ids and $counts side by side).
update sources set records_citing = c.records
from (select unnest($ids) as id, unnest($counts) as records) c
where c.id = sources.id;

-- name: event_prints
-- For some events, one sum of hashes per part of them the writer counts over every event: compared
-- before and after an edit, an unchanged sum means the counts that read that part need not be redone
-- (see EVENT_PRINTS in swapwatch/livedb.py). timeline: what the timeline's points read; legs: what the
-- country pairs, the flows and the countries' people moved read; roles: the countries' events, mediations
-- and hostings; counted: the headline figures and the countries' venues; links: which events are
-- programmes of staged swaps.
select
    (select coalesce(sum(hash(id, kind, status, date_start, title, date)), 0)
     from events where id in (select unnest($ids))) as timeline,
    (select coalesce(sum(hash(event_id, seq, from_country, to_country, count, grp, event_kind, first_of_flow)), 0)
     from legs where event_id in (select unnest($ids))) as legs,
    (select coalesce(sum(hash(event_id, country, role, first_of_country)), 0)
     from event_countries where event_id in (select unnest($ids))) as roles,
    (select coalesce(sum(hash(id, kind, status, place_country, people_moved, people_low, people_high,
                              people_disputed)), 0)
     from events where id in (select unnest($ids))) as counted,
    (select coalesce(sum(hash(event_id, linked_event_id, relation)), 0)
     from event_links where event_id in (select unnest($ids))) as links;

-- name: source_labels
-- How these sources are named in a sources column (to tell whether an edit renamed them).
select id, source_label(outlet, url) from sources where id in (select unnest($ids));

-- name: checkpoint
checkpoint;

-- name: busiest_country
-- (benchmark) the country in most events, to time the queries with a country filter
select country from event_countries group by country order by count(*) desc, country limit 1;

-- name: some_person
-- (benchmark) a person to time the profile queries with
select id from people order by id limit 1;

-- name: insert_countries
insert into countries select unnest($codes), unnest($names), 0, 0, 0, 0, 0, 0, null, null;

-- name: memory_settings
-- (benchmark) how much memory DuckDB may use, to report with the figures
select name, value from duckdb_settings() where name in ('memory_limit', 'threads', 'temp_directory');
